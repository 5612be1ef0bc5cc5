"""Buttons under a reply: did-you-mean and related entries answer in place; see-also links.

Did-you-mean and related buttons are `DynamicItem`s: their custom_id (`usgpko:f:FACT_ID`,
`usgpko:e:ENTITY_ID`) carries all they need, so they keep working after a restart once the bot
registers them with `add_dynamic_items` (done in setup_hook).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from bot.embeds import clip, reply_to_embed
from commands.ask import fact_reply
from commands.lookup import entity_card
from commands.reply import Action, Reply

log = logging.getLogger(__name__)

LABEL_MAX = 80
CUSTOM_ID_MAX = 100
URL_MAX = 512
ROWS_MAX = 5
PER_ROW = 5
_ID = r"(?P<id>[A-Za-z0-9_.:-]{1,90})"
_ID_OK = re.compile(r"[A-Za-z0-9_.:-]{1,90}")


async def _answer_in_place(interaction: discord.Interaction, reply: Reply) -> None:
    """Replace the message the button sits on with `reply` (or apologise ephemerally)."""
    try:
        if reply.kind == "error":
            await interaction.response.send_message(reply.text, ephemeral=True)
        else:
            await interaction.response.edit_message(embed=reply_to_embed(reply),
                                                    view=reply_view(reply))
    except discord.HTTPException:
        log.exception("could not answer a button press")


def _pack(interaction: discord.Interaction) -> Any:
    return interaction.client.pack  # type: ignore[attr-defined]


class FactButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"usgpko:f:{_ID}"):
    """Shows one fact (a did-you-mean choice)."""

    def __init__(self, fact_id: str, label: str = "Show", *,
                 style: discord.ButtonStyle = discord.ButtonStyle.primary,
                 row: int | None = None) -> None:
        super().__init__(discord.ui.Button(label=clip(label, LABEL_MAX) or "Show", style=style,
                                           custom_id=f"usgpko:f:{fact_id}", row=row))
        self.fact_id = fact_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str], /) -> FactButton:
        return cls(match["id"], item.label or "Show", style=item.style)

    async def callback(self, interaction: discord.Interaction) -> None:
        pack = _pack(interaction)
        fact = pack.facts.get(self.fact_id)
        if fact is None:
            reply = Reply(title="Gone", text="That answer is no longer in the fact base.",
                          kind="error")
        else:
            reply = fact_reply(pack, fact)
        await _answer_in_place(interaction, reply)


class EntityButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"usgpko:e:{_ID}"):
    """Shows an entity's card (a related entry, or a did-you-mean entity)."""

    def __init__(self, entity_id: str, label: str = "Open", *,
                 style: discord.ButtonStyle = discord.ButtonStyle.secondary,
                 row: int | None = None) -> None:
        super().__init__(discord.ui.Button(label=clip(label, LABEL_MAX) or "Open", style=style,
                                           custom_id=f"usgpko:e:{entity_id}", row=row))
        self.entity_id = entity_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str], /) -> EntityButton:
        return cls(match["id"], item.label or "Open", style=item.style)

    async def callback(self, interaction: discord.Interaction) -> None:
        pack = _pack(interaction)
        ent = pack.entities.get(self.entity_id)
        if ent is None:
            reply = Reply(title="Gone", text="That entry is no longer in the fact base.",
                          kind="error")
        else:
            reply = entity_card(pack, ent)
        await _answer_in_place(interaction, reply)


DYNAMIC_ITEMS = (FactButton, EntityButton)


def _action_item(action: Action, style: discord.ButtonStyle) -> discord.ui.Item | None:
    if not _ID_OK.fullmatch(action.target):
        log.warning("id %r does not fit a custom_id; button left out", action.target)
        return None
    label = action.question or action.label if action.kind == "fact" else action.label
    if action.kind == "fact":
        return FactButton(action.target, label, style=style)
    if action.kind == "entity":
        return EntityButton(action.target, label, style=style)
    return None


def reply_view(reply: Reply) -> discord.ui.View | None:
    """Buttons for a Reply: did-you-mean, then related entries, then see-also links.

    Each group starts on a new row; at most 5 rows of 5; duplicates are left out.
    """
    groups: list[list[discord.ui.Item]] = []
    seen: set[str] = set()
    for actions, style in ((reply.suggestions, discord.ButtonStyle.primary),
                           (reply.related, discord.ButtonStyle.secondary)):
        group = []
        for action in actions:
            item = _action_item(action, style)
            cid = getattr(getattr(item, "item", None), "custom_id", None)
            if item is not None and cid not in seen:
                seen.add(cid)
                group.append(item)
        groups.append(group)
    links: list[discord.ui.Item] = []
    for link in reply.see_also:
        if link.url.startswith("https://") and len(link.url) <= URL_MAX and link.url not in seen:
            seen.add(link.url)
            links.append(discord.ui.Button(label=clip(link.title, LABEL_MAX) or "Link",
                                           url=link.url))
    groups.append(links)

    view = discord.ui.View(timeout=None)
    row = 0
    for group in groups:
        for start in range(0, len(group), PER_ROW):
            if row >= ROWS_MAX:
                break
            for item in group[start:start + PER_ROW]:
                item.row = row
                view.add_item(item)
            row += 1
    return view if view.children else None
