"""Clocks: the real one, and a fake one that tests drive by hand (no real sleeping)."""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Monotonic seconds, for timers."""

    def time(self) -> float:
        """Wall-clock seconds since the epoch, for what is stored."""

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class FakeClock:
    """Time moves only when `advance` is awaited; sleepers wake in deadline order."""

    def __init__(self, start: float = 1_000.0, epoch: float = 1_700_000_000.0) -> None:
        self._now = start
        self._epoch = epoch - start
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = 0

    def now(self) -> float:
        return self._now

    def time(self) -> float:
        return self._epoch + self._now

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._seq += 1
        self._sleepers.append((self._now + seconds, self._seq, fut))
        await fut

    @property
    def sleepers(self) -> int:
        return sum(1 for _, _, f in self._sleepers if not f.done())

    async def advance(self, seconds: float) -> None:
        """Move time forward, waking every sleeper due on the way, and let tasks run."""
        target = self._now + seconds
        while True:
            await settle()
            due = sorted((d, s, f) for d, s, f in self._sleepers if not f.done() and d <= target)
            if not due:
                break
            deadline, _, fut = due[0]
            self._now = max(self._now, deadline)
            fut.set_result(None)
        self._now = target
        self._sleepers = [x for x in self._sleepers if not x[2].done()]
        await settle()


async def settle(rounds: int = 30) -> None:
    """Let every ready task run a few steps."""
    for _ in range(rounds):
        await asyncio.sleep(0)
