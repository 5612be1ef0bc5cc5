"""CLI subcommands that never touch Discord: ask, check, facts."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from knowledge.loader import Pack, PackError, load_pack
from knowledge.model import Fact


def _report(exc: PackError) -> None:
    for p in exc.problems:
        print(f"error: {p}", file=sys.stderr)
    print("error: the pack cannot be loaded; run 'python -m bot check' for details",
          file=sys.stderr)


def load_or_report(pack_dir: str | None) -> Pack | None:
    """The pack, or None after printing its problems to stderr (for a clean exit 1)."""
    try:
        return load_pack(pack_dir)
    except PackError as exc:
        _report(exc)
        return None


def _load(args: argparse.Namespace) -> Pack | None:
    return load_or_report(args.pack)


def _ask_one(engine, question: str, as_json: bool, out: TextIO) -> None:
    from bot.render import reply_to_json, reply_to_text
    from commands.ask import ask

    reply = ask(engine, question)
    if as_json:
        out.write(json.dumps(reply_to_json(reply, question), ensure_ascii=False) + "\n")
    else:
        out.write(reply_to_text(reply) + "\n")
    out.flush()


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question, or one a line from stdin with '-'."""
    from knowledge.cache import load_engine

    try:
        engine = load_engine(args.pack)
    except PackError as exc:
        _report(exc)
        return 1
    words = args.question
    if words == ["-"]:
        for line in sys.stdin:
            _ask_one(engine, line.rstrip("\r\n"), args.json, sys.stdout)
        return 0
    _ask_one(engine, " ".join(words), args.json, sys.stdout)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a pack: `file:line: message` lines and exit 1, or a coverage line and exit 0."""
    from knowledge.validate import validate

    report = validate(args.pack)
    for p in report.problems:
        print(str(p))
    if report.problems:
        print(f"{len(report.problems)} problem(s) found", file=sys.stderr)
        return 1
    pack, cov = report.pack, report.coverage
    assert pack is not None and cov is not None
    print(f"pack {pack.id}: {len(pack.entities)} entities, {len(pack.facts)} facts, "
          f"{len(pack.quiz)} quiz items")
    print(f"coverage: {cov.cited}/{cov.total} sentences ({cov.percent:.1f}%)")
    for s in cov.uncited:
        print(f"  not cited [{s.section}]: {s.text[:100]}")
    return 0


def fact_to_json(fact: Fact) -> dict:
    p = fact.provenance
    out: dict = {
        "id": fact.id,
        "title": fact.title,
        "questions": list(fact.questions),
        "answer": fact.answer,
        "entities": list(fact.entities),
        "see_also": list(fact.see_also),
    }
    if p.curated:
        out["curated"] = {"note": p.note, "reference": p.reference}
    else:
        out["source"] = {"section": p.section, "quote": p.quote}
    return out


def cmd_facts(args: argparse.Namespace) -> int:
    """Print every fact (JSON array with --json, else one line each)."""
    pack = _load(args)
    if pack is None:
        return 1
    if args.json:
        json.dump([fact_to_json(f) for f in pack.facts.values()], sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for f in pack.facts.values():
            print(f"{f.id}: {f.questions[0] if f.questions else ''}")
    return 0
