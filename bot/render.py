"""Render a Reply as console text or as the JSON object of the `ask` contract."""

from __future__ import annotations

import textwrap
from typing import Any

from commands.reply import Reply


def reply_to_json(reply: Reply, question: str | None = None) -> dict[str, Any]:
    """The `ask --json` object (design.md section 5); extra fields only ever added."""
    src = reply.source
    source: dict[str, Any] | None = None
    if src is not None:
        source = {"section": src.section, "quote": src.quote}
        if src.curated:
            source.update(curated=True, note=src.note, reference=src.reference)
    return {
        "question": question if question is not None else reply.question,
        "answered": reply.answered,
        "title": reply.title,
        "answer": reply.text if reply.answered else None,
        "fact_id": reply.fact_id if reply.answered else None,
        "confidence": reply.confidence if reply.confidence is not None else 0.0,
        "see_also": [{"title": link.title, "url": link.url} for link in reply.see_also],
        "suggestions": [
            {"fact_id": a.target, "question": a.question or a.label}
            for a in reply.suggestions if a.kind == "fact"
        ],
        "source": source,
        "kind": reply.kind,
        "message": reply.text,
        "fields": [{"name": n, "value": v} for n, v in reply.fields],
    }


def reply_to_text(reply: Reply, width: int = 88) -> str:
    """Readable console text: title, answer, fields, source, see also, did you mean."""
    lines = [reply.title, "=" * min(len(reply.title), width)]
    for para in reply.text.replace("**", "").splitlines() or [""]:
        lines.extend(textwrap.wrap(para, width) or [""])
    for name, value in reply.fields:
        lines.append(f"  {name}: {value}")
    if reply.source is not None:
        src = reply.source
        if src.curated:
            lines.append(f"Source: curated ({src.reference or src.note})")
        else:
            lines.append(f"Source: \"{src.section}\" section: \u201c{src.quote}\u201d")
    if reply.see_also:
        lines.append("See also: " + "; ".join(f"{link.title} <{link.url}>"
                                            for link in reply.see_also))
    if reply.suggestions:
        lines.append("Did you mean:")
        lines.extend(f"  {i}. {a.question or a.label}"
                     for i, a in enumerate(reply.suggestions, 1))
    if reply.related and not reply.answered:
        lines.append("Related: " + ", ".join(a.label for a in reply.related))
    if reply.footer:
        lines.append(reply.footer)
    return "\n".join(lines)
