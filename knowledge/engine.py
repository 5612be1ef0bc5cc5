"""The answer engine: finds the fact a question asks for, or says it does not know.

Steps: normalise; correct typos against the pack's words (acronyms only by a plausible slip);
find the entities the question names (longest alias first) and any name the pack knows it does
not cover; score every phrasing with rapidfuzz over the question's "frame" (the question with
entity names taken out) plus entity agreement, in one vectorised pass; re-rank the best few
facts by how much of the question's content they cover and whether they give the kind of answer
asked for (a date for "when", a person for "who"); map the score to a calibrated confidence and
decide: answer, suggest, or abstain.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from knowledge.lexicon import (
    STOPWORDS,
    SYNONYMS,
    TITLES,
    WANTS_DATE,
    WANTS_NUMBER,
    WANTS_PERSON,
)
from knowledge.model import Entity, Fact, Pack
from knowledge.spelling import Speller
from knowledge.text import fold, normalize

MAX_QUESTION_CHARS = 400  # longer input is cut before matching: bounded time
_ACRONYM_SHAPE = re.compile(r"^(un|min|mon|onu|mis)[a-z]{2,7}$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DIGIT = re.compile(r"\d")
_PHRASES = {"full name": "stand", "stand for": "stand", "set up": "establish",
            "in charge": "head", "wind down": "end", "shut down": "end"}

# Calibration of the final score into a probability (fitted on tests/data dev sets by
# bench/calibrate.py); thresholds on that probability.
CAL_A, CAL_B = 9.0, -5.0
ANSWER_AT = 0.62
SUGGEST_AT = 0.30


@dataclass
class Candidate:
    fact: Fact
    score: float
    confidence: float
    phrasing: str


@dataclass
class Answer:
    """The engine's verdict on one question."""

    question: str
    status: str  # "answer" | "suggest" | "abstain" | "empty"
    fact: Fact | None
    confidence: float
    suggestions: list[Candidate] = field(default_factory=list)
    reason: str = ""
    entities: list[str] = field(default_factory=list)
    unknown: str | None = None

    @property
    def answered(self) -> bool:
        return self.status == "answer"


@dataclass
class Parsed:
    """A question taken apart: its words, the entities it names, what is unknown in it."""

    words: list[str]
    frame: str
    content: list[str]
    entities: list[str]
    refused: str | None = None
    unknown: list[str] = field(default_factory=list)


def _stem(word: str) -> str:
    if word in SYNONYMS:
        return SYNONYMS[word]
    if len(word) > 5 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return SYNONYMS.get(word, word)


def _phrase_subst(text: str) -> str:
    for a, b in _PHRASES.items():
        if a in text:
            text = re.sub(rf"\b{a}\b", b, text)
    return text


def _given_and_surname(entity: Entity) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """('jean','pierre'), ('lacroix',) for Jean-Pierre Lacroix."""
    parts = entity.name.split()
    if len(parts) < 2:
        return (), tuple(normalize(entity.name).split())
    return tuple(normalize(parts[0]).split()), tuple(normalize(" ".join(parts[1:])).split())


class Engine:
    """Answers questions from one pack."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.facts: list[Fact] = list(pack.facts.values())
        self._names: dict[tuple[str, ...], str] = {}
        self._refusals: dict[tuple[str, ...], str] = {}
        acronyms: set[str] = set()
        for ent in pack.entities.values():
            for name in ent.names:
                key = tuple(normalize(name).split())
                if key and key not in self._names:
                    self._names[key] = ent.id
                if len(key) == 1 and (name.isupper() or ent.kind in ("mission", "official")):
                    acronyms.add(key[0])
        for name in pack.refusals:
            key = tuple(normalize(name).split())
            if key and key not in self._names:
                self._refusals[key] = name
        self._max_n = max((len(k) for k in (*self._names, *self._refusals)), default=1)

        self._people: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
            (e.id, *_given_and_surname(e)) for e in pack.entities.values()
            if e.kind == "official"
        ]
        self._given_words = {w for _, g, _ in self._people for w in g}
        for _, _, surname in self._people:
            acronyms.update(surname)

        vocab: set[str] = set(normalize(pack.source_text).split())
        for key in self._names:
            vocab.update(key)
        for f in self.facts:
            vocab.update(normalize(" ".join((*f.questions, f.answer, f.title or ""))).split())
        for ent in pack.entities.values():
            vocab.update(normalize(ent.summary).split())
        vocab.update(STOPWORDS)
        vocab.update(SYNONYMS)
        blocked = {k[0] for k in self._refusals if len(k) == 1}
        self.speller = Speller(vocab, acronyms & vocab, blocked)
        self.vocab = vocab

        # One row a phrasing; entity mentions are taken out of the text (they are matched
        # exactly, as entities) so that MINUSCA and MINUSMA do not look alike to the fuzzer.
        frames: list[str] = []
        owner: list[int] = []
        ents_of_phrasing: list[set[str]] = []
        self._bags: list[set[str]] = []
        self._kinds: list[tuple[bool, bool, bool]] = []
        for i, f in enumerate(self.facts):
            bag: set[str] = set()
            for q in f.questions:
                p = self.parse(q)
                frames.append(p.frame)
                owner.append(i)
                ents_of_phrasing.append(set(p.entities) | set(f.entities))
                bag.update(p.content)
            bag.update(self.parse(f.answer).content)
            if f.title:
                bag.update(self.parse(f.title).content)
            self._bags.append(bag)
            people = any(pack.entities[e].kind in ("official", "body", "department")
                         for e in f.entities if e in pack.entities)
            self._kinds.append((bool(_DIGIT.search(f.answer)), bool(_YEAR.search(f.answer)),
                                people or bool(re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+",
                                                         f.answer))))
        self._frames = frames
        self._owner = np.asarray(owner, dtype=np.int64)
        self._entity_rows: dict[str, np.ndarray] = {}
        for eid in pack.entities:
            self._entity_rows[eid] = np.asarray([eid in s for s in ents_of_phrasing], bool)
        self._phrasing_ent_count = np.asarray([len(s) for s in ents_of_phrasing], float)
        df: dict[str, int] = {}
        for bag in self._bags:
            for w in bag:
                df[w] = df.get(w, 0) + 1
        n = max(len(self._bags), 1)
        self._idf = {w: math.log(1 + n / c) for w, c in df.items()}
        self._idf_unknown = math.log(1 + n)
        self._by_entity: dict[str, list[int]] = {}
        for i, f in enumerate(self.facts):
            for e in f.entities:
                self._by_entity.setdefault(e, []).append(i)

    # -- parsing -------------------------------------------------------------------------

    def parse(self, text: str) -> Parsed:
        """Words, frame, content words, named entities, refused and unknown names."""
        raw_words = fold(text[:MAX_QUESTION_CHARS]).split()
        shouting = text.upper() == text
        norm = normalize(text[:MAX_QUESTION_CHARS])
        norm = _phrase_subst(norm)
        words = norm.split()
        corrected: list[str] = []
        unknown: list[str] = []
        raw_caps = {normalize(w) for w in text[:MAX_QUESTION_CHARS].split()
                    if not shouting and len(w) >= 3 and w.strip("?!.,:;()'\"").isupper()}
        del raw_words
        for w in words:
            c = self.speller.correct(w)
            if c is None:
                corrected.append(w)
                if w not in STOPWORDS and not w.isdigit():
                    unknown.append(w)
            else:
                corrected.append(c)
        entities: list[str] = []
        refused: str | None = None
        frame_words: list[str] = []
        spans: list[tuple[int, int, str]] = []
        i = 0
        while i < len(corrected):
            for n in range(min(self._max_n, len(corrected) - i), 0, -1):
                key = tuple(corrected[i:i + n])
                raw_key = tuple(words[i:i + n])
                if raw_key in self._refusals or key in self._refusals:
                    refused = self._refusals.get(raw_key) or self._refusals[key]
                    i += n
                    break
                eid = self._names.get(key)
                if eid is not None:
                    if eid not in entities:
                        entities.append(eid)
                    spans.append((i, i + n, eid))
                    i += n
                    break
            else:
                frame_words.append(corrected[i])
                i += 1
        if refused is None:
            refused = self._other_person(corrected, spans)
        for w in unknown:
            if w in raw_caps or _ACRONYM_SHAPE.match(w):
                refused = refused or w.upper()
        content = [_stem(w) for w in frame_words if w not in STOPWORDS and w not in TITLES]
        frame = " ".join(_stem(w) for w in frame_words)
        return Parsed(corrected, frame, content, entities, refused,
                      [w for w in unknown if w in frame_words])

    def _other_person(self, words: list[str], spans: list[tuple[int, int, str]]) -> str | None:
        """A name like one of ours but not it: "Pierre Lacroix", "Jean-Pierre Bemba"."""
        for eid, given, surname in self._people:
            if not given:
                continue
            n, m = len(given), len(surname)
            for i in range(len(words)):
                if tuple(words[i:i + m]) == surname:
                    before = words[max(0, i - n):i]
                    if tuple(before) == given:
                        continue
                    prev = words[i - 1] if i > 0 else ""
                    if prev in self._given_words or (
                        prev and prev not in self.vocab and prev not in TITLES
                    ):
                        return " ".join([prev, *surname]).title()
                if tuple(words[i:i + n]) == given:
                    nxt = words[i + n] if i + n < len(words) else ""
                    if nxt and tuple(words[i + n:i + n + m]) != surname and nxt not in STOPWORDS \
                            and nxt not in SYNONYMS and (nxt not in self.vocab
                                                         or nxt in self._surnames()):
                        return " ".join([*given, nxt]).title()
        return None

    def _surnames(self) -> set[str]:
        return {w for _, _, s in self._people for w in s}

    # -- answering -----------------------------------------------------------------------

    def _wants(self, words: list[str]) -> tuple[bool, bool, bool]:
        text = " ".join(words)
        return (any(re.search(rf"\b{w}\b", text) for w in WANTS_NUMBER),
                any(re.search(rf"\b{w}\b", text) for w in WANTS_DATE),
                any(re.search(rf"\b{w}\b", text) for w in WANTS_PERSON))

    def candidates(self, question: str, limit: int = 8) -> tuple[Parsed, list[Candidate]]:
        """The best facts for a question, best first, with their scores."""
        p = self.parse(question)
        if not self.facts:
            return p, []
        frame = p.frame or "what is"
        fz = process.cdist([frame], self._frames, scorer=fuzz.WRatio, dtype=np.float32,
                           workers=1)[0] / 100.0
        fz2 = process.cdist([frame], self._frames, scorer=fuzz.ratio, dtype=np.float32,
                            workers=1)[0] / 100.0
        score = 0.5 * fz + 0.5 * fz2
        if p.entities:
            hit = np.zeros(len(self._frames), dtype=float)
            for e in p.entities:
                rows = self._entity_rows.get(e)
                if rows is not None:
                    hit += rows
            ent = hit / len(p.entities)
            score = score + 0.6 * ent - 0.3 * (ent == 0)
        else:
            score = score - 0.1 * np.minimum(self._phrasing_ent_count, 1)
        # best phrasing per fact, then the top few facts
        best = np.full(len(self.facts), -np.inf)
        np.maximum.at(best, self._owner, score)
        best_row = {}
        order = np.argsort(-score)
        for r in order[: 4 * limit + 20]:
            fi = int(self._owner[r])
            best_row.setdefault(fi, int(r))
            if len(best_row) >= 3 * limit:
                break
        wants = self._wants(p.words)
        out: list[Candidate] = []
        for fi, r in best_row.items():
            f = self.facts[fi]
            s = self._rerank(p, fi, float(best[fi]), wants)
            conf = 1.0 / (1.0 + math.exp(-(CAL_A * s + CAL_B)))
            out.append(Candidate(f, s, conf, self.facts[fi].questions[
                r - int(np.searchsorted(self._owner, fi))]))
        out.sort(key=lambda c: -c.score)
        return p, out[:limit]

    def _rerank(self, p: Parsed, fi: int, base: float, wants: tuple[bool, bool, bool]) -> float:
        bag = self._bags[fi]
        total = covered = 0.0
        for w in p.content:
            idf = self._idf.get(w, self._idf_unknown)
            total += idf
            if w in bag:
                covered += idf
        cov = covered / total if total else 0.6
        has_num, has_year, has_person = self._kinds[fi]
        want_num, want_date, want_person = wants
        penalty = 0.0
        if want_num and not has_num:
            penalty += 0.25
        if want_date and not has_year:
            penalty += 0.25
        if want_person and not has_person:
            penalty += 0.1
        return 0.45 * base + 0.55 * cov - penalty

    def answer(self, question: str) -> Answer:
        """Answer, suggest up to three facts, or abstain."""
        if not normalize(question):
            return Answer(question, "empty", None, 0.0, reason="empty")
        p, cands = self.candidates(question)
        if p.refused:
            return Answer(question, "abstain", None, 0.0, reason="outside",
                          entities=p.entities, unknown=p.refused)
        if not cands:
            return Answer(question, "abstain", None, 0.0, reason="no-match", entities=p.entities)
        top = cands[0]
        others = [c for c in cands[1:] if c.fact.answer != top.fact.answer]
        margin = top.confidence - (others[0].confidence if others else 0.0)
        if top.confidence >= ANSWER_AT and (margin >= 0.08 or top.confidence >= 0.85):
            return Answer(question, "answer", top.fact, top.confidence,
                          suggestions=[c for c in others[:3] if c.confidence >= SUGGEST_AT],
                          reason="matched", entities=p.entities)
        sugg = [c for c in cands if c.confidence >= SUGGEST_AT][:3]
        if sugg:
            return Answer(question, "suggest", None, top.confidence, suggestions=sugg,
                          reason="close", entities=p.entities)
        return Answer(question, "abstain", None, top.confidence, reason="no-match",
                      entities=p.entities)
