"""Development question sets: load them and score the engine on them.

An answerable item is `{q, expect: [..]}`: the answer must contain every expected string
(case- and accent-insensitive; "a|b" accepts either). A decline item is `{q, why}`: the engine
must not answer it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.engine import Answer, Engine
from knowledge.text import fold


@dataclass
class Outcome:
    question: str
    expected: list[str] | None  # None: must decline
    result: Answer

    @property
    def ok(self) -> bool:
        if self.expected is None:
            return not self.result.answered
        return self.result.answered and answer_matches(self.result.fact.answer, self.expected)


@dataclass
class Score:
    answerable: list[Outcome] = field(default_factory=list)
    decline: list[Outcome] = field(default_factory=list)

    @staticmethod
    def _rate(items: list[Outcome]) -> float:
        return sum(o.ok for o in items) / len(items) if items else 1.0

    @property
    def accuracy(self) -> float:
        return self._rate(self.answerable)

    @property
    def decline_rate(self) -> float:
        return self._rate(self.decline)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in (*self.answerable, *self.decline) if not o.ok]


def answer_matches(answer: str, expected: list[str]) -> bool:
    text = fold(answer)
    return all(any(fold(alt.strip()) in text for alt in item.split("|")) for item in expected)


def load_items(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or []


def evaluate(engine: Engine, answerable: list[dict], decline: list[dict]) -> Score:
    score = Score()
    for item in answerable:
        q = str(item["q"])
        score.answerable.append(Outcome(q, [str(e) for e in item["expect"]], engine.answer(q)))
    for item in decline:
        q = str(item["q"])
        score.decline.append(Outcome(q, None, engine.answer(q)))
    return score
