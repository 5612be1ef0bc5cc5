"""Study mode: one person, spaced repetition with Leitner boxes per user per item.

Box 1 comes back in the same sitting (after other cards), box 2 the next day, then 3, 7 and 21
days. A right answer moves the card up one box, a wrong one sends it back to box 1, so what a
person gets wrong comes back sooner. Progress lives in a ProgressStore (SQLite in the bot).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Protocol

from commands.quiz.clock import Clock, SystemClock
from knowledge.grader import Grade
from knowledge.model import QuizItem
from knowledge.quizbank import QuizBank

BOXES = 5
DAY = 86_400.0
# seconds until a card in each box is due again
INTERVALS = {1: 0.0, 2: 1 * DAY, 3: 3 * DAY, 4: 7 * DAY, 5: 21 * DAY}
AGAIN_AFTER = 2  # a box-1 card waits this many other cards before it comes back


@dataclass
class CardState:
    box: int
    due_at: float
    seen: int = 0
    right: int = 0


class ProgressStore(Protocol):
    async def load_study(self, user_id: int) -> dict[str, CardState]: ...

    async def save_study(self, user_id: int, item_id: str, state: CardState) -> None: ...


class MemoryProgress:
    """Progress kept in memory (console without a database, tests)."""

    def __init__(self) -> None:
        self.data: dict[int, dict[str, CardState]] = {}

    async def load_study(self, user_id: int) -> dict[str, CardState]:
        return {k: CardState(**vars(v)) for k, v in self.data.get(user_id, {}).items()}

    async def save_study(self, user_id: int, item_id: str, state: CardState) -> None:
        self.data.setdefault(user_id, {})[item_id] = CardState(**vars(state))


@dataclass
class StudyCard:
    item: QuizItem
    choices: list[str]
    box: int
    new: bool


@dataclass
class StudyResult:
    correct: bool
    reason: str
    answer: str
    explanation: str | None
    old_box: int
    new_box: int


class StudySession:
    """One person's study sitting. `load()`, then `next_card()` / `answer()` in turns."""

    def __init__(self, bank: QuizBank, user_id: int, store: ProgressStore,
                 clock: Clock | None = None, rng: random.Random | None = None,
                 typed: bool = False, topic: str | None = None) -> None:
        self.bank = bank
        self.user_id = user_id
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self.rng = rng or random.Random()
        self.typed = typed
        self.topic = topic
        self.states: dict[str, CardState] = {}
        self.card: StudyCard | None = None
        self.recent: list[str] = []
        self.right = 0
        self.done = 0
        pool = bank.select(topic, len(bank), random.Random(user_id), typed=typed)
        self.pool = pool
        self._order = {item.id: i for i, item in enumerate(pool)}

    async def load(self) -> None:
        self.states = await self.store.load_study(self.user_id)

    def due(self) -> list[QuizItem]:
        now = self.clock.time()
        return [i for i in self.pool
                if i.id in self.states and self.states[i.id].due_at <= now]

    def next_card(self) -> StudyCard | None:
        """Due cards first (lowest box, then longest overdue), then new ones; None if all
        cards are learned and not yet due."""
        blocked = set(self.recent[-AGAIN_AFTER:])
        due = sorted(self.due(), key=lambda i: (self.states[i.id].box,
                                               self.states[i.id].due_at))
        fresh = [i for i in self.pool if i.id not in self.states]
        pick = next((i for i in due if i.id not in blocked), None)
        if pick is None:
            pick = next((i for i in fresh if i.id not in blocked), None)
        if pick is None:
            pick = due[0] if due else None
        if pick is None:
            self.card = None
            return None
        state = self.states.get(pick.id)
        choices = [] if self.typed else self.bank.choices(pick, self.rng)
        self.card = StudyCard(pick, choices, state.box if state else 1, state is None)
        return self.card

    def next_due_at(self) -> float | None:
        dues = [s.due_at for k, s in self.states.items() if k in self._order]
        return min(dues) if dues else None

    async def answer(self, text: str | None = None, choice: int | None = None) -> StudyResult:
        card = self.card
        if card is None:
            raise RuntimeError("no card to answer")
        item = card.item
        if choice is not None:
            given = card.choices[choice] if 0 <= choice < len(card.choices) else ""
            g = Grade(given == item.answer, "right option" if given == item.answer
                      else "wrong option")
        else:
            g = self.bank.grader.grade(item, text or "")
        old = self.states.get(item.id, CardState(1, 0.0))
        new_box = min(BOXES, old.box + 1) if g.correct else 1
        if old.seen == 0 and g.correct:
            new_box = 2  # known at first sight
        state = CardState(new_box, self.clock.time() + INTERVALS[new_box], old.seen + 1,
                          old.right + int(g.correct))
        self.states[item.id] = state
        await self.store.save_study(self.user_id, item.id, state)
        self.recent.append(item.id)
        self.done += 1
        self.right += int(g.correct)
        self.card = None
        return StudyResult(g.correct, g.reason, item.answer, item.explanation, old.box, new_box)

    def progress(self) -> dict[int, int]:
        """Box -> number of this pool's cards in it (0 = never seen)."""
        out = {b: 0 for b in range(BOXES + 1)}
        for item in self.pool:
            st = self.states.get(item.id)
            out[st.box if st else 0] += 1
        return out
