"""Who held the post at a time: read from the officials' tenures, not guessed from phrasings."""

from __future__ import annotations

import pytest

from knowledge.engine import Engine
from knowledge.loader import load_pack


@pytest.mark.parametrize(
    ("question", "holder"),
    [
        ("Who was head of UN peacekeeping in 2010?", "Le Roy"),
        ("who ran dpko in 1995", "Annan"),
        ("DPKO BOSS IN 1998??", "Miyet"),
        ("who was usg-pko in 2005", "Guéhenno"),
        ("who held the post in 2014", "Ladsous"),
        ("peacekeeping czar in 2002", "Guéhenno"),
        ("who was the USG for peace operations in 2021", "Lacroix"),
        # dated by an event the pack knows the year of
        ("Who headed UN peacekeeping when MINUSMA was set up?", "Ladsous"),
        ("who was in charge of peacekeeping when unamid shut down", "Lacroix"),
        ("who ran dpko when the dfs was created", "Guéhenno"),
        ("who led DPKO when it was created", "Goulding"),
        ("who was the under-secretary-general at the moment DPKO turned into DPO?", "Lacroix"),
        ("Who headed peacekeeping when MINUSMA and MINUSCA were established?", "Ladsous"),
        ("Who led DPKO when MONUSCO took over from MONUC?", "Le Roy"),
        # "the head", with no "of": in a bot about one post, that post's head
        ("who was the head when UNAMID closed?", "Lacroix"),
        ("who was head when DFS was created", "Guéhenno"),
        ("Which head oversaw the end of MINUSMA?", "Lacroix"),
        ("who was the head when the department got renamed to DPO", "Lacroix"),
        ("Who was the second head of DPKO?", "Annan"),
    ],
)
def test_the_holder_at_a_time_is_the_one_whose_tenure_covers_it(engine, question, holder):
    result = engine.answer(question)
    assert result.answered and result.reason == "tenure", result
    assert holder in result.fact.answer
    assert result.fact.id.endswith("-tenure")


def test_since_a_year_means_every_holder_from_then_on(engine):
    assert engine.answer("name all the heads of UN peacekeeping since 1992").fact.id \
        == "heads-list"
    assert "Lacroix" in engine.answer("who has been head since 2017").fact.answer


@pytest.mark.parametrize("question", ["who was head of dpko in 2008",
                                      "who was the usg pko when unmiss was set up",
                                      "who held the office in the 90s"])
def test_a_time_when_the_post_changed_hands_gets_the_list_of_heads(engine, question):
    result = engine.answer(question)
    assert result.answered and result.fact.id == "heads-list"


@pytest.mark.parametrize(
    "question",
    [
        "Who was the Secretary-General when DPKO was created?",  # another post
        "who was the first head of dpko",  # an order: the succession facts answer it
        "When did Kofi Annan become Secretary-General?",  # a named person's other post
        "when did ladsous succeed le roy",  # an order of two holders
        "how long did guehenno serve as secretary general",  # a post he never held
        "who headed peacekeeping in 1980",  # before the post existed
        "who was the head of the department of field support",  # a post the pack lacks
        "What did the head of peacekeeping do in 2013?",  # not asking who
        "who was in charge of MINUSMA when it was created",  # a mission's own head
        "who founded dpko",  # a founder, not a head
        "was the usg-pko post renamed in 2019",  # yes or no, about the title
        "has every usg-pko since 1997 been french",
    ],
)
def test_other_questions_about_people_and_years_are_not_read_as_tenure(engine, question):
    assert engine.answer(question).reason != "tenure"


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("When was Kofi Annan head of peacekeeping?", "kofi-annan-tenure"),
        ("How long did Marrack Goulding hold the top peacekeeping job?",
         "marrack-goulding-tenure"),
        ("During which years did Hervé Ladsous head UN peacekeeping?", "herve-ladsous-tenure"),
        ("when was guehenno usg according to the article", "jean-marie-guehenno-tenure"),
    ],
)
def test_when_or_how_long_one_named_holder_held_the_post_is_his_tenure(engine, question, fact):
    result = engine.answer(question)
    assert result.answered and result.fact.id == fact, result


def test_a_pack_without_a_post_never_answers_from_tenures(engine):
    pack = load_pack()
    pack.post = None
    assert Engine(pack).answer("who ran dpko in 1995").reason != "tenure"


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        # the head of a mission or of another department or post
        ("Who is the head of UNMISS?", "UNMISS"),
        ("who headed minusma when it ended", "MINUSMA"),
        ("what was MINUSMA's last force commander's name", "MINUSMA"),
        ("who was the head of the department of field support", "Field Support"),
        ("Who is the Under-Secretary-General for Operational Support?", "Operational Support"),
        ("who is the usg for political affairs", "Political Affairs"),
        # the post before it existed
        ("Who led UN peacekeeping in 1988?", "1992"),
        ("who was in charge of un peacekeeping before 1992", "1992"),
        # a holder's life outside the post
        ("What did Hervé Ladsous do before he became head of DPKO?", "Ladsous"),
        ("which uni did guehenno go to", "Guéhenno"),
        ("Why did Marrack Goulding leave DPKO?", "Goulding"),
        ("what was alain le roy's job before dpko", "Le Roy"),
        ("what is Alain Le Roy doing now", "Le Roy"),
        ("how old is lacroix", "Lacroix"),
        # the leader of a country; another post's order of holders
        ("who leads mali now", "Mali"),
        ("who is the president of south sudan", "South Sudan"),
        ("who succeeded Kofi Annan as Secretary-General", "Secretary-General"),
        ("who elects the secretary general", "Secretary-General"),
    ],
)
def test_what_the_pack_does_not_hold_about_people_is_declined_and_named(engine, question,
                                                                        unknown):
    """The pack knows who held its own post and when, not who led each mission, nor the
    holders' lives outside the post; the bot says what it does not know."""
    result = engine.answer(question)
    assert not result.answered and result.reason == "outside"
    assert unknown in (result.unknown or "")


def test_the_head_of_the_post_itself_is_still_answered(engine):
    result = engine.answer("who heads DPO")
    assert result.answered and "Lacroix" in result.fact.answer


@pytest.mark.parametrize(("question", "expected"),
                         [("What did Kofi Annan go on to do after leading DPKO?", "1997"),
                          ("who came before ladsous", "Le Roy"),
                          ("did guehenno come before or after miyet", "Miyet"),
                          # the one still in office is doing the job now
                          ("what is Lacroix doing now", "Lacroix"),
                          # now is the pack's date: DPKO's head now is DPO's
                          ("who runs dpko now", "Lacroix")])
def test_what_the_pack_holds_about_a_holders_career_is_still_answered(engine, question,
                                                                       expected):
    """Annan's later post is in his entity's fields; order questions are succession."""
    result = engine.answer(question)
    assert result.answered and expected in result.fact.answer


@pytest.mark.parametrize(("question", "holder"),
                         [("Was Guehenno the first head of DPKO?", "Goulding"),
                          ("was annan the second head of dpko", "Annan"),
                          ("was lacroix the first head of dpo", "Lacroix"),
                          ("was ladsous the last head of dpko", "Lacroix"),
                          ("my friend claimed Lacroix was the first ever head of DPKO, true?",
                           "Goulding")])
def test_a_claim_about_the_nth_head_is_answered_with_the_one_who_was(engine, question,
                                                                     holder):
    """Counted from the name the question uses: DPO's first head is the one in 2019."""
    result = engine.answer(question)
    assert result.answered and holder in result.fact.answer.split(",")[0], result


@pytest.mark.parametrize("question", ["how many ppl have headed un peacekeeping so far",
                                      "how many usg-pkos have there been",
                                      "how many people have held the post"])
def test_counting_the_heads_gets_the_list_of_heads(engine, question):
    result = engine.answer(question)
    assert result.answered and result.fact.answer.startswith("Seven people"), result


@pytest.mark.parametrize("question", ["how many people work at DPO",
                                      "how many missions does the usg-pko oversee"])
def test_counting_something_else_is_not_counting_heads(engine, question):
    result = engine.answer(question)
    assert not (result.answered and result.fact.id == "heads-list"), result


def test_who_was_the_first_head_after_someone_is_not_a_claim_about_the_first(engine):
    result = engine.answer("who was the first head of dpko after lacroix")
    assert not (result.answered and result.fact.answer.startswith("Marrack Goulding"))


def test_all_the_heads_before_a_year_gets_the_list_of_heads(engine):
    result = engine.answer("Name all heads of UN peacekeeping before the year 2000.")
    assert result.answered and result.fact.answer.startswith("Seven people"), result


def test_a_post_name_between_the_ordinal_and_the_head_noun_is_still_a_claim(engine):
    result = engine.answer("Was Bernard Miyet the first DPKO chief?")
    assert result.answered and result.fact.answer.startswith("Marrack Goulding"), result


def test_the_mission_in_a_place_dates_its_head(engine):
    result = engine.answer("Who was in charge of UN peacekeeping when the mission in Darfur "
                           "was set up?")
    assert result.answered and "Guéhenno" in result.fact.answer.split(",")[0], result


def test_a_wrong_ordinal_claim_gets_who_was_and_who_the_claim_named(engine):
    result = engine.answer("Marack Goulding was the second head of DPKO, yes?")
    assert result.answered and result.fact.answer.startswith("Kofi Annan")
    assert "first head" in result.fact.answer


def test_a_year_written_with_an_apostrophe_dates_the_question(engine):
    result = engine.answer("Who was in charge of DPKO when it started up in '92?")
    assert result.answered and "Goulding" in result.fact.answer, result


@pytest.mark.parametrize(("question", "fact"), [
    ("did guehenno serve in the 90s", "jean-marie-guehenno-tenure"),  # his dates say no
    ("was goulding head in 1995?", "marrack-goulding-tenure"),
    ("Who was running DPKO at the time the Department of Field Support was created?",
     "jean-marie-guehenno-tenure"),
])
def test_a_holder_checked_against_a_time_gets_his_dates(engine, question, fact):
    result = engine.answer(question)
    assert result.answered and result.fact.id == fact, result


def test_what_a_head_did_before_another_post_is_his_time_at_the_head(engine):
    result = engine.answer("What did Kofi Annan do before he became Secretary-General?")
    assert result.answered and "peacekeeping" in result.fact.answer, result


def test_a_department_founded_with_missions_is_not_a_question_about_missions(engine):
    result = engine.answer("DPKO was founded way back in 1948 with the first missions, "
                           "wasn't it?")
    assert result.fact is None or result.fact.id == "dpko-established", result


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # heads counted from a year
        ("How many heads took office before the year 2000?",
         "Three heads took office before 2000: Marrack Goulding (1992), Kofi Annan (1993), "
         "Bernard Miyet (1997)."),
        ("how many people have led dpko since 2011", "Two heads took office in 2011 or later"),
        # the longest- and shortest-serving: the incumbent's open term counts to the pack's
        # date, and is left out of ended terms
        ("Not counting the current one, which head of UN peacekeeping served the longest?",
         "Of the heads whose terms have ended, the longest-serving head was Jean-Marie Guéhenno "
         "(2000-2008, about eight years)."),
        ("who had the job for the shortest time?",
         "The shortest-serving head was Marrack Goulding (1992-1993, about one year)."),
        ("who served longest as usg-pko",
         "Jean-Pierre Lacroix, in office since 2017, has served longest: about nine years as "
         "of 2026. Of the heads whose terms have ended, Jean-Marie Guéhenno served longest"),
        # missions set up during a tenure, or in a period
        ("Which of the missions in the article were created while Ladsous was in charge?",
         "Established during Hervé Ladsous's tenure (2011-2017): UNMISS (2011), MINUSMA (2013) "
         "and MINUSCA (2014)."),
        ("which mission started under alain le roy",
         "Established during Alain Le Roy's tenure (2008-2011): MONUSCO (2010) and UNMISS (2011)."),
        ("which missions were set up under lacroix",
         "None of the missions covered here was established during Jean-Pierre Lacroix's tenure"),
        ("Which two of the missions closed while Lacroix was in charge?",
         "Ended during Jean-Pierre Lacroix's tenure (2017-): UNAMID (2020) and MINUSMA (2023)."),
        ("Hervé's era saw missions open; Jean-Pierre's saw closures. Which of the five missions "
         "ended during Lacroix's time?",
         "Ended during Jean-Pierre Lacroix's tenure (2017-): UNAMID (2020) and MINUSMA (2023)."),
        ("did any mission end while Guéhenno was in charge?",
         "None of the missions covered here ended during Jean-Marie Guéhenno's tenure"),
        ("How many of the five missions were running in 2015?",
         "All five missions covered here were active in 2015: UNAMID (2007-2020), MONUSCO "
         "(from 2010), UNMISS (from 2011), MINUSMA (2013-2023) and MINUSCA (from 2014)."),
        ("what missions were operating in 2008",
         "One of the five missions covered here was active in 2008: UNAMID (2007-2020). MONUC, "
         "whose start is not given here, ran until 2010."),
        ("How many of the five missions were established in the 2010s?",
         "Four of the five missions covered here were established in 2010-2019: MONUSCO (2010), "
         "UNMISS (2011), MINUSMA (2013) and MINUSCA (2014)."),
        ("Which missions were established between 2012 and 2016?",
         "Two of the five missions covered here were established between 2012 and 2016: "
         "MINUSMA (2013) and MINUSCA (2014)."),
        ("List the heads of UN peacekeeping in order, starting in 1992.",
         "Seven people have headed UN peacekeeping: Marrack Goulding (1992-1993)"),
        # the head who saw an event through is the head of its year
        ("Which head of peacekeeping oversaw the end of MINUSMA?", "Jean-Pierre Lacroix"),
        ("which usg presided over the creation of DFS", "Jean-Marie Guéhenno"),
        ("USG in charge when MINUSMA was created (2013)?", "Hervé Ladsous"),
        ("which head of un peacekeeping was in office for the switch from DPKO to DPO",
         "Jean-Pierre Lacroix"),
        # two steps along the list of heads
        ("who was boss b4 ladsous?? and who was b4 HIM",
         "Before Hervé Ladsous came Alain Le Roy (2008-2011), and before him Jean-Marie "
         "Guéhenno (2000-2008)."),
        ("Who succeeded Guéhenno, and to whom did that person hand over?",
         "After Jean-Marie Guéhenno came Alain Le Roy (2008-2011), and after him Hervé Ladsous "
         "(2011-2017)."),
    ],
)
def test_what_is_read_off_the_dates_leads_the_answer(engine, question, lead):
    result = engine.answer(question)
    assert result.answered and result.fact.answer.startswith(lead), result


def test_a_heads_books_are_his_life_outside_the_post(engine):
    result = engine.answer("What was the title of Guéhenno's book about his years running "
                           "peacekeeping?")
    assert not result.answered and "life outside" in (result.unknown or ""), result


def test_when_an_event_was_and_who_held_the_post_then_are_both_answered(engine):
    text = engine.answer("when did MINUSMA start and who was running UN peacekeeping "
                         "then?").fact.answer
    assert text.startswith("MINUSMA was established on 25 April 2013. Hervé Ladsous")

