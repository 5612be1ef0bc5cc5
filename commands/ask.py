"""Free-text questions: the engine's verdict turned into a Reply."""

from __future__ import annotations

from commands.reply import Action, Link, Reply, Source
from knowledge.engine import Answer, Engine
from knowledge.model import Fact, Pack

MAX_SEE_ALSO = 5
USAGE = ("Ask me about the UN Under-Secretary-General for Peacekeeping Operations: for example "
         "\"Who appoints the USG-PKO?\", \"What is MINUSCA?\" or \"When did UNAMID end?\"")


def source_of(fact: Fact) -> Source:
    p = fact.provenance
    if p.curated:
        return Source(curated=True, note=p.note, reference=p.reference)
    return Source(section=p.section, quote=p.quote)


def see_also_links(pack: Pack, entity_ids: list[str] | tuple[str, ...]) -> list[Link]:
    """One link per entity (its first), in order, without repeats."""
    out: list[Link] = []
    for eid in dict.fromkeys(entity_ids):
        ent = pack.entities.get(eid)
        if ent and ent.links:
            out.append(Link(ent.name, ent.links[0].url, ent.id))
        if len(out) >= MAX_SEE_ALSO:
            break
    return out


def related_actions(pack: Pack, entity_ids: list[str] | tuple[str, ...]) -> list[Action]:
    """Buttons that open an entity's card."""
    out = []
    for eid in dict.fromkeys(entity_ids):
        ent = pack.entities.get(eid)
        if ent:
            out.append(Action(label=ent.name, kind="entity", target=ent.id))
    return out[:MAX_SEE_ALSO]


def fact_reply(pack: Pack, fact: Fact, confidence: float | None = None,
               question: str | None = None) -> Reply:
    """The reply that shows one fact (an answer, or a did-you-mean button pressed)."""
    return Reply(
        title=fact.title or (fact.questions[0] if fact.questions else fact.id),
        text=fact.answer,
        kind="answer",
        answered=True,
        confidence=confidence,
        fact_id=fact.id,
        see_also=see_also_links(pack, (*fact.see_also, *fact.entities)),
        related=related_actions(pack, fact.see_also),
        source=source_of(fact),
        question=question,
    )


def answer_reply(pack: Pack, result: Answer) -> Reply:
    """Turn the engine's Answer into a Reply."""
    if result.status == "empty":
        return Reply(title="Ask me something", text=USAGE, kind="help", question=result.question)
    if result.status == "answer" and result.fact is not None:
        return fact_reply(pack, result.fact, round(result.confidence, 3), result.question)
    suggestions = [
        Action(label=c.phrasing, kind="fact", target=c.fact.id, question=c.phrasing)
        for c in result.suggestions[:3]
    ]
    if result.unknown:
        text = (f"I don't have anything on {result.unknown}. I only know about the UN "
                "peacekeeping chief (USG-PKO), its departments, its officeholders and the "
                "missions MONUSCO, MINUSCA, MINUSMA, UNMISS and UNAMID.")
    elif suggestions:
        text = "I'm not sure what you're asking. Did you mean one of these?"
    else:
        text = ("I don't know that one. " + USAGE)
    return Reply(
        title="Not sure" if suggestions else "I don't know",
        text=text,
        kind="abstain",
        answered=False,
        confidence=round(result.confidence, 3),
        suggestions=suggestions,
        related=related_actions(pack, result.entities),
        question=result.question,
    )


def ask(engine: Engine, question: str) -> Reply:
    """Answer a free-text question."""
    return answer_reply(engine.pack, engine.answer(question))
