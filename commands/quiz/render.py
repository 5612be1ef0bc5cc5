"""Quiz and study screens as platform-free Replies (bot/ turns them into embeds or text)."""

from __future__ import annotations

from commands.ask import see_also_links
from commands.quiz.session import Question, QuizSession, ScoreLine
from commands.quiz.study import BOXES, StudyCard, StudyResult, StudySession
from commands.reply import Reply
from knowledge.model import Pack

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_BOARD = 10


def question_reply(session: QuizSession, q: Question) -> Reply:
    lines = [q.item.question]
    if q.choices:
        lines.append("")
        lines.extend(f"**{LETTERS[i]}.** {c}" for i, c in enumerate(q.choices))
    how = ("Press a button" if q.choices else
           "Type your answer in the channel or use `/quiz answer`")
    footer = f"{how}." + (f" {int(q.seconds)} s." if q.seconds else "")
    return Reply(title=f"Question {q.index + 1}/{len(session.items)}", text="\n".join(lines),
                 kind="quiz", footer=footer)


def reveal_reply(pack: Pack, session: QuizSession, q: Question,
                 winner_name: str | None) -> Reply:
    if q.outcome == "answered" and winner_name:
        head = f"**{winner_name}** got it (+{q.points})."
    elif q.outcome == "skipped":
        head = "Skipped."
    elif q.outcome == "stopped":
        head = "Quiz stopped."
    else:
        head = "Time's up: nobody got it."
    text = f"{head}\nAnswer: **{q.item.answer}**"
    if q.item.explanation:
        text += f"\n{_one_line(q.item.explanation)}"
    ents = [q.item.entity] if q.item.entity else []
    return Reply(title=f"Question {q.index + 1}: the answer", text=text, kind="quiz",
                 see_also=see_also_links(pack, ents))


def scoreboard_reply(lines: list[ScoreLine], title: str = "Final scores",
                     empty: str = "Nobody scored.", reason: str | None = None) -> Reply:
    body = [f"{s.rank}. {s.name}: {s.points} pts ({s.correct} right)"
            for s in lines[:MAX_BOARD]] or [empty]
    footer = {"inactive": "Ended: nobody answered for a while.",
              "stopped": "Ended early."}.get(reason or "")
    return Reply(title=title, text="\n".join(body), kind="list", footer=footer)


def study_card_reply(session: StudySession, card: StudyCard) -> Reply:
    lines = [card.item.question]
    if card.choices:
        lines.append("")
        lines.extend(f"**{LETTERS[i]}.** {c}" for i, c in enumerate(card.choices))
    status = "new card" if card.new else f"box {card.box}/{BOXES}"
    return Reply(title="Study", text="\n".join(lines), kind="quiz", ephemeral=True,
                 footer=f"{status} · {session.right}/{session.done} right this sitting")


def study_result_reply(result: StudyResult) -> Reply:
    head = "Right!" if result.correct else f"Not quite: the answer is **{result.answer}**."
    move = (f"Card moved to box {result.new_box}." if result.correct
            else "Card back to box 1: it will come back soon.")
    text = f"{head} {move}"
    if result.explanation:
        text += f"\n{_one_line(result.explanation)}"
    return Reply(title="Study", text=text, kind="quiz", ephemeral=True)


def study_done_reply(session: StudySession) -> Reply:
    prog = session.progress()
    boxes = ", ".join(f"box {b}: {n}" for b, n in prog.items() if b and n)
    return Reply(title="Study: nothing due", text=(
        f"You're done for now ({session.right}/{session.done} right this sitting). "
        f"Cards by box: {boxes or 'none yet'}."), kind="quiz", ephemeral=True)


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
