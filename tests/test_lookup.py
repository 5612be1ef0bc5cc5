"""Platform-free lookups: cards, autocomplete, the missions list."""

from __future__ import annotations

import pytest
from discord_harness import shipped_pack

from commands.lookup import (
    ALL_KINDS,
    MISSION_KINDS,
    OFFICIAL_KINDS,
    TOPIC_KINDS,
    autocomplete,
    entity_card,
    find_entity,
    lookup,
    missions,
)


@pytest.fixture(scope="module")
def pack():
    return shipped_pack()


def values(choices):
    return [v for _, v in choices]


def test_autocomplete_empty_lists_by_name(pack):
    for kinds in (MISSION_KINDS, OFFICIAL_KINDS, TOPIC_KINDS):
        choices = autocomplete(pack, kinds, "")
        expected = [e for e in pack.entities.values() if e.kind in kinds]
        assert len(choices) == min(25, len(expected))
        assert all(pack.entities[v].kind in kinds for v in values(choices))
        names = [pack.entities[v].name.casefold() for v in values(choices)]
        assert names == sorted(names)


def test_autocomplete_partial(pack):
    top = values(autocomplete(pack, MISSION_KINDS, "minu"))
    assert set(top[:2]) == {"minusca", "minusma"}
    assert values(autocomplete(pack, OFFICIAL_KINDS, "lacr"))[0] == "jean-pierre-lacroix"
    assert values(autocomplete(pack, TOPIC_KINDS, "dpk"))[0] == "dpko"


@pytest.mark.parametrize(("typed", "expected"), [
    ("minuska", "minusca"), ("minusco", "minusca"), ("monusko", "monusco"),
    ("unamd", "unamid"), ("MINUSCA ", "minusca"),
])
def test_autocomplete_misspelled(pack, typed, expected):
    assert values(autocomplete(pack, MISSION_KINDS, typed))[0] == expected


def test_autocomplete_limits(pack):
    for typed in ("", "a", "un", "de", "peace", "x" * 200, "!!!"):
        for kinds in (MISSION_KINDS, OFFICIAL_KINDS, TOPIC_KINDS, ALL_KINDS):
            choices = autocomplete(pack, kinds, typed)
            assert len(choices) <= 25
            assert all(1 <= len(n) <= 100 and 1 <= len(v) <= 100 for n, v in choices)
    assert autocomplete(pack, MISSION_KINDS, "zzzzqqq") == []


def test_find_entity(pack):
    assert find_entity(pack, MISSION_KINDS, "minusca").id == "minusca"
    assert find_entity(pack, MISSION_KINDS, "Minuska").id == "minusca"
    assert find_entity(pack, MISSION_KINDS, "United Nations Multidimensional Integrated "
                                            "Stabilization Mission in Mali").id == "minusma"
    assert find_entity(pack, MISSION_KINDS, "minu") is None  # two missions: ambiguous
    assert find_entity(pack, MISSION_KINDS, "dpko") is None  # not a mission
    assert find_entity(pack, OFFICIAL_KINDS, "Lacroix").id == "jean-pierre-lacroix"


def test_mission_card(pack):
    card = entity_card(pack, pack.entities["minusma"])
    fields = dict(card.fields)
    assert card.kind == "card" and card.title == "MINUSMA"
    assert fields["Where"].startswith("Mali")
    assert f"Status (as of {pack.as_of})" in fields
    assert "Established" in fields and "Ended" in fields and "Focus" in fields
    assert card.see_also and all(link.url.startswith("https://") for link in card.see_also)
    assert {a.target for a in card.related} <= set(pack.entities)


def test_official_card_has_tenure_and_predecessor(pack):
    fields = dict(entity_card(pack, pack.entities["jean-pierre-lacroix"]).fields)
    assert "Tenure" in fields and fields["Predecessor"]


def test_lookup_unclear_suggests_entities(pack):
    reply = lookup(pack, MISSION_KINDS, "minu", "mission")
    assert reply.kind == "abstain"
    assert {a.target for a in reply.suggestions} >= {"minusca", "minusma"}
    assert all(a.kind == "entity" for a in reply.suggestions)
    none = lookup(pack, MISSION_KINDS, "zzzzqqq", "mission")
    assert none.kind == "abstain" and not none.suggestions and "MINUSCA" in none.text


def test_missions_list(pack):
    reply = missions(pack)
    ms = [e for e in pack.entities.values() if e.kind == "mission"]
    assert len(reply.fields) == len(ms)
    assert any(name.startswith("MINUSCA") for name, _ in reply.fields)


def test_commands_and_knowledge_do_not_import_discord():
    import pathlib

    root = pathlib.Path(__file__).resolve().parent.parent
    for folder in ("commands", "knowledge"):
        for path in (root / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "import discord" not in text and "from discord" not in text, path


def test_autocomplete_is_fast(pack):
    import time

    start = time.perf_counter()
    for typed in ("", "m", "minu", "minuska", "lacroix", "peace operations") * 10:
        autocomplete(pack, ALL_KINDS, typed)
    assert (time.perf_counter() - start) / 60 < 0.05  # well under Discord's 3 s
