"""The quiz grader: a table of typed answers, plus every lookalike pair in the shipped pack."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from knowledge.grader import Grader, clean, grade, grader_for, max_edits
from knowledge.loader import load_pack
from knowledge.model import QuizItem

TABLE = Path(__file__).parent / "data" / "grade_table.yaml"


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def _rows():
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    for group, rows in data.items():
        for expected, given, correct in rows:
            yield pytest.param(str(expected), str(given), correct, id=f"{group}:{expected}|{given}")


@pytest.mark.parametrize("expected,given,correct", list(_rows()))
def test_table(pack, expected, given, correct):
    g = grade(pack, expected, given)
    assert g.correct is correct, g.reason
    assert g.reason


def _people_and_acronyms(pack, kinds):
    return [e for e in pack.entities.values() if e.kind in kinds]


@pytest.mark.parametrize("kind", ["mission", "official", "place", "department", "body"])
def test_every_entity_is_not_any_other_of_its_kind(pack, kind):
    ents = _people_and_acronyms(pack, {kind})
    for a, b in itertools.permutations(ents, 2):
        shared = {clean(n) for n in a.names} & {clean(n) for n in b.names}
        if shared:
            continue
        for name in b.names:
            g = grade(pack, a.name, name)
            assert not g.correct, f"{name!r} graded as {a.name!r}: {g.reason}"


def test_every_name_of_an_entity_is_accepted(pack):
    vague = {n.casefold() for n in pack.outside.get("ambiguous", ())}
    for ent in pack.entities.values():
        for name in ent.names:
            if name.casefold() in vague:
                assert not grade(pack, ent.name, name).correct, name  # "Congo" for the DRC
                continue
            g = grade(pack, ent.name, name)
            assert g.correct, f"{ent.id}: {name!r} refused: {g.reason}"
            # and any alias works as the expected side too
            assert grade(pack, name, ent.name).correct


def test_outside_names_are_never_pack_entities(pack):
    for ent in pack.entities.values():
        if ent.kind not in ("mission", "official", "place", "department"):
            continue
        for name in pack.refusals:
            assert not grade(pack, ent.name, name).correct, (ent.name, name)


def test_one_slip_of_each_mission_acronym_is_accepted_or_safely_refused(pack):
    g = grader_for(pack)
    for ent in _people_and_acronyms(pack, {"mission"}):
        acr = clean(ent.name)
        swapped = acr[0] + acr[2] + acr[1] + acr[3:]
        verdict = g.grade(ent.name, swapped)
        if verdict.correct:
            assert verdict.matched is not None


def test_tolerance_grows_with_length():
    assert [max_edits(n) for n in (3, 5, 8, 14, 30)] == [0, 1, 2, 3, 5]


def test_quiz_item_aliases_count(pack):
    item = QuizItem(id="x", question="Three areas?", answer="administration",
                    aliases=("admin",))
    assert grade(pack, item, "Admin").correct
    assert grade(pack, item, "administraton").correct
    assert not grade(pack, item, "diplomacy").correct


def test_empty_and_junk(pack):
    assert not grade(pack, "MINUSCA", "").correct
    assert not grade(pack, "MINUSCA", "the").correct
    assert not grade(pack, "MINUSCA", "???").correct
    assert not grade(pack, "MINUSCA", "x" * 5000).correct


def test_grader_is_cached_per_pack(pack):
    assert grader_for(pack) is grader_for(pack)
    assert isinstance(grader_for(pack), Grader)
