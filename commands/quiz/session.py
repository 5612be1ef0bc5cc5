"""A channel quiz: one QuizSession per channel owns its questions, scores and timer task.

The session is platform-free: it calls an async `notify(event)` for everything to show
(QuestionAsked, QuestionClosed, QuizEnded) and an optional async `recorder.record_answer(...)`
for every answer as it is given. Time comes from an injected Clock.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from commands.quiz.clock import Clock, SystemClock
from knowledge.grader import Grade
from knowledge.model import QuizItem

BASE_POINTS = 10
SPEED_POINTS = 10   # up to this many more for an instant answer
HINT_COST = 3
MAX_HINTS = 2
MAX_IDLE_QUESTIONS = 2  # this many questions in a row without any answer end the quiz
PAUSE_SECONDS = 3.0     # between a reveal and the next question
MODES = ("buttons", "typed")
_ids = itertools.count(1)


@dataclass
class AnswerRecord:
    """One answer, as stored."""

    guild_id: int | None
    channel_id: int
    user_id: int
    user_name: str
    item_id: str
    given: str
    correct: bool
    points: int
    elapsed_ms: int
    at: float
    session_id: str = ""


class Recorder(Protocol):
    async def record_answer(self, record: AnswerRecord) -> None: ...


@dataclass
class Player:
    user_id: int
    name: str
    points: int = 0
    correct: int = 0
    answered: int = 0


@dataclass
class Question:
    index: int
    item: QuizItem
    choices: list[str]
    asked_at: float
    seconds: float | None
    hints: int = 0
    winner: int | None = None
    points: int = 0
    attempts: set[int] = field(default_factory=set)
    outcome: str | None = None  # answered | timeout | skipped | stopped
    closed: bool = False

    def remaining(self, now: float) -> float | None:
        if self.seconds is None:
            return None
        return max(0.0, self.asked_at + self.seconds - now)


@dataclass
class AnswerResult:
    """status: correct | wrong | late (someone was first) | locked (one try with buttons) |
    closed (no question open)."""

    status: str
    points: int = 0
    reason: str = ""
    answer: str | None = None

    @property
    def correct(self) -> bool:
        return self.status == "correct"


@dataclass
class ScoreLine:
    rank: int
    user_id: int
    name: str
    points: int
    correct: int
    answered: int


@dataclass
class QuestionAsked:
    session: QuizSession
    question: Question


@dataclass
class QuestionClosed:
    session: QuizSession
    question: Question
    winner: Player | None


@dataclass
class QuizEnded:
    session: QuizSession
    reason: str  # finished | stopped | inactive | error
    scoreboard: list[ScoreLine]


Event = QuestionAsked | QuestionClosed | QuizEnded
Notify = Callable[[Event], Awaitable[None]]
GradeFn = Callable[[QuizItem, str], Grade]


def rank_lines(rows: list[tuple[int, str, int, int, int]]) -> list[ScoreLine]:
    """(user_id, name, points, correct, answered) rows, ordered by points, then correct
    answers, then fewest tries; equal points share a rank (1, 2, 2, 4)."""
    rows = sorted(rows, key=lambda r: (-r[2], -r[3], r[4], r[1].casefold(), r[0]))
    out: list[ScoreLine] = []
    for i, (uid, name, pts, cor, ans) in enumerate(rows):
        rank = out[-1].rank if out and out[-1].points == pts else i + 1
        out.append(ScoreLine(rank, uid, name, pts, cor, ans))
    return out


class QuizSession:
    """One quiz in one channel. Create, then `start()`; it runs until done, stopped or idle."""

    def __init__(self, *, channel_id: int, guild_id: int | None, starter_id: int,
                 items: list[tuple[QuizItem, list[str]]], grade: GradeFn, notify: Notify,
                 mode: str = "buttons", seconds: float | None = 20.0,
                 clock: Clock | None = None, recorder: Recorder | None = None,
                 pause: float = PAUSE_SECONDS, max_idle: int = MAX_IDLE_QUESTIONS,
                 topic: str | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        if not items:
            raise ValueError("a quiz needs at least one question")
        self.id = f"{next(_ids):x}"
        self.channel_id = channel_id
        self.guild_id = guild_id
        self.starter_id = starter_id
        self.items = items
        self.mode = mode
        self.seconds = seconds
        self.topic = topic
        self.clock: Clock = clock or SystemClock()
        self.recorder = recorder
        self.pause = pause
        self.max_idle = max_idle
        self._grade = grade
        self._notify = notify
        self.players: dict[int, Player] = {}
        self.current: Question | None = None
        self.asked: list[Question] = []
        self.state = "new"  # new | running | ended
        self.end_reason: str | None = None
        self._wake = asyncio.Event()
        self._stop = False
        self._skip = False
        self._task: asyncio.Task[None] | None = None
        self._done_callbacks: list[Callable[[QuizSession], None]] = []

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.state != "ended"

    def start(self) -> asyncio.Task[None]:
        if self._task is not None:
            raise RuntimeError("already started")
        self.state = "running"
        self._task = asyncio.get_running_loop().create_task(self._run(),
                                                            name=f"quiz-{self.id}")
        return self._task

    def add_done_callback(self, fn: Callable[[QuizSession], None]) -> None:
        self._done_callbacks.append(fn)

    async def wait_closed(self) -> None:
        if self._task is not None:
            await asyncio.shield(self._task)

    async def _run(self) -> None:
        reason = "finished"
        idle = 0
        try:
            for index, (item, choices) in enumerate(self.items):
                q = Question(index, item, choices if self.mode == "buttons" else [],
                             self.clock.now(), self.seconds)
                self.current = q
                self.asked.append(q)
                self._skip = False
                self._wake.clear()
                await self._notify(QuestionAsked(self, q))
                await self._wait(q.remaining(self.clock.now()))
                q.closed = True
                if q.winner is not None:
                    q.outcome = "answered"
                elif self._stop:
                    q.outcome = "stopped"
                elif self._skip:
                    q.outcome = "skipped"
                else:
                    q.outcome = "timeout"
                winner = self.players.get(q.winner) if q.winner is not None else None
                await self._notify(QuestionClosed(self, q, winner))
                if self._stop:
                    reason = "stopped"
                    break
                idle = idle + 1 if not q.attempts and q.outcome == "timeout" else 0
                if idle >= self.max_idle:
                    reason = "inactive"
                    break
                if index + 1 < len(self.items) and self.pause > 0:
                    self._wake.clear()
                    await self._wait(self.pause)
                    if self._stop:
                        reason = "stopped"
                        break
        except asyncio.CancelledError:
            reason = "stopped"
            raise
        except Exception:
            reason = "error"
            raise
        finally:
            self.state = "ended"
            self.end_reason = reason
            self.current = None
            try:
                await asyncio.shield(self._notify(QuizEnded(self, reason, self.scoreboard())))
            finally:
                for fn in self._done_callbacks:
                    fn(self)

    async def _wait(self, timeout: float | None) -> None:
        """Until woken (answer, skip, stop) or `timeout` seconds pass on the clock."""
        waiter = asyncio.ensure_future(self._wake.wait())
        tasks: set[asyncio.Future[object]] = {waiter}
        if timeout is not None:
            tasks.add(asyncio.ensure_future(self.clock.sleep(timeout)))
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for t in tasks:
                t.cancel()

    # -- play ------------------------------------------------------------------------------

    def can_control(self, user_id: int, can_manage: bool) -> bool:
        """Stop and skip: the starter, or anyone allowed to manage messages."""
        return user_id == self.starter_id or can_manage

    def points_for(self, q: Question, elapsed: float) -> int:
        bonus = 0
        if q.seconds:
            bonus = round(SPEED_POINTS * max(0.0, 1 - elapsed / q.seconds))
        return max(1, BASE_POINTS + bonus - HINT_COST * q.hints)

    async def answer(self, user_id: int, name: str, text: str | None = None,
                     choice: int | None = None) -> AnswerResult:
        """A typed answer (`text`) or a button press (`choice`, an index into the options)."""
        q = self.current
        if q is None or q.closed or self.state != "running":
            return AnswerResult("closed", reason="no question is open")
        if q.winner is not None:
            return AnswerResult("late", reason="someone else was first")
        if choice is not None and user_id in q.attempts and self.mode == "buttons":
            return AnswerResult("locked", reason="one try per question")
        if choice is not None:
            if not 0 <= choice < len(q.choices):
                return AnswerResult("closed", reason="that option is not on this question")
            given = q.choices[choice]
            correct = given == q.item.answer
            reason = "right option" if correct else "wrong option"
        else:
            given = (text or "").strip()[:200]
            g = self._grade(q.item, given)
            correct, reason = g.correct, g.reason
        player = self.players.setdefault(user_id, Player(user_id, name))
        player.name = name or player.name
        player.answered += 1
        q.attempts.add(user_id)
        elapsed = self.clock.now() - q.asked_at
        points = 0
        if correct:
            points = self.points_for(q, elapsed)
            q.winner, q.points = user_id, points
            player.points += points
            player.correct += 1
            self._wake.set()
        if self.recorder is not None:
            await self.recorder.record_answer(AnswerRecord(
                guild_id=self.guild_id, channel_id=self.channel_id, user_id=user_id,
                user_name=player.name, item_id=q.item.id, given=given, correct=correct,
                points=points, elapsed_ms=int(elapsed * 1000), at=self.clock.time(),
                session_id=self.id))
        return AnswerResult("correct" if correct else "wrong", points, reason,
                            q.item.answer if correct else None)

    def hint(self) -> str | None:
        """The next hint for the open question (each one costs the winner points)."""
        q = self.current
        if q is None or q.closed:
            return None
        if q.hints >= MAX_HINTS:
            return mask(q.item.answer, reveal=2)
        q.hints += 1
        if q.hints == 1 and q.item.hint:
            return q.item.hint
        return mask(q.item.answer, reveal=q.hints)

    def skip(self, user_id: int, can_manage: bool) -> bool:
        if not self.can_control(user_id, can_manage):
            return False
        if self.current is not None and not self.current.closed:
            self._skip = True
            self._wake.set()
        return True

    def stop(self, user_id: int, can_manage: bool) -> bool:
        if not self.can_control(user_id, can_manage):
            return False
        self._stop = True
        self._wake.set()
        return True

    def cancel(self) -> None:
        """End now without a reveal (bot shutting down)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()

    def scoreboard(self) -> list[ScoreLine]:
        return rank_lines([(p.user_id, p.name, p.points, p.correct, p.answered)
                           for p in self.players.values()])


def mask(answer: str, reveal: int = 1) -> str:
    """'MINUSCA' -> 'M _ _ _ _ _ _' (reveal=1); each word keeps its first `reveal` letters."""
    words = []
    for word in answer.split():
        chars = [c if (i < reveal or not c.isalnum()) else "_" for i, c in enumerate(word)]
        words.append(" ".join(chars))
    return "   ".join(words)


class QuizRunning(Exception):
    """A quiz is already running in that channel."""


class QuizRegistry:
    """The running session of each channel (one per channel, any number of channels)."""

    def __init__(self) -> None:
        self._sessions: dict[int, QuizSession] = {}

    def get(self, channel_id: int) -> QuizSession | None:
        s = self._sessions.get(channel_id)
        return s if s is not None and s.running else None

    def add(self, session: QuizSession) -> None:
        if self.get(session.channel_id) is not None:
            raise QuizRunning(session.channel_id)
        self._sessions[session.channel_id] = session
        session.add_done_callback(self._remove)

    def _remove(self, session: QuizSession) -> None:
        if self._sessions.get(session.channel_id) is session:
            del self._sessions[session.channel_id]

    def __len__(self) -> int:
        return sum(1 for s in self._sessions.values() if s.running)

    def all(self) -> list[QuizSession]:
        return [s for s in self._sessions.values() if s.running]

    def cancel_all(self) -> None:
        for s in list(self._sessions.values()):
            s.cancel()
