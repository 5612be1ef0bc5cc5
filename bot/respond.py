"""Sending a Reply to Discord: as an interaction response, a follow-up, or a message reply."""

from __future__ import annotations

from typing import Any

import discord

from bot.embeds import reply_to_embed
from bot.views import reply_view
from commands.reply import Reply


def reply_kwargs(reply: Reply) -> dict[str, Any]:
    """embed= and (when there are buttons) view= for a Reply."""
    out: dict[str, Any] = {"embed": reply_to_embed(reply)}
    view = reply_view(reply)
    if view is not None:
        out["view"] = view
    return out


async def send_reply(interaction: discord.Interaction, reply: Reply,
                     ephemeral: bool | None = None) -> None:
    """Answer an interaction with a Reply (as a follow-up when it was deferred)."""
    eph = reply.ephemeral if ephemeral is None else ephemeral
    kwargs = reply_kwargs(reply)
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=eph, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=eph, **kwargs)


async def reply_to_message(message: discord.Message, reply: Reply) -> discord.Message:
    """Answer a chat message (mention or DM) with a Reply; never pings anyone."""
    return await message.reply(mention_author=False,
                               allowed_mentions=discord.AllowedMentions.none(),
                               **reply_kwargs(reply))
