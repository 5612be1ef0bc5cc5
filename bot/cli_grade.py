"""`python -m bot grade`: grade typed quiz answers (design.md section 5).

    python -m bot grade --json -          stdin lines {"expected": ..., "given": ...}
    python -m bot grade EXPECTED GIVEN    one result

Each input line gives one output line, in order, flushed at once: {"correct": bool,
"expected": ..., "given": ..., "reason": ...}. A bad line gives {"correct": false, "error": ...}
and the next line is read as usual.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from bot.cli import load_or_report
from knowledge.grader import Grader, grader_for


def grade_obj(grader: Grader, obj: Any) -> dict[str, Any]:
    """The output object for one decoded input object."""
    if not isinstance(obj, dict):
        return {"correct": False, "error": "expected a JSON object with 'expected' and 'given'"}
    expected, given = obj.get("expected"), obj.get("given")
    if not isinstance(expected, str | int | float) or isinstance(expected, bool):
        return {"correct": False, "expected": expected, "given": given,
                "error": "'expected' must be a string"}
    if given is None:
        given = ""
    if not isinstance(given, str | int | float) or isinstance(given, bool):
        return {"correct": False, "expected": expected, "given": given,
                "error": "'given' must be a string"}
    g = grader.grade(str(expected), str(given))
    out: dict[str, Any] = {"correct": g.correct, "expected": expected, "given": given,
                           "reason": g.reason}
    if g.matched is not None:
        out["matched"] = g.matched
    return out


def grade_line(grader: Grader, line: str) -> dict[str, Any]:
    """One stdin line to one output object (a blank line is a bad line: one in, one out)."""
    if not line.strip():
        return {"correct": False, "error": "empty line"}
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return {"correct": False, "error": f"bad JSON: {exc}"[:200]}
    try:
        return grade_obj(grader, obj)
    except Exception as exc:  # noqa: BLE001 - one bad line must not stop the stream
        return {"correct": False, "error": f"{exc.__class__.__name__}: {exc}"[:200]}


def run_stream(grader: Grader, inp: TextIO, out: TextIO) -> None:
    for line in inp:
        result = grade_line(grader, line.rstrip("\r\n"))
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()


def cmd_grade(args: argparse.Namespace) -> int:
    pack = load_or_report(args.pack)
    if pack is None:
        return 1
    grader = grader_for(pack)
    pair = list(getattr(args, "pair", None) or [])
    if pair in ([], ["-"]):
        run_stream(grader, sys.stdin, sys.stdout)
        return 0
    if len(pair) != 2:
        print("usage: python -m bot grade EXPECTED GIVEN  (or: grade --json - < lines)",
              file=sys.stderr)
        return 2
    result = grade_obj(grader, {"expected": pair[0], "given": pair[1]})
    if getattr(args, "json", False):
        print(json.dumps(result, ensure_ascii=False), flush=True)
    else:
        mark = "correct" if result["correct"] else "wrong"
        print(f"{mark}: {result.get('reason') or result.get('error')}", flush=True)
    return 0
