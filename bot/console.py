"""`python -m bot chat`: the Discord bot's twin in a terminal (or driven through a pipe).

Free text asks. Slash commands: /ask, /mission, /official, /topic, /missions, /help, /about,
/quit. After "Did you mean", type the number of a choice (the console's buttons).

Other /commands go to `bot.console_quiz.COMMANDS` when that module exists: a dict from the
command name (without the slash) to a callable `handler(ctx: ConsoleContext, arg: str)` that
returns a Reply, a str, or None (it may also write to `ctx.out` itself).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from bot.cli import load_or_report
from bot.render import reply_to_text
from commands.ask import ask, fact_reply
from commands.help import about_reply, help_reply
from commands.lookup import (
    MISSION_KINDS,
    OFFICIAL_KINDS,
    TOPIC_KINDS,
    entity_card,
    lookup,
    missions,
)
from commands.reply import Action, Reply
from knowledge.engine import Engine
from knowledge.model import Pack

PROMPT = "> "
EXTRA_MODULE = "bot.console_quiz"
CONSOLE_COMMANDS = (("/quit", "Leave the chat (or end the input)."),
                    ("1, 2, 3", "Pick a \"did you mean\" choice by its number."))


@dataclass
class ConsoleContext:
    """What a console command handler gets: the pack, the engine, the output, a user id."""

    pack: Pack
    engine: Engine
    out: TextIO
    user: str = "console"
    state: dict[str, Any] = field(default_factory=dict)


def _extra_commands() -> dict[str, Callable[..., Any]]:
    """`bot.console_quiz.COMMANDS` when the module exists (imported lazily), else {}."""
    if importlib.util.find_spec(EXTRA_MODULE) is None:
        return {}
    module = importlib.import_module(EXTRA_MODULE)
    return {name.lstrip("/"): fn for name, fn in getattr(module, "COMMANDS", {}).items()}


class Console:
    """One chat session: reads lines, writes the same content the Discord embeds carry."""

    def __init__(self, pack: Pack, engine: Engine | None = None, out: TextIO = sys.stdout,
                 extra: dict[str, Callable[..., Any]] | None = None) -> None:
        self.ctx = ConsoleContext(pack, engine or Engine(pack), out)
        self.extra = _extra_commands() if extra is None else extra
        self.choices: list[Action] = []

    @property
    def pack(self) -> Pack:
        return self.ctx.pack

    def show(self, reply: Reply) -> None:
        self.choices = list(reply.suggestions)
        self.ctx.out.write(reply_to_text(reply) + "\n\n")
        self.ctx.out.flush()

    def _pick(self, number: int) -> Reply | None:
        if not 1 <= number <= len(self.choices):
            return None
        action = self.choices[number - 1]
        if action.kind == "fact" and action.target in self.pack.facts:
            return fact_reply(self.pack, self.pack.facts[action.target])
        if action.kind == "entity" and action.target in self.pack.entities:
            return entity_card(self.pack, self.pack.entities[action.target])
        return None

    def _help(self) -> Reply:
        extra = [(f"/{name}", (getattr(fn, "__doc__", None) or "").strip().split("\n")[0])
                 for name, fn in self.extra.items()]
        return help_reply(self.pack, [*CONSOLE_COMMANDS, *extra])

    def command(self, name: str, arg: str) -> Reply | str | None:
        """Run one /command; returns what to show."""
        kinds = {"mission": (MISSION_KINDS, "mission"), "official": (OFFICIAL_KINDS, "official"),
                 "topic": (TOPIC_KINDS, "topic")}
        if name in kinds:
            if not arg:
                return f"Usage: /{name} NAME (for example /mission MINUSCA)"
            return lookup(self.pack, kinds[name][0], arg, kinds[name][1])
        if name == "missions":
            return missions(self.pack)
        if name == "ask":
            return ask(self.ctx.engine, arg)
        if name == "help":
            return self._help()
        if name == "about":
            return about_reply(self.pack)
        if name in self.extra:
            return self.extra[name](self.ctx, arg)
        return f"Unknown command /{name}. Type /help for the list."

    def _free_text(self, line: str) -> Reply | str | None:
        """A running quiz takes plain text as an answer; otherwise it is a question."""
        hook = getattr(importlib.import_module(EXTRA_MODULE), "free_text", None) \
            if self.extra else None
        taken = hook(self.ctx, line) if hook else None
        return taken if taken is not None else ask(self.ctx.engine, line)

    def handle(self, line: str) -> bool:
        """Handle one input line; False when the session should end."""
        line = line.strip()
        if not line:
            return True
        if line.isdigit() and self.choices:
            picked = self._pick(int(line))
            if picked is not None:
                self.show(picked)
                return True
        if line.startswith("/"):
            name, _, arg = line[1:].partition(" ")
            name = name.lower()
            if name in ("quit", "exit", "q"):
                return False
            result = self.command(name, arg.strip())
        else:
            result = self._free_text(line)
        if isinstance(result, Reply):
            self.show(result)
        elif result:
            self.ctx.out.write(f"{result}\n\n")
            self.ctx.out.flush()
        return True

    def run(self, lines: TextIO, interactive: bool = False) -> int:
        """Read until EOF or /quit; exit code 0."""
        if interactive:
            self.ctx.out.write(f"{self.pack.title}: ask a question, or /help. /quit to leave.\n")
        while True:
            if interactive:
                self.ctx.out.write(PROMPT)
                self.ctx.out.flush()
            line = lines.readline()
            if not line:
                return 0
            if not self.handle(line):
                return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """The console chat: stdin line by line, EOF or /quit exits 0."""
    pack = load_or_report(args.pack)
    if pack is None:
        return 1
    console = Console(pack)
    try:
        return console.run(sys.stdin, interactive=sys.stdin.isatty())
    except KeyboardInterrupt:
        return 0
