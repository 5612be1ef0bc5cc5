"""Semantic checks on a pack and the coverage of the source document by its facts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from knowledge.document import Sentence, quote_span, sentences
from knowledge.loader import Problem, read_pack
from knowledge.model import ENTITY_KINDS, Link, Pack
from knowledge.text import normalize

MIN_PHRASINGS = 3
MAX_ANSWER_CHARS = 600
MAX_ANSWER_SENTENCES = 3
_SENT = re.compile(r"[.!?](?:\s|$)")


@dataclass
class Coverage:
    cited: int
    total: int
    uncited: list[Sentence]

    @property
    def percent(self) -> float:
        return 100.0 * self.cited / self.total if self.total else 100.0


@dataclass
class Report:
    problems: list[Problem]
    coverage: Coverage | None
    pack: Pack | None


def _bad_url(link: Link) -> str | None:
    u = urlparse(link.url)
    if u.scheme != "https" or not u.netloc or " " in link.url or len(link.url) > 512:
        return f"bad URL {link.url!r} (https, no spaces, at most 512 characters)"
    return None


def _sentence_count(text: str) -> int:
    return len(_SENT.findall(text.strip() + " "))


def _timeline_problems(pack: Pack) -> list[Problem]:
    """Each timeline is a known fact, for a known kind of entity."""
    tl = pack.timelines
    where = (str(Path(pack.path).name) + "/pack.yaml", tl.line)
    out = [Problem(*where, f"timelines: unknown fact {fid!r}")
           for fid in tl.by_kind.values() if fid not in pack.facts]
    out += [Problem(*where, f"timelines: unknown entity kind {k!r}")
            for k in tl.by_kind if k not in ENTITY_KINDS]
    return out


def _post_problems(pack: Pack) -> list[Problem]:
    """The post's names and facts exist, and every tenure reads as years."""
    from knowledge.tenure import holders

    post, where = pack.post, (str(Path(pack.path).name) + "/pack.yaml", pack.post.line)
    out = [Problem(*where, f"post: unknown entity {n!r}") for n in post.names
           if n not in pack.entities]
    if post.heads_fact and post.heads_fact not in pack.facts:
        out.append(Problem(*where, f"post: unknown fact {post.heads_fact!r}"))
    found, bad = holders(pack)
    out += [Problem(*where, f"post: {eid}: {msg}") for eid, msg in bad]
    if not found and not bad:
        out.append(Problem(*where, "post: no official has a 'tenure' field"))
    return out


def check_pack(pack: Pack) -> list[Problem]:
    """Every semantic problem in a loaded pack."""
    out: list[Problem] = []
    ents = pack.entities
    efile = str(Path(pack.path).name) + "/entities.yaml"
    for e in ents.values():
        if e.kind not in ENTITY_KINDS:
            out.append(Problem(efile, e.line, f"{e.id}: unknown kind {e.kind!r}"))
        for rid in e.related:
            if rid not in ents:
                out.append(Problem(efile, e.line, f"{e.id}: unknown related entity {rid!r}"))
        for link in e.links:
            if msg := _bad_url(link):
                out.append(Problem(efile, e.line, f"{e.id}: {msg}"))

    seen_q: dict[str, str] = {}
    for f in pack.facts.values():
        where = (f.file, f.line)
        if len(f.questions) < MIN_PHRASINGS:
            out.append(Problem(*where, f"{f.id}: needs at least {MIN_PHRASINGS} questions"))
        for q in f.questions:
            key = normalize(q)
            if not key:
                out.append(Problem(*where, f"{f.id}: empty question"))
            elif key in seen_q:
                out.append(Problem(*where, f"{f.id}: duplicate question {q!r} "
                                           f"(also in {seen_q[key]})"))
            else:
                seen_q[key] = f.id
        if not f.answer:
            out.append(Problem(*where, f"{f.id}: empty answer"))
        elif (len(f.answer) > MAX_ANSWER_CHARS
              or _sentence_count(f.answer) > MAX_ANSWER_SENTENCES):
            out.append(Problem(*where, f"{f.id}: answer too long ({len(f.answer)} characters, "
                                       f"at most {MAX_ANSWER_SENTENCES} sentences and "
                                       f"{MAX_ANSWER_CHARS} characters)"))
        for eid in (*f.entities, *f.see_also):
            if eid not in ents:
                out.append(Problem(*where, f"{f.id}: unknown entity {eid!r}"))
        p = f.provenance
        if not p.curated:
            span = quote_span(pack.source_text, p.quote or "") if p.quote else None
            if span is None:
                out.append(Problem(*where, f"{f.id}: quote not found in the document: "
                                           f"{(p.quote or '')[:60]!r}"))
            else:
                sec = pack.section_of(span[0])
                if sec is None or sec.heading != p.section:
                    actual = sec.heading if sec else "?"
                    out.append(Problem(*where, f"{f.id}: section {p.section!r} does not match "
                                               f"the quote's section {actual!r}"))
        elif p.reference and "http" in p.reference:
            url = p.reference[p.reference.index("http"):].split()[0].rstrip(").,;")
            if msg := _bad_url(Link(url, url)):
                out.append(Problem(*where, f"{f.id}: reference has a {msg}"))

    for q in pack.quiz.values():
        where = (q.file, q.line)
        if not q.question.strip() or not q.answer.strip():
            out.append(Problem(*where, f"{q.id}: empty question or answer"))
        if q.entity and q.entity not in ents:
            out.append(Problem(*where, f"{q.id}: unknown entity {q.entity!r}"))
        if q.fact and q.fact not in pack.facts:
            out.append(Problem(*where, f"{q.id}: unknown fact {q.fact!r}"))
        answers = {normalize(a) for a in (q.answer, *q.aliases)}
        dnorm = [normalize(d) for d in q.distractors]
        if any(d in answers for d in dnorm):
            out.append(Problem(*where, f"{q.id}: a distractor is the answer"))
        if len(set(dnorm)) != len(dnorm):
            out.append(Problem(*where, f"{q.id}: repeated distractor"))
    if pack.post is not None:
        out.extend(_post_problems(pack))
    if pack.timelines is not None:
        out.extend(_timeline_problems(pack))
    # every item, hand-written or derived from entity fields, must grade its own answer and
    # aliases correct and its distractors wrong, and be askable (typed or multiple choice)
    from knowledge.quizbank import QuizBank

    for bp in QuizBank(pack).problems():
        file = efile if bp.file == "entities.yaml" else (bp.file or efile)
        out.append(Problem(file, bp.line, bp.message))
    return out


def coverage(pack: Pack) -> Coverage:
    """Which sentences of the document some fact's quote covers (at least half of it)."""
    text = pack.source_text
    covered = bytearray(len(text))
    for f in pack.facts.values():
        if f.provenance.quote:
            span = quote_span(text, f.provenance.quote)
            if span:
                covered[span[0]:span[1]] = b"\x01" * (span[1] - span[0])
    sents = sentences(text, pack.sections)
    uncited = [s for s in sents if sum(covered[s.start:s.end]) * 2 < (s.end - s.start)]
    return Coverage(len(sents) - len(uncited), len(sents), uncited)


def validate(path: str | Path | None = None) -> Report:
    """Load and check a pack; problems sorted by file and line."""
    pack, problems = read_pack(path)
    cov = None
    if pack is not None:
        problems = problems + check_pack(pack)
        cov = coverage(pack)
    problems.sort(key=lambda p: (p.file, p.line))
    return Report(problems, cov, pack)
