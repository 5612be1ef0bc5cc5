"""`python -m bot grade`: the JSON-lines contract."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from bot.cli_grade import grade_line, run_stream
from knowledge.grader import grader_for
from knowledge.loader import load_pack

ROOT = Path(__file__).resolve().parent.parent


def test_stream_in_order_with_bad_lines():
    g = grader_for(load_pack())
    inp = io.StringIO("\n".join([
        json.dumps({"expected": "MINUSCA", "given": "minuska"}),
        "not json",
        json.dumps({"expected": "South Sudan", "given": "Sudan"}),
        json.dumps([1, 2]),
        json.dumps({"expected": None, "given": "x"}),
        json.dumps({"expected": "2017", "given": "2017"}),
    ]) + "\n")
    out = io.StringIO()
    run_stream(g, inp, out)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r["correct"] for r in rows] == [True, False, False, False, False, True]
    assert "error" in rows[1] and "error" in rows[3] and "error" in rows[4]
    assert rows[0]["expected"] == "MINUSCA" and rows[0]["given"] == "minuska"
    assert rows[2]["reason"]


def test_blank_line_keeps_one_output_per_input():
    g = grader_for(load_pack())
    assert grade_line(g, "")["correct"] is False


def test_subprocess_contract():
    lines = [{"expected": "MINUSCA", "given": "MINUSMA"},
             {"expected": "Jean-Pierre Lacroix", "given": "Lacroix"},
             {"expected": "UNMISS", "given": "UNMIS"}]
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "grade", "--json", "-"], cwd=ROOT, text=True,
        input="".join(json.dumps(x) + "\n" for x in lines), capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [r["correct"] for r in rows] == [False, True, False]
    one = subprocess.run([sys.executable, "-m", "bot", "grade", "MINUSCA", "minuska"],
                         cwd=ROOT, text=True, capture_output=True, timeout=60)
    assert one.returncode == 0 and one.stdout.startswith("correct")
