"""The quiz cog offline: real discord.py views and command tree, fake interactions/channels."""

from __future__ import annotations

import re
from types import SimpleNamespace
from unittest.mock import AsyncMock, MagicMock

import discord
import pytest
from discord.ext import commands as dcommands

from bot.cogs.quiz import (
    CUSTOM_ID_MAX,
    LABEL_MAX,
    QuizChoice,
    QuizCog,
    StudyChoice,
    choice_view,
)
from bot.config import Config
from bot.storage import SQLiteStorage
from commands.quiz import FakeClock, Question
from commands.quiz.clock import settle
from knowledge.loader import load_pack
from knowledge.model import QuizItem

NAME_RE = re.compile(r"^[-_'\w]{1,32}$")


@pytest.fixture(scope="module")
def pack():
    return load_pack()


class FakeMessage:
    def __init__(self, kwargs):
        self.kwargs = kwargs
        self.edits = []
        self.id = id(self)

    async def edit(self, **kwargs):
        self.edits.append(kwargs)


class FakeChannel:
    def __init__(self, cid):
        self.id = cid
        self.sent: list[FakeMessage] = []

    async def send(self, **kwargs):
        assert kwargs.get("allowed_mentions") is not None
        msg = FakeMessage(kwargs)
        self.sent.append(msg)
        return msg


def interaction(user_id, channel, *, manage=False, guild_id=1):
    inter = MagicMock(spec=discord.Interaction)
    inter.user = SimpleNamespace(id=user_id, display_name=f"user{user_id}", bot=False)
    inter.channel = channel
    inter.channel_id = channel.id
    inter.guild_id = guild_id
    inter.permissions = discord.Permissions(manage_messages=manage)
    inter.response = MagicMock()
    inter.response.send_message = AsyncMock()
    inter.response.edit_message = AsyncMock()
    inter.response.is_done = MagicMock(return_value=False)
    return inter


def said(inter):
    call = inter.response.send_message.await_args
    return (call.args[0] if call.args else call.kwargs.get("content")) or call.kwargs


@pytest.fixture
async def cog(pack, tmp_path):
    bot = SimpleNamespace(pack=pack, config=Config(database=str(tmp_path / "q.sqlite3"),
                                                   message_content=True))
    c = QuizCog(bot, storage=SQLiteStorage(tmp_path / "q.sqlite3"), clock=FakeClock())
    await c.cog_load()
    yield c
    c.registry.cancel_all()
    await settle()
    await c.storage.close()


def question_messages(channel):
    return [m for m in channel.sent if "view" in m.kwargs]


def check_view(view):
    buttons = view.children
    rows: dict[int, int] = {}
    for b in buttons:
        item = b.item if hasattr(b, "item") else b
        assert len(item.custom_id) <= CUSTOM_ID_MAX
        assert 1 <= len(item.label) <= LABEL_MAX
        rows[item.row] = rows.get(item.row, 0) + 1
    assert all(n <= 5 for n in rows.values()) and len(rows) <= 5
    payload = view.to_components()
    assert len(payload) <= 5 and all(len(r["components"]) <= 5 for r in payload)
    return buttons


def test_view_limits_with_many_long_options():
    item = QuizItem(id="x", question="?", answer="A" * 200)
    q = Question(0, item, [f"option {i} " + "x" * 150 for i in range(30)], 0.0, 20.0)
    session = SimpleNamespace(id="abcdef0123456789")
    buttons = check_view(choice_view(session, q))
    assert len(buttons) == 25
    ids = {b.item.custom_id for b in buttons}
    assert len(ids) == 25


async def test_dynamic_ids_round_trip():
    b = QuizChoice("1f", 3, 2, "C. MINUSMA")
    m = re.fullmatch(QuizChoice.__discord_ui_compiled_template__, b.item.custom_id)
    again = await QuizChoice.from_custom_id(MagicMock(), b.item, m)
    assert (again.sid, again.q, again.i) == ("1f", 3, 2)
    s = StudyChoice(123456789012345678, -1, "Stop")
    m = re.fullmatch(StudyChoice.__discord_ui_compiled_template__, s.item.custom_id)
    assert (await StudyChoice.from_custom_id(MagicMock(), s.item, m)).i == -1


async def test_quiz_round_buttons_scores_and_leaderboard(cog):
    ch = FakeChannel(10)
    starter = interaction(1, ch)
    await cog.start.callback(cog, starter, None, 2, "buttons", 30)
    await settle()
    assert "Quiz starting" in said(starter)
    msgs = question_messages(ch)
    assert len(msgs) == 1
    view = msgs[0].kwargs["view"]
    buttons = check_view(view)
    assert 3 <= len(buttons) <= 4
    session = cog.registry.get(10)
    q = session.current
    right = q.choices.index(q.item.answer)
    wrong = (right + 1) % len(q.choices)
    loser, winner, late = interaction(2, ch), interaction(3, ch), interaction(4, ch)
    await cog.press_choice(loser, session.id, 0, wrong)
    await cog.press_choice(winner, session.id, 0, right)
    await cog.press_choice(late, session.id, 0, right)
    assert "Wrong" in said(loser) and "Correct" in said(winner)
    assert "faster" in said(late) or "closed" in said(late)
    await settle()
    assert msgs[0].edits and msgs[0].edits[0]["view"] is None  # buttons removed
    reveal = ch.sent[-1].kwargs["embed"]
    assert q.item.answer in reveal.description and "user3" in reveal.description
    # a non-starter cannot stop; a moderator can
    other = interaction(5, ch)
    await cog.stop.callback(cog, other)
    assert "Only the person" in said(other) and cog.registry.get(10) is session
    mod = interaction(6, ch, manage=True)
    await cog.stop.callback(cog, mod)
    await session.wait_closed()
    assert cog.registry.get(10) is None
    assert ch.sent[-1].kwargs["embed"].title == "Final scores"
    board = interaction(7, ch)
    await cog.leaderboard.callback(cog, board)
    embed = board.response.send_message.await_args.kwargs["embed"]
    assert embed.description.startswith("1. user3")
    stats = interaction(3, ch)
    await cog.stats.callback(cog, stats, None)
    assert "rank 1" in said(stats)


async def test_two_channels_and_typed_answers(cog):
    a, b = FakeChannel(21), FakeChannel(22)
    await cog.start.callback(cog, interaction(1, a), None, 1, "buttons", 20)
    await cog.start.callback(cog, interaction(2, b), None, 1, "typed", 20)
    await settle()
    again = interaction(3, a)
    await cog.start.callback(cog, again, None, 1, "buttons", 20)
    assert "already running" in said(again)
    assert len(cog.registry) == 2
    sb = cog.registry.get(22)
    assert not sb.current.choices and not question_messages(b)
    msg = MagicMock(spec=discord.Message)
    msg.author = SimpleNamespace(id=9, display_name="typer", bot=False)
    msg.channel = SimpleNamespace(id=22)
    msg.content = sb.current.item.answer.lower()
    msg.add_reaction = AsyncMock()
    await cog.typed_answer(msg)
    msg.add_reaction.assert_awaited()
    ans = interaction(8, b)
    await cog.answer.callback(cog, ans, "anything")
    await settle()
    assert sb.players[9].correct == 1
    await sb.wait_closed()
    assert cog.registry.get(22) is None and cog.registry.get(21) is not None


async def test_study_flow(cog):
    ch = FakeChannel(30)
    inter = interaction(42, ch)
    await cog.study.callback(cog, inter, None)
    kwargs = inter.response.send_message.await_args.kwargs
    assert kwargs["ephemeral"] is True
    check_view(kwargs["view"])
    st = cog.studies[42]
    card = st.card
    intruder = interaction(43, ch)
    await cog.press_study(intruder, 42, 0)
    assert "your own" in said(intruder)
    press = interaction(42, ch)
    await cog.press_study(press, 42, card.choices.index(card.item.answer))
    edit = press.response.edit_message.await_args.kwargs
    assert "Right" in edit["embeds"][0].description
    assert (await cog.storage.load_study(42))[card.item.id].box == 2
    stop = interaction(42, ch)
    await cog.press_study(stop, 42, -1)
    assert 42 not in cog.studies


async def test_command_tree_payloads(pack, tmp_path):
    bot = dcommands.Bot(command_prefix="!", intents=discord.Intents.none())
    bot.pack = pack
    bot.config = Config(database=str(tmp_path / "t.sqlite3"))
    await bot.add_cog(QuizCog(bot))
    try:
        payloads = [c.to_dict(bot.tree) for c in bot.tree.get_commands()]
        names = {p["name"] for p in payloads}
        assert {"quiz", "study"} <= names
        quiz = next(p for p in payloads if p["name"] == "quiz")
        subs = {o["name"] for o in quiz["options"]}
        assert subs == {"start", "stop", "skip", "hint", "answer", "leaderboard", "stats"}

        def walk(p):
            assert NAME_RE.match(p["name"]) and p["name"] == p["name"].lower()
            assert 1 <= len(p.get("description", "x")) <= 100
            for o in p.get("options", []):
                walk(o)

        for p in payloads:
            walk(p)
    finally:
        await bot.remove_cog("Quiz")
