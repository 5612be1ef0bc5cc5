"""Offline harness for the Discord front end: a real bot, real Interaction objects built from
gateway payloads (as discord.py's tests/test_app_commands_invoke.py does), and a recording
webhook adapter standing in for Discord's HTTP API. No network, no token."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import discord
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

from bot.client import StudyBot
from bot.config import Config
from knowledge.loader import load_pack
from knowledge.model import Pack

APP_ID = 4242
BOT_ID = 777
GUILD_ID = 1001
CHANNEL_ID = 2002
USER_ID = 3003
NAME_RE = re.compile(r"^[-_'\w]{1,32}$")  # \w covers \p{L}\p{N}; checked lowercase separately


@lru_cache(maxsize=1)
def shipped_pack() -> Pack:
    return load_pack()


@dataclass
class Call:
    method: str
    path: str
    payload: dict[str, Any] | None


@dataclass
class Recorder(AsyncWebhookAdapter):
    """Records every interaction/webhook request discord.py makes and answers it plausibly."""

    calls: list[Call] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()

    async def request(self, route: Any, session: Any = None, *, payload: Any = None,
                      multipart: Any = None, files: Any = None, **_: Any) -> Any:
        if payload is None and multipart:
            payload = json.loads(multipart[0]["value"])
        self.calls.append(Call(route.method, route.path, payload))
        if route.path.endswith("/callback"):
            return {"interaction": {"id": str(route.webhook_id), "type": 2}}
        return message_payload(9000 + len(self.calls), payload or {})

    # helpers for tests
    def messages(self) -> list[dict[str, Any]]:
        """Every message body sent: responses (data), follow-ups and edits."""
        out = []
        for c in self.calls:
            if c.payload is None:
                continue
            body = c.payload.get("data", c.payload) if c.path.endswith("/callback") else c.payload
            if body:
                out.append(body)
        return out

    def last(self) -> dict[str, Any]:
        return self.messages()[-1]


def record() -> Recorder:
    """Install a fresh recorder for the current context (the running test)."""
    rec = Recorder()
    async_context.set(rec)
    return rec


def user_payload(user_id: int = USER_ID, name: str = "student") -> dict[str, Any]:
    return {"id": str(user_id), "username": name, "discriminator": "0", "avatar": None,
            "global_name": name}


def message_payload(message_id: int, body: dict[str, Any], *, author_id: int = BOT_ID,
                    channel_id: int = CHANNEL_ID) -> dict[str, Any]:
    return {
        "id": str(message_id), "channel_id": str(channel_id), "type": 0,
        "author": user_payload(author_id, "bot"), "content": body.get("content") or "",
        "embeds": body.get("embeds") or [], "components": body.get("components") or [],
        "attachments": [], "mentions": [], "mention_roles": [], "mention_everyone": False,
        "pinned": False, "tts": False, "timestamp": "2026-11-01T00:00:00+00:00",
        "edited_timestamp": None, "flags": body.get("flags") or 0,
    }


def config(**kw: Any) -> Config:
    return Config(**kw)


async def make_bot(**cfg: Any) -> StudyBot:
    """A bot with its extensions loaded and a logged-in-looking user, fully offline."""
    bot = StudyBot(config(**cfg), shipped_pack())
    bot._connection.user = discord.ClientUser(state=bot._connection, data={
        **user_payload(BOT_ID, "usgpko"), "bot": True})
    bot._connection.application_id = APP_ID
    await bot.load_extensions()
    return bot


def _base(bot: StudyBot, type_: int, data: dict[str, Any], *, user_id: int, dm: bool,
          message: dict[str, Any] | None = None) -> discord.Interaction:
    payload: dict[str, Any] = {
        "id": "55", "application_id": str(APP_ID), "type": type_, "token": "interaction-token",
        "version": 1, "data": data, "channel_id": str(CHANNEL_ID), "locale": "en-US",
        "app_permissions": "0", "entitlements": [], "authorizing_integration_owners": {},
        "attachment_size_limit": 8388608,
    }
    if dm:
        payload["user"] = user_payload(user_id)
        payload["channel"] = {"id": str(CHANNEL_ID), "type": 1}
    else:
        payload["guild_id"] = str(GUILD_ID)
        payload["member"] = {"user": user_payload(user_id), "roles": [], "joined_at":
                             "2026-01-01T00:00:00+00:00", "deaf": False, "mute": False,
                             "permissions": "0", "flags": 0}
        payload["channel"] = {"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID),
                              "name": "study", "position": 0, "permission_overwrites": [],
                              "nsfw": False, "parent_id": None}
    if message is not None:
        payload["message"] = message
    return discord.Interaction(data=payload, state=bot._connection)


def command_interaction(bot: StudyBot, name: str, /, *, user_id: int = USER_ID,
                        dm: bool = False, **options: Any) -> discord.Interaction:
    """A slash-command invocation of `name` with string options."""
    cmd = bot.tree.get_command(name)
    assert cmd is not None, name
    data = {"id": "1", "name": name, "type": 1,
            "options": [{"type": 3, "name": k, "value": v} for k, v in options.items()]}
    return _base(bot, 2, data, user_id=user_id, dm=dm)


def autocomplete_interaction(bot: StudyBot, name: str, option: str, value: str,
                             ) -> discord.Interaction:
    data = {"id": "1", "name": name, "type": 1,
            "options": [{"type": 3, "name": option, "value": value, "focused": True}]}
    return _base(bot, 4, data, user_id=USER_ID, dm=False)


def component_payload(bot: StudyBot, custom_id: str, message: dict[str, Any], *,
                      user_id: int = USER_ID) -> dict[str, Any]:
    """The INTERACTION_CREATE payload of a button press on `message`."""
    return {
        "id": "56", "application_id": str(APP_ID), "type": 3, "token": "press-token",
        "version": 1, "data": {"custom_id": custom_id, "component_type": 2},
        "channel_id": str(CHANNEL_ID), "channel": {"id": str(CHANNEL_ID), "type": 1},
        "user": user_payload(user_id), "message": message, "locale": "en-US",
        "app_permissions": "0", "entitlements": [], "authorizing_integration_owners": {},
        "attachment_size_limit": 8388608,
    }


async def press(bot: StudyBot, custom_id: str, message: dict[str, Any]) -> None:
    """Dispatch a button press the way the gateway would, and wait for the callback."""
    bot._connection.parse_interaction_create(component_payload(bot, custom_id, message))
    for _ in range(50):  # let the dynamic-item task run (no sleeping on a clock)
        await asyncio.sleep(0)
        tasks = [t for t in asyncio.all_tasks() if t.get_name().startswith("discord-ui-")]
        if not tasks:
            break
        await asyncio.gather(*tasks)


def custom_ids(components: list[dict[str, Any]]) -> list[str]:
    return [c["custom_id"] for row in components for c in row.get("components", [])
            if "custom_id" in c]


def buttons(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for row in components for c in row.get("components", [])]


@dataclass
class SentMessages:
    """Stands in for HTTPClient.send_message: records bodies, returns a message payload."""

    bodies: list[dict[str, Any]] = field(default_factory=list)

    async def __call__(self, channel_id: int, *, params: Any) -> dict[str, Any]:
        body = params.payload if params.payload is not None else json.loads(
            params.multipart[0]["value"])
        self.bodies.append(body)
        return message_payload(8000 + len(self.bodies), body, channel_id=int(channel_id))


def capture_messages(bot: StudyBot) -> SentMessages:
    sent = SentMessages()
    bot.http.send_message = sent  # type: ignore[method-assign]
    return sent


def guild_channel(bot: StudyBot) -> discord.TextChannel:
    """A text channel in a guild the bot's state knows."""
    state = bot._connection
    guild = state._get_guild(GUILD_ID)
    if guild is None:
        guild = discord.Guild(data={"id": str(GUILD_ID), "name": "study group", "roles": [],
                                    "emojis": [], "features": [], "member_count": 2},
                              state=state)
        state._add_guild(guild)
    return discord.TextChannel(state=state, guild=guild, data={
        "id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID), "name": "study",
        "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None})


def dm_channel(bot: StudyBot, user_id: int = USER_ID) -> discord.DMChannel:
    return discord.DMChannel(me=bot.user, state=bot._connection, data={  # type: ignore[arg-type]
        "id": str(CHANNEL_ID + 1), "type": 1, "recipients": [user_payload(user_id)]})


def incoming(bot: StudyBot, content: str, *, dm: bool = False, mentions_bot: bool = False,
             author_id: int = USER_ID, author_bot: bool = False) -> discord.Message:
    """A message as the gateway would deliver it."""
    channel: Any = dm_channel(bot, author_id) if dm else guild_channel(bot)
    author = {**user_payload(author_id), "bot": author_bot}
    data = {**message_payload(6000, {"content": content}, author_id=author_id,
                              channel_id=channel.id), "author": author}
    if mentions_bot:
        data["mentions"] = [{**user_payload(BOT_ID, "usgpko"), "bot": True}]
    if not dm:
        data["guild_id"] = str(GUILD_ID)
    return discord.Message(state=bot._connection, channel=channel, data=data)
