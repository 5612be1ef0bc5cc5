"""Benchmark the answer engine: accuracy and abstention, latency, start-up, and scale.

    .venv/bin/python bench/answers.py            # human-readable report
    .venv/bin/python bench/answers.py --json     # one JSON object
    .venv/bin/python bench/answers.py --quick    # skip the 10,000-fact pack

Measures, on this machine:
- accuracy (answerable questions answered correctly) and abstention (out-of-scope and
  lookalike questions declined) on the development sets (tests/data) and bench/data; the
  shipped calibration is fitted on all of them (`bench/calibrate.py --all`), so these figures
  flatter: the honest ones are the sealed sets and the cross-validation in README;
- per-question latency p50/p99 answering the questions in one process (batch);
- start-up of a one-shot `python -m bot ask --json` over bare Python (median of runs);
- the same latency, and build time, on a generated pack of 10,000 facts.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.devset import evaluate, load_items  # noqa: E402
from knowledge.engine import Engine  # noqa: E402
from knowledge.loader import DEFAULT_PACK, load_pack  # noqa: E402


def _sets() -> dict[str, tuple[Path, Path]]:
    """Every development set (tests/data/devN_answerable.yaml with its devN_decline.yaml twin),
    in the order they were written, then the holdout."""
    def number(path: Path) -> int:
        digits = path.name.split("_")[0][3:]
        return int(digits) if digits else 1
    found = sorted((ROOT / "tests/data").glob("dev*_answerable.yaml"), key=number)
    sets = {p.name.split("_")[0]: (p, p.with_name(p.name.replace("answerable", "decline")))
            for p in found}
    sets["holdout"] = (ROOT / "bench/data/holdout_answerable.yaml",
                       ROOT / "bench/data/holdout_decline.yaml")
    return sets


SETS = _sets()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def latency(engine: Engine, questions: list[str], rounds: int = 3) -> dict:
    for q in questions[:20]:
        engine.answer(q)  # warm caches
    times = []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            engine.answer(q)
            times.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": round(percentile(times, 0.5), 3), "p99_ms": round(percentile(times, 0.99), 3),
            "mean_ms": round(statistics.fmean(times), 3), "n": len(times)}


def startup(runs: int = 7) -> dict:
    def timed(cmd: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True)
        return (time.perf_counter() - t) * 1000

    bare = statistics.median(timed([sys.executable, "-c", "pass"]) for _ in range(runs))
    ask = statistics.median(
        timed([sys.executable, "-m", "bot", "ask", "--json", "Who appoints the USG-PKO?"])
        for _ in range(runs))
    return {"bare_python_ms": round(bare, 1), "ask_ms": round(ask, 1),
            "over_bare_ms": round(ask - bare, 1)}


def generated_pack(n_facts: int, folder: Path) -> Path:
    """A pack of `n_facts` facts: the shipped ones, reworded and multiplied."""
    rng = random.Random(7)
    pack = load_pack()
    out = folder / "big"
    shutil.copytree(DEFAULT_PACK, out, ignore=shutil.ignore_patterns("facts"))
    (out / "facts").mkdir()
    base = list(pack.facts.values())
    fillers = ["exactly", "really", "in short", "in brief", "briefly", "today", "overall"]
    facts = []
    for i in range(n_facts):
        f = base[i % len(base)]
        tag = f"variant {i}"
        questions = [f"{q.rstrip('?')} {rng.choice(fillers)} {tag}?" for q in f.questions]
        facts.append({"id": f"{f.id}-{i}", "questions": questions, "answer": f.answer,
                      "entities": list(f.entities), "see_also": list(f.see_also),
                      "curated": {"note": "generated for the benchmark",
                                  "reference": "https://example.org/"}})
    with open(out / "facts" / "generated.yaml", "w", encoding="utf-8") as fh:
        yaml.safe_dump(facts, fh, sort_keys=False, allow_unicode=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--quick", action="store_true", help="skip the 10,000-fact pack")
    ap.add_argument("--facts", type=int, default=10_000, help="size of the generated pack")
    args = ap.parse_args()

    report: dict = {}
    t = time.perf_counter()
    pack = load_pack()
    engine = Engine(pack)
    report["shipped"] = {"facts": len(pack.facts), "phrasings": sum(len(f.questions)
                                                                    for f in pack.facts.values()),
                         "load_and_build_ms": round((time.perf_counter() - t) * 1000, 1)}
    questions: list[str] = []
    for name, (ans_path, dec_path) in SETS.items():
        answerable, decline = load_items(ans_path), load_items(dec_path)
        score = evaluate(engine, answerable, decline)
        report[name] = {"answerable": len(answerable), "accuracy": round(score.accuracy, 3),
                        "decline": len(decline), "declined": round(score.decline_rate, 3)}
        questions += [str(x["q"]) for x in answerable + decline]
    report["latency_shipped"] = latency(engine, questions)
    report["startup"] = startup()
    if not args.quick:
        with tempfile.TemporaryDirectory() as tmp:
            big_dir = generated_pack(args.facts, Path(tmp))
            t = time.perf_counter()
            big = Engine(load_pack(big_dir))
            build = (time.perf_counter() - t) * 1000
            report["latency_generated"] = dict(latency(big, questions[:200], rounds=1),
                                               facts=args.facts, build_ms=round(build, 1))
    if args.json:
        print(json.dumps(report))
        return 0
    for name in SETS:
        r = report[name]
        print(f"{name:8} answered correctly {r['accuracy']:.1%} of {r['answerable']}, "
              f"declined {r['declined']:.1%} of {r['decline']}")
    s = report["shipped"]
    lat = report["latency_shipped"]
    print(f"shipped pack: {s['facts']} facts, {s['phrasings']} phrasings, "
          f"load+build {s['load_and_build_ms']} ms")
    print(f"batch latency: p50 {lat['p50_ms']} ms, p99 {lat['p99_ms']} ms "
          f"({lat['n']} questions)")
    st = report["startup"]
    print(f"one-shot ask: {st['ask_ms']} ms; bare python {st['bare_python_ms']} ms; "
          f"over bare {st['over_bare_ms']} ms")
    if "latency_generated" in report:
        g = report["latency_generated"]
        print(f"generated pack of {g['facts']} facts: build {g['build_ms']} ms, "
              f"p50 {g['p50_ms']} ms, p99 {g['p99_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
