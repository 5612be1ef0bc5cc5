"""Sending a Reply to Discord: as an interaction response, a follow-up, or a message reply."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

import discord

from bot.embeds import reply_to_embed
from bot.views import reply_view
from commands.reply import Reply


def reply_kwargs(reply: Reply, embed: discord.Embed | None = None) -> dict[str, Any]:
    """embed= and (when there are buttons) view= for a Reply. `embed`: the Reply already
    rendered (embeds are only read when sent, so one can be shared); views are per message."""
    out: dict[str, Any] = {"embed": embed if embed is not None else reply_to_embed(reply)}
    view = reply_view(reply)
    if view is not None:
        out["view"] = view
    return out


async def send_reply(interaction: discord.Interaction, reply: Reply,
                     ephemeral: bool | None = None, *, embed: discord.Embed | None = None) -> None:
    """Answer an interaction with a Reply (as a follow-up when it was deferred)."""
    eph = reply.ephemeral if ephemeral is None else ephemeral
    kwargs = reply_kwargs(reply, embed)
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=eph, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=eph, **kwargs)


async def reply_to_message(message: discord.Message, reply: Reply) -> discord.Message:
    """Answer a chat message (mention or DM) with a Reply; never pings anyone."""
    return await message.reply(mention_author=False,
                               allowed_mentions=discord.AllowedMentions.none(),
                               **reply_kwargs(reply))


class RenderedCache:
    """A bounded LRU of Replies with their embeds, for answers that only depend on their key
    (a lookup card for the same name, an answer to the same question) while the pack stays."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, tuple[Reply, discord.Embed]] = OrderedDict()

    def get(self, key: Hashable) -> tuple[Reply, discord.Embed] | None:
        hit = self._items.get(key)
        if hit is not None:
            self._items.move_to_end(key)
        return hit

    def put(self, key: Hashable, reply: Reply) -> tuple[Reply, discord.Embed]:
        item = (reply, reply_to_embed(reply))
        self._items[key] = item
        if len(self._items) > self.size:
            self._items.popitem(last=False)
        return item

    def __len__(self) -> int:
        return len(self._items)
