"""Help and about: what the bot can do, and what it knows."""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from commands.reply import Reply
from knowledge.model import Pack

DIST_NAME = "usgpko-bot"

# (usage, what it does): shared by Discord's /help and the console's /help.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("/ask question", "Ask anything about the USG-PKO, its departments, officials and missions."),
    ("/mission name", "A mission's card: where, status, dates, focus, links."),
    ("/official name", "An official's card: role, tenure, predecessor and successor."),
    ("/topic name", "Departments, bodies, places, concepts and debates."),
    ("/missions", "Every mission in the fact base."),
    ("/help", "This help."),
    ("/about", "Version, knowledge pack, fact count and source document."),
)

EXAMPLES: tuple[str, ...] = (
    "Who appoints the USG-PKO?",
    "Who runs UN peacekeeping now?",
    "What is MINUSCA?",
    "When did UNAMID end?",
    "What replaced DPKO?",
)


def version() -> str:
    """The installed version, or the one in pyproject.toml when run from a checkout."""
    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:
        pass
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        m = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(encoding="utf-8"), re.M)
    except OSError:
        m = None
    return m.group(1) if m else "unknown"


def help_reply(pack: Pack, extra: Iterable[tuple[str, str]] = (),
               intro: str | None = None) -> Reply:
    """One field per command (the shared ones plus `extra`), then example questions."""
    rows = list(COMMANDS)
    seen = {usage.split()[0] for usage, _ in rows}
    rows += [(u, d) for u, d in extra if u.split()[0] not in seen]
    return Reply(
        title="How to use me",
        text=intro or (f"I answer questions about the {pack.title}, from one curated source "
                       "document. Ask in plain words; if I'm unsure I say so and offer choices."),
        kind="help",
        answered=True,
        fields=[*rows, ("Example questions", " · ".join(EXAMPLES))],
    )


def about_reply(pack: Pack) -> Reply:
    """Version, pack, counts and the source document."""
    source = f"{pack.source_title} ({len(pack.sections)} sections, " \
             f"{len(pack.source_text.split())} words)"
    return Reply(
        title="About this bot",
        text=("A study-and-answer bot about UN peacekeeping leadership. Answers come from a "
              "curated fact base; each cites the source document section, or is marked curated "
              "with a public reference."),
        kind="help",
        answered=True,
        fields=[
            ("Version", version()),
            ("Knowledge pack", f"{pack.title} ({pack.id})"),
            ("Facts as of", pack.as_of or "unknown"),
            ("Facts", str(len(pack.facts))),
            ("Entities", str(len(pack.entities))),
            ("Quiz items", str(len(pack.quiz))),
            ("Source document", source),
        ],
    )
