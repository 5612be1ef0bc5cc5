"""Quiz and study mode, platform-free: sessions, spaced repetition, screens."""

from __future__ import annotations

import random

from commands.quiz.clock import Clock, FakeClock, SystemClock
from commands.quiz.session import (
    MODES,
    AnswerRecord,
    AnswerResult,
    Player,
    Question,
    QuestionAsked,
    QuestionClosed,
    QuizEnded,
    QuizRegistry,
    QuizRunning,
    QuizSession,
    ScoreLine,
    rank_lines,
)
from commands.quiz.study import CardState, MemoryProgress, StudySession
from knowledge.model import QuizItem
from knowledge.quizbank import QuizBank

__all__ = [
    "MODES", "AnswerRecord", "AnswerResult", "CardState", "Clock", "FakeClock", "MemoryProgress",
    "Player", "Question", "QuestionAsked", "QuestionClosed", "QuizEnded", "QuizRegistry",
    "QuizRunning", "QuizSession", "ScoreLine", "StudySession", "SystemClock", "plan_questions",
    "rank_lines",
]


def plan_questions(bank: QuizBank, topic: str | None, count: int, mode: str,
                   rng: random.Random) -> list[tuple[QuizItem, list[str]]]:
    """`count` items of `topic` with their options (buttons) or none (typed)."""
    typed = mode == "typed"
    items = bank.select(topic, count, rng, typed=typed)
    return [(item, [] if typed else bank.choices(item, rng)) for item in items]
