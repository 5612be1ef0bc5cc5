"""`python -m bot run | sync | commands`: the only CLI paths that import discord.py."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys

import discord
from discord.http import Route

from bot.client import StudyBot
from bot.config import Config, ConfigError, load_config, setup_logging
from knowledge.loader import PackError, load_pack
from knowledge.model import Pack

log = logging.getLogger(__name__)

EXIT_CONFIG = 2


def _fail(message: str, config: Config | None = None) -> int:
    """One line on stderr (token scrubbed), exit code 2."""
    if config is not None and config.token:
        message = message.replace(config.token, "[token]")
    print(f"error: {message}", file=sys.stderr)
    return EXIT_CONFIG


def _pack(path: str | None) -> Pack:
    try:
        return load_pack(path)
    except PackError as exc:
        first = exc.problems[0] if exc.problems else "unknown problem"
        raise ConfigError(f"the pack cannot be loaded ({first}); run 'python -m bot check'") \
            from None


def apply_api_base(config: Config) -> None:
    """Point discord.py's REST calls (and so GET /gateway/bot) at `api_base` when it is set."""
    if config.api_base:
        Route.BASE = config.api_base


def build_bot(config: Config, pack: Pack) -> StudyBot:
    """The bot object, offline (no token, no network until start or login)."""
    return StudyBot(config, pack)


async def command_payloads(config: Config, pack: Pack) -> list[dict]:
    """The application-command payloads exactly as a sync would send them."""
    bot = build_bot(config, pack)
    await bot.load_extensions()
    return [cmd.to_dict(bot.tree) for cmd in bot.tree.get_commands()]


def cmd_commands(args: argparse.Namespace) -> int:
    """Print the command payloads as JSON, without a token or network."""
    try:
        pack = _pack(args.pack)
    except ConfigError as exc:
        return _fail(str(exc))
    payloads = asyncio.run(command_payloads(Config(pack=args.pack), pack))
    try:
        json.dump(payloads, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _prepare(args: argparse.Namespace) -> tuple[Config, Pack]:
    config = load_config(getattr(args, "config", None))
    pack = _pack(args.pack or config.pack)
    return config, pack


async def _sync(bot: StudyBot, token: str, guild_id: int | None) -> int:
    async with bot:
        await bot.login(token)  # runs setup_hook: extensions loaded
        if guild_id:
            guild = discord.Object(id=guild_id)
            bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
            print(f"synced {len(synced)} commands to guild {guild_id} (available now)")
        else:
            synced = await bot.tree.sync()
            print(f"synced {len(synced)} global commands (may take up to an hour to appear)")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """Push the command tree to Discord: to `--guild ID`, else to dev_guild_id, else globally.

    `--guild 0` forces a global sync even when dev_guild_id is set.
    """
    config: Config | None = None
    try:
        config, pack = _prepare(args)
        setup_logging(config)
        apply_api_base(config)
        guild = args.guild if args.guild is not None else config.dev_guild_id
        return asyncio.run(_sync(build_bot(config, pack), config.token, guild or None))
    except ConfigError as exc:
        return _fail(str(exc), config)
    except discord.LoginFailure:
        return _fail("Discord rejected the token (check it in the Developer Portal)", config)
    except discord.HTTPException as exc:
        return _fail(f"Discord refused the sync: {exc.status} {exc.text[:200]}", config)
    except OSError as exc:
        return _fail(f"cannot reach Discord: {exc.__class__.__name__}", config)


def cmd_run(args: argparse.Namespace) -> int:
    """Run the bot until interrupted. Commands are not synced here: use `sync`."""
    config: Config | None = None
    try:
        config, pack = _prepare(args)
    except ConfigError as exc:
        return _fail(str(exc), config)
    setup_logging(config)
    apply_api_base(config)
    bot = build_bot(config, pack)
    try:
        bot.run(config.token, log_handler=None)
    except discord.LoginFailure:
        return _fail("Discord rejected the token (check it in the Developer Portal)", config)
    except discord.PrivilegedIntentsRequired:
        return _fail("message_content is on but the Message Content intent is not enabled "
                     "for this application in the Developer Portal", config)
    return 0
