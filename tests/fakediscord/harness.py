"""Run the fake Discord and the real bot together.

- `BotProcess`: the bot through its own start-up path, `python -m bot run --config FILE`, with
  `api_base` pointing at the fake. Logs go to a file; stop() interrupts it (SIGINT, like
  Ctrl-C), then kills it if it does not exit in time. Never leaks: `atexit` kills stragglers.
- `FakeThread`: a FakeDiscord on its own event loop in a daemon thread, so synchronous pytest
  tests (and fixtures of any scope) can drive it; every call has a timeout.
- `World`: both together, with the calls tests use.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import yaml

from .server import CB_DEFERRED_MESSAGE, FakeDiscord, FakeTimeout, InteractionHandle

REPO = Path(__file__).resolve().parents[2]
DEFAULT_TIMEOUT = 10.0

_live: set[subprocess.Popen] = set()


@atexit.register
def _kill_stragglers() -> None:
    for proc in list(_live):
        if proc.poll() is None:
            proc.kill()


def python_executable() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def write_config(path: Path, fake_api_base: str, token: str, **overrides: Any) -> Path:
    config: dict[str, Any] = {
        "token": token,
        "api_base": fake_api_base,
        "database": str(path.parent / "bot.sqlite3"),
        "message_content": False,
        "log_level": "INFO",
    }
    config.update(overrides)
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


class BotProcess:
    """`python -m bot run --config FILE` as a child process."""

    def __init__(self, config_path: Path, log_path: Path,
                 python_args: list[str] | None = None) -> None:
        self.python_args = python_args or []  # e.g. ["-m", "cProfile", "-o", FILE]
        self.config_path = config_path
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self._log_file = None

    def start(self) -> BotProcess:
        env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
        env["PYTHONUNBUFFERED"] = "1"
        self._log_file = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [python_executable(), *self.python_args, "-m", "bot", "run",
             "--config", str(self.config_path)],
            cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=self._log_file,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        _live.add(self.proc)
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def peak_rss_mb(self) -> float | None:
        """VmHWM of the live process (Linux), in MiB."""
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
        except OSError:
            return None
        return None

    def cpu_seconds(self) -> float | None:
        """User + system CPU time the live process has used so far (Linux), in seconds."""
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return None
        fields = stat[stat.rindex(")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self, timeout: float = 10.0) -> int | None:
        proc = self.proc
        if proc is None:
            return None
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        _live.discard(proc)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
        return proc.returncode


class FakeThread:
    """A FakeDiscord running on a private event loop in a daemon thread."""

    def __init__(self, **fake_kwargs: Any) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="fakediscord",
                                        daemon=True)
        self._thread.start()
        self.fake: FakeDiscord = self.run(self._make(fake_kwargs), timeout=10)

    @staticmethod
    async def _make(kwargs: dict[str, Any]) -> FakeDiscord:
        return await FakeDiscord(**kwargs).start()

    def run(self, coro: Coroutine[Any, Any, Any], timeout: float = DEFAULT_TIMEOUT) -> Any:
        fut = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return fut.result(timeout)
        except TimeoutError:
            fut.cancel()
            raise FakeTimeout(f"fake discord call timed out after {timeout}s") from None

    def call(self, fn: Callable[[], Any], timeout: float = DEFAULT_TIMEOUT) -> Any:
        async def wrapper():
            return fn()

        return self.run(wrapper(), timeout)

    def close(self) -> None:
        try:
            self.run(self.fake.stop(), timeout=10)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(5)
            self.loop.close()


class World:
    """The fake Discord plus the real bot, for synchronous tests."""

    def __init__(self, tmp: Path, *, start_bot: bool = True, **config: Any) -> None:
        self.tmp = tmp
        self.ft = FakeThread()
        self.fake = self.ft.fake
        self.config_path = write_config(tmp / "config.yaml", self.fake.api_base,
                                        self.fake.token, **config)
        self.bot: BotProcess | None = None
        self._starts = 0
        if start_bot:
            self.start_bot()

    # --- lifecycle
    def start_bot(self, timeout: float = 30.0) -> BotProcess:
        before = self.fake.identifies
        self._starts += 1
        self.bot = BotProcess(self.config_path, self.tmp / f"bot-{self._starts}.log").start()
        try:
            self.wait(lambda: self.fake.identifies > before or not self.bot.alive(),
                      timeout, "the bot to IDENTIFY")
        except FakeTimeout:
            self.stop_bot()
            raise
        if not self.bot.alive():
            raise AssertionError(f"bot exited at start-up:\n{self.bot.log()[-3000:]}")
        return self.bot

    def stop_bot(self) -> int | None:
        code = self.bot.stop() if self.bot is not None else None
        return code

    def close(self) -> None:
        try:
            self.stop_bot()
        finally:
            self.ft.close()

    def __enter__(self) -> World:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- waiting
    def wait(self, predicate: Callable[[], Any], timeout: float = DEFAULT_TIMEOUT,
             what: str = "a condition") -> Any:
        return self.ft.run(self.fake.wait_for(predicate, timeout, what), timeout + 2)

    def log(self) -> str:
        return "".join((self.tmp / f"bot-{i}.log").read_text(errors="replace")
                       for i in range(1, self._starts + 1)
                       if (self.tmp / f"bot-{i}.log").exists())

    # --- acting as users
    def new_user(self, name: str | None = None) -> dict[str, Any]:
        return self.ft.call(lambda: self.fake.new_user(name))

    def slash(self, command: str, options: dict[str, Any] | None = None,
              **kw: Any) -> InteractionHandle:
        return self.ft.run(self.fake.slash(command, options, **kw))

    def autocomplete(self, command: str, options: dict[str, Any], focused: str,
                     **kw: Any) -> InteractionHandle:
        return self.ft.run(self.fake.autocomplete(command, options, focused, **kw))

    def click(self, msg: dict[str, Any], custom_id: str, **kw: Any) -> InteractionHandle:
        return self.ft.run(self.fake.click(msg, custom_id, **kw))

    def say(self, content: str, **kw: Any) -> dict[str, Any]:
        return self.ft.run(self.fake.user_message(content, **kw))

    def mark(self) -> int:
        """An index into the bot's channel messages: wait for messages posted after it."""
        return self.ft.call(self.fake.events_count)

    def bot_message(self, channel_id: int | None = None, *, since: int = 0,
                    predicate: Callable[[dict[str, Any]], bool] | None = None,
                    timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        return self.ft.run(self.fake.wait_bot_message(channel_id, since=since,
                                                      predicate=predicate, timeout=timeout),
                           timeout + 2)

    def acked(self, h: InteractionHandle, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """The bot's interaction callback (the body it POSTed)."""
        self.wait(lambda: h.callback is not None, timeout, f"a callback to interaction {h.id}")
        assert h.callback is not None
        return h.callback

    def response(self, h: InteractionHandle, timeout: float = DEFAULT_TIMEOUT
                 ) -> dict[str, Any]:
        """The first message with something in it that answers `h`: the callback message, or
        after a deferral the edited original or the first follow-up."""

        def done():
            if h.callback is None:
                return None
            for m in h.messages():
                if h.callback_type == CB_DEFERRED_MESSAGE and m is h.original \
                        and int(m.get("flags") or 0) & 128:
                    continue  # still "thinking"
                if m.get("content") or m.get("embeds") or m.get("components"):
                    return m
            return None

        return self.wait(done, timeout, f"a response to interaction {h.id}")

    def faults(self, method: str, path: str, status: int, **kw: Any):
        return self.ft.call(lambda: self.fake.fail(method, path, status, **kw))
