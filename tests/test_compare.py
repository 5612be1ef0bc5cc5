"""Two missions, departments or heads compared in time: answered by the fact that orders them."""

from __future__ import annotations

import pytest

from knowledge.engine import Engine
from knowledge.loader import load_pack


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("minusca vs unmiss, which is newer", "missions-timeline"),
        ("did UNAMID last longer than MINUSMA?", "missions-timeline"),
        ("is minusma older than minusca", "missions-timeline"),
        ("how much older is DPKO than DFS", "departments-timeline"),
        ("who was in office longer guehenno or ladsous", "heads-list"),
        ("ladsous vs le roy, who was first", "heads-list"),
        ("Did Ladsous come before or after Guéhenno?", "heads-list"),
    ],
)
def test_comparisons_in_time_get_the_ordered_list(engine, question, fact):
    result = engine.answer(question)
    assert result.answered and result.fact.id == fact, result


def test_both_sides_of_the_comparison_are_in_the_answer(engine):
    text = engine.answer("which came first, unmiss or monusco").fact.answer
    assert "UNMISS" in text and "MONUSCO" in text and "2011" in text and "2010" in text


@pytest.mark.parametrize(
    "question",
    [
        "minusca vs minusma",  # no comparison in time: what tells them apart
        "who was head of dpko before dpo was created",  # asks for a holder
    ],
)
def test_other_questions_about_two_things_are_left_to_the_matcher(engine, question):
    assert engine.answer(question).reason != "timeline"


def test_between_two_heads_names_the_one_in_between(engine):
    result = engine.answer("who headed dpko between anan and guehenno")
    assert result.answered and result.fact.answer.startswith(
        "Between Kofi Annan and Jean-Marie Guéhenno, the post was held by Bernard Miyet"), result


def test_between_two_heads_far_apart_counts_and_names_them(engine):
    text = engine.answer("How many heads served between Goulding and Lacroix?").fact.answer
    lead = text.split(". ")[0]
    assert "five people" in lead and "Miyet" in lead and "Ladsous" in lead
    assert "Goulding (" not in lead.split("held by")[1]


def test_between_two_neighbours_says_no_one(engine):
    text = engine.answer("who was between goulding and annan").fact.answer
    assert text.startswith("No one: Kofi Annan (1993-1996) directly succeeded Marrack Goulding")


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # a wrong claim of order is corrected by the order itself
        ("Guehenno came after Ladsous, I'm pretty sure. Correct me if not.",
         "Jean-Marie Guéhenno (2000-2008, the fourth head) came before Hervé Ladsous (2011-2017, "
         "the sixth head)."),
        ("did ladsous succeed le roy?",
         "Hervé Ladsous (2011-2017, the sixth head) came directly after Alain Le Roy (2008-2011, "
         "the fifth head)."),
        ("Was Monsieur Guehenno the chef before Ladsous or after him?",
         "Jean-Marie Guéhenno (2000-2008, the fourth head) came before Hervé Ladsous (2011-2017, "
         "the sixth head)."),
    ],
)
def test_two_heads_side_by_side_lead_with_their_order(engine, question, lead):
    assert engine.answer(question).fact.answer.startswith(lead)


def test_who_served_longer_says_who_and_by_how_much(engine):
    text = engine.answer("who served longer, miyet or guehenno").fact.answer
    assert "Jean-Marie Guéhenno served longer, about 8 years against 3." in text


def test_another_mission_compared_is_still_refused(engine):
    result = engine.answer("is UNIFIL older than MINUSMA?")
    assert not result.answered and result.unknown, result


def test_a_pack_without_timelines_does_not_compare(engine):
    pack = load_pack()
    pack.timelines = None
    result = Engine(pack).answer("is minusma older than minusca")
    assert result.reason != "timeline"


def test_the_order_is_told_of_the_head_the_question_names_first(engine):
    text = engine.answer("did Kofi Annan head peacekeeping before or after Marrack "
                         "Goulding?").fact.answer
    assert text.startswith("Kofi Annan (1993-1996, the second head) came directly after "
                           "Marrack Goulding (1992-1993, the first head)")


def test_a_mission_and_a_department_are_ordered_by_their_founding_years(engine):
    text = engine.answer("Which came first: the Department of Field Support or "
                         "MONUSCO?").fact.answer
    assert text.startswith("Department of Field Support (2007) came before MONUSCO (2010).")


def test_two_heads_asked_when_each_served_are_put_side_by_side(engine):
    text = engine.answer("i need a comparison for my speech: Ladsous vs Lacroix, when did each "
                         "serve?").fact.answer
    assert text.startswith("Hervé Ladsous (2011-2017, the sixth head) came directly before "
                           "Jean-Pierre Lacroix (since 2017, the seventh head).")


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Was it the Mali one or the CAR one that started in 2013?",
         "MINUSMA: MINUSMA was established in 2013, MINUSCA in 2014."),
        ("which ended in 2020, unamid or minusma",
         "UNAMID: UNAMID ended in 2020, MINUSMA in 2023."),
        ("did monusco or unmiss end in 2020",
         "Neither: MONUSCO has not ended and UNMISS has not ended."),
        ("Comparing MINUSMA and UNMISS, which one has ended?",
         "MINUSMA: MINUSMA ended in 2023 and UNMISS has not ended."),
        ("Were MONUSCO and UNMISS established in the same year?",
         "No: MONUSCO was established in 2010, UNMISS in 2011."),
        ("Between UNAMID and MINUSMA, which ended first?",
         "UNAMID ended first, in 2020; MINUSMA in 2023."),
        # the years between two dated events
        ("How many years passed between Goulding taking office and Lacroix taking office?",
         "25 years: Marrack Goulding took office in 1992, Jean-Pierre Lacroix took office in "
         "2017."),
        ("how many years between unamid starting and minusma ending",
         "16 years: UNAMID was established in 2007, MINUSMA ended in 2023."),
        ("how long after dpko was dfs created",
         "15 years: the Department of Peacekeeping Operations was established in 1992"),
    ],
)
def test_which_of_two_in_a_year_and_the_years_between_two_events(engine, question, lead):
    result = engine.answer(question)
    assert result.answered and result.fact.answer.startswith(lead), result
