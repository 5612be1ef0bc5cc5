"""Reply -> Embed: every Discord limit enforced with an ellipsis; nothing echoed can ping."""

from __future__ import annotations

import pytest
from discord_harness import shipped_pack

from bot.embeds import (
    ELLIPSIS,
    EMBED_TOTAL_MAX,
    clip,
    embed_ok,
    reply_to_embed,
    safe,
)
from commands.ask import fact_reply
from commands.help import about_reply, help_reply
from commands.lookup import entity_card, missions
from commands.reply import Reply, Source


def test_clip():
    assert clip("abc", 3) == "abc"
    assert clip("abcdef", 4) == "abc" + ELLIPSIS and len(clip("x" * 5000, 4096)) == 4096
    assert clip(None, 5) == ""


def test_huge_reply_is_cut_to_every_limit():
    reply = Reply(title="T" * 400, text="d" * 9000, kind="answer", answered=True,
                  confidence=0.9, fields=[("n" * 300, "v" * 2000)] * 40, footer="f" * 3000,
                  source=Source(section="S" * 100, quote="q" * 3000))
    embed = reply_to_embed(reply)
    assert embed_ok(embed) == []
    assert len(embed) <= EMBED_TOTAL_MAX
    assert embed.title.endswith(ELLIPSIS) and len(embed.title) == 256
    assert embed.fields[-1].value.endswith(ELLIPSIS)
    assert len(embed.fields) <= 25


def test_long_description_alone_fits():
    embed = reply_to_embed(Reply(title="x", text="word " * 3000))
    assert embed_ok(embed) == [] and embed.description.endswith(ELLIPSIS)


def test_every_shipped_fact_and_entity_renders_within_limits():
    pack = shipped_pack()
    replies = [fact_reply(pack, f) for f in pack.facts.values()]
    replies += [entity_card(pack, e) for e in pack.entities.values()]
    replies += [missions(pack), help_reply(pack), about_reply(pack)]
    for r in replies:
        assert embed_ok(reply_to_embed(r)) == [], r.title


def test_answer_embed_carries_source_and_quote():
    pack = shipped_pack()
    fact = next(f for f in pack.facts.values() if not f.provenance.curated)
    embed = reply_to_embed(fact_reply(pack, fact, confidence=0.93))
    assert embed.footer.text.startswith(f"Source: {fact.provenance.section}")
    assert "93%" in embed.footer.text
    assert any(f.name == "From the document" for f in embed.fields)


def test_curated_fact_says_so():
    pack = shipped_pack()
    fact = next((f for f in pack.facts.values() if f.provenance.curated), None)
    if fact is None:
        pytest.skip("no curated fact in the pack")
    embed = reply_to_embed(fact_reply(pack, fact))
    assert embed.footer.text.startswith("Curated")


@pytest.mark.parametrize("evil", [
    "@everyone look", "@here", "<@123456789012345678>", "<@&123456789012345678>",
    "**bold** __u__ ~~s~~ ||spoiler|| `code`", "> quote", "# Heading", "[click](https://x.y)",
])
def test_echoed_question_cannot_ping_or_format(evil):
    reply = Reply(title="Not sure", text=f"I don't have anything on {evil}.", kind="abstain",
                  question=evil)
    embed = reply_to_embed(reply)
    for text in (embed.description, *(f.value for f in embed.fields)):
        assert "@everyone" not in text and "@here" not in text
        assert "<@123456789012345678>" not in text and "<@&123456789012345678>" not in text
        assert "**bold**" not in text and "`code`" not in text
    assert embed.fields[0].name == "You asked"


def test_safe_keeps_plain_text():
    assert safe("Who appoints the USG-PKO?") == "Who appoints the USG-PKO?"
    assert safe("**x**") == r"\*\*x\*\*"  # escaped: shown as typed, not bold
