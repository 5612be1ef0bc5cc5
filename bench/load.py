"""Load test: the real bot (`python -m bot run`) against the fake Discord on 127.0.0.1.

    .venv/bin/python bench/load.py --interactions 1000 --json

Starts the fake Discord and the bot, dispatches N interactions at once on the gateway (a mix of
/ask, /mission, /official, /topic lookups and autocomplete, each from its own user), and times
each one from the moment its INTERACTION_CREATE is written to the socket to the moment the
bot's interaction callback reaches the fake. The last line printed is JSON:

    {"sent": N, "replied": R, "errors": E, "p50_ms": ..., "p99_ms": ..., "peak_rss_mb": ...}

`errors` counts interactions not acknowledged in time, REST requests the fake had to refuse
(4xx/5xx) and ERROR lines in the bot's log. Everything binds 127.0.0.1 only and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from fakediscord.harness import BotProcess, write_config  # noqa: E402
from fakediscord.server import CB_DEFERRED_MESSAGE, FakeDiscord, InteractionHandle  # noqa: E402

QUESTIONS = [
    "Who appoints the USG-PKO?",
    "who runs UN peacekeeping now?",
    "what is minuska",
    "when did unamid end?",
    "What is UNIFIL?",
    "who was the first head of DPKO?",
    "what does the department of peace operations do",
    "when did MINUSMA's mandate end?",
]
MISSIONS = ["minusca", "unifil", "monusco", "unmiss", "minusma", "unamid"]
OFFICIALS = ["Jean-Pierre Lacroix", "Herve Ladsous", "Alain Le Roy"]
TOPICS = ["DPKO", "peacekeeping", "Security Council"]
PREFIXES = ["", "m", "min", "minus", "un", "unm", "mon", "ladsous", "lacroix", "dp"]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100.0 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def plan(n: int) -> list[tuple[str, str, dict, str | None]]:
    """(kind, command, options, focused) for n interactions: 40% /ask, 30% lookups,
    30% autocomplete."""
    out = []
    for i in range(n):
        slot = i % 10
        if slot < 4:
            out.append(("ask", "ask", {"question": QUESTIONS[i % len(QUESTIONS)]}, None))
        elif slot < 7:
            which = i % 3
            if which == 0:
                out.append(("lookup", "mission", {"name": MISSIONS[i % len(MISSIONS)]}, None))
            elif which == 1:
                out.append(("lookup", "official", {"name": OFFICIALS[i % len(OFFICIALS)]}, None))
            else:
                out.append(("lookup", "topic", {"name": TOPICS[i % len(TOPICS)]}, None))
        else:
            cmd = ("mission", "official", "topic")[i % 3]
            out.append(("autocomplete", cmd, {"name": PREFIXES[i % len(PREFIXES)]}, "name"))
    return out


async def send(fake: FakeDiscord, kind: str, command: str, options: dict,
               focused: str | None, channel_id: int | None = None) -> InteractionHandle:
    user = fake.new_user()
    if kind == "autocomplete":
        return await fake.autocomplete(command, options, focused or "", user=user,
                                       channel_id=channel_id)
    return await fake.slash(command, options, user=user, channel_id=channel_id)


def shard_channels(fake: FakeDiscord, shards: int) -> list[int | None]:
    """One channel per shard, in a guild Discord routes to that shard; [None] (the default
    channel) when the bot is not sharded."""
    if shards <= 1:
        return [None]
    out: list[int | None] = []
    for shard in range(shards):
        gid = next(g for g in fake.guild_ids if fake.shard_of(g, shards) == shard)
        out.append(int(fake.guild_channels[gid][0]["id"]))
    return out


def count_errors_in_log(text: str) -> int:
    return sum(1 for line in text.splitlines() if " ERROR " in line or " CRITICAL " in line)


def cpu_total(bots: list[BotProcess]) -> float | None:
    values = [b.cpu_seconds() for b in bots]
    return None if None in values else sum(values)  # type: ignore[arg-type]


async def run(n: int, timeout: float, warmup: int, profile: str | None = None,
              rate: float = 0.0, shards: int = 1) -> dict:
    """One bot process, or with shards > 1 one process per shard (shard_count = shards,
    shard_ids = [k]), each on its own gateway connection; interactions alternate between
    guilds of each shard."""
    fake = await FakeDiscord(keep_events=max(5000, 3 * n), guilds=max(1, shards)).start()
    tmp = Path(tempfile.mkdtemp(prefix="usgpko-load-"))
    bots = []
    for k in range(shards):
        extra = {"shard_count": shards, "shard_ids": [k]} if shards > 1 else {}
        suffix = f"-shard{k}" if shards > 1 else ""
        config = write_config(tmp / f"config{suffix}.yaml", fake.api_base, fake.token,
                              log_level="WARNING", database=str(tmp / f"load{suffix}.sqlite3"),
                              **extra)
        prof = (profile + suffix.replace("-", ".")) if profile else None
        bots.append(BotProcess(config, tmp / f"bot{suffix}.log",
                               python_args=["-m", "cProfile", "-o", prof] if prof else None))
    channels = shard_channels(fake, shards)
    started = time.perf_counter()
    for bot in bots:
        bot.start()
    try:
        await fake.wait_for(lambda: len(fake.shard_sessions) >= shards
                            or not all(b.alive() for b in bots), 60, "IDENTIFY")
        dead = [b for b in bots if not b.alive()]
        if dead:
            raise SystemExit(f"the bot exited at start-up:\n{dead[0].log()[-2000:]}")
        startup_s = time.perf_counter() - started

        # warm-up: one of each kind per shard, sequentially (lazy imports, first-call caches)
        for channel in channels:
            for item in plan(10)[:warmup]:
                h = await send(fake, *item, channel_id=channel)
                await asyncio.wait_for(asyncio.shield(h.acked), 10)
        log_before = [b.log() for b in bots]
        req_before = len(fake.requests)
        peers_before = len(fake.rest_peers)
        cpu_bot0 = cpu_total(bots)
        cpu_self0 = time.process_time()

        # the run: dispatch everything at once, then wait for every callback
        items = plan(n)
        t0 = time.perf_counter()
        handles = []
        for i, item in enumerate(items):
            if rate > 0:  # paced arrivals; 0 = one burst
                delay = t0 + i / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            handles.append(await send(fake, *item, channel_id=channels[i % len(channels)]))
        dispatch_s = time.perf_counter() - t0
        pending = [h.acked for h in handles]
        done, not_done = await asyncio.wait(pending, timeout=timeout)
        wall_s = time.perf_counter() - t0

        # deferred /ask answers: wait a little for their follow-up/edit too
        deferred = [h for h in handles if h.callback_type == CB_DEFERRED_MESSAGE]
        if deferred:
            def all_filled() -> bool:
                return all(h.followups or (h.original and h.original.get("embeds"))
                           for h in deferred)

            try:
                await fake.wait_for(all_filled, 30, "deferred answers")
            except AssertionError:
                pass
        peaks = [b.peak_rss_mb() for b in bots]
        cpu_bot = cpu_total(bots)
        cpu_self = time.process_time() - cpu_self0
        new_connections = len(fake.rest_peers) - peers_before
    finally:
        codes = [b.stop() for b in bots]
        await fake.stop()

    latencies = [h.latency_ms for h in handles if h.latency_ms is not None]
    by_kind: dict[str, list[float]] = {}
    for (kind, *_), h in zip(items, handles, strict=True):
        if h.latency_ms is not None:
            by_kind.setdefault(kind, []).append(h.latency_ms)
    refused = [r for r in fake.requests[req_before:] if r.status >= 400]
    log_errors = sum(count_errors_in_log(b.log()[len(before):])
                     for b, before in zip(bots, log_before, strict=True))
    unanswered = len(not_done)
    incomplete = sum(1 for h in deferred if not (h.followups or (h.original or {}).get("embeds")))
    result = {
        "sent": n,
        "replied": len(latencies),
        "errors": unanswered + len(refused) + log_errors + incomplete,
        "p50_ms": round(percentile(latencies, 50), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
        "max_ms": round(max(latencies), 2) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies), 2) if latencies else None,
        # the bot's peak memory: with shards, the sum over its processes
        "peak_rss_mb": round(sum(peaks), 1) if None not in peaks else None,  # type: ignore[arg-type]
        "shards": shards,
        "deferred": len(deferred),
        "rate_per_s": rate or "burst",
        "dispatch_s": round(dispatch_s, 3),
        "wall_s": round(wall_s, 3),
        "startup_s": round(startup_s, 2),
        # CPU used during the run: the bot process, and this process (the fake Discord + driver)
        "bot_cpu_s": (round(cpu_bot - cpu_bot0, 3)
                      if cpu_bot is not None and cpu_bot0 is not None else None),
        "fake_cpu_s": round(cpu_self, 3),
        "new_http_connections": new_connections,
        "by_kind_p99_ms": {k: round(percentile(v, 99), 2) for k, v in sorted(by_kind.items())},
        "bot_exit_code": codes[0] if shards == 1 else codes,
    }
    if refused:
        result["refused"] = sorted({f"{r.method} {r.status}" for r in refused})
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--interactions", "-n", type=int, default=1000, metavar="N")
    p.add_argument("--json", action="store_true", help="end with one JSON line (always printed)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for callbacks")
    p.add_argument("--warmup", type=int, default=10, help="sequential warm-up interactions")
    p.add_argument("--rate", type=float, default=0.0, metavar="PER_S",
                   help="pace the dispatches at this many per second (default: one burst)")
    p.add_argument("--profile", metavar="FILE", help="run the bot under cProfile, stats to FILE "
                   "(FILE.shardK per process with --shards)")
    p.add_argument("--shards", type=int, default=1, metavar="N",
                   help="run the bot as N processes, one shard each (default: 1, unsharded)")
    args = p.parse_args(argv)
    if args.interactions < 1:
        p.error("--interactions must be at least 1")
    if args.shards < 1:
        p.error("--shards must be at least 1")
    result = asyncio.run(run(args.interactions, args.timeout, args.warmup, args.profile,
                             args.rate, args.shards))
    if not args.json:
        for key, value in result.items():
            print(f"{key:>16}: {value}")
    print(json.dumps(result), flush=True)
    return 0 if result["replied"] == result["sent"] and result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
