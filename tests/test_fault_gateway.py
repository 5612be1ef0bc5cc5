"""Faults on the gateway: dropped connections, RECONNECT, INVALID_SESSION, malformed and unknown
payloads, against the real bot."""

from __future__ import annotations

import json

import pytest
from fakediscord import World

QUESTION = "Who appoints the USG-PKO?"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    with World(tmp_path_factory.mktemp("fault-gw")) as w:
        yield w


def _serves(world):
    h = world.slash("ask", {"question": QUESTION}, user=world.new_user())
    assert world.response(h)["embeds"]


@pytest.mark.parametrize("how", ["close-4000", "abrupt", "reconnect-op"])
def test_connection_lost_client_resumes(world, how):
    fake = world.fake
    resumes, identifies = fake.resumes, fake.identifies
    if how == "close-4000":
        world.ft.run(fake.drop_gateway(code=4000))
    elif how == "abrupt":
        world.ft.run(fake.drop_gateway(abrupt=True))
    else:
        world.ft.run(fake.request_reconnect())
    world.wait(lambda: fake.resumes > resumes, 10, "RESUME")
    assert fake.identifies == identifies, "resumed, not re-identified"
    _serves(world)


def test_events_sent_while_disconnected_are_replayed_on_resume(world):
    fake = world.fake
    resumes = fake.resumes

    async def drop_then_dispatch():
        await fake.drop_gateway(code=4000)
        return await fake.slash("ask", {"question": QUESTION}, user=fake.new_user())

    h = world.ft.run(drop_then_dispatch())
    world.wait(lambda: fake.resumes > resumes, 10, "RESUME")
    assert world.response(h)["embeds"]


def test_invalid_session_client_identifies_again(world):
    fake = world.fake
    identifies = fake.identifies
    world.ft.run(fake.invalidate_session(resumable=False))
    # discord.py waits 5 s before a non-initial IDENTIFY
    world.wait(lambda: fake.identifies > identifies, 15, "a new IDENTIFY")
    _serves(world)


def test_heartbeats_are_acked(world):
    fake = world.fake
    assert fake.heartbeats >= 1  # discord.py beats once right after HELLO
    assert all(p.get("op") in (1, 2, 6) for p in fake.gateway_log)


MALFORMED = [
    ("unknown opcode", lambda f: f.send_raw(json.dumps({"op": 42, "d": {"x": 1}}))),
    ("unknown event", lambda f: f.dispatch("SOMETHING_NEW", {"a": 1})),
    ("interaction without fields", lambda f: f.dispatch("INTERACTION_CREATE", {})),
    ("message without fields", lambda f: f.dispatch("MESSAGE_CREATE", {"id": "1"})),
    ("null payload", lambda f: f.dispatch("MESSAGE_CREATE", None)),
    ("unknown interaction type", None),
    ("unknown component", None),
]


@pytest.mark.parametrize("name,send", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_and_unknown_payloads_are_ignored(world, name, send):
    fake = world.fake

    async def go():
        if name == "unknown interaction type":
            p = fake._interaction_base(99, user=None, channel_id=None, dm=False)
            p["data"] = {}
            await fake.dispatch("INTERACTION_CREATE", p)
        elif name == "unknown component":
            p = fake._interaction_base(3, user=None, channel_id=None, dm=False)
            p["data"] = {"custom_id": "nobody:knows:this", "component_type": 2}
            p["message"] = {"id": "1", "channel_id": str(fake.channel(0))}
            await fake.dispatch("INTERACTION_CREATE", p)
        else:
            await send(fake)

    world.ft.run(go())
    _serves(world)
    assert world.bot.alive()
