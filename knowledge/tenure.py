"""Who held the post at a given time: "who ran DPKO in 1995?", "who was the USG-PKO when
MINUSMA was set up?".

No phrasing can cover every year and every event, so these questions are answered from data
instead: each official's `tenure` field ("1997-2000", "2017- (in office ...)") and the
`established` / `ended` fields of missions and departments. The answer is the holder's tenure
fact; in a year when the post changed hands, the fact listing every holder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from knowledge.model import Fact, Pack
from knowledge.text import and_list, normalize, number_word

_YEAR = re.compile(r"\b(19[4-9]\d|20[0-4]\d)\b")
_TENURE = re.compile(r"^\s*(\d{4})\s*-\s*(\d{4})?")

# words that make "who" ask for the holder of a post
HOLD = frozenset("head headed heads heading boss chief lead led leader leading ran run "
                 "running runs helm charge incumbent top usg post office position job hold "
                 "serve serves held holding served serving occupied czar".split())
# words that name the post itself in a question about this pack: "who held the post in 1995"
POST = frozenset("post office position usg job".split())
_DECADE = re.compile(r"^(?:(19|20)?(\d)0)s$")
# "how many heads before 2000 / since 2010": a year to count from
_BEFORE_YEAR = frozenset("before until till prior".split())
_FROM_YEAR = frozenset("since after from".split())
# words for a holder's time in the post, beyond those of holding it
_STINT = frozenset("stint tenure tenures term terms serving served".split())
# a question only about terms that have ended
_ENDED_ONLY = frozenset("ended completed former past previous finished concluded".split())
# asking for missions by a property: "which of the article's missions", "how many missions"
_WHICH_MISSIONS = re.compile(r"\b(?:which|what|how many|list|name)\b(?: \w+){0,4}? "
                             r"(?:missions|operations)\b")
# a mission at work in a year: "which missions were running in 2015?"
_ACTIVE = frozenset("active running operating operational existed exist ongoing "
                    "working open".split())
# the question asks when an event was, besides who held the post then
_ASKS_WHEN = re.compile(r"\bwhen (?:did|was|were|does|is|exactly did|exactly was)\b")
# a head who saw an event through: "which head oversaw the end of MINUSMA?"
_PRESIDED = frozenset("oversaw oversee overseeing presided supervised handled".split())
# phrases that date a question by an event, as "when" does
_DATED_BY = ("the year", "at the time", "by the time", "the time")
# asking when, or how long, someone held the post
_TIME_ASKED = ("how long", "how many years", "how much year", "how much years", "when",
               "which years", "what years", "which period", "what period", "during which",
               "what dates", "which dates", "since when", "in which years", "in what years",
               "what time")
# words that date the question by an event rather than a year
WHEN = frozenset("when moment during while once".split())
# the question is about an order or a change of holders: succession facts answer it
ORDER = frozenset("first last before after succeed succeeded successor predecessor replace "
                  "replaced next previous prior preceded original founding latest".split())
START = frozenset("created create establish established set setup launched launch started "
                  "start began begin founded formed form deployed deploy authorized born "
                  "opened open creation founding establishment".split())
END = frozenset("end ended ending closed close shut pulled withdrew withdrawn withdrawal "
                "terminated wound wrapped left leave finished over folded closure closing "
                "termination".split())
CHANGE = frozenset("became become turned renamed restructured restructuring reform reformed "
                   "succeed replaced merged switch switched changeover renaming".split())
# what "how many" counts when it counts the post's holders
_PEOPLE = frozenset("heads head people persons holders officeholders chiefs leaders usg usgs "
                    "individuals men different".split())
# a question about where the heads come from, which the list of heads does not say
NATIONALITY = frozenset("french british ghanaian nationality nationalities national nationals "
                        "country countries citizen citizens from".split())
# asking where a person comes from, or a French name: the pack holds neither
NATIONALITY_ASKED = frozenset("british ghanaian nationality nationalities nationals citizen "
                              "citizens citizenship frenchman englishman brit".split())
_PERSON_NOUNS = frozenset("guy man woman diplomat person one head chief official looking "
                          "sounding".split())


def asks_nationality(words: list[str], person: bool = False) -> bool:
    """"What nationality is Ladsous?", "was Goulding British?", "why are the heads French?";
    with a `person` named, also "where is he from?", "from which country was he?"."""
    # "the Ghanaian guy who later became SG": a nationality that only says who is meant
    described = {w for i, w in enumerate(words[:-1]) if words[i + 1] in _PERSON_NOUNS
                 and (i == 0 or words[i - 1] != "non")}
    ws = set(words) - described
    if ws & NATIONALITY_ASKED or "french" in ws:  # nor French names: the notes give none
        return True
    if person and ws & {"hometown", "homeland", "birthplace", "native"}:
        return True  # "Goulding's home country?", "his hometown"
    if person and "home" in ws and ws & {"country", "town", "city"}:
        return True
    return person and "from" in ws and bool(ws & {"where", "country", "wheres"})


# words that date a question to the pack's own date: "who runs DPKO now?"
NOW = frozenset("now currently current today presently nowadays rn".split())
WANTS_OTHER = frozenset("what when where why how which".split())
# words asking who fills a post
APPOINT = frozenset("appoint appoints appointed chooses choose chose chosen selects select "
                    "selected elects elect elected picks pick picked nominates nominate "
                    "nominated".split())
# words asking for the person at the head of something
LEADER = frozenset("head heads headed boss chief leader leads commander director "
                   "representative srsg envoy president ruler rules governs runs running "
                   "lead".split())
# a holder's life outside the post, which the pack does not hold
LIFE = frozenset("university uni college school studied study studies degree educated "
                 "education born birth birthday age married wife husband children kids family "
                 "died death dead salary paid hobby hobbies book books memoir memoirs "
                 "author novel".split())
CAREER = frozenset("job jobs work worked working career position role occupation".split())
EARLIER = frozenset("before prior previously earlier".split())
LATER = frozenset("after afterwards later next".split())
LEAVING = frozenset("leave left resign resigned quit step stepped".split())
# "the head when MINUSMA closed", "which head oversaw...": in a bot about one post, a head
# with no "of" after it is that post's
HEAD_NOUNS = frozenset("head chief boss leader usg helm charge".split())
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7}
# a question opening with one of these asks yes or no, not for a name
# words between an ordinal and its head noun that do not change it: "the first DPKO chief"
_EMPHASIS = frozenset("ever real actual official proper dpko dpo un peacekeeping usg pko "
                      "department".split())
_QWORDS = frozenset("who which what when where how why whom whose".split())
AUX = frozenset("is are was were do does did has have had can could will would".split())


@dataclass(frozen=True)
class Holder:
    entity: str
    start: int
    end: int  # inclusive; the pack's as-of year for an open tenure
    fact: str
    current: bool = False  # the tenure is open: in office as of the pack's date


def holders(pack: Pack) -> tuple[list[Holder], list[tuple[str, str]]]:
    """Every official with a tenure and a tenure fact, and (id, problem) for the others."""
    found: list[Holder] = []
    bad: list[tuple[str, str]] = []
    if pack.post is None:
        return found, bad
    now = pack.as_of_year or 2100
    for e in pack.entities.values():
        tenure = e.field("tenure") if e.kind == "official" else None
        if not tenure:
            continue
        m = _TENURE.match(tenure)
        fid = pack.post.tenure_fact.format(official=e.id)
        if m is None:
            bad.append((e.id, f"tenure {tenure!r} does not start with YEAR-YEAR or YEAR-"))
        elif fid not in pack.facts:
            bad.append((e.id, f"no tenure fact {fid!r}"))
        else:
            found.append(Holder(e.id, int(m.group(1)), int(m.group(2) or now), fid,
                                current=m.group(2) is None))
    return sorted(found, key=lambda h: h.start), bad


def _counted(found: list[str], total: int, what: str) -> str:
    """"Two of the five missions covered here were established in 2013: A and B."."""
    if not found:
        return f"None of the {number_word(total)} missions covered here was {what}."
    if len(found) == total > 1:
        return f"All {number_word(total)} missions covered here were {what}: {and_list(found)}."
    return (f"{number_word(len(found)).capitalize()} of the {number_word(total)} missions "
            f"covered here {'was' if len(found) == 1 else 'were'} {what}: {and_list(found)}.")


def _first_year(text: str | None) -> int | None:
    m = _YEAR.search(text or "")
    return int(m.group(1)) if m else None


_OWN_POST = frozenset("peacekeeping peace pko".split())


def _other_usg(words: list[str]) -> str | None:
    """"Under-Secretary-General for Operational Support": a USG post other than this one."""
    text = " ".join(words)
    m = re.search(r"\b(?:under secretary general|usg) (?:for|of) (?:the )?"
                  r"(?:department (?:of|for) )?(\w+)(?: (\w+))?", text)
    if m is None or m.group(1) in _OWN_POST:
        return None
    return "the Under-Secretary-General for " + " ".join(w for w in m.groups() if w).title()


def _decades(words: list[str]) -> list[int]:
    """Every year of the decades a question names: "the 90s", "1990s", "2010s"."""
    out: list[int] = []
    for w in words:
        m = _DECADE.match(w)
        if m:
            century = m.group(1) or ("19" if m.group(2) in "56789" else "20")
            start = int(f"{century}{m.group(2)}0")
            out.extend(range(start, start + 10))
    return out


class TenureResolver:
    """Answers "who held the post in YEAR / when EVENT" from the pack's tenure data."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.holders, _ = holders(pack)
        post = pack.post
        self.names = frozenset(post.names) if post else frozenset()
        self.heads = pack.facts.get(post.heads_fact) if post and post.heads_fact else None
        self._holder_ids = frozenset(h.entity for h in self.holders)
        self.holder_ids = self._holder_ids  # the people who held the post
        self.now = pack.as_of_year
        # the words of each of the post's names, for "the head of DPO" read as one name
        self._post_names = {e: [f" {normalize(n)} " for n in pack.entities[e].names]
                            for e in self.names if e in pack.entities}
        self._officials = self._holder_ids | {
            e.id for e in pack.entities.values() if e.kind == "official"} - self.names

    def event_years(self, words: list[str], entities: list[str]) -> list[int]:
        """Years of the events the question dates the holder by: "when MINUSMA ended"."""
        return [y for y, _ in self.event_dates(words, entities)]

    def event_dates(self, words: list[str], entities: list[str]) -> list[tuple[int, str]]:
        """The events the question dates the holder by, each as (year, "MINUSMA was
        established: 25 April 2013")."""
        ws = set(words)
        starting, ending, change = bool(ws & START), bool(ws & END), bool(ws & CHANGE)
        events = [e for e in entities if e not in self.names]
        if not events and len(entities) > 1 and change:
            events = entities[1:]  # "when DPKO became DPO": the post's own names changed
        named = [e for e in entities if e in self.pack.entities
                 and self.pack.entities[e].kind != "concept"]  # ("headed peacekeeping")
        if not events and len(named) == 1 and (starting or ending or change):
            events = named  # "who led DPKO when it was created / renamed"
        years = []
        for eid in events:
            ent = self.pack.entities[eid]
            if ent.kind == "place" and ws & {"mission", "missions", "operation", "operations"}:
                # "when the mission in Darfur was set up": the place's one mission
                ent = self.pack.one_mission(eid) or ent
            # "when DPKO became DPO": the old name's end, the new name's start
            closing = (ending and not starting) or (change and ent.field("ended") is not None)
            told = ent.field("ended" if closing else "established") or ""
            y = _first_year(told)
            if y is not None:
                day = told.split(",")[0].split("(")[0].strip()
                the = "The " if ent.kind == "department" else ""
                years.append((y, f"{the}{ent.name} {'ended' if closing else 'was established'}"
                                 f" {'on' if not day.isdigit() else 'in'} {day}"))
        return years

    def other_head(self, words: list[str], entities: list[str]) -> str | None:
        """The mission or department whose head a question asks for, when the pack only
        knows the holders of its own post: "who is the head of UNMISS?", "MINUSMA's force
        commander"."""
        ws = set(words)
        if not ("who" in ws or "whos" in ws or "name" in ws):
            return None
        other = _other_usg(words)
        if other:
            return other
        chosen = [e for e in entities if e in self._officials and e not in self._holder_ids]
        if ws & APPOINT and chosen and not set(entities) & self.names:
            # "who appoints the Secretary-General?": how another post is filled
            return f"who appoints the {self.pack.entities[chosen[0]].name}"
        if not ws & LEADER or self._implied_post(words) or self._our_department(words, entities):
            return None
        if any(e in self._officials or e in self.names for e in entities):
            return None
        ents = self.pack.entities
        found = next((e for e in entities
                      if ents[e].kind in ("mission", "department", "place", "body")), None)
        return f"who heads {ents[found].name}" if found else None

    def beyond_post(self, words: list[str], entities: list[str]) -> str | None:
        """What a question asks about a holder's life outside the post ("what did Ladsous do
        before DPKO?", "which uni did Guéhenno go to?", "why did Goulding leave?"), which the
        pack holds only where an entity's fields say so ("later UN Secretary-General")."""
        ws = set(words)
        people = [e for e in entities if e in self._holder_ids]
        if len(people) == 1 and "before" in ws and ws & {"became", "becoming", "appointed"} \
                and ws & {"post", "job", "position", "role", "career", "work", "worked"} \
                and "peacekeeping" not in ws and not [
                    e for e in entities if e in self._officials and e not in self._holder_ids
                    and e not in self.names]:  # (Annan's post before he became SG: DPKO)
            # "what post did Lacroix hold before he became USG?": not the order of heads
            return f"{self.pack.entities[people[0]].name}'s career before the post"
        if len(people) != 1 or ws & {"hold", "held"}:
            return None  # two holders: a question of order; "held": the post itself
        ent = self.pack.entities[people[0]]
        others = [e for e in entities if e in self._officials and e not in self._holder_ids]
        if ws & ORDER and others and not set(entities) & self.names \
                and ("who" in ws or "whos" in ws):
            # "who succeeded Annan as Secretary-General?": the order of another post
            return f"who held the post of {self.pack.entities[others[0]].name} around {ent.name}"
        surname = normalize(ent.name).split()[-1]
        if any(w in EARLIER | LATER and surname in words[i + 1:i + 4]
               for i, w in enumerate(words)):
            return None  # "the guy before Lacroix": his predecessor, not his earlier career
        if ("who" in ws or "whos" in ws or ("when" in ws and not ws & LIFE)) \
                and not asks_nationality(words, person=True):
            return None
        if "how old" in " ".join(words):
            return f"{ent.name}'s age"
        if asks_nationality(words, person=True):
            return f"{ent.name}'s nationality"
        holder = next(h for h in self.holders if h.entity == ent.id)
        career_now = ws & CAREER or ws & {"do", "doing"}
        if ws & NOW and career_now and not holder.current:
            return f"what {ent.name} does now"
        known_later = any("later" in v for _, v in ent.fields)
        if known_later and set(entities) & set(ent.related):
            return None  # "what did Annan do before becoming Secretary-General": he led DPKO
        if ws & LIFE:
            return f"{ent.name}'s life outside UN peacekeeping"
        career = ws & CAREER or ("what" in ws and ws & {"do", "did", "doing"})
        if career and (ws & EARLIER or (ws & LATER and not known_later)):
            return f"{ent.name}'s career outside UN peacekeeping"
        if "why" in ws and ws & LEAVING:
            return f"why {ent.name} left"
        return None

    @staticmethod
    def _implied_post(words: list[str]) -> bool:
        """A head named without saying of what: "who was the head when UNAMID closed?"."""
        for i, w in enumerate(words):
            if w in HEAD_NOUNS:
                nxt = words[i + 1] if i + 1 < len(words) else ""
                if nxt != "of" and (i and words[i - 1] == "which" or nxt in WHEN
                                    or nxt in ("in", "during", "at", "since")):
                    return True
        return False

    def _our_department(self, words: list[str], entities: list[str]) -> bool:
        """"Who headed the department when MINUSCA was set up?": a department named by no
        name is the post's own, in a bot about one post."""
        ents = self.pack.entities
        return bool(set(words) & {"department", "dept"}) and not any(
            ents[e].kind == "department" and e not in self.names for e in entities if e in ents)

    def _asks_holder(self, words: list[str], entities: list[str]) -> bool:
        """Does the question ask who held the post (at some time)?"""
        ws = set(words)
        implied = self._implied_post(words)
        ours = self._our_department(words, entities)
        if not self.holders or not (set(entities) & self.names or ws & POST or implied or ours):
            return False
        # "which Alain led UN peacekeeping from 2008 to 2011?": which one, then a verb of holding
        which_held = any(w == "which" and set(words[i + 1:i + 4]) & HOLD
                         for i, w in enumerate(words))
        asks_who = bool(ws & {"who", "whos", "whose", "whom"}) or (implied and "which" in ws) \
            or which_held
        # ("USG in charge when MINUSMA was created?": a "when" that dates, not asks)
        dating_when = "when" in ws and words[0] != "when" and bool(ws & (START | END))
        terse = not ws & (WANTS_OTHER | CHANGE) - ({"when"} if dating_when else set()) \
            and bool(ws & HOLD) and not (words and words[0] in AUX)
        if not (asks_who or terse):
            return False
        if asks_who and ws & WANTS_OTHER - {"when", "which"}:
            return False  # "who ... and what did they do": more than a name
        if any(e in self._officials for e in entities):
            return False  # about a named person, or another post (the Secretary-General)
        return bool(ws & HOLD or set(entities) & self.names - {"peacekeeping"})

    def before_post(self, words: list[str], entities: list[str], years: list[int]) -> int | None:
        """The year the post began, when a question asks who held it before then: "who led
        UN peacekeeping in 1988?", "who was in charge of peacekeeping before 1992?"."""
        if not years or not self._asks_holder(words, entities):
            return None
        first = self.holders[0].start
        before = "before" in words or "prior" in words
        if all(y < first or (before and y <= first) for y in years):
            return first
        return None

    def _mission_years(self, event: str = "established") -> list[tuple[int, str]]:
        """(year, name) of every mission with a date of this event ("established" or
        "ended"), oldest first."""
        return sorted((y, e.name) for e in self.pack.entities.values() if e.kind == "mission"
                      if (y := _first_year(e.field(event))) is not None)

    def _missions_during(self, words: list[str], entities: list[str]) -> Fact | None:
        """"Which missions were created while Ladsous was in charge?", "which missions
        ended under Lacroix?": the missions whose establishment (or end) falls in his
        tenure, read off their dates."""
        ws = set(words)
        ending = bool(ws & END) and not ws & START
        if not ws & {"mission", "missions", "operation", "operations"} \
                or not ws & (END if ending else START) \
                or not ws & {"which", "what", "list", "name", "any", "how"}:
            return None
        people = [e for e in entities if e in self._holder_ids]
        if len(people) != 1 or any(self.pack.entities[e].kind == "mission" for e in entities
                                   if e in self.pack.entities):
            return None
        holder = next(h for h in self.holders if h.entity == people[0])
        event = "ended" if ending else "established"
        begun = [(y, n) for y, n in self._mission_years(event)
                 if holder.start <= y <= holder.end]
        name = self.pack.entities[holder.entity].name
        span = f"{holder.start}-{'' if holder.current else holder.end}"
        if not begun:
            lead = (f"None of the missions covered here "
                    f"{'ended' if ending else 'was established'} during {name}'s "
                    f"tenure ({span}).")
        else:
            text = and_list([f"{n} ({y})" for y, n in begun])
            lead = f"{event.capitalize()} during {name}'s tenure ({span}): {text}."
        tenure = self.pack.facts[holder.fact]
        return tenure.led_by(lead)

    def _missions_founded(self, words: list[str], entities: list[str],
                          years: list[int]) -> Fact | None:
        """"Which of the missions were set up in the 2010s?", "how many missions were
        established between 2010 and 2014?": read off the missions' founding dates."""
        ws = set(words)
        if not _WHICH_MISSIONS.search(" ".join(words)) or not ws & START or any(
                self.pack.entities[e].kind in ("mission", "department", "official")
                for e in entities if e in self.pack.entities):
            return None
        span = set(_decades(words))
        when = f"{min(span)}-{max(span)}" if span else ""
        if len(years) == 2 and ws & {"between", "from"}:
            span |= set(range(min(years), max(years) + 1))
            when = f"between {min(years)} and {max(years)}"
        elif len(years) == 1 and ws & {"after", "since"}:
            after = "after" in ws
            span |= set(range(years[0] + after, years[0] + 100))
            when = f"{'after' if after else 'in or after'} {years[0]}"
        elif len(years) == 1 and ws & {"before", "prior"}:
            span |= set(range(years[0] - 100, years[0]))
            when = f"before {years[0]}"
        elif len(years) == 1 and "in" in ws:
            span.add(years[0])
            when = f"in {years[0]}"
        elif span:
            when = f"in {when}"
        timeline = self.pack.timelines.by_kind.get("mission") if self.pack.timelines else None
        if not span or timeline not in self.pack.facts:
            return None
        missions = self._mission_years()
        found = [f"{n} ({y})" for y, n in missions if y in span]
        lead = _counted(found, len(missions), f"established {when}")
        fact = self.pack.facts[timeline]
        return fact.led_by(lead)

    def _missions_active(self, words: list[str], entities: list[str],
                         years: list[int]) -> Fact | None:
        """"How many of the five missions were running in 2015?": the missions founded by
        then and not yet ended, read off their dates."""
        ws = set(words)
        if len(years) != 1 or not _WHICH_MISSIONS.search(" ".join(words)) \
                or not ws & _ACTIVE or ws & (START | END | {"since", "total", "ever"}) or any(
                self.pack.entities[e].kind in ("mission", "department", "official")
                for e in entities if e in self.pack.entities):
            return None
        year = years[0]
        timeline = self.pack.timelines.by_kind.get("mission") if self.pack.timelines else None
        if timeline not in self.pack.facts or (self.now and year > self.now):
            return None
        ended = {n: y for y, n in self._mission_years("ended")}
        begun = self._mission_years()
        found = []
        for y, n in begun:
            if y <= year and ended.get(n, year) >= year:
                found.append(f"{n} ({y}-{ended[n]})" if n in ended else f"{n} (from {y})")
        lead = _counted(found, len(begun), f"active in {year}")
        dated = {n for _, n in begun}
        for n, y in ended.items():  # MONUC: an end and no start
            if n not in dated and year <= y:
                lead += f" {n}, whose start is not given here, ran until {y}."
        return self.pack.facts[timeline].led_by(lead)

    def _extreme(self, words: list[str], entities: list[str]) -> Fact | None:
        """"Who served the longest?", "who had the shortest stint as head of DPKO?": read off
        the tenures. The incumbent's open tenure is counted to the pack's date, and left out
        when the question asks of ended terms ("not counting the current one", "before
        Lacroix")."""
        ws = set(words)
        longest = bool(ws & {"longest", "long"} and ws & {"serving", "served", "longest"})
        shortest = "shortest" in ws
        if not (longest or shortest) or self.heads is None or len(self.holders) < 2:
            return None
        if not (ws & (HOLD | _STINT) or set(entities) & self.names):
            return None
        named = [e for e in entities if e in self._holder_ids]
        if len(named) > 1 or any(e not in self.names and e not in named for e in entities):
            return None
        current = next((h for h in self.holders if h.current), None)
        ended_only = bool(ws & _ENDED_ONLY) or (current is not None and (
            (current.entity in named and ws & {"before", "except", "besides", "excluding",
                                                "not", "other", "than"})
            or (ws & NOW and ws & {"not", "except", "besides", "excluding", "other"})))
        pool = [h for h in self.holders if not (h.current and (ended_only or shortest))]

        def years(h: Holder) -> int:
            return max(h.end - h.start, 1)

        pick = (max if longest else min)(pool, key=years)
        ties = [h for h in pool if years(h) == years(pick)]

        def about(h: Holder) -> str:
            n = years(h)
            return f"about {number_word(n)} year{'s' if n > 1 else ''}"

        def name(h: Holder) -> str:
            return self.pack.entities[h.entity].name

        label = "; ".join(f"{name(h)} ({h.start}-{h.end}, {about(h)})" for h in ties)
        word = "longest" if longest else "shortest"
        were = "heads were" if len(ties) > 1 else "head was"
        opening = "Of the heads whose terms have ended, the" \
            if longest and pool != self.holders else "The"
        lead = f"{opening} {word}-serving {were} {label}."
        if longest and current is not None and current not in pool:
            lead += (f" {name(current)}, in office since {current.start}, has served "
                     f"{about(current)} as of {self.now}.")
        elif longest and pick.current:
            done = max((h for h in self.holders if not h.current), key=years)
            lead = (f"{name(pick)}, in office since {pick.start}, has served longest: "
                    f"{about(pick)} as of {self.now}. Of the heads whose terms have ended, "
                    f"{name(done)} served longest ({done.start}-{done.end}).")
        return self.heads.led_by(lead)

    def _first_of_renamed(self, words: list[str]) -> Fact | None:
        """The first head under a name the post took later (DPO, 2019): whoever held the
        post when that name began."""
        text = f" {' '.join(words)} "
        began = [y for e, keys in self._post_names.items() if any(k in text for k in keys)
                 if (y := _first_year(self.pack.entities[e].field("established"))) is not None]
        if not began or max(began) <= self.holders[0].start:
            return None
        found = [h for h in self.holders if h.start <= max(began) <= h.end]
        return self.pack.facts[found[-1].fact] if found else None

    def _count_dated(self, ws: set[str], years: list[int]) -> Fact | None:
        """"How many heads took office before 2000?": counted from the tenures, then the
        list of heads to check it against."""
        y = years[0]
        if ws & _BEFORE_YEAR:
            chosen, when = [h for h in self.holders if h.start < y], f"before {y}"
        else:
            chosen, when = [h for h in self.holders if h.start >= y], f"in {y} or later"
        if self.heads is None:
            return None
        if len(chosen) == len(self.holders):
            return self.heads
        n = len(chosen)
        count = number_word(n).capitalize()
        names = ", ".join(f"{self.pack.entities[h.entity].name} ({h.start})" for h in chosen)
        lead = (f"{count} {'head' if n == 1 else 'heads'} took office {when}"
                + (f": {names}." if chosen else "."))
        return self.heads.led_by(lead)

    def _duration_of(self, words: list[str], entities: list[str],
                     check: bool = False) -> Fact | None:
        """"How long did Goulding hold the top job?", "during which years did Ladsous head UN
        peacekeeping?": one holder named, asked when or how long he held the post, is
        answered by his tenure, however the post is called."""
        text = f" {' '.join(words)} "
        # "did Guéhenno serve in the 90s?", "was Goulding head in 1995?": his dates say
        # ("Lacroix was the one who ran DPKO in the 2000s, right?" asks who that was)
        dated_check = (check or bool(words) and words[0] in AUX) and "who" not in words \
            and bool(_YEAR.search(text) or _decades(words))
        if not any(f" {t} " in text for t in _TIME_ASKED) and not dated_check:
            return None
        people = [e for e in entities if e in self._holder_ids]
        if len(people) != 1 or any(e not in self.names and e not in people for e in entities):
            return None
        ws = set(words)
        spanned = " from when " in text or " when to when " in text  # "from when to when"
        # a claim of when he took over ("T/F: Lacroix took over in 2019") is about his dates
        taking = {"succeed", "took", "take", "start", "started", "began"} if dated_check else set()
        if not (ws & HOLD or spanned or ws & taking) \
                or ws & (ORDER | LEAVING | LIFE | CHANGE | START | END) - taking \
                or ws & {"than", "compared", "compare", "versus", "vs"}:
            return None  # "when did he succeed Annan", "when did he leave": not his tenure
        holder = next(h for h in self.holders if h.entity == people[0])
        return self.pack.facts.get(holder.fact)

    def _counts_holders(self, words: list[str], entities: list[str], years: list[int]) -> bool:
        """"How many people have headed UN peacekeeping?": the list of heads counts them."""
        text = " ".join(words)
        if "how many" not in text or self.heads is None:
            return False
        if years and not (len(years) == 1 and set(words) & (_BEFORE_YEAR | _FROM_YEAR)):
            return False  # "how many heads in the 2000s": no single cut to count from
        if any(e not in self.names for e in entities) \
                or NATIONALITY & set(words) - ({"from"} if years else set()):
            return False  # "how many missions did Ladsous oversee", "how many were French"
        counted = text.split("how many", 1)[1].split()[:1]
        held = bool((HOLD - POST) & set(words)) or "been" in words  # not "work at DPO"
        return bool(counted) and counted[0] in _PEOPLE and held and (
            bool(set(entities) & self.names) or bool(POST & set(words)))

    def _ordinal_claim(self, words: list[str], entities: list[str]) -> Fact | None:
        """"Was Guéhenno the first head of DPKO?", "someone said Lacroix was the first ever
        head of DPKO, true?": the tenure of the one who was."""
        if not words or not self.holders:
            return None
        asked = words[0] in AUX
        if sum(e in self._holder_ids for e in entities) != 1:
            return None
        # counted from the name the question uses: DPO's first head is the one in 2019
        text = f" {' '.join(words)} "
        named = [e for e, keys in self._post_names.items() if any(k in text for k in keys)]
        began = [y for e in named
                 if (y := _first_year(self.pack.entities[e].field("established"))) is not None]
        heads = [h for h in self.holders if h.end >= max(began, default=0)]
        for i, w in enumerate(words[:-1]):
            nth = 1 if w == "first" else len(heads) if w == "last" else ORDINALS.get(w)
            nxt = [x for x in words[i + 1:i + 4] if x not in _EMPHASIS][:2]
            if nth is None or not 0 < nth <= len(heads) or not nxt:
                continue
            # a claim made of someone ("X was the first head"), not "who was the first head"
            claimed = i >= 3 and words[i - 1] == "the" and words[i - 2] in ("was", "is") \
                and words[i - 3] not in _QWORDS
            if not (asked or claimed):
                continue
            if nxt[0] in HEAD_NOUNS or (nxt[0] == "to" and len(nxt) > 1 and nxt[1] in HOLD):
                was = self.pack.facts[heads[nth - 1].fact]
                who = next(h for h in self.holders if h.entity in entities)
                if who.fact == was.id or who.fact not in self.pack.facts:
                    return was
                # "Goulding was the second head, yes?": who he was, and who the second was
                mine = self.pack.facts[who.fact]
                return replace(was, answer=f"{was.answer} {mine.answer}")
        return None

    def resolve(self, words: list[str], entities: list[str], years: list[int],
                check: bool = False) -> Fact | None:
        """The fact answering a "who held the post then" question, or None if it is not one;
        `check`: the question puts a claim up for confirmation."""
        if asks_nationality(words):
            return None  # "has anyone who isn't French led it since 1997?": no list says
        claim = self._ordinal_claim(words, entities)
        if claim is not None:
            return claim
        people = [h for h in self.holders if h.entity in entities]
        ws = set(words)
        if len(people) == 1 and (ws & {"surname", "forename", "firstname", "stand"} or (
                ws & {"name", "names"} and ws & {"first", "full", "given", "last", "christian"})):
            return self.pack.facts[people[0].fact]  # "whats Ladsous's first (full) name?"
        if self._counts_holders(words, entities, years):
            return self.heads if not years else self._count_dated(set(words), years)
        lasted = (self._duration_of(words, entities, check) or self._extreme(words, entities)
                  or self._missions_during(words, entities)
                  or self._missions_founded(words, entities, years)
                  or self._missions_active(words, entities, years))
        if lasted is not None:
            return lasted
        if len(years) == 2 and set(words) & {"from", "between"} and not [
                e for e in entities if e not in self.names] \
                and set(words) & (HOLD | {"one", "who", "guy", "man", "person", "he"}):
            exact = [h.fact for h in self.holders if (h.start, h.end) == (min(years), max(years))]
            if exact:  # "the one from 1997 to 2000?": Miyet's very tenure
                return self.pack.facts[exact[0]]
        if not self._asks_holder(words, entities):
            return None
        ws = set(words)
        if "first" in ws:
            renamed = self._first_of_renamed(words)
            if renamed is not None:  # "the first head of DPO": Lacroix, in office in 2019
                return renamed
        nth = next((ORDINALS[w] for w in words if w in ORDINALS), None)
        if nth is not None and ws & HOLD and nth <= len(self.holders):
            return self.pack.facts[self.holders[nth - 1].fact]  # "the second head of DPKO"
        if len(years) == 1 and ws & {"all", "heads", "list", "every"} \
                and ws & {"before", "until", "till", "prior"}:  # "all the heads before 2000"
            return self._one_or_all({h.fact for h in self.holders if h.start < years[0]})
        # "who came after Annan" is succession; "who led DPKO when MONUSCO took over from
        # MONUC" is dated by the event
        # "in the year the department was founded", "at the time MONUSCO took over"
        text = f" {' '.join(words)} "
        dated = bool(ws & WHEN) or any(f" {t} " in text for t in _DATED_BY)
        # ("when I first deployed in 1994": "first" as an adverb, the year dates it)
        ordered = ws & ORDER - ({"first"} if years and dated else set())
        if ordered and not (dated and [e for e in entities if e not in self.names]):
            return None
        first, last = self.holders[0].start, self.holders[-1].end
        span = list(years)
        listed = ws & {"all", "heads", "list", "every", "chronological", "chronologically"}
        if len(years) == 1 and ("since" in ws or listed and ws & {
                "from", "onward", "onwards", "starting", "beginning"}):
            # "all the heads since 1992", "list every head from 1992 onward"
            found = {h.fact for h in self.holders if h.end > years[0] or h.start >= years[0]}
            return self._one_or_all(found)
        elif len(years) == 2 and ws & {"between", "from"}:
            exact = [h.fact for h in self.holders
                     if (h.start, h.end) == (min(years), max(years))]
            if exact:  # "who served from 1997 to 2000?": Miyet's very tenure
                return self.pack.facts[exact[0]]
            span = list(range(min(years), max(years) + 1))  # "between 1995 and 2005"
        when = [y for y in [*span, *_decades(words)] if first <= y <= last]
        # "in the year the department was founded" dates it by the founding
        dated_by_event = dated or (
            (self._implied_post(words) or ws & _PRESIDED) and ws & (START | END | CHANGE))
        told: list[str] = []
        if not when and dated_by_event:  # "when MINUSMA ended", "which head oversaw its end"
            # ("presided over the creation of DFS" is no end of anything)
            events = self.event_dates(" ".join(words).replace("presided over", "presided")
                                      .split(), entities)
            when = [y for y, _ in events]
            # "when did MINUSMA start and who ran peacekeeping then?": both parts answered
            if _ASKS_WHEN.search(text):
                told = [t for _, t in events]
        if not when and not years and ws & NOW and self.now:  # "who runs DPKO now?"
            when = [self.now]
        if not when:
            return None
        found = self._one_or_all({h.fact for y in when for h in self.holders
                                  if h.start <= y <= h.end})
        if found is not None and told:
            found = found.led_by(f"{'; '.join(told)}.")
        return found

    def _one_or_all(self, found: set[str]) -> Fact | None:
        """One holder's tenure fact, or the list of every holder when there are several."""
        if len(found) == 1:
            return self.pack.facts[found.pop()]
        return self.heads if found else None
