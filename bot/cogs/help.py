"""`/help` (commands and example questions) and `/about` (version, pack, facts, source)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands as dcommands

from bot.client import StudyBot
from bot.respond import send_reply
from commands.help import about_reply, help_reply

INTRO = ("I answer questions about UN peacekeeping leadership from one curated source document. "
         "Use /ask, mention me with a question, or DM me. If I'm unsure I say so and offer "
         "choices as buttons.")


class HelpCog(dcommands.Cog, name="Help"):
    """Help and about."""

    def __init__(self, bot: StudyBot) -> None:
        self.bot = bot

    def _extra(self) -> list[tuple[str, str]]:
        """Commands other cogs added (quiz...), so help lists them without knowing them."""
        out = []
        for cmd in self.bot.tree.get_commands():
            if isinstance(cmd, app_commands.Command | app_commands.Group):
                out.append((f"/{cmd.name}", cmd.description))
        return out

    @app_commands.command(name="help", description="What I can do, with example questions.")
    async def help_command(self, interaction: discord.Interaction) -> None:
        await send_reply(interaction, help_reply(self.bot.pack, self._extra(), INTRO),
                         ephemeral=True)

    @app_commands.command(name="about", description="Version, knowledge pack, fact count and "
                                                    "source document.")
    async def about(self, interaction: discord.Interaction) -> None:
        await send_reply(interaction, about_reply(self.bot.pack))


async def setup(bot: StudyBot) -> None:
    await bot.add_cog(HelpCog(bot))
