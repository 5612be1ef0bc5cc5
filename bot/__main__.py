"""`python -m bot SUBCOMMAND`: the CLI. Each subcommand imports only what it needs, so the
`ask` path never pays for discord.py."""

from __future__ import annotations

import argparse
import sys


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bot",
        description="USG-PKO study bot: answers questions about UN peacekeeping leadership.",
    )
    sub = p.add_subparsers(dest="cmd", metavar="COMMAND")

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.add_argument("--pack", metavar="DIR", help="knowledge pack folder (default: shipped)")
        return sp

    a = add("ask", "answer a question (or '-' to read one question a line from stdin)")
    a.add_argument("--json", action="store_true", help="print JSON (one object a line)")
    a.add_argument("question", nargs="*", help="the question, or '-' for stdin")
    g = add("grade", "grade quiz answers: stdin lines {\"expected\": ..., \"given\": ...}")
    g.add_argument("--json", action="store_true", help="JSON lines in and out (the default)")
    g.add_argument("pair", nargs="*", help="EXPECTED GIVEN, or '-' for stdin")
    add("check", "validate a pack and report coverage of the source document")
    f = add("facts", "list every fact")
    f.add_argument("--json", action="store_true", help="print a JSON array")
    c = add("commands", "print the Discord application-command payloads")
    c.add_argument("--json", action="store_true", help="print JSON (the default)")
    add("chat", "console chat: the Discord bot's twin in a terminal")
    r = add("run", "run the Discord bot")
    r.add_argument("--config", metavar="FILE", help="config file (default: config.yaml)")
    s = add("sync", "push the application commands to Discord")
    s.add_argument("--config", metavar="FILE", help="config file (default: config.yaml)")
    s.add_argument("--guild", type=int, metavar="ID", help="sync to one guild (instant)")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.cmd is None:
        parser.print_help()
        return 0
    if args.cmd in ("ask", "check", "facts"):
        from bot import cli

        return getattr(cli, f"cmd_{args.cmd}")(args)
    if args.cmd == "grade":
        from bot import cli_grade

        return cli_grade.cmd_grade(args)
    if args.cmd == "chat":
        from bot import console

        return console.cmd_chat(args)
    from bot import discord_cli  # run, sync, commands: the only paths that import discord

    return getattr(discord_cli, f"cmd_{args.cmd}")(args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
