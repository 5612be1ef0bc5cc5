"""Which came first, which lasted longer: "is MINUSCA older than MINUSMA?", "who served
longer, Guéhenno or Ladsous?".

A question that puts two missions, two departments or two holders of the post side by side in
time is answered by the one fact that orders them all, with their dates: the kind's timeline
(`timelines` in pack.yaml) or, for holders, the post's list of heads. No phrasing has to cover
every pair.
"""

from __future__ import annotations

import re
from typing import Protocol

from knowledge.model import Entity, Fact, Pack
from knowledge.tenure import END, LIFE, START
from knowledge.text import and_list, normalize, number_word

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")

# words that compare two things in time
IN_TIME = frozenset("older oldest newer newest earlier earliest later latest first longer "
                    "longest shorter shortest before after precede preceded predate predates "
                    "predated younger succeed".split())
_ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
_SIDE_BY_SIDE = frozenset("versus vs each both compare compared comparison".split())
_TIME_WORDS = frozenset("when years serve served serving tenure tenures dates long".split())
# what a question dates a thing by: its start ("taking office") or its end
_STARTING = START | frozenset("starting beginning taking took appointed became won".split())
_ENDING = END | frozenset("leaving closing".split())
# words that ask for the time between two events
_APART = frozenset("between after before separate separates separated passed elapsed gap "
                   "apart from".split())
# words that compare how long two holders served
_LENGTH = frozenset("longer longest shorter shortest".split())


class Held(Protocol):
    entity: str
    start: int
    end: int
    current: bool


class Comparer:
    """Picks the fact that orders the entities a question compares in time."""

    def __init__(self, pack: Pack, holders: list[Held]) -> None:
        self.pack = pack
        self.order = sorted(holders, key=lambda h: h.start)
        self.holders = frozenset(h.entity for h in holders)
        post = pack.post
        self.heads = pack.facts.get(post.heads_fact) if post and post.heads_fact else None
        by_kind = pack.timelines.by_kind if pack.timelines else {}
        self.timelines = {k: pack.facts[f] for k, f in by_kind.items() if f in pack.facts}

    def compare(self, words: list[str], entities: list[str]) -> Fact | None:
        """The ordering fact, or None if the question does not compare two things in time."""
        ws = set(words)
        if ws & LIFE - {"study", "studies", "studied", "school", "uni", "age", "kids"}:
            return None  # "what did Le Roy do after, and where was Miyet born?": their lives
        which = self._which_of(words, entities) or self._years_apart(words, entities)
        if which is not None:
            return which
        named = [h for h in self.order if h.entity in entities]
        if "between" in ws:
            return self._between(named) if len(named) == 2 else None
        # "Ladsous vs Lacroix, when did each serve?": two heads side by side in time
        paired = len(named) >= 2 and bool(ws & _SIDE_BY_SIDE) and bool(ws & _TIME_WORDS)
        if not (ws & IN_TIME or paired) or len(entities) < 2:
            return None
        if self.heads is not None and len(named) >= 2:
            # told of the one the question names first: "did Annan head it before or after
            # Goulding?" is answered "Annan came after Goulding"
            subject = next(h for e in entities for h in named if h.entity == e)
            return self._side_by_side(named[:2], bool(ws & _LENGTH), subject)
        if "who" in ws or "whos" in ws:
            return None  # "who led DPKO before DPO was created" asks for a holder
        ents = self.pack.entities
        kinds = [ents[e].kind for e in entities if e in ents]
        for kind, fact in self.timelines.items():
            if kinds.count(kind) >= 2:
                return fact
        return self._across_kinds([e for e in entities if e in ents])

    def _dated_thing(self, eid: str, words: set[str]) -> Entity | None:
        """The mission or department an entity stands for: itself, or a place's one mission
        ("the Mali one")."""
        ent = self.pack.entities.get(eid)
        if ent is not None and ent.kind == "place":
            ent = self.pack.one_mission(eid)
        return ent if ent is not None and ent.kind in self.timelines else None

    def _which_of(self, words: list[str], entities: list[str]) -> Fact | None:
        """Two missions (or departments) by their starts or ends: the one of two in the
        year asked ("was it the Mali one or the CAR one that started in 2013?"), the one
        that has ended ("which has ended, MINUSMA or UNMISS?"), or whether both started in
        the same year."""
        ws = set(words)
        years = [int(w) for w in words if _YEAR.fullmatch(w)]
        ending = bool(ws & END) and not ws & START
        # "which has ended, MINUSMA or UNMISS?", "were they set up in the same year?"
        no_year = not years and ("which" in ws or "same" in ws) and not ws & IN_TIME
        if not years and ws & END and ws & {"first", "earlier", "sooner", "last", "later"} \
                and not ws & START:
            return self._ended_first(entities, ws)
        if not (len(years) == 1 or no_year) or not ws & {"or", "and", "same"} \
                or not ws & (START | END):
            return None
        things = list(dict.fromkeys(t for e in entities if (t := self._dated_thing(e, ws))))
        if len(things) != 2 or things[0].kind != things[1].kind:
            return None
        event = "ended" if ending else "established"
        told = []
        for t in things:
            m = _YEAR.search(t.field(event) or "")
            told.append((t, int(m.group(0)) if m else None))
        if any(y is None for _, y in told) and not ending:
            return None
        same_year = no_year and "same" in ws
        if same_year:
            same = told[0][1] == told[1][1] and told[0][1] is not None
            hits = [t.name for t, _ in told] if same else []
        elif no_year:  # which of the two has ended at all
            if not ending:
                return None
            hits = [t.name for t, y in told if y is not None]
        else:
            hits = [t.name for t, y in told if y == years[0]]
        verb = "ended" if ending else "was established"
        parts = [f"{t.name} {verb} in {y}" if y else f"{t.name} has not ended"
                 for t, y in told]
        said = f"{parts[0]}, {parts[1].replace(verb + ' ', '')}" \
            if all(y for _, y in told) else " and ".join(parts)
        if same_year:
            verdict = "Yes" if hits else "No"
        else:
            verdict = hits[0] if len(hits) == 1 else "Both" if hits else "Neither"
        lead = f"{verdict}: {said}."
        return self.timelines[things[0].kind].led_by(lead)

    def _ended_first(self, entities: list[str], ws: set[str]) -> Fact | None:
        """"Between UNAMID and MINUSMA, which ended first?": ordered by their ends."""
        things = list(dict.fromkeys(t for e in entities if (t := self._dated_thing(e, ws))))
        if len(things) != 2 or things[0].kind != things[1].kind:
            return None
        ends = []
        for t in things:
            m = _YEAR.search(t.field("ended") or "")
            if m is None:
                return None
            ends.append((int(m.group(0)), t.name))
        (y1, a), (y2, b) = sorted(ends)
        lead = f"{a} ended first, in {y1}; {b} in {y2}." if y1 != y2 else \
            f"Both ended in {y1}."
        return self.timelines[things[0].kind].led_by(lead)

    def _event_of(self, eid: str, words: list[str]) -> tuple[int, str] | None:
        """The year of what the question dates a thing by, near where it names it: a head's
        taking or leaving office, a mission's or department's start or end, a prize's award."""
        ent = self.pack.entities.get(eid)
        if ent is None:
            return None
        names = {normalize(n).split()[-1] for n in ent.names if normalize(n)}
        at = next((i for i, w in enumerate(words) if w in names), None)
        # the event word nearest to the name ("between UNAMID starting and MINUSMA ending")
        events = sorted((abs(j - at), w in _ENDING) for j, w in enumerate(words)
                        if w in _ENDING or w in _STARTING) if at is not None else []
        ending = bool(events) and events[0][1]
        held = next((h for h in self.order if h.entity == eid), None)
        if held is not None:
            if ending and held.current:
                return None
            return (held.end, "left office") if ending else (held.start, "took office")
        for key, told in (("ended", "ended"), ("established", "was established"),
                          ("awarded", "was awarded")):
            if (key == "ended") != ending and key != "awarded":
                continue
            m = _YEAR.search(ent.field(key) or "")
            if m:
                return int(m.group(0)), told
        return None

    def _years_apart(self, words: list[str], entities: list[str]) -> Fact | None:
        """"How many years passed between Goulding taking office and Lacroix taking office?",
        "how many years after the Nobel Prize was DPKO established?": the years between two
        dated events, with both dates."""
        text = " ".join(words)
        if not ("how many years" in text or "how long" in text) \
                or not set(words) & _APART or "who" in words:
            return None
        dated = [(e, ev) for e in dict.fromkeys(entities) if (ev := self._event_of(e, words))]
        if len(dated) != 2:
            return None
        (a, (ya, ta)), (b, (yb, tb)) = sorted(dated, key=lambda d: d[1][0])
        ents = self.pack.entities
        gap = yb - ya
        def name(e: str) -> str:
            return f"the {ents[e].name}" if ents[e].kind == "department" else ents[e].name

        lead = (f"{gap} {'year' if gap == 1 else 'years'}: {name(a)} {ta} in {ya}, "
                f"{name(b)} {tb} in {yb}.")
        if any(e in self.holders for e in (a, b)):
            return self._with(lead)
        kind = next((ents[e].kind for e in (a, b) if ents[e].kind in self.timelines), None)
        return self.timelines[kind].led_by(lead) if kind else None

    def _across_kinds(self, entities: list[str]) -> Fact | None:
        """"Which came first, DFS or MONUSCO?": two things of different kinds, each with a
        timeline, ordered by their founding years; the first one's timeline follows."""
        dated = []
        for e in entities:
            ent = self.pack.entities[e]
            m = _YEAR.search(ent.field("established") or "")
            if m and ent.kind in self.timelines:
                dated.append((int(m.group(0)), ent))
        if len(dated) != 2 or dated[0][1].kind == dated[1][1].kind:
            return None
        (ya, a), (yb, b) = dated
        if ya == yb:
            lead = f"{a.name} and {b.name} were both established in {ya}."
        else:
            (y1, first), (y2, second) = sorted(dated, key=lambda d: d[0])
            lead = f"{first.name} ({y1}) came before {second.name} ({y2})."
        fact = self.timelines[a.kind]
        return fact.led_by(lead)

    def _label(self, h: Held, nth: bool = False) -> str:
        name = self.pack.entities[h.entity].name
        dates = f"since {h.start}" if h.current else f"{h.start}-{h.end}"
        if nth:  # "Marrack Goulding (1992-1993, the first head)"
            dates += f", the {_ORDINAL_WORDS[self.order.index(h)]} head"
        return f"{name} ({dates})"

    def _with(self, lead: str) -> Fact | None:
        """The list of heads, led by a sentence about the ones asked of."""
        if self.heads is None:
            return None
        return self.heads.led_by(lead)

    def _side_by_side(self, pair: list[Held], length: bool, subject: Held) -> Fact | None:
        """"Was Guéhenno before or after Ladsous?", "who served longer, Annan or Miyet?"."""
        first, second = pair
        other = second if subject is first else first
        direct = "directly " if abs(self.order.index(second) - self.order.index(first)) == 1 \
            else ""
        side = "before" if subject is first else "after"
        lead = f"{self._label(subject, True)} came {direct}{side} {self._label(other, True)}."
        if length:
            a, b = sorted(pair, key=lambda h: h.end - h.start, reverse=True)
            if a.end - a.start == b.end - b.start:
                lead += " They served about as long."
            else:
                lead += (f" {self.pack.entities[a.entity].name} served longer, about "
                         f"{a.end - a.start} years against {b.end - b.start}.")
        return self._with(lead)

    def _between(self, pair: list[Held]) -> Fact | None:
        """"Who served between Miyet and Le Roy?": the holders in between."""
        i, j = self.order.index(pair[0]), self.order.index(pair[1])
        inside = self.order[i + 1:j]
        a, b = (self.pack.entities[h.entity].name for h in pair)
        if not inside:
            return self._with(f"No one: {self._label(pair[1])} directly succeeded "
                              f"{self._label(pair[0])}.")
        names = [self._label(h) for h in inside]
        listed = and_list(names)
        count = f"{number_word(len(names))} people: " if len(names) > 1 else ""
        return self._with(f"Between {a} and {b}, the post was held by {count}{listed}.")
