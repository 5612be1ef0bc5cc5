"""The question bank: the pack's hand-written quiz items plus items derived from entity fields.

Derived items ask what an entity's structured fields say (which mission is in Mali, who held
the office 2011-2017, what MINUSCA stands for, which department replaced DPKO...). Every item
can offer multiple-choice options: its own distractors first, then names of entities of the
same kind as the answer (the most alike first), or nearby years for a year; never the answer,
never anything the grader would accept as the answer, never twice.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from knowledge.grader import Grader, clean, grader_for
from knowledge.model import Entity, Pack, QuizItem

CHOICES = 4
MAX_TYPED_WORDS = 6  # longer answers are asked as multiple choice only
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_RESOLUTION = re.compile(r"resolution (\d{3,4})", re.I)
_PAREN = re.compile(r"\s*\([^)]*\)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")

# Topic of an item = the kind of entity it is about, in plural; "all" covers every item.
TOPICS = {"mission": "missions", "official": "officials", "department": "departments",
          "body": "bodies", "place": "places", "concept": "concepts", "topic": "debates"}


@dataclass(frozen=True)
class BankProblem:
    item_id: str
    file: str
    line: int
    message: str


def _plain(value: str | None) -> str:
    """A field value without parentheticals: 'Mali (Sahel)' -> 'Mali'."""
    return _PAREN.sub("", value or "").strip().rstrip(",;").strip()


def _year(value: str | None) -> str | None:
    m = _YEAR.search(value or "")
    return m.group(1) if m else None


def _acronym(ent: Entity) -> str | None:
    if _ACRONYM.match(ent.name):
        return ent.name
    for a in ent.aliases:
        if _ACRONYM.match(a):
            return a
    return None


def _ended(ent: Entity) -> bool:
    status = (ent.field("status") or "").lower()
    return bool(ent.field("ended")) or status.startswith(("ended", "closed", "terminated"))


class QuizBank:
    """Every quiz item of a pack, with topics, options and typed/buttons suitability."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.grader: Grader = grader_for(pack)
        self.items: list[QuizItem] = []
        self.topic_of: dict[str, str] = {}
        seen: set[str] = set()
        for item in (*pack.quiz.values(), *derive_items(pack)):
            key = clean(item.question)
            if key in seen or item.id in self.topic_of:
                continue
            seen.add(key)
            self.items.append(item)
            self.topic_of[item.id] = self._topic(item)
        self.by_id = {i.id: i for i in self.items}

    def __len__(self) -> int:
        return len(self.items)

    # -- topics ----------------------------------------------------------------------------

    def _topic(self, item: QuizItem) -> str:
        ent = self.pack.entities.get(item.entity or "")
        if ent is None:
            owners = self.answer_entities(item)
            ent = self.pack.entities.get(sorted(owners)[0]) if owners else None
        return TOPICS.get(ent.kind, "general") if ent else "general"

    def topics(self) -> dict[str, int]:
        """Topic name -> number of items, "all" first."""
        out: dict[str, int] = {"all": len(self.items)}
        for t in self.topic_of.values():
            out[t] = out.get(t, 0) + 1
        return out

    def select(self, topic: str | None, count: int, rng: random.Random,
               typed: bool = False) -> list[QuizItem]:
        """Up to `count` distinct items of `topic` (None/"all": any), in random order."""
        pool = [i for i in self.items
                if (not topic or topic == "all" or self.topic_of[i.id] == topic
                    or i.entity == topic)
                and (self.typed_ok(i) if typed else bool(self.choices(i, random.Random(0))))]
        rng.shuffle(pool)
        return pool[:max(0, count)]

    # -- answers and options ---------------------------------------------------------------

    def answer_entities(self, item: QuizItem) -> set[str]:
        return self.grader.target(item).owners

    def typed_ok(self, item: QuizItem) -> bool:
        """Short answers (a name, an acronym, a year) can be typed; long ones are buttons."""
        return len(clean(item.answer).split()) <= MAX_TYPED_WORDS

    def distractors(self, item: QuizItem, n: int = CHOICES - 1,
                    rng: random.Random | None = None) -> list[str]:
        """Up to `n` wrong options: the item's own (in random order with `rng`), then entities
        like the answer, or nearby years. Never the answer or anything graded as the answer,
        never the entity the question is about, never twice."""
        out: list[str] = []
        keys: set[str] = set()
        banned = self._banned(item)

        def take(option: str) -> None:
            key = clean(option)
            if not key or key in keys or key in banned or len(out) >= n:
                return
            if self.grader.grade(item, option).correct:
                return
            keys.add(key)
            out.append(option)

        own = list(item.distractors)
        if rng is not None and item.derived:
            rng.shuffle(own)
        for d in own:
            take(d)
        for option in self._similar(item):
            take(option)
        return out

    def _banned(self, item: QuizItem) -> set[str]:
        """Names that must not be options: the question's subject, and for a place answer the
        places the subject is tied to (MINUSMA is in Mali, in the Sahel: Sahel is no wrong
        answer to where MINUSMA operated)."""
        subject = self.pack.entities.get(item.entity or "")
        if subject is None:
            return set()
        out = {clean(n) for n in subject.names}
        kinds = {self.pack.entities[o].kind for o in self.answer_entities(item)
                 if o in self.pack.entities}
        if "place" in kinds:
            text = clean(" ".join(v for _, v in subject.fields))
            for e in self.pack.entities.values():
                if e.kind == "place" and (e.id in subject.related or any(
                        f" {clean(n)} " in f" {text} " for n in e.names)):
                    out.update(clean(n) for n in e.names)
        return out

    def _similar(self, item: QuizItem) -> Iterator[str]:
        answer = item.answer.strip()
        if re.fullmatch(r"\d{4}", answer):
            year = int(answer)
            for delta in (1, -1, 2, -3, 4, -2, 3, 5):
                yield str(year + delta)
            return
        if re.fullmatch(r"\d{4}\s*-\s*\d{4}", answer):
            a, b = (int(x) for x in re.findall(r"\d{4}", answer))
            for da, db in ((1, 1), (-2, -1), (2, 3), (-1, 2)):
                yield f"{a + da}-{b + db}"
            return
        owners = self.answer_entities(item)
        if not owners:
            return
        ans = [self.pack.entities[o] for o in sorted(owners) if o in self.pack.entities]
        if not ans:
            return
        first = ans[0]
        keys = {k for k, _ in first.fields}
        style = _name_style(first, answer)
        same = [e for e in self.pack.entities.values()
                if e.kind == first.kind and e.id not in owners]
        # the most alike first: shared field keys, then pack order
        same.sort(key=lambda e: -len(keys & {k for k, _ in e.fields}))
        for e in same:
            name = _styled(e, style)
            if name:
                yield name

    def choices(self, item: QuizItem, rng: random.Random, n: int = CHOICES) -> list[str]:
        """The answer and n-1 distractors, shuffled; [] when fewer than 2 distractors exist."""
        wrong = self.distractors(item, n - 1, rng)
        if len(wrong) < 2:
            return []
        options = [item.answer, *wrong]
        rng.shuffle(options)
        return options

    # -- checks ----------------------------------------------------------------------------

    def problems(self) -> list[BankProblem]:
        """Every item must accept its own answer and aliases and reject its distractors."""
        out: list[BankProblem] = []
        for item in self.items:
            def bad(msg: str, item: QuizItem = item) -> None:
                out.append(BankProblem(item.id, item.file, item.line, f"{item.id}: {msg}"))

            if not item.question.strip() or not item.answer.strip():
                bad("empty question or answer")
                continue
            for text in (item.answer, *item.aliases):
                g = self.grader.grade(item, text)
                if not g.correct:
                    bad(f"the grader refuses its own answer {text!r}: {g.reason}")
            wrong = self.distractors(item, 10)
            for d in item.distractors:
                if self.grader.grade(item, d).correct:
                    bad(f"distractor {d!r} would be graded correct")
            if len({clean(d) for d in wrong}) != len(wrong):
                bad("repeated distractor")
            if len(wrong) < 2 and not self.typed_ok(item):
                bad("no way to ask it: too long to type and fewer than 2 distractors")
        return out


def _name_style(ent: Entity, answer: str) -> str:
    """How the answer names its entity: 'name', 'full_name' or 'acronym'."""
    key = clean(answer)
    if ent.full_name and key == clean(ent.full_name):
        return "full_name"
    acr = _acronym(ent)
    if acr and key == clean(acr) and key != clean(ent.name):
        return "acronym"
    return "name"


def _styled(ent: Entity, style: str) -> str | None:
    if style == "full_name":
        return ent.full_name
    if style == "acronym":
        return _acronym(ent)
    return ent.name


# -- derived items ----------------------------------------------------------------------------


def _item(ent: Entity, what: str, question: str, answer: str, *, aliases: tuple[str, ...] = (),
          hint: str | None = None, explanation: str | None = None) -> QuizItem:
    return QuizItem(
        id=f"derived-{ent.id}-{what}", question=question, answer=answer, aliases=aliases,
        hint=hint, entity=ent.id, explanation=explanation or ent.summary, derived=True,
        file="entities.yaml", line=ent.line,
    )


def _the(place: str) -> str:
    """'the Central African Republic', 'Mali'."""
    words = place.split()
    if words and (words[0] in ("Democratic", "Central", "United") or "Republic" in words):
        return "the " + place
    return place


def _role(ent: Entity) -> str:
    role = _plain(ent.field("role")).split(",")[0].strip()
    return role or "head of UN peacekeeping"


def _span(tenure: str) -> tuple[str | None, str | None]:
    years = _YEAR.findall(tenure)
    if not years:
        return None, None
    if len(years) == 1:
        return years[0], None
    return years[0], years[1]


def derive_items(pack: Pack) -> list[QuizItem]:
    """Quiz items read off entity fields; skipped where a field is missing or ambiguous."""
    ents = list(pack.entities.values())
    by_name = {clean(n): e for e in ents for n in e.names}
    out: list[QuizItem] = []

    missions = [e for e in ents if e.kind == "mission"]
    loc_count: dict[str, int] = {}
    for m in missions:
        loc = clean(_plain(m.field("location")))
        loc_count[loc] = loc_count.get(loc, 0) + 1
    for m in missions:
        out.extend(_mission_items(m, by_name, loc_count))
    officials = [e for e in ents if e.kind == "official" and e.field("tenure")]
    for o in officials:
        out.extend(_official_items(o, by_name))
    for d in (e for e in ents if e.kind == "department"):
        out.extend(_department_items(d, by_name))
    # options for a derived item: the same field of the other entities of its kind
    kind_of = {e.id: e.kind for e in ents}

    def group(item: QuizItem) -> tuple[str, str, str]:
        what = item.id[len(f"derived-{item.entity}-"):]
        shape = re.sub(r"\d", "9", item.answer) if _YEAR.search(item.answer) else "name"
        return what, kind_of.get(item.entity or "", ""), shape

    groups: dict[tuple[str, str, str], list[QuizItem]] = {}
    for item in out:
        groups.setdefault(group(item), []).append(item)
    return [replace(item, distractors=tuple(dict.fromkeys(
        o.answer for o in groups[group(item)]
        if o.answer != item.answer and o.entity != item.entity)))
        for item in out]


def _entity_name(by_name: dict[str, Entity], text: str | None) -> Entity | None:
    if not text:
        return None
    return by_name.get(clean(_plain(text).split(",")[0]))


def _mission_items(m: Entity, by_name: dict[str, Entity],
                   loc_count: dict[str, int]) -> Iterator[QuizItem]:
    ended = _ended(m)
    is_was = "was" if ended else "is"
    loc = _plain(m.field("location"))
    est = m.field("established")
    est_year = _year(est)
    if loc:
        parts = [p.strip() for p in loc.split(",") if p.strip()]
        place = by_name.get(clean(parts[0]))
        if loc_count.get(clean(loc), 0) == 1:
            q = f"Which UN peacekeeping mission {is_was} deployed in {_the(loc)}?"
        elif est_year:
            q = f"Which UN peacekeeping mission in {_the(loc)} was established in {est_year}?"
        else:
            q = ""
        if q:
            yield _item(m, "by-location", q, m.name, hint=f"It starts with {m.name[:3]}...")
        answer = place.name if place else parts[0]
        aliases = tuple(dict.fromkeys(p for p in (loc, *parts[1:]) if clean(p) != clean(answer)))
        verb = "did" if ended else "does"
        yield _item(m, "location", f"Where {verb} {m.name} operate?", answer, aliases=aliases)
    if m.full_name:
        yield _item(m, "stands-for", f"What does {m.name} stand for?", m.full_name)
        yield _item(m, "acronym", f"What is the acronym of the {m.full_name}?", m.name)
    if est_year:
        yield _item(m, "established", f"In what year was {m.name} established?", est_year,
                    explanation=f"{m.name}: established {est}.")
    res = _RESOLUTION.search(est or "")
    if res:
        yield _item(m, "resolution",
                    f"Which Security Council resolution (its number) established {m.name}?",
                    res.group(1), explanation=f"{m.name}: established {est}.")
    end_year = _year(m.field("ended")) if m.field("ended") else None
    if ended and end_year:
        yield _item(m, "ended", f"In what year did {m.name} end?", end_year,
                    explanation=f"{m.name}: {m.field('status') or m.field('ended')}.")
    pred = _entity_name(by_name, m.field("predecessor"))
    if pred is not None and pred.kind == "mission":
        yield _item(m, "predecessor", f"Which UN mission did {m.name} take over from?",
                    pred.name)
    succ = _entity_name(by_name, m.field("successor"))
    if succ is not None and succ.kind == "mission":
        yield _item(m, "successor", f"Which UN mission succeeded {m.name}?", succ.name)


def _official_items(o: Entity, by_name: dict[str, Entity]) -> Iterator[QuizItem]:
    role = _role(o)
    start, end = _span(_plain(o.field("tenure")))
    surname = o.name.split()[-1]
    hint = f"Surname: {surname[0]}{'.' * 3} ({len(surname)} letters)"
    if start and end:
        yield _item(o, "by-tenure", f"Who was {role} from {start} to {end}?", o.name, hint=hint)
        yield _item(o, "tenure", f"In which years was {o.name} {role}? (from-to)",
                    f"{start}-{end}", hint=f"It began in {start}.")
    elif start:
        yield _item(o, "by-tenure", f"Who has been {role} since {start}?", o.name, hint=hint)
        yield _item(o, "tenure", f"Since what year has {o.name} been {role}?", start)
    succ = _entity_name(by_name, o.field("successor"))
    if succ is not None:
        yield _item(o, "successor", f"Who succeeded {o.name} as {role}?", succ.name)
    pred = _entity_name(by_name, o.field("predecessor"))
    if pred is not None:
        yield _item(o, "predecessor", f"Who preceded {o.name} as {role}?", pred.name)


def _department_items(d: Entity, by_name: dict[str, Entity]) -> Iterator[QuizItem]:
    acr = _acronym(d)
    ended = _ended(d)
    if acr and clean(acr) != clean(d.name):
        yield _item(d, "stands-for", f"What does {acr} stand for?", d.name)
    year = _year(d.field("established"))
    if year:
        yield _item(d, "established", f"In what year was the {d.name} established?", year,
                    explanation=f"{d.name}: established {d.field('established')}.")
    new = _entity_name(by_name, d.field("replaced_by"))
    if new is not None:
        when = d.field("replaced_by") or ""
        date = when.split(",", 1)[1].strip() if "," in when else ""
        q = f"Which department replaced the {d.name}" + (f" on {date}?" if date else "?")
        yield _item(d, "replaced-by", q, new.name)
    old = _entity_name(by_name, d.field("replaced"))
    if old is not None:
        yield _item(d, "replaced", f"Which department did the {d.name} replace?", old.name)
    role = _plain(d.field("role"))
    if role:
        verb = "was responsible" if ended else "is responsible"
        yield _item(d, "role", f"Which UN department {verb} for {role}?", d.name)


def bank_for(pack: Pack) -> QuizBank:
    """A new bank for `pack` (cheap: a few milliseconds)."""
    return QuizBank(pack)

