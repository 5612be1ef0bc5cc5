"""A fake Discord (REST API v10 + gateway) on 127.0.0.1 for end-to-end tests of the real bot.

See README ("Testing against a fake Discord") and `server.FakeDiscord` / `harness.World`.
"""

from .harness import BotProcess, FakeThread, World, write_config
from .server import FakeDiscord, FakeTimeout, Fault, InteractionHandle

__all__ = ["BotProcess", "FakeDiscord", "FakeThread", "FakeTimeout", "Fault",
           "InteractionHandle", "World", "write_config"]
