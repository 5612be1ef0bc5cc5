"""Asking: `/ask question:`, messages that mention the bot, and DMs."""

from __future__ import annotations

import asyncio
import logging
import re

import discord
from discord import app_commands
from discord.ext import commands as dcommands

from bot.client import APOLOGY, StudyBot
from bot.cooldown import Limiter, polite_wait
from bot.respond import RenderedCache, reply_to_message, send_reply
from commands.ask import ask
from commands.reply import Reply

log = logging.getLogger(__name__)

QUESTION_MAX = 500
_NOISE = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b")  # other mentions: not the question
DEFER_AFTER = 1.5  # seconds of work before the interaction is deferred (Discord allows 3)


def question_from(message: discord.Message, me: discord.abc.User) -> str | None:
    """The question in a DM or a message that mentions the bot; None for anything else."""
    if message.author.bot or message.author.id == me.id:
        return None
    mention = re.compile(rf"<@!?{me.id}>")
    if message.guild is not None and not (
        any(u.id == me.id for u in message.mentions) or mention.search(message.content)
    ):
        return None
    text = _NOISE.sub(" ", mention.sub(" ", message.content))
    return " ".join(text.split())[:QUESTION_MAX]


class AskCog(dcommands.Cog, name="Ask"):
    """Free-text questions, rate limited per user across every way of asking."""

    def __init__(self, bot: StudyBot) -> None:
        self.bot = bot
        self.limiter = Limiter(bot.config.cooldown_rate, bot.config.cooldown_per)
        self.defer_after = DEFER_AFTER
        self._warned: set[int] = set()
        # The engine is fixed for the bot's life and answers from the question alone, so the
        # same question gets the same Reply: keep recent ones, rendered.
        self.answers = RenderedCache()
        self._pending: dict[tuple[int, str], asyncio.Future[Reply]] = {}

    def _key(self, question: str) -> tuple[int, str]:
        return (id(self.bot.engine), question)

    async def answer(self, question: str) -> Reply:
        """The engine's Reply, computed off the event loop (or remembered). Asked again while
        being computed, the question waits for the same computation."""
        key = self._key(question)
        hit = self.answers.get(key)
        if hit is not None:
            return hit[0]
        pending = self._pending.get(key)
        if pending is None:
            pending = asyncio.ensure_future(asyncio.to_thread(ask, self.bot.engine, question))
            self._pending[key] = pending
            pending.add_done_callback(lambda fut: self._settle(key, fut))
        return await asyncio.shield(pending)

    def _settle(self, key: tuple[int, str], fut: asyncio.Future[Reply]) -> None:
        self._pending.pop(key, None)
        if not fut.cancelled() and fut.exception() is None:
            self.answers.put(key, fut.result())

    @app_commands.command(name="ask", description="Ask a question about UN peacekeeping "
                                                  "leadership, departments and missions.")
    @app_commands.describe(question="Your question, e.g. Who appoints the USG-PKO?")
    async def ask_command(self, interaction: discord.Interaction,
                          question: app_commands.Range[str, 1, QUESTION_MAX]) -> None:
        wait = self.limiter.hit(interaction.user.id)
        if wait:
            await interaction.response.send_message(polite_wait(wait), ephemeral=True)
            return
        hit = self.answers.get(self._key(question))
        if hit is not None:  # asked before: no work, answer at once
            await send_reply(interaction, hit[0], embed=hit[1])
            return
        task = asyncio.ensure_future(self.answer(question))
        done, _ = await asyncio.wait({task}, timeout=self.defer_after)
        if not done:
            await interaction.response.defer(thinking=True)
        reply = await task
        hit = self.answers.get(self._key(question))
        await send_reply(interaction, reply, embed=hit[1] if hit and hit[0] is reply else None)

    @dcommands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if me is None:
            return
        question = question_from(message, me)
        if question is None:
            return
        wait = self.limiter.hit(message.author.id)
        try:
            if wait:
                if message.author.id not in self._warned:
                    self._warned.add(message.author.id)
                    await message.reply(polite_wait(wait), mention_author=False,
                                        allowed_mentions=discord.AllowedMentions.none())
                return
            self._warned.discard(message.author.id)
            await reply_to_message(message, await self.answer(question))
        except Exception:
            log.exception("answering a message failed")
            try:
                await message.reply(APOLOGY, mention_author=False)
            except discord.HTTPException:
                pass


async def setup(bot: StudyBot) -> None:
    await bot.add_cog(AskCog(bot))
