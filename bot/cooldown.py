"""A per-user sliding-window rate limit shared by every way of asking (slash, mention, DM)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class Limiter:
    """At most `rate` hits per `per` seconds for each key; `clock` is injectable for tests."""

    def __init__(self, rate: int, per: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.per = per
        self.clock = clock
        self._hits: dict[int, deque[float]] = {}

    def hit(self, key: int) -> float:
        """Record a hit. Returns 0.0 when allowed, else the seconds to wait (nothing recorded)."""
        now = self.clock()
        hits = self._hits.setdefault(key, deque())
        while hits and now - hits[0] >= self.per:
            hits.popleft()
        if len(hits) >= self.rate:
            return max(self.per - (now - hits[0]), 0.1)
        hits.append(now)
        if len(self._hits) > 10_000:  # forget idle users now and then: bounded memory
            self._hits = {k: v for k, v in self._hits.items() if v and now - v[-1] < self.per}
        return 0.0


def polite_wait(seconds: float) -> str:
    """The message a user gets when asking too fast."""
    return (f"You're asking faster than I can keep up. Please try again in "
            f"{max(int(seconds + 0.999), 1)} s.")
