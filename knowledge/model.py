"""The fact base's data model: plain, immutable dataclasses built by the loader."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

ENTITY_KINDS = ("mission", "official", "department", "body", "concept", "place", "topic")


@dataclass(frozen=True)
class Link:
    """An outside reference: a title and an https URL."""

    title: str
    url: str


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from: a section + verbatim quote, or a curated note + reference."""

    section: str | None = None
    quote: str | None = None
    note: str | None = None
    reference: str | None = None

    @property
    def curated(self) -> bool:
        return self.quote is None


@dataclass(frozen=True)
class Entity:
    """A mission, official, department, body, concept, place or debate topic."""

    id: str
    kind: str
    name: str
    summary: str
    full_name: str | None = None
    aliases: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    links: tuple[Link, ...] = ()
    related: tuple[str, ...] = ()
    line: int = 0

    def field(self, key: str) -> str | None:
        """The structured field `key`, or None."""
        for k, v in self.fields:
            if k == key:
                return v
        return None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the entity is known by: display name, full name, aliases."""
        out = [self.name]
        if self.full_name:
            out.append(self.full_name)
        out.extend(self.aliases)
        return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class Fact:
    """A question-answer pair with its phrasings, subjects and provenance."""

    id: str
    questions: tuple[str, ...]
    answer: str
    entities: tuple[str, ...]
    see_also: tuple[str, ...]
    provenance: Provenance
    title: str | None = None
    file: str = ""
    line: int = 0

    def led_by(self, lead: str) -> Fact:
        """The fact with a sentence put before its answer ("No.", "Established during ...")."""
        return replace(self, answer=f"{lead} {self.answer}")


@dataclass(frozen=True)
class QuizItem:
    """A quiz question with its canonical answer and what else is accepted."""

    id: str
    question: str
    answer: str
    aliases: tuple[str, ...] = ()
    distractors: tuple[str, ...] = ()
    hint: str | None = None
    entity: str | None = None
    fact: str | None = None
    explanation: str | None = None
    derived: bool = False
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Section:
    """A section of the source document: heading and its text span."""

    heading: str
    start: int
    end: int


@dataclass
class Post:
    """The post whose holders the pack tracks: "who held it in 1995?" is answered from the
    officials' `tenure` fields. `names` are the entities a question may call the post by;
    `tenure_fact` names an official's tenure fact ("{official}" is its id); `heads_fact`
    lists every holder, for a year when the post changed hands."""

    names: tuple[str, ...]
    tenure_fact: str = "{official}-tenure"
    heads_fact: str | None = None
    line: int = 0


@dataclass
class Timelines:
    """The fact that puts every entity of a kind in time order: "which came first, MINUSCA or
    MINUSMA?" is answered by the missions' timeline. `by_kind` maps an entity kind to the id
    of that fact."""

    by_kind: dict[str, str]
    line: int = 0


@dataclass
class Pack:
    """A loaded knowledge pack."""

    path: str
    id: str
    title: str
    as_of: str
    source_title: str
    source_text: str
    sections: list[Section]
    entities: dict[str, Entity]
    facts: dict[str, Fact]
    quiz: dict[str, QuizItem] = field(default_factory=dict)
    refusals: tuple[str, ...] = ()
    outside: dict[str, tuple[str, ...]] = field(default_factory=dict)
    post: Post | None = None
    timelines: Timelines | None = None

    @property
    def as_of_year(self) -> int | None:
        """The year of `as_of`, the date the curated facts hold for ("now", "this year")."""
        return int(self.as_of[:4]) if self.as_of[:4].isdigit() else None

    def entity(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def one_mission(self, entity_id: str) -> Entity | None:
        """The one mission a place or partner is related to ("the mission in Darfur": UNAMID),
        or None when it has none or several (the DR Congo: MONUSCO and MONUC)."""
        ent = self.entities.get(entity_id)
        missions = [] if ent is None else [self.entities[r] for r in ent.related
                                           if r in self.entities
                                           and self.entities[r].kind == "mission"]
        return missions[0] if len(missions) == 1 else None

    def section_of(self, offset: int) -> Section | None:
        """The section containing character `offset` of the source text."""
        for s in self.sections:
            if s.start <= offset < s.end:
                return s
        return None
