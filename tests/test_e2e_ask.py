"""End to end: the real bot (`python -m bot run`) against the fake Discord, asking questions."""

from __future__ import annotations

import pytest
from fakediscord import World
from fakediscord.server import CB_AUTOCOMPLETE, CB_UPDATE

QUESTION = "Who appoints the USG-PKO?"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with World(tmp_path_factory.mktemp("e2e-ask")) as w:
        yield w


def _buttons(msg):
    return [c for row in msg.get("components", []) for c in row.get("components", [])]


def _text(msg):
    parts = [msg.get("content") or ""]
    for e in msg.get("embeds", []):
        parts += [e.get("title") or "", e.get("description") or ""]
        parts += [f.get("value", "") for f in e.get("fields", [])]
    return "\n".join(parts)


def test_mention_gets_an_answer(world):
    ch = world.fake.channel(1)
    since = world.mark()
    world.say(QUESTION, mention_bot=True, channel_id=ch, user=world.new_user())
    msg = world.bot_message(ch, since=since)
    assert "Secretary-General" in _text(msg)
    assert msg.get("message_reference"), "a mention is answered as a reply"


def test_dm_gets_an_answer(world):
    user = world.new_user()
    since = world.mark()
    world.say(QUESTION, dm=True, user=user)
    msg = world.bot_message(since=since)
    assert int(msg["channel_id"]) in world.fake.dm_channels
    assert "Secretary-General" in _text(msg)


def test_unmentioned_channel_message_is_ignored(world):
    ch = world.fake.channel(2)
    since = world.mark()
    world.say(QUESTION, channel_id=ch, user=world.new_user())
    # a mention afterwards is answered, and it is the only message in the channel
    world.say(QUESTION, channel_id=ch, user=world.new_user(), mention_bot=True)
    world.bot_message(ch, since=since)
    assert len(world.fake.bot_messages(ch, since=since)) == 1


def test_slash_ask_gets_an_embed(world):
    h = world.slash("ask", {"question": QUESTION}, user=world.new_user())
    msg = world.response(h)
    assert msg["embeds"], "the answer is an embed"
    embed = msg["embeds"][0]
    assert embed.get("title")
    assert "Secretary-General" in _text(msg)
    assert "Source" in (embed.get("footer") or {}).get("text", "")
    assert h.latency_ms is not None and h.latency_ms < 3000, "acknowledged within 3 s"


def test_mission_autocomplete_gets_choices(world):
    h = world.autocomplete("mission", {"name": "minus"}, "name", user=world.new_user())
    cb = world.acked(h)
    assert cb["type"] == CB_AUTOCOMPLETE
    names = [c["name"] for c in h.choices]
    assert 1 <= len(names) <= 25
    assert all(len(n) <= 100 for n in names)
    assert any("MINUSCA" in n for n in names)


def test_mission_autocomplete_empty_input(world):
    h = world.autocomplete("mission", {"name": ""}, "name", user=world.new_user())
    world.acked(h)
    assert 1 <= len(h.choices) <= 25


def test_mission_card(world):
    h = world.slash("mission", {"name": "minusca"}, user=world.new_user())
    msg = world.response(h)
    assert "MINUSCA" in _text(msg)


def test_did_you_mean_button_answers(world):
    h = world.slash("ask", {"question": "when was it established"}, user=world.new_user())
    msg = world.response(h)
    dym = [b for b in _buttons(msg) if (b.get("custom_id") or "").startswith("usgpko:f:")]
    assert dym, f"an unsure answer offers did-you-mean buttons: {_buttons(msg)}"
    click = world.click(msg, dym[0]["custom_id"], user=world.new_user())
    cb = world.acked(click)
    assert cb["type"] == CB_UPDATE, "the button answers in place"
    answered = world.response(click)
    assert answered["id"] == msg["id"]
    assert answered["embeds"] and answered["embeds"] != msg["embeds"]


def test_related_entity_button_opens_a_card(world):
    h = world.slash("ask", {"question": QUESTION}, user=world.new_user())
    msg = world.response(h)
    related = [b for b in _buttons(msg) if (b.get("custom_id") or "").startswith("usgpko:e:")]
    assert related
    click = world.click(msg, related[0]["custom_id"])
    assert world.acked(click)["type"] == CB_UPDATE
    assert world.response(click)["embeds"]


def test_no_unexpected_requests(world):
    assert world.fake.unhandled == []
    assert world.bot is not None and world.bot.alive()
