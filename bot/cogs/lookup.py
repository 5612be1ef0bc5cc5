"""Lookups: `/mission`, `/official`, `/topic` with autocomplete, and `/missions`."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands as dcommands

from bot.client import StudyBot
from bot.respond import RenderedCache, send_reply
from commands.lookup import (
    MISSION_KINDS,
    OFFICIAL_KINDS,
    TOPIC_KINDS,
    autocomplete,
    lookup,
    missions,
)

NAME_MAX = 100


class LookupCog(dcommands.Cog, name="Lookup"):
    """Cards for missions, officials and topics; autocomplete answers from memory, fast."""

    def __init__(self, bot: StudyBot) -> None:
        self.bot = bot
        self.cards = RenderedCache()

    async def _lookup(self, interaction: discord.Interaction, kinds: tuple[str, ...], name: str,
                      what: str) -> None:
        """The card (or suggestions) for `name`: the same every time for the same pack, so it
        is rendered once and kept in a small LRU."""
        pack = self.bot.pack
        key = (id(pack), kinds, name, what)
        hit = self.cards.get(key)
        if hit is None:
            hit = self.cards.put(key, lookup(pack, kinds, name, what))
        reply, embed = hit
        await send_reply(interaction, reply, embed=embed)

    def _choices(self, kinds: tuple[str, ...], current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=n, value=v)
                for n, v in autocomplete(self.bot.pack, kinds, current or "")]

    @app_commands.command(name="mission", description="A UN peacekeeping mission's card: where, "
                                                      "status, dates, focus, links.")
    @app_commands.describe(name="Mission name or acronym, e.g. MINUSCA")
    async def mission(self, interaction: discord.Interaction,
                      name: app_commands.Range[str, 1, NAME_MAX]) -> None:
        await self._lookup(interaction, MISSION_KINDS, name, "mission")

    @mission.autocomplete("name")
    async def mission_name(self, interaction: discord.Interaction,
                           current: str) -> list[app_commands.Choice[str]]:
        return self._choices(MISSION_KINDS, current)

    @app_commands.command(name="official", description="An official's card: role, tenure, "
                                                       "predecessor and successor.")
    @app_commands.describe(name="Name or title, e.g. Jean-Pierre Lacroix")
    async def official(self, interaction: discord.Interaction,
                       name: app_commands.Range[str, 1, NAME_MAX]) -> None:
        await self._lookup(interaction, OFFICIAL_KINDS, name, "official")

    @official.autocomplete("name")
    async def official_name(self, interaction: discord.Interaction,
                            current: str) -> list[app_commands.Choice[str]]:
        return self._choices(OFFICIAL_KINDS, current)

    @app_commands.command(name="topic", description="Departments, bodies, places, concepts "
                                                    "and debates.")
    @app_commands.describe(name="Topic, e.g. DPKO or peacekeeping")
    async def topic(self, interaction: discord.Interaction,
                    name: app_commands.Range[str, 1, NAME_MAX]) -> None:
        await self._lookup(interaction, TOPIC_KINDS, name, "topic")

    @topic.autocomplete("name")
    async def topic_name(self, interaction: discord.Interaction,
                         current: str) -> list[app_commands.Choice[str]]:
        return self._choices(TOPIC_KINDS, current)

    @app_commands.command(name="missions", description="List every mission in the fact base.")
    async def missions_command(self, interaction: discord.Interaction) -> None:
        await send_reply(interaction, missions(self.bot.pack))


async def setup(bot: StudyBot) -> None:
    await bot.add_cog(LookupCog(bot))
