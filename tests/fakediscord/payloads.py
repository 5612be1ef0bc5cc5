"""Builders for the JSON objects Discord's API v10 sends: users, guilds, channels, messages,
interactions. Only the fields discord.py 2.x reads are filled in, with realistic values."""

from __future__ import annotations

import itertools
import threading
import time
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1420070400000

# Permission bits used below (https://discord.com/developers/docs/topics/permissions)
ALL_TEXT_PERMISSIONS = (
    (1 << 6)  # add reactions
    | (1 << 10)  # view channel
    | (1 << 11)  # send messages
    | (1 << 13)  # manage messages
    | (1 << 14)  # embed links
    | (1 << 15)  # attach files
    | (1 << 16)  # read message history
    | (1 << 31)  # use application commands
    | (1 << 38)  # send messages in threads
)
MEMBER_PERMISSIONS = (1 << 6) | (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 31)

# Gateway intents (https://discord.com/developers/docs/topics/gateway#gateway-intents)
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15


class Snowflakes:
    """Discord-shaped ids: milliseconds since the Discord epoch, then a 22-bit counter."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            n = next(self._counter) & 0x3FFFFF
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | n


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


def user(uid: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(uid),
        "username": name,
        "global_name": None if bot else name.capitalize(),
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "system": False,
        "mfa_enabled": False,
        "verified": True,
        "flags": 0,
        "public_flags": 0,
    }


def member(user_payload: dict[str, Any], *, permissions: int | None = None) -> dict[str, Any]:
    m: dict[str, Any] = {
        "user": user_payload,
        "nick": None,
        "avatar": None,
        "roles": [],
        "joined_at": "2024-01-01T00:00:00+00:00",
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
    }
    if permissions is not None:
        m["permissions"] = str(permissions)
    return m


def text_channel(cid: int, guild_id: int, name: str, position: int) -> dict[str, Any]:
    return {
        "id": str(cid),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def dm_channel(cid: int, recipient: dict[str, Any]) -> dict[str, Any]:
    return {"id": str(cid), "type": 1, "last_message_id": None, "recipients": [recipient],
            "flags": 0}


def role(rid: int, name: str, permissions: int, position: int = 0) -> dict[str, Any]:
    return {
        "id": str(rid),
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(permissions),
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def guild(
    gid: int,
    name: str,
    *,
    owner_id: int,
    channels: list[dict[str, Any]],
    members: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "id": str(gid),
        "name": name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": [role(gid, "@everyone", MEMBER_PERMISSIONS)],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "vanity_url_code": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "max_members": 500000,
        "max_video_channel_users": 25,
        # GUILD_CREATE extras
        "joined_at": "2024-01-01T00:00:00+00:00",
        "large": False,
        "unavailable": False,
        "member_count": len(members),
        "members": members,
        "channels": channels,
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "lazy": True,
    }


def message(
    mid: int,
    channel_id: int,
    author: dict[str, Any],
    *,
    content: str = "",
    guild_id: int | None = None,
    embeds: list[dict[str, Any]] | None = None,
    components: list[dict[str, Any]] | None = None,
    mentions: list[dict[str, Any]] | None = None,
    flags: int = 0,
    message_reference: dict[str, Any] | None = None,
    interaction_metadata: dict[str, Any] | None = None,
    webhook_id: int | None = None,
    application_id: int | None = None,
    msg_type: int = 0,
) -> dict[str, Any]:
    m: dict[str, Any] = {
        "id": str(mid),
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": mentions or [],
        "mention_roles": [],
        "attachments": [],
        "embeds": embeds or [],
        "components": components or [],
        "pinned": False,
        "type": msg_type,
        "flags": flags,
    }
    if guild_id is not None:
        m["guild_id"] = str(guild_id)
    if message_reference is not None:
        m["message_reference"] = message_reference
    if interaction_metadata is not None:
        m["interaction_metadata"] = interaction_metadata
    if webhook_id is not None:
        m["webhook_id"] = str(webhook_id)
    if application_id is not None:
        m["application_id"] = str(application_id)
    return m


def option_type(value: Any) -> int:
    """The application-command option type a Python value stands for."""
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    return 3


def iter_components(components: list[dict[str, Any]]):
    """Every leaf component (button, select...) in a message's component tree."""
    for comp in components or []:
        children = comp.get("components")
        if children:
            yield from iter_components(children)
        elif comp.get("accessory"):
            yield comp["accessory"]
        else:
            yield comp
