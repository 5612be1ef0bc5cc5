"""Slash commands: registration payloads and every callback run on real Interaction objects."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import discord
import pytest
from discord import app_commands
from discord_harness import (
    NAME_RE,
    autocomplete_interaction,
    buttons,
    capture_messages,
    command_interaction,
    incoming,
    make_bot,
    record,
)

from bot.client import APOLOGY
from bot.cooldown import Limiter
from bot.embeds import EMBED_TOTAL_MAX
from bot.extensions import EXTENSIONS

ROOT = str(Path(__file__).resolve().parent.parent)
EXPECTED = {"ask", "mission", "official", "topic", "missions", "help", "about"}


def check_payload(cmd: dict) -> None:
    assert NAME_RE.match(cmd["name"]) and cmd["name"] == cmd["name"].lower(), cmd["name"]
    assert 1 <= len(cmd["description"]) <= 100, cmd["name"]
    options = cmd.get("options", [])
    assert len(options) <= 25
    for opt in options:
        assert NAME_RE.match(opt["name"]) and opt["name"] == opt["name"].lower()
        assert 1 <= len(opt["description"]) <= 100
        check_payload(opt) if opt["type"] in (1, 2) else None


async def test_payloads_are_valid_and_complete():
    bot = await make_bot()
    payloads = [c.to_dict(bot.tree) for c in bot.tree.get_commands()]
    assert EXPECTED <= {p["name"] for p in payloads}
    for p in payloads:
        check_payload(p)
    ac = {p["name"]: p["options"][0].get("autocomplete") for p in payloads if p.get("options")}
    assert ac["mission"] and ac["official"] and ac["topic"] and not ac["ask"]
    assert len(json.dumps(payloads)) < 8000


def test_every_extension_is_a_loadable_cog_module():
    import importlib

    assert {"bot.cogs.ask", "bot.cogs.lookup", "bot.cogs.help"} <= set(EXTENSIONS)
    for name in EXTENSIONS:
        assert callable(getattr(importlib.import_module(name), "setup", None)), name


def test_commands_json_cli_offline():
    """No token, no config, and a proxy that would fail any network call."""
    env = {"PATH": "/usr/bin:/bin", "HTTPS_PROXY": "http://127.0.0.1:9", "PYTHONPATH": ROOT}
    out = subprocess.run([sys.executable, "-m", "bot", "commands", "--json"], capture_output=True,
                         text=True, timeout=60, env=env, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    names = {c["name"] for c in json.loads(out.stdout)}
    assert EXPECTED <= names


async def test_bot_settings():
    bot = await make_bot(message_content=False, shard_count=2, shard_ids=(1,))
    assert bot.allowed_mentions is not None
    assert bot.allowed_mentions.to_dict() == discord.AllowedMentions.none().to_dict()
    assert not bot.intents.message_content and bot.intents.guilds and bot.intents.dm_messages
    assert bot.shard_count == 2 and bot.shard_ids == [1]
    assert (await make_bot(message_content=True)).intents.message_content
    assert bot.pack.facts and bot.engine is not None and bot.config.cooldown_rate == 5


def embed_of(body: dict) -> dict:
    (embed,) = body["embeds"]
    total = sum(len(embed.get(k) or "") for k in ("title", "description"))
    total += len(embed.get("footer", {}).get("text", ""))
    total += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    assert total <= EMBED_TOTAL_MAX
    assert len(embed.get("title", "")) <= 256 and len(embed.get("description", "")) <= 4096
    assert len(embed.get("fields", [])) <= 25
    for f in embed.get("fields", []):
        assert 0 < len(f["name"]) <= 256 and 0 < len(f["value"]) <= 1024
    rows = body.get("components") or []
    assert len(rows) <= 5 and all(len(r["components"]) <= 5 for r in rows)
    for b in buttons(rows):
        assert len(b.get("label", "")) <= 80
        assert ("url" in b) != ("custom_id" in b)
        assert len(b.get("custom_id", "")) <= 100
    return embed


@pytest.mark.parametrize(("name", "options", "title"), [
    ("ask", {"question": "What is MINUSCA?"}, "MINUSCA"),
    ("mission", {"name": "minusca"}, "MINUSCA"),
    ("mission", {"name": "Minuska"}, "MINUSCA"),
    ("official", {"name": "Lacroix"}, "Jean-Pierre Lacroix"),
    ("topic", {"name": "DPKO"}, "Department of Peacekeeping Operations"),
    ("missions", {}, "UN peacekeeping missions"),
    ("help", {}, "How to use me"),
    ("about", {}, "About this bot"),
])
async def test_every_command_callback(name, options, title):
    bot = await make_bot()
    rec = record()
    await bot.tree._call(command_interaction(bot, name, **options))
    (call,) = rec.calls
    assert call.payload["type"] == 4  # answered at once, within Discord's 3 s
    body = call.payload["data"]
    assert embed_of(body)["title"] == title
    assert body["allowed_mentions"] == {"parse": []}


async def test_help_is_ephemeral_and_lists_every_command():
    bot = await make_bot()
    rec = record()
    await bot.tree._call(command_interaction(bot, "help"))
    body = rec.last()
    assert body["flags"] & 64
    text = json.dumps(body["embeds"])
    for name in EXPECTED:
        assert f"/{name}" in text


async def test_about_reports_pack_and_fact_count():
    bot = await make_bot()
    rec = record()
    await bot.tree._call(command_interaction(bot, "about"))
    fields = {f["name"]: f["value"] for f in rec.last()["embeds"][0]["fields"]}
    assert fields["Facts"] == str(len(bot.pack.facts))
    assert bot.pack.source_title in fields["Source document"]
    assert fields["Version"]


async def test_ask_in_dm_interaction():
    bot = await make_bot()
    rec = record()
    await bot.tree._call(command_interaction(bot, "ask", dm=True, question="When did UNAMID end?"))
    assert embed_of(rec.last())["title"]


async def test_ask_defers_when_slow():
    bot = await make_bot()
    bot.get_cog("Ask").defer_after = 0  # any work counts as slow
    rec = record()
    await bot.tree._call(command_interaction(bot, "ask", question="What is MINUSCA?"))
    assert rec.calls[0].payload["type"] == 5  # deferred "thinking"
    assert rec.calls[1].path.startswith("/webhooks/")  # the answer as a follow-up
    assert embed_of(rec.calls[1].payload)["title"] == "MINUSCA"


async def test_ask_cooldown_is_polite_and_ephemeral():
    bot = await make_bot()
    cog = bot.get_cog("Ask")
    now = [100.0]
    cog.limiter = Limiter(5, 10, clock=lambda: now[0])
    rec = record()
    for _ in range(6):
        await bot.tree._call(command_interaction(bot, "ask", question="What is MINUSCA?"))
    last = rec.last()
    assert last["flags"] & 64 and "try again in 10 s" in last["content"]
    assert all("embeds" in m and m["embeds"] for m in rec.messages()[:5])
    # another user is not limited; the first one is again after the window
    await bot.tree._call(command_interaction(bot, "ask", user_id=99, question="What is MINUSCA?"))
    assert rec.last()["embeds"]
    now[0] += 10
    await bot.tree._call(command_interaction(bot, "ask", question="What is MINUSCA?"))
    assert rec.last()["embeds"]


async def test_error_handler_apologises_and_logs(caplog):
    bot = await make_bot()

    def boom(*_a, **_k):
        raise RuntimeError("engine exploded")

    bot.engine.answer = boom
    rec = record()
    with caplog.at_level(logging.ERROR):
        await bot.tree._call(command_interaction(bot, "ask", question="anything"))
    assert rec.last()["content"] == APOLOGY and rec.last()["flags"] & 64
    assert "engine exploded" in caplog.text and "Traceback" in caplog.text


async def test_error_handler_after_defer_uses_followup():
    bot = await make_bot()
    bot.get_cog("Ask").defer_after = 0

    def boom(*_a, **_k):
        raise RuntimeError("late failure")

    bot.engine.answer = boom
    rec = record()
    await bot.tree._call(command_interaction(bot, "ask", question="anything"))
    assert rec.calls[0].payload["type"] == 5
    assert rec.calls[-1].path.startswith("/webhooks/") and rec.last()["content"] == APOLOGY


async def test_tree_handler_cooldown_and_check_messages():
    bot = await make_bot()
    rec = record()
    inter = command_interaction(bot, "help")
    await bot.tree.on_error(inter, app_commands.CommandOnCooldown(
        app_commands.Cooldown(1, 10), 3.2))
    assert "try again in 3 s" in rec.last()["content"]


@pytest.mark.parametrize(("command", "typed"), [("mission", ""), ("mission", "minu"),
                                                 ("mission", "minuska"), ("official", "lacr"),
                                                 ("topic", "")])
async def test_autocomplete_answers_fast_with_valid_choices(command, typed):
    bot = await make_bot()
    rec = record()
    await bot.tree._call(autocomplete_interaction(bot, command, "name", typed))
    (call,) = rec.calls
    assert call.payload["type"] == 8
    choices = call.payload["data"]["choices"]
    assert 1 <= len(choices) <= 25
    for c in choices:
        assert 1 <= len(c["name"]) <= 100 and 1 <= len(c["value"]) <= 100
        assert bot.pack.entities[c["value"]]
    if typed.startswith("minu"):
        assert choices[0]["value"] == "minusca" or typed == "minu"
        assert {"minusca", "minusma"} <= {c["value"] for c in choices[:3]} or typed == "minuska"


# --- mentions and DMs -------------------------------------------------------------------------

async def test_mention_in_guild_is_answered_without_pinging():
    bot = await make_bot()
    sent = capture_messages(bot)
    await bot.get_cog("Ask").on_message(
        incoming(bot, "<@777> what is minuska @everyone <@&5>", mentions_bot=True))
    (body,) = sent.bodies
    assert body["embeds"][0]["title"] == "MINUSCA"
    assert body["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert body["message_reference"]["message_id"] == 6000


async def test_dm_is_answered_and_other_messages_ignored():
    bot = await make_bot()
    sent = capture_messages(bot)
    cog = bot.get_cog("Ask")
    await cog.on_message(incoming(bot, "When did UNAMID end?", dm=True))
    await cog.on_message(incoming(bot, "chatting among ourselves"))
    await cog.on_message(incoming(bot, "<@777> hi", mentions_bot=True, author_bot=True))
    assert len(sent.bodies) == 1 and sent.bodies[0]["embeds"]


async def test_bare_mention_gets_usage():
    bot = await make_bot()
    sent = capture_messages(bot)
    await bot.get_cog("Ask").on_message(incoming(bot, "<@!777>", mentions_bot=True))
    assert "USG-PKO" in sent.bodies[0]["embeds"][0]["description"]


async def test_message_cooldown_warns_once():
    bot = await make_bot()
    sent = capture_messages(bot)
    cog = bot.get_cog("Ask")
    cog.limiter = Limiter(2, 10, clock=lambda: 5.0)
    for _ in range(5):
        await cog.on_message(incoming(bot, "what is minusca", dm=True))
    assert len(sent.bodies) == 3
    assert "try again" in sent.bodies[2]["content"] and not sent.bodies[2].get("embeds")


async def test_message_error_apologises(caplog):
    bot = await make_bot()
    sent = capture_messages(bot)

    def boom(*_a, **_k):
        raise RuntimeError("kaboom")

    bot.engine.answer = boom
    with caplog.at_level(logging.ERROR):
        await bot.get_cog("Ask").on_message(incoming(bot, "hello?", dm=True))
    assert sent.bodies[-1]["content"] == APOLOGY and "kaboom" in caplog.text


async def test_injection_in_question_is_neutralised():
    bot = await make_bot()
    rec = record()
    q = "@everyone <@123456789012345678> **bold** [x](https://evil.example) `code` what is zzqx?"
    await bot.tree._call(command_interaction(bot, "ask", question=q))
    body = rec.last()
    assert body["allowed_mentions"] == {"parse": []}
    text = json.dumps(body["embeds"], ensure_ascii=False)
    assert "@everyone" not in text.replace("@\u200beveryone", "")
    assert "**bold**" not in text and "<@123456789012345678>" not in text
