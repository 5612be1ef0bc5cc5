"""The Discord client: a sharding-ready commands.Bot carrying the pack, engine and config."""

from __future__ import annotations

import asyncio
import logging

import discord
import yarl
from discord import app_commands
from discord.ext import commands as dcommands
from discord.gateway import DiscordWebSocket

from bot import extensions
from bot.config import Config
from bot.views import DYNAMIC_ITEMS
from knowledge.engine import Engine
from knowledge.model import Pack

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on my side. It has been logged; please try again later."


class StudyTree(app_commands.CommandTree):
    """The command tree, with one error handler for every command."""

    async def on_error(self, interaction: discord.Interaction,
                       error: app_commands.AppCommandError, /) -> None:
        if isinstance(error, app_commands.CommandOnCooldown):
            text = f"Slow down a little: try again in {error.retry_after:.0f} s."
        elif isinstance(error, app_commands.CheckFailure):
            text = "You can't use that command here."
        else:
            cmd = interaction.command.qualified_name if interaction.command else "?"
            log.error("command %s failed", cmd, exc_info=error)
            text = APOLOGY
        await send_ephemeral(interaction, text)


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """An ephemeral message, as the response or as a follow-up; never raises."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not tell the user about an error", exc_info=True)


def intents_for(config: Config) -> discord.Intents:
    """Default intents; Message Content only when the config switch is on."""
    intents = discord.Intents.default()
    intents.message_content = config.message_content
    return intents


class StudyBot(dcommands.AutoShardedBot):
    """The bot. Cogs use `bot.pack`, `bot.engine` and `bot.config`."""

    def __init__(self, config: Config, pack: Pack, engine: Engine | None = None) -> None:
        super().__init__(
            command_prefix=dcommands.when_mentioned,
            intents=intents_for(config),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=StudyTree,
            shard_count=config.shard_count,
            shard_ids=list(config.shard_ids) if config.shard_ids is not None else None,
            owner_ids=set(config.owner_ids) or None,
        )
        self.config = config
        self.pack = pack
        self.engine = engine or Engine(pack)
        self._extensions_loaded = False

    async def load_extensions(self) -> None:
        """Load every extension in EXTENSIONS and register the restart-proof buttons (once)."""
        if self._extensions_loaded:
            return
        for name in extensions.EXTENSIONS:
            await self.load_extension(name)
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        self._extensions_loaded = True

    async def setup_hook(self) -> None:
        """One-time start-up work (on_ready fires again on every reconnect)."""
        await self.load_extensions()
        guard_gateway_parsers(self)
        fair_gateway()
        if self.config.api_base:
            await self.use_api_gateway()
        log.info("loaded %d extensions, %d commands; pack %s with %d facts",
                 len(self.extensions), len(self.tree.get_commands()), self.pack.id,
                 len(self.pack.facts))

    async def use_api_gateway(self) -> None:
        """With `api_base` set (e.g. the fake Discord in tests), take the gateway URL from its
        GET /gateway/bot for every (re)connection: discord.py otherwise falls back to
        DiscordWebSocket.DEFAULT_GATEWAY (Discord's own) after INVALID_SESSION and whenever
        shard_count is fixed in the config."""
        _, url, _ = await self.http.get_bot_gateway()
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)

    async def on_ready(self) -> None:
        log.info("connected as %s (%s) in %d guilds", self.user, getattr(self.user, "id", "?"),
                 len(self.guilds))

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: free-text messages are handled by the ask cog's listener."""
        return


def fair_gateway() -> None:
    """Let the event loop run between two gateway events.

    When many events are already buffered (a burst), discord.py's read loop parses them all
    without yielding, so every command waits until the last event is parsed and the replies
    bunch at the end. Yielding once per event lets each command start, and its HTTP request
    leave, right after its own event is parsed."""
    poll = DiscordWebSocket.poll_event
    if getattr(poll, "__fair__", False):
        return

    async def poll_event(self: DiscordWebSocket) -> None:
        await poll(self)
        await asyncio.sleep(0)

    poll_event.__fair__ = True  # type: ignore[attr-defined]
    DiscordWebSocket.poll_event = poll_event  # type: ignore[method-assign]


def guard_gateway_parsers(bot: discord.Client) -> None:
    """Log and drop a gateway event whose payload discord.py cannot parse, instead of letting
    the exception end the shard (AutoShardedClient closes the whole bot on it)."""
    parsers = bot._connection.parsers
    for name, func in list(parsers.items()):
        if getattr(func, "__guarded__", False):
            continue

        def guarded(data, _func=func, _name=name):
            try:
                return _func(data)
            except Exception:
                log.exception("ignored a malformed %s event from the gateway", _name)
                return None

        guarded.__guarded__ = True  # type: ignore[attr-defined]
        parsers[name] = guarded
