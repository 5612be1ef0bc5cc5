"""Grade a typed quiz answer against the expected one, safe against lookalikes.

Rules (design.md section 4):
- both sides are folded (case, accents), punctuation and hyphens become spaces, and the articles
  "the", "a", "an" are dropped;
- the expected text is resolved to what it names: a pack entity (any of its names or aliases
  counts) and/or a quiz item (its accepted aliases count);
- numbers and years must match exactly (as a multiset, with month names: "1 January 2019" is
  "January 1, 2019" but not "1 February 2019" nor "2019");
- names match exactly through aliases, or within a typo distance that grows with the name's
  length; single-word acronyms and short words need a plausible slip (spelling.plausible_slip);
- but never when the typed text is exactly, or at least as close to, another known name: any
  other entity of the pack or any name the pack lists as outside it (outside.yaml), plus a
  built-in list of UN peace operations and officials the pack may not mention;
- a partial name only when it identifies the answer: a person by the surname (never a given name
  alone), anything else by at least two content words that no other known name contains.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.model import Pack, QuizItem
from knowledge.spelling import _SOUNDS, plausible_slip
from knowledge.text import normalize

ARTICLES = frozenset({"the", "a", "an"})
# Honorifics dropped before a person's name ("Mr Ladsous", "Sir Marrack Goulding").
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "mister", "monsieur", "madame", "m"})
# Words that carry no identity when a partial name is judged.
_FILLER = frozenset({"of", "for", "in", "on", "and", "de", "du", "des", "la", "le", "les", "l",
                     "d", "au", "aux", "en", "et", "to", "at"})
_MONTHS = {m: i for i, ms in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), 1) for m in ms}
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                      "eighty": 80, "ninety": 90, "hundred": 100})
# Words around a name that do not change what it names ("the UNAMID mission").
_WRAPPERS = frozenset({"un", "mission", "operation", "peacekeeping", "s", "its", "it", "is"})
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")

@dataclass(frozen=True)
class Grade:
    """The verdict on one typed answer: `matched` is the accepted name it matched, if any."""

    correct: bool
    reason: str
    matched: str | None = None


@dataclass
class _Form:
    text: str           # normalised, articles dropped
    display: str        # the name as written
    owner: str          # entity id, or "outside:NAME"
    protected: bool     # acronym or short single word: needs a plausible slip
    person: bool


@dataclass
class _Target:
    display: str
    forms: list[_Form] = field(default_factory=list)
    owners: set[str] = field(default_factory=set)
    person: bool = False


_SAME = ((re.compile(r"\bunited nations\b"), "un"), (re.compile(r"\bu n\b"), "un"),
         (re.compile(r"\bdept\b"), "department"), (re.compile(r"\bsaint\b"), "st"))


def clean(text: str) -> str:
    """Normalised text without articles; "United Nations" and "U.N." read as "un"."""
    text = " ".join(w for w in normalize(text).split() if w not in ARTICLES)
    for pattern, repl in _SAME:
        text = pattern.sub(repl, text)
    return text


def _compact(text: str) -> str:
    return text.replace(" ", "")


def _is_acronym(name: str) -> bool:
    letters = re.sub(r"[^A-Za-z0-9]", "", name)
    return (len(letters) >= 2 and " " not in name.strip()
            and sum(c.isupper() or c.isdigit() for c in letters) >= len(letters) - 1
            and any(c.isupper() for c in letters))


def max_edits(n: int) -> int:
    """Typos allowed in a name of `n` normalised characters: more for longer names."""
    if n <= 3:
        return 0
    if n <= 7:
        return 1
    if n <= 12:
        return 2
    if n <= 18:
        return 3
    return min(n // 6, 6)


def _numbers(text: str) -> tuple[list[str], list[int]] | None:
    """(numbers, months) of a text, or None if it holds no digit and no number word."""
    nums: list[str] = []
    months: list[int] = []
    prev_year: int | None = None
    words = normalize(text).split()
    has_digit = any(ch.isdigit() for ch in text)
    for w in words:
        m = _ORDINAL.match(w)
        if m:
            w = m.group(1)
        if w.isdigit():
            val = int(w)
            # "2011-17": a two-digit end of a range takes the century of the year before it
            if prev_year is not None and len(w) == 2:
                val = prev_year // 100 * 100 + val
            nums.append(str(val))
            prev_year = val if 1000 <= val <= 2999 else None
        elif w in _NUMBER_WORDS and not has_digit:
            nums.append(str(_NUMBER_WORDS[w]))
        elif w in _MONTHS and (has_digit or len(words) > 1):
            months.append(_MONTHS[w])
    if not nums:
        return None
    return sorted(nums), sorted(months)


class Grader:
    """Grades answers for one pack; build once (see `grader_for`), call many times."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.forms: list[_Form] = []
        self.by_text: dict[str, list[_Form]] = {}
        self.surnames: dict[str, set[str]] = {}   # surname text -> owners
        self.given_words: set[str] = set()         # words of given names of known people
        covered: set[str] = set()
        # too vague to accept for an answer, even where the matcher takes it as an alias
        vague = {clean(n) for n in pack.outside.get("ambiguous", ())}
        for ent in pack.entities.values():
            person = ent.kind == "official" and _person_shaped(ent.name)
            has_acronym = any(_is_acronym(n) for n in ent.names)
            for name in ent.names:
                if clean(name) in vague:
                    continue
                self._add(name, ent.id, person, has_acronym)
                covered.add(clean(name))
            if person:
                self._person(ent.name, ent.id)
        people = set(pack.outside.get("people", ()))
        outside = [(n, n in people) for n in (*pack.refusals,
                                              *pack.outside.get("ambiguous", ()))]
        for name, is_person in outside:
            key = clean(name)
            if not key or key in covered:
                continue
            covered.add(key)
            # outside.yaml says who is a person when it has a people heading; else guess
            guess = not people and not is_person and name in pack.refusals \
                and _person_shaped(name)
            person = (is_person or guess) and not _is_acronym(name)
            self._add(name, "outside:" + name, person, _is_acronym(name))
            if person and " " in key:
                self._person(name, "outside:" + name)
        # a surname that identifies one person is a name of that person
        for surname, owners in self.surnames.items():
            if len(owners) == 1:
                owner = next(iter(owners))
                self._add_form(_Form(surname, surname.title(), owner,
                                     " " not in surname and len(surname) <= 5, True))
        self._quiz_by_answer: dict[str, list[QuizItem]] = {}
        for item in pack.quiz.values():
            self._quiz_by_answer.setdefault(clean(item.answer), []).append(item)

    # -- index -----------------------------------------------------------------------------

    def _person(self, name: str, owner: str) -> None:
        given, surname = _split_person(name)
        if surname:
            self.surnames.setdefault(surname, set()).add(owner)
        self.given_words.update(given.split())

    def _add(self, name: str, owner: str, person: bool, has_acronym: bool) -> None:
        text = clean(name)
        if person:
            text = _drop_honorific(text)
        if not text:
            return
        single = " " not in text
        protected = _is_acronym(name) or (single and (len(text) <= 5 or has_acronym))
        self._add_form(_Form(text, name, owner, protected, person))

    def _add_form(self, form: _Form) -> None:
        same = self.by_text.setdefault(form.text, [])
        if any(f.owner == form.owner for f in same):
            return
        same.append(form)
        self.forms.append(form)

    def owner_name(self, owner: str) -> str:
        if owner.startswith("outside:"):
            return owner[len("outside:"):]
        ent = self.pack.entities.get(owner)
        return ent.name if ent else owner

    def _owners_of(self, text: str) -> set[str]:
        key = clean(text)
        owners = {f.owner for f in self.by_text.get(key, ()) if not f.owner.startswith("out")}
        if not owners:
            owners = {f.owner for f in self.by_text.get(_drop_honorific(key), ())
                      if not f.owner.startswith("outside:")}
        return owners

    # -- the expected answer ---------------------------------------------------------------

    def target(self, expected: str | QuizItem, aliases: tuple[str, ...] = ()) -> _Target:
        """What `expected` names: its display text and every accepted form.

        A quiz item accepts its answer and aliases (and every name of an entity they name).
        A plain string that names an entity accepts that entity's names; one that does not is
        looked up among the quiz answers, whose aliases then count too.
        """
        if isinstance(expected, QuizItem):
            answer, texts = expected.answer, [expected.answer, *expected.aliases, *aliases]
        else:
            answer, texts = expected, [expected, *aliases]
            if not self._owners_of(expected):
                for item in self._quiz_by_answer.get(clean(expected), []):
                    texts.extend(item.aliases)
        t = _Target(display=answer)
        for text in texts:
            owners = self._owners_of(text)
            if owners:
                t.owners.update(owners)
            elif key := clean(text):
                single = " " not in key
                t.forms.append(_Form(key, text, "answer",
                                     _is_acronym(text) or (single and len(key) <= 5), False))
        for form in self.forms:
            if form.owner in t.owners:
                t.forms.append(form)
        t.person = any(f.person for f in t.forms if f.owner in t.owners)
        return t

    # -- grading ---------------------------------------------------------------------------

    def grade(self, expected: str | QuizItem, given: str, aliases: tuple[str, ...] = ()) -> Grade:
        t = self.target(expected, aliases)
        display = t.display
        g = clean(given)
        if not g:
            return Grade(False, "no answer given")
        if not t.forms:
            return Grade(False, "the expected answer is empty")

        exp_nums = _numbers(display)
        if exp_nums is not None and not t.owners:
            return _grade_numbers(display, exp_nums, given, t)

        accepted = {f.text: f for f in t.forms}
        if t.person:
            g = _drop_honorific(g)
        if g in accepted:
            return Grade(True, "exact" if clean(display) == g else "alias", accepted[g].display)

        # exactly another known name
        others = [f for f in self.by_text.get(g, ()) if f.owner not in t.owners]
        if others:
            return Grade(False, f"that is {self._what(others[0])}, not {display}")
        compact = _compact(g)
        for f in t.forms:
            if _compact(f.text) == compact:
                return Grade(True, "alias (spacing)", f.display)
        for f in self.forms:
            if f.owner not in t.owners and _compact(f.text) == compact:
                return Grade(False, f"that is {self._what(f)}, not {display}")
        # the same words in another order ("Lacroix, Jean-Pierre")
        bag = sorted(g.split())
        if len(bag) > 1:
            for f in t.forms:
                if sorted(f.text.split()) == bag:
                    return Grade(True, "alias (word order)", f.display)

        # a word that is another entity's acronym or short name names that entity
        # ("MINUSMA mission" is not MINUSCA), unless the answer's own names use the word
        own_words = {w for f in t.forms for w in f.text.split()}
        for word in g.split():
            if word in own_words:
                continue
            named = [f for f in self.by_text.get(word, ())
                     if f.protected and f.owner not in t.owners]
            if named:
                return Grade(False, f"{word!r} names {self._what(named[0])}, not {display}")

        # generic words around an exact name: "UNAMID mission", "the UN mission MINUSCA"
        core = g.split()
        while core and core[0] in _WRAPPERS:
            core = core[1:]
        while core and core[-1] in _WRAPPERS:
            core = core[:-1]
        core_text = " ".join(core)
        if core and core_text != g and core_text in accepted and not any(
                f.owner not in t.owners for f in self.by_text.get(core_text, ())):
            return Grade(True, f"{accepted[core_text].display} (with filler words)",
                         accepted[core_text].display)

        if _numbers(given) is not None and not any(ch.isdigit() for f in t.forms
                                                   for ch in f.text):
            return Grade(False, f"expected {display}, not a number")

        # a typo: within the accepted form's tolerance and strictly closer to it than to
        # any other known name
        acc_cost, acc_form = self._closest(g, t.forms, allowed_only=True)
        other_forms = [f for f in self.forms if f.owner not in t.owners]
        other_cost, other_form = self._closest(g, other_forms)
        if acc_form is not None:
            if other_form is not None and other_cost <= acc_cost:
                return Grade(False, f"closer to {self._what(other_form)} than to {display}")
            return Grade(True, f"typo of {acc_form.display}", acc_form.display)

        verdict = self._partial(g, t, display)
        if verdict is not None:
            return verdict
        if other_form is not None and other_cost <= self._allowed(g, other_form):
            return Grade(False, f"looks like {self._what(other_form)}, not {display}")
        return Grade(False, f"not close enough to {display}")

    def _what(self, form: _Form) -> str:
        if form.owner.startswith("outside:"):
            return f"{form.owner[len('outside:'):]} (not in this pack)"
        return self.owner_name(form.owner)

    def _closest(self, g: str, forms: list[_Form],
                 allowed_only: bool = False) -> tuple[float, _Form | None]:
        """The cheapest form (see _cost); with allowed_only, among those within tolerance."""
        if not forms:
            return 1e9, None
        texts = [f.text for f in forms]
        picks = {i for _, _, i in process.extract(g, texts, scorer=OSA.distance, limit=10)}
        picks |= {i for _, _, i in process.extract(_compact(g), [_compact(x) for x in texts],
                                                   scorer=OSA.distance, limit=10)}
        best: tuple[float, _Form | None] = (1e9, None)
        for i in sorted(picks):
            f = forms[i]
            d = _distance(g, f.text)
            if allowed_only and d > self._allowed(g, f):
                continue
            c = _cost(g, f.text, d)
            if c < best[0]:
                best = (c, f)
        return best

    def _allowed(self, g: str, form: _Form) -> int:
        """The largest edit distance at which typed `g` may be a typo of `form`."""
        if form.protected:
            # acronyms and short words: one plausible slip, never an arbitrary edit
            return 1 if plausible_slip(_compact(g), _compact(form.text)) else 0
        limit = max_edits(len(form.text))
        if form.person and " " not in form.text:
            limit = min(limit, 2)
        return limit

    def _partial(self, g: str, t: _Target, display: str) -> Grade | None:
        words = g.split()
        if t.person:
            if all(w in self.given_words for w in words):
                return Grade(False, f"a first name alone is not enough: {display}")
            # given name(s) plus the surname, in order, of one accepted full name
            for f in t.forms:
                if f.owner in t.owners and f.person:
                    given, surname = _split_person(f.display)
                    if surname and g.endswith(surname) and set(words) <= set(f.text.split()):
                        return Grade(True, f"part of {f.display}", f.display)
            return None
        content = [w for w in words if w not in _FILLER]
        if len(content) < 2:
            return None
        span = f" {g} "
        holders = {f.owner for f in self.forms if span in f" {f.text} "}
        if any(f.owner == "answer" and span in f" {f.text} " for f in t.forms):
            holders.add("answer")
        if not holders:
            return None
        strangers = holders - t.owners - {"answer"}
        if strangers:
            return Grade(False, f"ambiguous: that part of a name also belongs to "
                                f"{self.owner_name(sorted(strangers)[0])}")
        for f in t.forms:
            if span in f" {f.text} ":
                name_content = [w for w in f.text.split() if w not in _FILLER]
                if len(content) * 2 >= len(name_content):
                    return Grade(True, f"unambiguous part of {f.display}", f.display)
        return None


def _grade_numbers(display: str, exp: tuple[list[str], list[int]], given: str,
                   t: _Target) -> Grade:
    got = _numbers(given)
    if got is None:
        return Grade(False, f"expected a number: {display}")
    for f in t.forms:  # an alias with its own numbers ("2011 to 2017")
        alt = _numbers(f.display)
        if alt is not None and alt[0] == got[0] and (not alt[1] or alt[1] == got[1]):
            if not got[1] or alt[1] == got[1]:
                return Grade(True, "numbers match", display)
    if got[0] != exp[0]:
        return Grade(False, f"numbers differ: expected {display}")
    if exp[1] and got[1] != exp[1]:
        return Grade(False, f"month differs: expected {display}")
    if got[1] and not exp[1]:
        return Grade(False, f"expected {display}, without a month")
    return Grade(True, "numbers match", display)


def _distance(g: str, text: str) -> int:
    return min(OSA.distance(g, text), OSA.distance(_compact(g), _compact(text)))


def _cost(g: str, text: str, d: int) -> float:
    """The edit distance, where the likeliest slips cost half: a sound-alike letter (c/k, a
    vowel for a vowel) or two neighbouring letters swapped. A typed `minuska` is nearer MINUSCA
    than MINUSMA; `dkpo` nearer DPKO than DPO."""
    if d != 1:
        return float(d)
    for a, b in ((g, text), (_compact(g), _compact(text))):
        if len(a) == len(b):
            diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
            if len(diff) == 1 and any(a[diff[0]] in grp and b[diff[0]] in grp
                                      for grp in _SOUNDS):
                return 0.5
            if (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                    and a[diff[1]] == b[diff[0]]):
                return 0.5
    return 1.0


_INSTITUTION = frozenset("""
un united nations secretary general under department office council assembly mission missions
operation operations peacekeeping peace support affairs commission union organization republic
democratic agency programme program fund court bureau division unit force forces group
""".split())
_PARTICLES = frozenset({"de", "le", "la", "van", "von", "der", "den", "du", "da", "di", "bin",
                        "al", "el", "ki", "y"})

def _person_shaped(name: str) -> bool:
    """'Jean-Pierre Lacroix', 'Ban Ki-moon'; not 'UN Secretary-General' nor a department."""
    words = name.split()
    if not 2 <= len(words) <= 5 or _is_acronym(name):
        return False
    if any(w in _INSTITUTION for w in clean(name).split()):
        return False
    return all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


def _split_person(name: str) -> tuple[str, str]:
    """('jean pierre', 'lacroix') for 'Jean-Pierre Lacroix'; surname may be several words."""
    parts = [p for p in name.split() if clean(p) not in HONORIFICS]
    if len(parts) < 2:
        return "", clean(name)
    return clean(parts[0]), clean(" ".join(parts[1:]))


def _drop_honorific(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


_CACHE: dict[int, tuple[weakref.ref, Grader]] = {}


def grader_for(pack: Pack) -> Grader:
    """The pack's grader, built once per pack object."""
    hit = _CACHE.get(id(pack))
    if hit is not None and hit[0]() is pack:
        return hit[1]
    g = Grader(pack)
    for key in [k for k, (ref, _) in _CACHE.items() if ref() is None]:
        del _CACHE[key]
    _CACHE[id(pack)] = (weakref.ref(pack), g)
    return g


def grade(pack: Pack, expected: str | QuizItem, given: str,
          aliases: tuple[str, ...] = ()) -> Grade:
    """Grade `given` against `expected` (a quiz item, a quiz answer or any entity name/alias)."""
    return grader_for(pack).grade(expected, given, aliases)
