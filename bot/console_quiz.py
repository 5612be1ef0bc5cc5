"""The console twin of /quiz and /study (typed, single player), for `python -m bot chat`.

    /quiz [N] [topic]     start a typed quiz of N questions (no timer in the console)
    /quiz answer TEXT     answer (also: /answer TEXT, /a TEXT)
    /quiz hint | skip | stop | score
    /study [topic]        spaced-repetition study; answer with /a TEXT, /study stop to end

bot/console.py dispatches "/quiz ..." to COMMANDS["quiz"](ctx, "...") and so on; each handler
returns the text to show. ConsoleQuiz also works alone (see `main` at the bottom). Study
progress is kept in SQLite when ctx.state["database"] names a file, else in memory.
"""

from __future__ import annotations

import asyncio
import random
import sys
from collections.abc import Callable
from typing import Any, TextIO

from bot.render import reply_to_text
from commands.quiz import (
    MemoryProgress,
    QuestionAsked,
    QuestionClosed,
    QuizEnded,
    QuizSession,
    StudySession,
    plan_questions,
)
from commands.quiz.clock import settle
from commands.quiz.render import (
    question_reply,
    reveal_reply,
    scoreboard_reply,
    study_card_reply,
    study_done_reply,
    study_result_reply,
)
from commands.reply import Reply
from knowledge.grader import grade
from knowledge.model import Pack
from knowledge.quizbank import QuizBank

CONSOLE_USER = 1
CONSOLE_CHANNEL = 0
DEFAULT_QUESTIONS = 5


def _text(reply: Reply) -> str:
    return reply_to_text(reply)


class ConsoleQuiz:
    """One console player's quiz and study state, on a private event loop."""

    def __init__(self, pack: Pack, user: str = "console", database: str | None = None,
                 seed: int | None = None) -> None:
        self.pack = pack
        self.user = user
        self.bank = QuizBank(pack)
        self.rng = random.Random(seed)
        self.loop = asyncio.new_event_loop()
        self.session: QuizSession | None = None
        self.study: StudySession | None = None
        self.database = database
        self._store: Any = None
        self._out: list[str] = []

    # -- plumbing --------------------------------------------------------------------------

    def _run(self, coro: Any) -> Any:
        result = self.loop.run_until_complete(coro)
        self.loop.run_until_complete(settle())
        return result

    def _flush(self, *extra: str) -> str:
        out = [*self._out, *[e for e in extra if e]]
        self._out.clear()
        return "\n\n".join(out)

    async def _notify(self, ev: Any) -> None:
        if isinstance(ev, QuestionAsked):
            self._out.append(_text(question_reply(ev.session, ev.question)).replace(
                "Type your answer in the channel or use `/quiz answer`",
                "Type your answer (or /quiz hint, /quiz skip)"))
        elif isinstance(ev, QuestionClosed):
            name = ev.winner.name if ev.winner else None
            self._out.append(_text(reveal_reply(self.pack, ev.session, ev.question, name)))
        elif isinstance(ev, QuizEnded):
            self._out.append(_text(scoreboard_reply(ev.scoreboard, reason=ev.reason)))

    async def _storage(self) -> Any:
        if self._store is None:
            if self.database:
                from bot.storage import SQLiteStorage

                self._store = SQLiteStorage(self.database)
                await self._store.open()
            else:
                self._store = MemoryProgress()
        return self._store

    def close(self) -> None:
        if self.session is not None and self.session.running:
            self.session.cancel()
            try:
                self._run(self.session.wait_closed())
            except BaseException:  # noqa: BLE001 - cancelled on purpose
                pass
        if self._store is not None and hasattr(self._store, "close"):
            self._run(self._store.close())
        self.loop.close()

    # -- quiz ------------------------------------------------------------------------------

    def quiz(self, arg: str) -> str:
        sub, _, rest = arg.strip().partition(" ")
        sub = sub.lower()
        if sub in ("answer", "a"):
            return self.answer(rest)
        if sub == "hint":
            return self.hint()
        if sub == "skip":
            return self._control("skip")
        if sub == "stop":
            return self._control("stop")
        if sub in ("score", "scores", "leaderboard"):
            if self.session is None:
                return "No quiz yet."
            return _text(scoreboard_reply(self.session.scoreboard(), title="Scores"))
        if sub in ("start", ""):
            sub, _, rest = rest.partition(" ")
        return self.start(f"{sub} {rest}".strip())

    def start(self, arg: str) -> str:
        if self.session is not None and self.session.running:
            return "A quiz is already running: type your answer, or /quiz stop."
        count, topic = DEFAULT_QUESTIONS, None
        for word in arg.split():
            if word.isdigit():
                count = max(1, min(50, int(word)))
            elif word.lower() in self.bank.topics():
                topic = word.lower()
            else:
                return (f"Unknown topic {word!r}. Topics: "
                        f"{', '.join(self.bank.topics())}.")
        items = plan_questions(self.bank, topic, count, "typed", self.rng)
        if not items:
            return "No questions for that topic."
        self.study = None
        self.session = QuizSession(
            channel_id=CONSOLE_CHANNEL, guild_id=None, starter_id=CONSOLE_USER, items=items,
            grade=lambda item, text: grade(self.pack, item, text), notify=self._notify,
            mode="typed", seconds=None, pause=0, topic=topic)
        session = self.session

        async def begin() -> None:
            session.start()

        self._run(begin())
        return self._flush()

    def answer(self, text: str) -> str:
        if self.study is not None:
            return self.study_answer(text)
        s = self.session
        if s is None or not s.running:
            return "No quiz running: start one with /quiz (or /study)."
        if not text.strip():
            return "Usage: /a YOUR ANSWER"
        result = self._run(s.answer(CONSOLE_USER, self.user, text=text))
        if result.status == "wrong":
            # the grader's reason can name the expected answer: never show it mid-question
            return self._flush("Not quite. Try again, /quiz hint or /quiz skip.")
        return self._flush(f"Correct! +{result.points}" if result.correct else result.reason)

    def hint(self) -> str:
        s = self.session
        if s is None or not s.running:
            return "No quiz running."
        return f"Hint: {s.hint() or 'none'}"

    def _control(self, what: str) -> str:
        if self.study is not None and what == "stop":
            return self.study_stop()
        s = self.session
        if s is None or not s.running:
            return "No quiz running."
        getattr(s, what)(CONSOLE_USER, True)
        self._run(settle())
        if what == "stop":
            self._run(s.wait_closed())
        return self._flush()

    # -- study -----------------------------------------------------------------------------

    def study_cmd(self, arg: str) -> str:
        word = arg.strip().lower()
        if word in ("stop", "end", "quit"):
            return self.study_stop()
        if word.startswith(("answer ", "a ")):
            return self.study_answer(word.partition(" ")[2])
        if self.session is not None and self.session.running:
            return "Finish the quiz first (/quiz stop)."
        topic = word or None
        if topic and topic not in self.bank.topics():
            return f"Unknown topic {topic!r}. Topics: {', '.join(self.bank.topics())}."
        store = self._run(self._storage())
        self.study = StudySession(self.bank, CONSOLE_USER, store, rng=self.rng, typed=True,
                                  topic=topic)
        self._run(self.study.load())
        return self._next_card()

    def _next_card(self) -> str:
        assert self.study is not None
        card = self.study.next_card()
        if card is None:
            done = _text(study_done_reply(self.study))
            self.study = None
            return done
        return _text(study_card_reply(self.study, card)) + "\n(type your answer)"

    def study_answer(self, text: str) -> str:
        if self.study is None or self.study.card is None:
            return "Nothing to answer: start with /study."
        result = self._run(self.study.answer(text=text))
        return _text(study_result_reply(result)) + "\n\n" + self._next_card()

    def study_stop(self) -> str:
        if self.study is None:
            return "Not studying."
        done = _text(study_done_reply(self.study)).replace("nothing due", "stopped")
        self.study = None
        return done


# -- console.py contract: handler(ctx, arg) -> Reply | str | None ------------------------------


def _state(ctx: Any) -> ConsoleQuiz:
    state = ctx.state
    cq = state.get("console_quiz")
    if cq is None:
        cq = state["console_quiz"] = ConsoleQuiz(ctx.pack, getattr(ctx, "user", "console"),
                                                 state.get("database"))
    return cq


def quiz_command(ctx: Any, arg: str) -> str:
    """Play a typed quiz: /quiz [N] [topic], /a ANSWER, /quiz hint|skip|stop|score."""
    return _state(ctx).quiz(arg)


def study_command(ctx: Any, arg: str) -> str:
    """Study with spaced repetition: /study [topic], /a ANSWER, /study stop."""
    return _state(ctx).study_cmd(arg)


def answer_command(ctx: Any, arg: str) -> str:
    """Answer the current quiz or study question: /a YOUR ANSWER."""
    return _state(ctx).answer(arg)


def hint_command(ctx: Any, arg: str) -> str:
    """A hint for the current quiz question."""
    return _state(ctx).hint()


def free_text(ctx: Any, line: str) -> str | None:
    """Plain text answers the running quiz or study card; None when neither is running."""
    cq = ctx.state.get("console_quiz")
    if cq is None:
        return None
    if (cq.study is not None and cq.study.card is not None) or (
            cq.session is not None and cq.session.running):
        return cq.answer(line)
    return None


COMMANDS: dict[str, Callable[[Any, str], str]] = {
    "quiz": quiz_command,
    "study": study_command,
    "answer": answer_command,
    "a": answer_command,
    "hint": hint_command,
}


def main(pack: Pack, lines: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    """Standalone: every line is a command (/quiz, /study, /a ...), or an answer."""
    cq = ConsoleQuiz(pack)
    try:
        for line in lines:
            line = line.strip()
            if not line:
                continue
            if line in ("/quit", "/exit"):
                break
            name, _, arg = line.lstrip("/").partition(" ")
            if line.startswith("/") and name in COMMANDS:
                text = {"quiz": cq.quiz, "study": cq.study_cmd, "hint": lambda a: cq.hint()
                        }.get(name, cq.answer)(arg)
            else:
                text = cq.answer(line)
            out.write(text + "\n\n")
            out.flush()
    finally:
        cq.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    from knowledge.loader import load_pack

    sys.exit(main(load_pack()))
