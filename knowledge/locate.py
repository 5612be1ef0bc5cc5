"""Questions about where the document says something: "In which section does the document
discuss the Department of Field Support?", "Which debate discusses command and control?"; and
whether it says it at all: "Does the document give the founding dates, or do those come from
the curation notes?".

The topic is matched like any question; the answer is then where the document says it: the
section its best fact cites, the debate's own label when the quoted paragraph has one, and the
quote itself. Curated facts have no place in the document, so they locate nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.model import Fact, Pack

_DOC = r"(?:document|doc|article|text|source|page|reading)"
# the words that ask where, not what: "in which section", "under which heading", "which
# debate discusses", "which part of the article", "where in the document"
_LOCATE = re.compile(
    r"\b(?:(?:in|under)\s+)?(?:which|what)\s+(?:(?:debate|main|of\s+the)\s+)?"
    r"(?:section|heading|paragraph|subsection|chapter)s?\b"
    r"|\b(?:in\s+)?(?:which|what)\s+part\s+of\s+the\s+" + _DOC + r"\b"
    r"|\bwhere\s+in\s+the\s+" + _DOC + r"\b"
    r"|\bwhere\s+(?:does|do|is|are)\s+(?:it|this|that|they)\s+(?:appear|come\s+up|"
    r"mentioned|discussed)\b(?:\s+in\s+the\s+" + _DOC + r")?"
    r"|\bwhich\s+debate\s+(?=discuss|mention|talk|deal|cover|address|bring)"
    # "where does the text discuss X?", "where is the woke critique addressed?": only the
    # asking words go, the verb is filler and the rest is the topic
    r"|\bwhere\s+(?:does|do|did)\s+(?=(?:the\s+)?" + _DOC + r"s?\b)"
    r"|\bwhere\s+(?:is|are|was|were)\b(?=.{1,80}?\b(?:discussed|addressed|covered|mentioned|"
    r"described|explained|raised|treated|dealt\s+with)\b)"
    r"|,?\s*(?:and\s+)?if\s+so,?\s+where\b"
    r"|\bis\s+there\s+(?:a|any)\s+(?:section|part|paragraph|heading)\s+(?:dealing\s+with|"
    r"that\s+(?:deals\s+with|discusses|covers|addresses)|about|on|discussing|covering|"
    r"addressing)",
    re.IGNORECASE)
# what is left of the question that says nothing about its topic
_FILLER = re.compile(
    r"\b(?:of|in)\s+the\s+" + _DOC + r"\b|\b(?:does|do|did|is|are|was)\s+the\s+" + _DOC
    + r"\b|\bthe\s+" + _DOC + r"\b|\b(?:discuss|discusses|discussed|mention|mentions|"
    r"mentioned|talk|talks|talked|deal|deals|dealt|cover|covers|covered|address|addresses|"
    r"addressed|bring|brings|brought|list|lists|listed|described|explained|raised|treated|"
    r"so-called)\b(?:\s+(?:about|with|up))?",
    re.IGNORECASE)
_LABEL = re.compile(r"^\s*([^:\n]{3,60}):\s")


def locate_request(question: str) -> str | None:
    """The topic of a where-in-the-document question, or None if the question is not one."""
    m = _LOCATE.search(question)
    if m is None:
        return None
    rest = _FILLER.sub(" ", question[:m.start()] + " " + question[m.end():])
    rest = re.sub(r"\s+", " ", re.sub(r"[^\w\s'’-]|(?<!\w)[-'’]|[-'’](?!\w)", " ", rest)).strip()
    return rest or None


def located(pack: Pack, fact: Fact) -> Fact | None:
    """The fact told as where the document says it, or None for a curated fact."""
    prov = fact.provenance
    if prov.curated or not prov.section or not prov.quote:
        return None
    where = f'the "{prov.section}" section'
    line = next((ln for ln in pack.source_text.splitlines() if prov.quote[:60] in ln), "")
    label = _LABEL.match(line)  # a debate's paragraph opens with its name
    if label:
        where += f', under "{label.group(1).strip()}"'
    text = f'The document takes this up in {where}: "{prov.quote}"'
    return replace(fact, answer=text, title=f"Where the document says it: {prov.section}")


def first_mention(pack: Pack, entity_ids: list[str]) -> Fact | None:
    """Where the document first names one of these entities: the fact citing that place."""
    names = [n.lower() for e in entity_ids if e in pack.entities
             for n in pack.entities[e].names if len(n) >= 3]
    text = pack.source_text.lower()
    best: tuple[int, Fact] | None = None
    for fact in pack.facts.values():
        quote = (fact.provenance.quote or "").lower()
        if fact.provenance.curated or not quote or not any(n in quote for n in names):
            continue
        at = text.find(quote[:60])
        if at >= 0 and (best is None or at < best[0]):
            best = (at, fact)
    return located(pack, best[1]) if best else None


# "... or is that only in the curation notes?", "do those come from elsewhere?"
_SOURCE_ASKED = re.compile(
    r"\bcurat(?:ion|ed)\b|\bcome\s+from\s+elsewhere\b|\bfrom\s+(?:somewhere\s+)?else(?:where)?\b"
    r"|\boutside\s+the\s+" + _DOC + r"\b|\bwhich\s+source\b", re.IGNORECASE)
_SOURCE_FILLER = re.compile(
    r"\b(?:the\s+)?(?:source\s+)?" + _DOC + r"s?(?:\s+itself)?\b|\b(?:the\s+)?curation\s+notes?\b"
    r"|\bcurated\b|\b(?:come|comes|came)\s+from\b|\belsewhere\b|\bsomewhere\s+else\b"
    r"|\bonly\s+(?:recorded|given|found)\s+in\b|\bwhich\s+source\s+(?:provides|gives|has)\b"
    r"|\boutside\b|\bor\s+(?:is|are|do|does)\s+(?:that|this|those|it|they)\b",
    re.IGNORECASE)


def source_request(question: str) -> str | None:
    """The topic of a question asking whether the document itself says something, or None."""
    if not _SOURCE_ASKED.search(question) or not re.search(_DOC, question, re.IGNORECASE) \
            or not re.search(r"\b(?:or|only|which source)\b", question, re.IGNORECASE):
        return None  # "what does the document say about curated facts?" asks no source
    rest = _SOURCE_FILLER.sub(" ", question)
    rest = _FILLER.sub(" ", rest)
    rest = re.sub(r"\s+", " ", re.sub(r"[^\w\s'’-]|(?<!\w)[-'’]|[-'’](?!\w)", " ", rest)).strip()
    return rest or None


def sourced(fact: Fact) -> Fact:
    """The fact told with where it comes from: the document (section) or the curation notes."""
    prov = fact.provenance
    if prov.curated:
        ref = f" ({prov.reference})" if prov.reference else ""
        lead = f"The document does not give this; it comes from the curation notes{ref}."
    else:
        lead = f'The document itself gives this, in the "{prov.section}" section.'
    return fact.led_by(lead)
