"""The question bank: size, derived items, distractor rules, every shipped item validates."""

from __future__ import annotations

import random

import pytest

from knowledge.grader import clean, grade
from knowledge.loader import load_pack
from knowledge.model import QuizItem
from knowledge.quizbank import QuizBank
from knowledge.validate import validate


@pytest.fixture(scope="module")
def pack():
    return load_pack()


@pytest.fixture(scope="module")
def bank(pack):
    return QuizBank(pack)


def test_at_least_60_distinct_items(bank, pack):
    assert len(bank) >= 60
    assert len({clean(i.question) for i in bank.items}) == len(bank)
    assert len({i.id for i in bank.items}) == len(bank)
    assert any(i.derived for i in bank.items) and len(pack.quiz) >= 25


def test_derived_items_from_entity_fields(bank):
    by_q = {i.question: i.answer for i in bank.items}
    assert by_q["Which UN peacekeeping mission was deployed in Mali?"] == "MINUSMA"
    assert by_q["Who was Under-Secretary-General for Peacekeeping Operations from 2011 to "
                "2017?"] == "Hervé Ladsous"
    assert by_q["Which UN department was responsible for logistics, engineering and "
                "administrative backing for field operations?"] == "Department of Field Support"
    assert by_q["What does MINUSCA stand for?"].endswith("in the Central African Republic")


def test_every_shipped_item_validates(pack, bank):
    report = validate()
    assert report.problems == [], [str(p) for p in report.problems]
    assert bank.problems() == []
    for item in bank.items:
        assert grade(pack, item, item.answer).correct, item.id


def test_distractors_never_the_answer_never_repeated_same_kind(pack, bank):
    rng = random.Random(5)
    for item in bank.items:
        for _ in range(3):
            options = bank.choices(item, rng)
            if not options:
                assert bank.typed_ok(item), item.id
                continue
            assert options.count(item.answer) == 1, item.id
            keys = [clean(o) for o in options]
            assert len(set(keys)) == len(keys), (item.id, options)
            for o in options:
                if o != item.answer:
                    assert not grade(pack, item, o).correct, (item.id, o)
        owners = bank.answer_entities(item)
        if owners and not item.distractors:
            kinds = {pack.entities[o].kind for o in owners}
            for d in bank.distractors(item):
                dk = {f.owner for f in bank.grader.by_text.get(clean(d), [])}
                assert {pack.entities[x].kind for x in dk if x in pack.entities} & kinds


def test_subject_is_never_an_option(pack, bank):
    for item in bank.items:
        if item.entity and item.entity not in bank.answer_entities(item):
            names = {clean(n) for n in pack.entities[item.entity].names}
            assert not names & {clean(d) for d in bank.distractors(item, 10)}, item.id


def test_topics_and_select(bank):
    topics = bank.topics()
    assert topics["all"] == len(bank) and topics["missions"] >= 10
    rng = random.Random(1)
    picked = bank.select("missions", 5, rng)
    assert len(picked) == 5 and all(bank.topic_of[i.id] == "missions" for i in picked)
    typed = bank.select(None, 200, rng, typed=True)
    assert typed and all(bank.typed_ok(i) for i in typed)


def test_a_bad_item_is_reported(pack):
    bad = QuizItem(id="bad", question="Where?", answer="MINUSCA",
                   distractors=("Minuska", "MINUSMA"), file="quiz.yaml", line=3)
    pack2 = load_pack()
    pack2.quiz = {**pack2.quiz, "bad": bad}
    problems = QuizBank(pack2).problems()
    assert any("bad" in p.message and "distractor" in p.message for p in problems)
