"""Buttons: limits, did-you-mean and related answer the right entry in place, links, restarts."""

from __future__ import annotations

import discord
from discord_harness import (
    buttons,
    command_interaction,
    custom_ids,
    make_bot,
    message_payload,
    press,
    record,
    shipped_pack,
)

from bot.respond import reply_kwargs
from bot.views import CUSTOM_ID_MAX, EntityButton, FactButton, reply_view
from commands.ask import fact_reply
from commands.lookup import entity_card, missions
from commands.reply import Action, Link, Reply


def check_view(view: discord.ui.View | None) -> list[dict]:
    if view is None:
        return []
    rows = view.to_components()
    assert len(rows) <= 5
    for row in rows:
        assert len(row["components"]) <= 5
        for b in row["components"]:
            assert 1 <= len(b["label"]) <= 80
            if "url" in b:
                assert b["url"].startswith("https://") and len(b["url"]) <= 512
                assert "custom_id" not in b
            else:
                assert len(b["custom_id"]) <= CUSTOM_ID_MAX
    ids = custom_ids(rows)
    assert len(ids) == len(set(ids))
    return rows


def test_every_shipped_reply_view_fits():
    pack = shipped_pack()
    replies = [fact_reply(pack, f) for f in pack.facts.values()]
    replies += [entity_card(pack, e) for e in pack.entities.values()] + [missions(pack)]
    for r in replies:
        check_view(reply_view(r))


def test_overfull_reply_is_capped_at_five_rows():
    reply = Reply(
        title="x", text="y",
        suggestions=[Action(label="Q" * 200, kind="fact", target=f"f{i}") for i in range(12)],
        related=[Action(label=f"E{i}", kind="entity", target=f"e{i}") for i in range(12)],
        see_also=[Link(f"L{i}", f"https://example.org/{i}") for i in range(12)]
        + [Link("bad", "http://insecure"), Link("long", "https://x/" + "a" * 600)],
    )
    rows = check_view(reply_view(reply))
    assert len(rows) == 5
    assert rows[0]["components"][0]["label"].endswith("…")


def test_ids_that_do_not_fit_a_custom_id_are_left_out():
    reply = Reply(title="x", text="y", related=[
        Action(label="ok", kind="entity", target="minusca"),
        Action(label="long", kind="entity", target="x" * 120),
        Action(label="spaces", kind="entity", target="has space")])
    rows = check_view(reply_view(reply))
    assert custom_ids(rows) == ["usgpko:e:minusca"]


def test_no_buttons_no_view():
    assert reply_view(Reply(title="x", text="y")) is None
    assert "view" not in reply_kwargs(Reply(title="x", text="y"))


def test_see_also_are_link_buttons():
    pack = shipped_pack()
    card = entity_card(pack, pack.entities["minusca"])
    rows = check_view(reply_view(card))
    urls = [b["url"] for b in buttons(rows) if "url" in b]
    assert urls == [link.url for link in pack.entities["minusca"].links[:5]]


def test_custom_id_templates_match():
    f = FactButton("minusca-overview", "What is MINUSCA?")
    e = EntityButton("usg-pko", "USG")
    assert FactButton.__discord_ui_compiled_template__.fullmatch(f.custom_id)
    assert EntityButton.__discord_ui_compiled_template__.fullmatch(e.custom_id)
    assert not FactButton.__discord_ui_compiled_template__.fullmatch(e.custom_id)


async def test_did_you_mean_button_answers_that_fact_after_restart():
    pack = shipped_pack()
    fact_ids = list(pack.facts)[:3]
    reply = Reply(title="Not sure", text="Did you mean?", kind="abstain",
                  suggestions=[Action(label=pack.facts[i].questions[0], kind="fact", target=i,
                                      question=pack.facts[i].questions[0]) for i in fact_ids])
    sent = message_payload(4321, {"embeds": [], "components": reply_view(reply).to_components()})
    bot = await make_bot()  # a fresh process: nothing of the old view is in memory
    rec = record()
    await press(bot, f"usgpko:f:{fact_ids[1]}", sent)
    (call,) = rec.calls
    assert call.payload["type"] == 7  # UPDATE_MESSAGE: answered in place
    embed = call.payload["data"]["embeds"][0]
    assert embed["description"] == discord.utils.escape_markdown(pack.facts[fact_ids[1]].answer)


async def test_related_button_opens_entity_card_in_place():
    bot = await make_bot()
    rec = record()
    await bot.tree._call(command_interaction(bot, "mission", name="minusca"))
    first = rec.last()
    ids = custom_ids(first["components"])
    assert "usgpko:e:minusma" in ids
    await press(bot, "usgpko:e:minusma", message_payload(1, first))
    call = rec.calls[-1]
    assert call.payload["type"] == 7
    assert call.payload["data"]["embeds"][0]["title"] == "MINUSMA"
    check_components = call.payload["data"]["components"]
    assert len(check_components) <= 5


async def test_button_for_a_removed_fact_is_polite():
    bot = await make_bot()
    rec = record()
    view = discord.ui.View(timeout=None)
    view.add_item(FactButton("no-such-fact", "Old question"))
    await press(bot, "usgpko:f:no-such-fact",
                message_payload(2, {"components": view.to_components()}))
    body = rec.last()
    assert body["flags"] & 64 and "no longer" in body["content"]
