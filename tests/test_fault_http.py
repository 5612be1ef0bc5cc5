"""Faults on the REST side: 429 with retry_after, 500 and 503 answers, against the real bot."""

from __future__ import annotations

import pytest
from fakediscord import World

QUESTION = "Who appoints the USG-PKO?"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with World(tmp_path_factory.mktemp("fault-http")) as w:
        yield w


def _statuses(world, method, path_part, since):
    return [r.status for r in world.fake.requests[since:]
            if r.method == method and path_part in r.path]


def test_429_on_a_channel_send_the_reply_still_arrives(world):
    ch = world.fake.channel(3)
    world.faults("POST", rf"^/channels/{ch}/messages$", 429, retry_after=0.3)
    since_req = len(world.fake.requests)
    since = world.mark()
    world.say(QUESTION, mention_bot=True, channel_id=ch, user=world.new_user())
    msg = world.bot_message(ch, since=since)
    assert msg["embeds"] or msg["content"]
    assert _statuses(world, "POST", f"/channels/{ch}/messages", since_req) == [429, 200]
    assert "rate limited" in world.log()


def test_429_on_an_interaction_callback_the_reply_still_arrives(world):
    world.faults("POST", r"^/interactions/\d+/[^/]+/callback$", 429, retry_after=0.2)
    h = world.slash("ask", {"question": QUESTION}, user=world.new_user())
    msg = world.response(h)
    assert msg["embeds"]
    assert [r.status for r in world.fake.requests if f"/interactions/{h.id}/" in r.path] \
        == [429, 200]


def test_500_once_is_retried_and_answered(world):
    ch = world.fake.channel(4)
    world.faults("POST", rf"^/channels/{ch}/messages$", 500)
    since_req = len(world.fake.requests)
    since = world.mark()
    world.say(QUESTION, mention_bot=True, channel_id=ch, user=world.new_user())
    world.bot_message(ch, since=since, timeout=8)  # discord.py waits 1 s before its retry
    assert _statuses(world, "POST", f"/channels/{ch}/messages", since_req) == [500, 200]


def test_503_is_logged_and_the_bot_keeps_serving(world):
    ch = world.fake.channel(5)
    world.faults("POST", rf"^/channels/{ch}/messages$", 503)  # not retried by discord.py
    since = world.mark()
    world.say(QUESTION, mention_bot=True, channel_id=ch, user=world.new_user())
    # the failure is logged with its traceback; the user gets an apology instead
    world.wait(lambda: "503" in world.log(), 5, "the 503 in the bot's log")
    apology = world.bot_message(ch, since=since)
    assert "sorry" in apology["content"].lower()
    # and the bot goes on serving
    h = world.slash("ask", {"question": QUESTION}, user=world.new_user())
    assert world.response(h)["embeds"]
    assert world.bot.alive()


def test_500_on_an_autocomplete_callback_then_autocomplete_still_works(world):
    world.faults("POST", r"^/interactions/\d+/[^/]+/callback$", 500)
    h = world.autocomplete("mission", {"name": "unmi"}, "name", user=world.new_user())
    world.acked(h, timeout=8)
    assert h.choices
    h2 = world.autocomplete("mission", {"name": "mono"}, "name", user=world.new_user())
    world.acked(h2)
    assert world.bot.alive()
