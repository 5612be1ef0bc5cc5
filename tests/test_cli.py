"""The CLI contracts other tools rely on (design.md section 5), run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ASK_KEYS = {"question", "answered", "title", "answer", "fact_id", "confidence", "see_also",
            "suggestions", "source"}


def run(*args: str, stdin: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, env=env)


def test_ask_json_has_the_contract_fields():
    out = run("ask", "--json", "Who appoints the USG-PKO?")
    assert out.returncode == 0, out.stderr
    obj = json.loads(out.stdout)
    assert ASK_KEYS <= obj.keys()
    assert obj["answered"] is True and "Secretary-General" in obj["answer"]
    assert isinstance(obj["fact_id"], str) and 0.0 <= obj["confidence"] <= 1.0
    assert obj["source"]["section"] and obj["source"]["quote"]
    assert all(link["url"].startswith("https://") for link in obj["see_also"])


def test_ask_json_when_declining():
    obj = json.loads(run("ask", "--json", "what is UNIFIL").stdout)
    assert obj["answered"] is False
    assert obj["answer"] is None and obj["fact_id"] is None
    assert isinstance(obj["suggestions"], list)


def test_batch_answers_one_line_per_question_in_order():
    questions = ["when did UNAMID end?", "", "what is MINURSO", "what is minuska"]
    out = run("ask", "--json", "-", stdin="\n".join(questions) + "\n")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == len(questions)
    objs = [json.loads(line) for line in lines]
    assert [o["question"] for o in objs] == questions
    assert objs[0]["answered"] and "2020" in objs[0]["answer"]
    assert objs[1]["answered"] is False  # empty line: a usage hint, not a crash
    assert objs[2]["answered"] is False
    assert objs[3]["answered"] and "Central African Republic" in objs[3]["answer"]


def test_batch_output_is_flushed_per_line():
    proc = subprocess.Popen([sys.executable, "-m", "bot", "ask", "--json", "-"], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        proc.stdin.write("what is MONUSCO?\n")
        proc.stdin.flush()
        line = proc.stdout.readline()  # would block forever if the answer sat in a buffer
        assert json.loads(line)["question"] == "what is MONUSCO?"
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


def test_plain_ask_is_readable_with_source_and_see_also():
    out = run("ask", "When", "was", "MINUSMA", "established?")
    assert out.returncode == 0
    assert "2013" in out.stdout
    assert "Source:" in out.stdout and "See also:" in out.stdout


def test_ask_does_not_echo_mentions_that_could_ping():
    obj = json.loads(run("ask", "--json", "@everyone who is <@123> Lacroix?").stdout)
    assert "@everyone" not in json.dumps(obj["answer"] or "") + obj["message"]


def test_facts_json_lists_every_fact_with_provenance():
    out = run("facts", "--json")
    facts = json.loads(out.stdout)
    assert len(facts) >= 100
    for f in facts:
        assert {"id", "questions", "answer", "entities", "see_also"} <= f.keys()
        assert ("source" in f) != ("curated" in f)


def test_check_passes_on_the_shipped_pack_with_coverage_line():
    out = run("check")
    assert out.returncode == 0, out.stdout
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("coverage: "))
    cited, total = line.split()[1].split("/")
    assert int(cited) / int(total) >= 0.95


def test_check_reports_a_broken_pack_with_file_and_line(tmp_path):
    pack = tmp_path / "broken"
    pack.mkdir()
    (pack / "pack.yaml").write_text("id: broken\n", encoding="utf-8")
    (pack / "source.txt").write_text("Title\nSome text.\n", encoding="utf-8")
    (pack / "entities.yaml").write_text("- id: x\n  kind: mission\n  name: [unclosed\n",
                                        encoding="utf-8")
    out = run("check", "--pack", str(pack))
    assert out.returncode == 1
    assert "broken/entities.yaml:4: YAML syntax" in out.stdout
    assert "started on line 3" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


@pytest.mark.parametrize("command", [["ask", "hello"], ["facts", "--json"], ["check"]])
def test_unknown_pack_is_a_clear_error(tmp_path, command):
    out = run(*command, "--pack", str(tmp_path / "missing"))
    assert out.returncode == 1
    assert "pack folder not found" in out.stdout + out.stderr
    assert "Traceback" not in out.stderr


def test_ask_path_does_not_import_discord():
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "bot", "ask", "--json",
                          "who runs UN peacekeeping?"], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0
    assert not [ln for ln in out.stderr.splitlines() if ln.rstrip().endswith(" discord")]
