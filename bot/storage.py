"""Persistent quiz data: answers, scores, per-guild settings, study progress.

`Storage` is the small interface the cogs and the console use; `SQLiteStorage` implements it
with aiosqlite (WAL journal, versioned migrations in `MIGRATIONS`, every answer committed as it
is given, leaderboards read through an index). Another database only needs another subclass.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from commands.quiz.session import AnswerRecord, ScoreLine, rank_lines
from commands.quiz.study import CardState


@dataclass(frozen=True)
class GuildSettings:
    seconds: int = 20
    questions: int = 10


@dataclass(frozen=True)
class UserStats:
    user_id: int
    name: str
    points: int
    correct: int
    answered: int
    rank: int | None
    studied: int = 0
    mastered: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


class Storage(abc.ABC):
    """What the quiz needs from a database."""

    async def open(self) -> None:  # noqa: B027 - optional hook
        """Connect and migrate."""

    async def close(self) -> None:  # noqa: B027 - optional hook
        """Release the connection."""

    @abc.abstractmethod
    async def record_answer(self, record: AnswerRecord) -> None: ...

    @abc.abstractmethod
    async def leaderboard(self, guild_id: int | None, limit: int = 10) -> list[ScoreLine]: ...

    @abc.abstractmethod
    async def user_stats(self, guild_id: int | None, user_id: int) -> UserStats | None: ...

    @abc.abstractmethod
    async def get_settings(self, guild_id: int | None, default: GuildSettings) \
        -> GuildSettings: ...

    @abc.abstractmethod
    async def set_settings(self, guild_id: int, settings: GuildSettings) -> None: ...

    @abc.abstractmethod
    async def load_study(self, user_id: int) -> dict[str, CardState]: ...

    @abc.abstractmethod
    async def save_study(self, user_id: int, item_id: str, state: CardState) -> None: ...

    async def __aenter__(self) -> Storage:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


# Guild 0 stands for "no guild" (DMs, the console).
def _g(guild_id: int | None) -> int:
    return guild_id or 0


# Each entry moves the schema from version i to i + 1. Append only; never edit a shipped one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: answers, scores, guild settings
    (
        """CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            guild_id INTEGER NOT NULL, channel_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
            item_id TEXT NOT NULL, correct INTEGER NOT NULL, points INTEGER NOT NULL,
            elapsed_ms INTEGER NOT NULL, at REAL NOT NULL)""",
        """CREATE TABLE scores (
            guild_id INTEGER NOT NULL, user_id INTEGER NOT NULL, user_name TEXT NOT NULL,
            points INTEGER NOT NULL DEFAULT 0, correct INTEGER NOT NULL DEFAULT 0,
            answered INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (guild_id, user_id))""",
        "CREATE INDEX scores_board ON scores (guild_id, points DESC, correct DESC)",
        """CREATE TABLE guild_settings (
            guild_id INTEGER PRIMARY KEY, seconds INTEGER NOT NULL, questions INTEGER NOT NULL)""",
    ),
    # 2: study progress; what was typed and in which round; answers by user
    (
        """CREATE TABLE study (
            user_id INTEGER NOT NULL, item_id TEXT NOT NULL, box INTEGER NOT NULL,
            due_at REAL NOT NULL, seen INTEGER NOT NULL DEFAULT 0,
            right INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (user_id, item_id))""",
        "CREATE INDEX study_due ON study (user_id, due_at)",
        "ALTER TABLE answers ADD COLUMN given TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE answers ADD COLUMN session_id TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX answers_user ON answers (guild_id, user_id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class SQLiteStorage(Storage):
    def __init__(self, path: str | Path, *, target_version: int = SCHEMA_VERSION) -> None:
        self.path = str(path)
        self.target_version = target_version
        self._db: aiosqlite.Connection | None = None

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("storage is not open")
        return self._db

    async def open(self) -> None:
        if self._db is not None:
            return
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = await aiosqlite.connect(self.path)
        await self._db.execute("PRAGMA journal_mode=WAL")
        await self._db.execute("PRAGMA synchronous=NORMAL")
        await self._db.execute("PRAGMA busy_timeout=5000")
        try:
            await self.migrate()
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    async def version(self) -> int:
        async with self.db.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self) -> int:
        """Apply every migration above the file's version, each in one transaction."""
        current = await self.version()
        if current > len(MIGRATIONS):
            raise RuntimeError(f"database schema v{current} is newer than this code "
                               f"(v{len(MIGRATIONS)})")
        for v in range(current, self.target_version):
            try:
                await self.db.execute("BEGIN")
                for stmt in MIGRATIONS[v]:
                    await self.db.execute(stmt)
                await self.db.execute(f"PRAGMA user_version = {v + 1}")
                await self.db.commit()
            except BaseException:
                await self.db.rollback()
                raise
        return await self.version()

    # -- answers and scores ----------------------------------------------------------------

    async def record_answer(self, record: AnswerRecord) -> None:
        g = _g(record.guild_id)
        db = self.db
        await db.execute(
            "INSERT INTO answers (guild_id, channel_id, user_id, item_id, correct, points, "
            "elapsed_ms, at, given, session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (g, record.channel_id, record.user_id, record.item_id, int(record.correct),
             record.points, record.elapsed_ms, record.at, record.given[:200],
             record.session_id))
        await db.execute(
            "INSERT INTO scores (guild_id, user_id, user_name, points, correct, answered) "
            "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (guild_id, user_id) DO UPDATE SET "
            "user_name = excluded.user_name, points = points + excluded.points, "
            "correct = correct + excluded.correct, answered = answered + 1",
            (g, record.user_id, record.user_name[:100], record.points, int(record.correct)))
        await db.commit()

    async def leaderboard(self, guild_id: int | None, limit: int = 10) -> list[ScoreLine]:
        # fetch past the limit to keep ties at the cut-off in the right order
        async with self.db.execute(
            "SELECT user_id, user_name, points, correct, answered FROM scores "
            "WHERE guild_id = ? ORDER BY points DESC, correct DESC LIMIT ?",
            (_g(guild_id), max(1, limit) * 2 + 10),
        ) as cur:
            rows = [tuple(r) for r in await cur.fetchall()]
        return rank_lines(rows)[:limit]  # type: ignore[arg-type]

    async def user_stats(self, guild_id: int | None, user_id: int) -> UserStats | None:
        g = _g(guild_id)
        async with self.db.execute(
            "SELECT user_name, points, correct, answered FROM scores "
            "WHERE guild_id = ? AND user_id = ?", (g, user_id)) as cur:
            row = await cur.fetchone()
        async with self.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(box >= 4), 0) FROM study WHERE user_id = ?",
            (user_id,)) as cur:
            srow = await cur.fetchone()
        studied, mastered = (int(srow[0]), int(srow[1])) if srow else (0, 0)
        if row is None:
            if not studied:
                return None
            return UserStats(user_id, "", 0, 0, 0, None, studied, mastered)
        name, points, correct, answered = row
        async with self.db.execute(
            "SELECT COUNT(*) FROM scores WHERE guild_id = ? AND points > ?",
            (g, points)) as cur:
            above = (await cur.fetchone())[0]  # type: ignore[index]
        return UserStats(user_id, name, points, correct, answered, int(above) + 1, studied,
                         mastered)

    # -- settings --------------------------------------------------------------------------

    async def get_settings(self, guild_id: int | None,
                           default: GuildSettings = GuildSettings()) -> GuildSettings:
        async with self.db.execute(
            "SELECT seconds, questions FROM guild_settings WHERE guild_id = ?",
            (_g(guild_id),)) as cur:
            row = await cur.fetchone()
        return GuildSettings(int(row[0]), int(row[1])) if row else default

    async def set_settings(self, guild_id: int, settings: GuildSettings) -> None:
        await self.db.execute(
            "INSERT INTO guild_settings (guild_id, seconds, questions) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET seconds = excluded.seconds, "
            "questions = excluded.questions",
            (_g(guild_id), settings.seconds, settings.questions))
        await self.db.commit()

    # -- study -----------------------------------------------------------------------------

    async def load_study(self, user_id: int) -> dict[str, CardState]:
        async with self.db.execute(
            "SELECT item_id, box, due_at, seen, right FROM study WHERE user_id = ?",
            (user_id,)) as cur:
            rows = await cur.fetchall()
        return {r[0]: CardState(int(r[1]), float(r[2]), int(r[3]), int(r[4])) for r in rows}

    async def save_study(self, user_id: int, item_id: str, state: CardState) -> None:
        await self.db.execute(
            "INSERT INTO study (user_id, item_id, box, due_at, seen, right) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, item_id) DO UPDATE SET "
            "box = excluded.box, due_at = excluded.due_at, seen = excluded.seen, "
            "right = excluded.right",
            (user_id, item_id, state.box, state.due_at, state.seen, state.right))
        await self.db.commit()
