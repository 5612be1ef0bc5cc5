"""SQLite storage: restarts, leaderboard order and ties, migrations, settings, study."""

from __future__ import annotations

import sqlite3

import pytest

from bot.storage import MIGRATIONS, SCHEMA_VERSION, GuildSettings, SQLiteStorage
from commands.quiz import AnswerRecord, CardState


def rec(user, points, correct=True, guild=1, name=None, item="q1"):
    return AnswerRecord(guild_id=guild, channel_id=5, user_id=user, user_name=name or f"u{user}",
                        item_id=item, given="x", correct=correct, points=points,
                        elapsed_ms=1200, at=1.0)


async def test_scores_survive_a_restart(tmp_path):
    path = tmp_path / "quiz.sqlite3"
    async with SQLiteStorage(path) as s:
        await s.record_answer(rec(1, 15))
        await s.record_answer(rec(1, 0, correct=False))
        await s.record_answer(rec(2, 12))
        await s.save_study(1, "q1", CardState(3, 123.0, 4, 3))
    # a new Storage object (as after a restart) on the same file
    async with SQLiteStorage(path) as s2:
        board = await s2.leaderboard(1)
        assert [(x.user_id, x.points, x.correct, x.answered) for x in board] == [
            (1, 15, 1, 2), (2, 12, 1, 1)]
        st = await s2.user_stats(1, 1)
        assert st.points == 15 and st.rank == 1 and st.answered == 2 and st.accuracy == 0.5
        assert (await s2.load_study(1))["q1"] == CardState(3, 123.0, 4, 3)
        assert st.studied == 1


async def test_answers_are_committed_as_they_happen(tmp_path):
    path = tmp_path / "q.sqlite3"
    s = SQLiteStorage(path)
    await s.open()
    await s.record_answer(rec(1, 10))
    # another connection sees it before the storage is closed (a crash loses nothing)
    con = sqlite3.connect(path)
    assert con.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    await s.close()


async def test_leaderboard_order_and_ties(tmp_path):
    async with SQLiteStorage(tmp_path / "b.sqlite3") as s:
        for user, pts in [(1, 10), (2, 30), (3, 10), (4, 5), (5, 10)]:
            await s.record_answer(rec(user, pts))
        await s.record_answer(rec(3, 0, correct=False))  # same points, more tries
        await s.record_answer(rec(9, 99, guild=2))          # another guild
        board = await s.leaderboard(1)
        assert [(x.user_id, x.rank) for x in board] == [(2, 1), (1, 2), (5, 2), (3, 2), (4, 5)]
        assert [x.user_id for x in await s.leaderboard(1, limit=2)] == [2, 1]
        assert (await s.leaderboard(2))[0].user_id == 9
        assert (await s.user_stats(1, 3)).rank == 2
        assert await s.user_stats(1, 42) is None
        plan = await (await s.db.execute(
            "EXPLAIN QUERY PLAN SELECT user_id FROM scores WHERE guild_id = 1 "
            "ORDER BY points DESC, correct DESC")).fetchall()
        assert any("scores_board" in str(row) for row in plan)


async def test_migrations_from_empty_file(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    async with SQLiteStorage(path) as s:
        assert await s.version() == SCHEMA_VERSION == len(MIGRATIONS)
        tables = {r[0] for r in await (await s.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")).fetchall()}
        assert {"answers", "scores", "guild_settings", "study"} <= tables


async def test_migration_from_the_previous_version_keeps_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    async with SQLiteStorage(path, target_version=SCHEMA_VERSION - 1) as old:
        assert await old.version() == SCHEMA_VERSION - 1
        await old.db.execute(
            "INSERT INTO answers (guild_id, channel_id, user_id, item_id, correct, points, "
            "elapsed_ms, at) VALUES (1, 2, 3, 'q', 1, 10, 100, 1.0)")
        await old.db.execute(
            "INSERT INTO scores VALUES (1, 3, 'old-user', 10, 1, 1)")
        await old.db.commit()
    async with SQLiteStorage(path) as new:
        assert await new.version() == SCHEMA_VERSION
        board = await new.leaderboard(1)
        assert board[0].name == "old-user" and board[0].points == 10
        await new.record_answer(rec(3, 5, name="renamed"))
        board = await new.leaderboard(1)
        assert board[0].points == 15 and board[0].name == "renamed"
        await new.save_study(3, "q", CardState(1, 0.0))


async def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(RuntimeError):
        await SQLiteStorage(path).open()


async def test_guild_settings(tmp_path):
    async with SQLiteStorage(tmp_path / "s.sqlite3") as s:
        default = GuildSettings(20, 10)
        assert await s.get_settings(7, default) == default
        await s.set_settings(7, GuildSettings(30, 5))
        await s.set_settings(7, GuildSettings(45, 5))
        assert await s.get_settings(7, default) == GuildSettings(45, 5)
        assert await s.get_settings(8, default) == default
