"""The platform-free reply every command returns, rendered by bot/ as embed, text or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    """A see-also link: a link button in Discord, a line in the console."""

    title: str
    url: str
    entity_id: str | None = None


@dataclass(frozen=True)
class Action:
    """A button that answers in place: show a fact, an entity card, or ask a question."""

    label: str
    kind: str  # "fact" | "entity"
    target: str  # fact id or entity id
    question: str | None = None  # the phrasing shown for a did-you-mean fact


@dataclass(frozen=True)
class Source:
    """Where an answer came from."""

    section: str | None = None
    quote: str | None = None
    curated: bool = False
    note: str | None = None
    reference: str | None = None

    def label(self) -> str:
        if self.curated:
            return f"Curated: {self.reference or self.note or 'public record'}"
        return f"Source: {self.section}"


@dataclass
class Reply:
    """What a command answers. `kind`: answer, abstain, card, list, help, error, quiz."""

    title: str
    text: str
    kind: str = "answer"
    answered: bool = False
    confidence: float | None = None
    fact_id: str | None = None
    fields: list[tuple[str, str]] = field(default_factory=list)
    see_also: list[Link] = field(default_factory=list)
    related: list[Action] = field(default_factory=list)
    suggestions: list[Action] = field(default_factory=list)
    source: Source | None = None
    footer: str | None = None
    ephemeral: bool = False
    question: str | None = None
