"""The source document: its title, sections and sentences, and where a quote sits in it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.model import Section

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(])")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    section: str


def _is_heading(line: str) -> bool:
    s = line.strip()
    return (
        0 < len(s) <= 90
        and not s.startswith("- ")
        and s[-1] not in ".:;!?,"
        and not re.search(r"[.!?]\s", s)
    )


def parse_sections(text: str, lead_section: str) -> tuple[str, list[Section]]:
    """Split the document into (title, sections); the text before the first heading is the lead."""
    lines = text.splitlines(keepends=True)
    title = lines[0].strip() if lines else ""
    sections: list[Section] = []
    heading, start = lead_section, len(lines[0]) if lines else 0
    offset = start
    for line in lines[1:]:
        if _is_heading(line):
            sections.append(Section(heading, start, offset))
            heading, start = line.strip(), offset + len(line)
        offset += len(line)
    sections.append(Section(heading, start, len(text)))
    return title, [s for s in sections if text[s.start : s.end].strip()]


def sentences(text: str, sections: list[Section]) -> list[Sentence]:
    """Every sentence of the body (headings excluded), with its character span."""
    out: list[Sentence] = []
    for sec in sections:
        pos = sec.start
        for line in text[sec.start : sec.end].splitlines(keepends=True):
            body = line.rstrip("\n")
            lstart = pos
            pos += len(line)
            stripped = body.lstrip()
            if not stripped:
                continue
            lstart += len(body) - len(stripped)
            if stripped.startswith("- "):
                stripped, lstart = stripped[2:], lstart + 2
            cursor = 0
            for piece in _SENTENCE_END.split(stripped):
                i = stripped.index(piece, cursor)
                cursor = i + len(piece)
                if piece.strip():
                    out.append(Sentence(piece.strip(), lstart + i, lstart + cursor, sec.heading))
    return out


def quote_span(text: str, quote: str) -> tuple[int, int] | None:
    """(start, end) of `quote` in `text`, or None."""
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    m = re.search(pattern, text) if pattern else None
    return (m.start(), m.end()) if m else None
