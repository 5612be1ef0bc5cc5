"""Quiz sessions and study mode, driven by a fake clock: no real sleeping."""

from __future__ import annotations

import asyncio
import random

import pytest

from commands.quiz import (
    FakeClock,
    MemoryProgress,
    QuestionAsked,
    QuestionClosed,
    QuizEnded,
    QuizRegistry,
    QuizRunning,
    QuizSession,
    StudySession,
    plan_questions,
    rank_lines,
)
from commands.quiz.clock import settle
from commands.quiz.render import question_reply, reveal_reply, scoreboard_reply
from commands.quiz.session import BASE_POINTS, SPEED_POINTS, mask
from commands.quiz.study import DAY
from knowledge.grader import grade
from knowledge.loader import load_pack
from knowledge.quizbank import QuizBank


@pytest.fixture(scope="module")
def pack():
    return load_pack()


@pytest.fixture(scope="module")
def bank(pack):
    return QuizBank(pack)


class Recorder:
    def __init__(self):
        self.records = []

    async def record_answer(self, rec):
        self.records.append(rec)


def make(pack, bank, clock, *, channel=1, starter=10, n=3, mode="buttons", seconds=20.0,
         events=None, recorder=None, seed=0):
    events = events if events is not None else []

    async def notify(ev):
        events.append(ev)

    items = plan_questions(bank, None, n, mode, random.Random(seed))
    return QuizSession(channel_id=channel, guild_id=99, starter_id=starter, items=items,
                       grade=lambda item, text: grade(pack, item, text), notify=notify,
                       mode=mode, seconds=seconds, clock=clock, recorder=recorder), events


def right_choice(q):
    return q.choices.index(q.item.answer)


async def test_first_correct_answer_scores_and_faster_scores_more(pack, bank):
    clock = FakeClock()
    rec = Recorder()
    s, events = make(pack, bank, clock, recorder=rec)
    s.start()
    await settle()
    q = s.current
    assert isinstance(events[0], QuestionAsked)
    wrong = (right_choice(q) + 1) % len(q.choices)
    r = await s.answer(20, "bob", choice=wrong)
    assert r.status == "wrong"
    assert (await s.answer(20, "bob", choice=right_choice(q))).status == "locked"
    await clock.advance(5)
    r = await s.answer(21, "ann", choice=right_choice(q))
    assert r.correct and r.points == BASE_POINTS + round(SPEED_POINTS * 0.75)
    assert (await s.answer(22, "cid", choice=right_choice(q))).status == "late"
    await settle()
    closed = [e for e in events if isinstance(e, QuestionClosed)]
    assert closed and closed[0].winner.name == "ann"
    assert [r.correct for r in rec.records] == [False, True]  # every answer recorded
    # second question: a slower answer scores less
    await clock.advance(3)  # the pause between questions
    q2 = s.current
    assert q2 is not None and q2.index == 1
    await clock.advance(15)
    r2 = await s.answer(21, "ann", choice=right_choice(q2))
    assert r2.correct and 0 < r2.points < r.points
    s.stop(10, False)
    await s.wait_closed()
    assert s.end_reason == "stopped"
    assert s.scoreboard()[0].name == "ann"


async def test_timeout_reveals_and_inactivity_ends(pack, bank):
    clock = FakeClock()
    s, events = make(pack, bank, clock, n=5)
    s.start()
    await settle()
    await clock.advance(20)      # q1 times out
    await clock.advance(3)       # pause
    await clock.advance(20)      # q2 times out: two idle questions end it
    await s.wait_closed()
    assert s.end_reason == "inactive"
    outcomes = [e.question.outcome for e in events if isinstance(e, QuestionClosed)]
    assert outcomes == ["timeout", "timeout"]
    assert isinstance(events[-1], QuizEnded) and events[-1].reason == "inactive"


async def test_non_starter_cannot_stop_or_skip_but_moderator_can(pack, bank):
    clock = FakeClock()
    s, events = make(pack, bank, clock, starter=10)
    s.start()
    await settle()
    assert s.stop(11, can_manage=False) is False
    assert s.skip(11, can_manage=False) is False
    assert s.running
    assert s.skip(11, can_manage=True) is True
    await settle()
    assert [e.question.outcome for e in events if isinstance(e, QuestionClosed)] == ["skipped"]
    assert s.stop(10, can_manage=False) is True
    await s.wait_closed()
    assert s.end_reason == "stopped"


async def test_two_channels_at_once(pack, bank):
    clock = FakeClock()
    reg = QuizRegistry()
    a, ev_a = make(pack, bank, clock, channel=1, seed=1)
    b, ev_b = make(pack, bank, clock, channel=2, seed=2, mode="typed")
    reg.add(a)
    reg.add(b)
    with pytest.raises(QuizRunning):
        reg.add(make(pack, bank, clock, channel=1)[0])
    a.start()
    b.start()
    await settle()
    assert len(reg) == 2
    qa, qb = a.current, b.current
    assert qa.choices and not qb.choices
    assert (await a.answer(5, "x", choice=right_choice(qa))).correct
    assert (await b.answer(6, "y", text=qb.item.answer.lower())).correct
    assert b.current.winner == 6 and a.current.winner == 5
    assert 5 not in b.players and 6 not in a.players
    a.stop(a.starter_id, False)
    await a.wait_closed()
    assert reg.get(1) is None and reg.get(2) is b
    b.stop(b.starter_id, False)
    await b.wait_closed()
    assert len(reg) == 0


async def test_typed_answers_use_the_grader_and_hints_cost(pack, bank):
    clock = FakeClock()
    s, _ = make(pack, bank, clock, mode="typed")
    s.start()
    await settle()
    q = s.current
    h1 = s.hint()
    h2 = s.hint()
    assert h1 and h2 and q.hints == 2
    r = await s.answer(1, "a", text="definitely not this")
    assert r.status == "wrong"
    r = await s.answer(1, "a", text=q.item.answer.upper())
    assert r.correct and r.points == BASE_POINTS + SPEED_POINTS - 6
    s.cancel()
    with pytest.raises(asyncio.CancelledError):
        await s.wait_closed()
    assert not s.running


def test_rank_lines_ties():
    lines = rank_lines([(1, "a", 10, 1, 1), (2, "b", 30, 2, 2), (3, "c", 10, 1, 3),
                        (4, "d", 5, 1, 1)])
    assert [(x.name, x.rank) for x in lines] == [("b", 1), ("a", 2), ("c", 2), ("d", 4)]


def test_mask():
    assert mask("MINUSCA") == "M _ _ _ _ _ _"
    assert mask("Hervé Ladsous", 2).startswith("H e _")


async def test_replies(pack, bank):
    clock = FakeClock()
    s, _ = make(pack, bank, clock)
    s.start()
    await settle()
    q = s.current
    assert q.item.question in question_reply(s, q).text
    await s.answer(1, "ann", choice=right_choice(q))
    await settle()
    rv = reveal_reply(pack, s, q, "ann")
    assert q.item.answer in rv.text and "ann" in rv.text
    board = scoreboard_reply(s.scoreboard())
    assert "ann" in board.text
    s.stop(s.starter_id, False)
    await s.wait_closed()


async def test_study_leitner_boxes(bank):
    clock = FakeClock()
    store = MemoryProgress()
    st = StudySession(bank, 7, store, clock=clock, rng=random.Random(3), typed=True)
    await st.load()
    first = st.next_card()
    assert first.new
    res = await st.answer(text="certainly wrong")
    assert not res.correct and res.new_box == 1
    # a wrong card comes back in the same sitting, after AGAIN_AFTER other cards
    seen = []
    for _ in range(3):
        c = st.next_card()
        seen.append(c.item.id)
        await st.answer(text=c.item.answer)
    assert first.item.id == seen[-1]
    assert st.states[first.item.id].box == 2
    # a card known at first sight goes to box 2 and is due tomorrow
    other = seen[0]
    assert st.states[other].box == 2
    assert st.states[other].due_at == pytest.approx(clock.time() + DAY)
    # progress persists: a new sitting sees the same boxes
    again = StudySession(bank, 7, store, clock=clock, typed=True)
    await again.load()
    assert again.states[other].box == 2
    await clock.advance(DAY + 1)
    due = {i.id for i in again.due()}
    assert other in due and first.item.id in due
    c = again.next_card()
    await again.answer(text=c.item.answer)
    assert again.states[c.item.id].box == 3


async def test_study_buttons(bank):
    st = StudySession(bank, 8, MemoryProgress(), clock=FakeClock(), rng=random.Random(1))
    await st.load()
    card = st.next_card()
    assert 3 <= len(card.choices) <= 4 and card.item.answer in card.choices
    res = await st.answer(choice=card.choices.index(card.item.answer))
    assert res.correct
