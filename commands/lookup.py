"""Lookups: entity cards (missions, officials, departments and topics), autocomplete, lists."""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from commands.reply import Action, Link, Reply
from knowledge.model import Entity, Pack
from knowledge.text import fold, normalize

MAX_CHOICES = 25
CHOICE_NAME_MAX = 100
MAX_RELATED = 10
MAX_LINKS = 5

# Which entity kinds each lookup command covers.
MISSION_KINDS: tuple[str, ...] = ("mission",)
OFFICIAL_KINDS: tuple[str, ...] = ("official",)
TOPIC_KINDS: tuple[str, ...] = ("department", "body", "concept", "place", "topic")
ALL_KINDS: tuple[str, ...] = (*MISSION_KINDS, *OFFICIAL_KINDS, *TOPIC_KINDS)

# Card fields, in display order: (field key, label). Other fields follow, labelled from the key.
_FIELD_ORDER: tuple[tuple[str, str], ...] = (
    ("location", "Where"),
    ("status", "Status"),
    ("established", "Established"),
    ("ended", "Ended"),
    ("focus", "Focus"),
    ("role", "Role"),
    ("tenure", "Tenure"),
    ("predecessor", "Predecessor"),
    ("successor", "Successor"),
    ("head", "Head"),
    ("current_holder", "Current holder"),
    ("replaced_by", "Replaced by"),
)


def _label(key: str) -> str:
    for k, label in _FIELD_ORDER:
        if k == key:
            return label
    return key.replace("_", " ").capitalize()


def card_fields(pack: Pack, entity: Entity) -> list[tuple[str, str]]:
    """The entity's structured fields as (label, value), in a stable, readable order."""
    known = [k for k, _ in _FIELD_ORDER]
    keys = [k for k in known if entity.field(k)]
    keys += [k for k, _ in entity.fields if k not in known]
    out: list[tuple[str, str]] = []
    if entity.full_name and entity.full_name != entity.name:
        out.append(("Full name", entity.full_name))
    for key in keys:
        value = entity.field(key) or ""
        label = _label(key)
        if key == "status" and pack.as_of:
            label = f"Status (as of {pack.as_of})"
        out.append((label, value))
    return out


def _names(pack: Pack, ids: Iterable[str]) -> list[Entity]:
    out = []
    for eid in dict.fromkeys(ids):
        ent = pack.entities.get(eid)
        if ent is not None:
            out.append(ent)
    return out


def entity_card(pack: Pack, entity: Entity) -> Reply:
    """The card for one entity: summary, fields, links, related entities as buttons."""
    related = _names(pack, entity.related)
    fields = card_fields(pack, entity)
    if related:
        fields.append(("Related", ", ".join(e.name for e in related)))
    return Reply(
        title=entity.name,
        text=entity.summary,
        kind="card",
        answered=True,
        fields=fields,
        see_also=[Link(link.title, link.url, entity.id) for link in entity.links[:MAX_LINKS]],
        related=[Action(label=e.name, kind="entity", target=e.id) for e in related[:MAX_RELATED]],
        footer=f"{entity.kind.capitalize()} · {pack.title}"
               + (f" · as of {pack.as_of}" if pack.as_of else ""),
    )


def _of_kinds(pack: Pack, kinds: Iterable[str]) -> list[Entity]:
    return list(_index(pack, kinds).entities)


class _KindIndex:
    """Everything the matchers need about the entities of some kinds, computed once per pack:
    normalised names (normalize() is the expensive part of matching), their words, the exact-name
    table, and a small LRU of autocomplete answers (Discord sends one per keystroke)."""

    CACHE_MAX = 2048

    def __init__(self, entities: tuple[Entity, ...]) -> None:
        self.entities = entities
        self.by_id = {e.id: e for e in entities}
        self.sort_name = {e.id: e.name.casefold() for e in entities}
        self.by_name = tuple(sorted(entities, key=lambda e: (e.name.casefold(), e.id)))
        self.choices: list[str] = []  # normalised names (non-empty), entity order
        self.words: list[tuple[str, ...]] = []
        self.owners: list[str] = []  # entity id of each choice
        self.exact: dict[str, Entity] = {}  # normalised name -> first entity bearing it
        for ent in entities:
            for name in ent.names:
                n = normalize(name)
                self.exact.setdefault(n, ent)
                if n:
                    self.choices.append(n)
                    self.words.append(tuple(n.split()))
                    self.owners.append(ent.id)
        self.answers: OrderedDict[str, tuple[tuple[str, str], ...]] = OrderedDict()


# (id(pack), kinds) -> (the pack, its entity objects when indexed, index). The pack is
# mutable, so an index is reused only while the pack still holds the very same entities.
_INDEXES: dict[tuple[int, frozenset[str]], tuple[weakref.ref[Pack], tuple[Entity, ...],
                                                  _KindIndex]] = {}


def _index(pack: Pack, kinds: Iterable[str]) -> _KindIndex:
    wanted = kinds if isinstance(kinds, frozenset) else frozenset(kinds)
    key = (id(pack), wanted)
    hit = _INDEXES.get(key)
    current = tuple(pack.entities.values())
    if hit is not None:
        ref, snapshot, index = hit
        if ref() is pack and len(snapshot) == len(current) and all(
                a is b for a, b in zip(snapshot, current, strict=True)):
            return index
    index = _KindIndex(tuple(e for e in current if e.kind in wanted))
    if len(_INDEXES) > 64:  # packs come and go in tests: keep the table small
        _INDEXES.clear()
    _INDEXES[key] = (weakref.ref(pack), current, index)
    return index


def _rank(q: str, index: _KindIndex) -> list[tuple[Entity, float]]:
    """Relevance of each indexed entity to a normalised, non-empty query, best first."""
    best: dict[str, float] = {}
    for n, words, eid in zip(index.choices, index.words, index.owners, strict=True):
        if n == q:
            score = 200.0
        elif n.startswith(q):
            score = 150.0 - min(len(n) - len(q), 40) / 10
        elif any(w.startswith(q) for w in words):
            score = 130.0
        elif q in n:
            score = 110.0
        else:
            continue
        if score > best.get(eid, 0.0):
            best[eid] = score
    if index.choices:
        hits = process.extract(q, index.choices, scorer=fuzz.WRatio, limit=None,
                               score_cutoff=72)
        for _, score, idx in hits:
            eid = index.owners[idx]
            best[eid] = max(best.get(eid, 0.0), float(score))
    names = index.sort_name
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], names[kv[0]]))
    return [(index.by_id[eid], score) for eid, score in ranked]


def _score(query: str, entities: list[Entity]) -> list[tuple[Entity, float]]:
    """Relevance of each entity to a partial or misspelled query, best first."""
    q = normalize(query)
    if not q:
        return []
    return _rank(q, _KindIndex(tuple(entities)))


def _choice_name(entity: Entity) -> str:
    name = entity.name
    if entity.full_name and fold(entity.full_name) != fold(entity.name):
        name = f"{entity.name} — {entity.full_name}"
    if len(name) > CHOICE_NAME_MAX:
        name = name[: CHOICE_NAME_MAX - 1] + "…"
    return name


def autocomplete(pack: Pack, kinds: Iterable[str], partial: str) -> list[tuple[str, str]]:
    """At most 25 (name, value) choices; value is the entity id. Empty input lists by name."""
    index = _index(pack, kinds)
    cached = index.answers.get(partial)
    if cached is not None:
        index.answers.move_to_end(partial)
        return list(cached)
    if not partial.strip():
        ranked: Iterable[Entity] = index.by_name
    else:
        q = normalize(partial)
        ranked = [e for e, _ in _rank(q, index)] if q else []
    out = tuple((_choice_name(e), e.id[:CHOICE_NAME_MAX]) for e in list(ranked)[:MAX_CHOICES])
    index.answers[partial] = out
    if len(index.answers) > index.CACHE_MAX:
        index.answers.popitem(last=False)
    return list(out)


def find_entity(pack: Pack, kinds: Iterable[str], query: str) -> Entity | None:
    """The entity a query names: by id, by exact name or alias, or by a clear fuzzy match."""
    kinds = tuple(kinds)
    q = query.strip()
    if not q:
        return None
    ent = pack.entities.get(q)
    if ent is not None and ent.kind in kinds:
        return ent
    index = _index(pack, kinds)
    nq = normalize(q)
    exact = index.exact.get(nq)
    if exact is not None:
        return exact
    ranked = _rank(nq, index) if nq else []
    return _clear_winner(ranked)


def _clear_winner(ranked: list[tuple[Entity, float]]) -> Entity | None:
    if not ranked:
        return None
    top, score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    # A prefix or substring hit (>= 110), or a strong typo match clearly ahead of the next.
    if score >= 110 and (score - second >= 10 or len(ranked) == 1):
        return top
    if 86 <= score < 110 and score - second >= 5:
        return top
    return None


def lookup(pack: Pack, kinds: Iterable[str], query: str, what: str = "entry") -> Reply:
    """A card for the entity a query names, or suggestions when it is unclear."""
    kinds = tuple(kinds)
    ent = find_entity(pack, kinds, query)
    if ent is not None:
        return entity_card(pack, ent)
    index = _index(pack, kinds)
    nq = normalize(query)
    ranked = (_rank(nq, index) if nq else [])[:3]
    if ranked:
        return Reply(
            title="Not sure",
            text=f"I couldn't find that {what}. Did you mean one of these?",
            kind="abstain",
            suggestions=[Action(label=e.name, kind="entity", target=e.id) for e, _ in ranked],
            question=query,
        )
    names = ", ".join(e.name for e in sorted(index.entities, key=lambda e: e.name)[:10])
    return Reply(
        title="I don't know",
        text=f"I don't have a {what} by that name." + (f" I know: {names}." if names else ""),
        kind="abstain",
        question=query,
    )


def missions(pack: Pack) -> Reply:
    """Every mission in the pack, one field each: where, status, established."""
    ents = sorted(_of_kinds(pack, MISSION_KINDS), key=lambda e: e.name.casefold())
    fields = []
    for e in ents:
        where = e.field("location")
        parts = [p for p in (e.field("status"), e.field("established") and
                             f"established {e.field('established')}") if p]
        fields.append((f"{e.name} — {where}" if where else e.name,
                       "; ".join(parts) or e.summary))
    return Reply(
        title="UN peacekeeping missions",
        text=(f"{len(ents)} missions in the fact base, status as of {pack.as_of or 'the pack date'}"
              ". Use /mission NAME for a card."),
        kind="list",
        answered=True,
        fields=fields,
        related=[Action(label=e.name, kind="entity", target=e.id) for e in ents[:MAX_RELATED]],
        footer=pack.title,
    )
