"""Reply -> discord.Embed, with every Discord limit enforced by cutting with an ellipsis."""

from __future__ import annotations

import discord

from commands.reply import Reply

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
CONTENT_MAX = 2000
ELLIPSIS = "…"

_COLOURS = {
    "answer": discord.Colour.green(),
    "card": discord.Colour.blurple(),
    "list": discord.Colour.blurple(),
    "help": discord.Colour.teal(),
    "abstain": discord.Colour.orange(),
    "error": discord.Colour.red(),
    "quiz": discord.Colour.gold(),
}


def clip(text: str | None, limit: int) -> str:
    """`text` cut to `limit` characters, ending with an ellipsis when cut."""
    text = text or ""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


def safe(text: str | None) -> str:
    """User-visible text with markdown and mentions neutralised (nothing can ping or format)."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text or ""))


def _fit_total(embed: discord.Embed) -> discord.Embed:
    """Drop trailing fields, then cut the description, until len(embed) <= 6000."""
    dropped = False
    while len(embed) > EMBED_TOTAL_MAX and len(embed.fields) > 1:
        embed.remove_field(len(embed.fields) - 1)
        dropped = True
    if dropped and len(embed) + 3 <= EMBED_TOTAL_MAX:
        embed.add_field(name=ELLIPSIS, value=ELLIPSIS, inline=False)
    excess = len(embed) - EMBED_TOTAL_MAX
    if excess > 0 and embed.description:
        embed.description = clip(embed.description, max(len(embed.description) - excess, 1))
    excess = len(embed) - EMBED_TOTAL_MAX
    if excess > 0 and embed.fields:
        embed.clear_fields()
    return embed


def reply_to_embed(reply: Reply) -> discord.Embed:
    """The embed for a Reply: title, answer, fields, quote, source and confidence in the footer."""
    embed = discord.Embed(
        title=clip(reply.title, TITLE_MAX) or None,
        description=clip(safe(reply.text), DESCRIPTION_MAX) or None,
        colour=_COLOURS.get(reply.kind, discord.Colour.blurple()),
    )
    fields = list(reply.fields)
    if reply.kind == "abstain" and reply.question:
        fields.insert(0, ("You asked", reply.question))
    if reply.source is not None and reply.source.quote:
        fields.append(("From the document", f"\u201c{reply.source.quote}\u201d"))
    if reply.source is not None and reply.source.curated and reply.source.note:
        fields.append(("Curator's note", reply.source.note))
    for name, value in fields[:FIELDS_MAX]:
        embed.add_field(name=clip(safe(name), FIELD_NAME_MAX) or "\u200b",
                        value=clip(safe(value), FIELD_VALUE_MAX) or "\u200b",
                        inline=len(value) <= 40 and "\n" not in value)
    footer = []
    if reply.source is not None:
        footer.append(reply.source.label())
    if reply.footer:
        footer.append(reply.footer)
    if reply.answered and reply.confidence is not None and reply.kind == "answer":
        footer.append(f"confidence {reply.confidence:.0%}")
    if footer:
        embed.set_footer(text=clip(" · ".join(footer), FOOTER_MAX))
    return _fit_total(embed)


def embed_ok(embed: discord.Embed) -> list[str]:
    """Every Discord limit this embed breaks (empty when it is fine); used by tests and logs."""
    problems = []
    if embed.title and len(embed.title) > TITLE_MAX:
        problems.append("title")
    if embed.description and len(embed.description) > DESCRIPTION_MAX:
        problems.append("description")
    if len(embed.fields) > FIELDS_MAX:
        problems.append("field count")
    for f in embed.fields:
        if not f.name or len(f.name) > FIELD_NAME_MAX:
            problems.append("field name")
        if not f.value or len(f.value) > FIELD_VALUE_MAX:
            problems.append("field value")
    if embed.footer.text and len(embed.footer.text) > FOOTER_MAX:
        problems.append("footer")
    if len(embed) > EMBED_TOTAL_MAX:
        problems.append("total")
    return problems
