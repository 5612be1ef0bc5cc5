"""Where-in-the-document questions: the section (and debate) that says it, quoted."""

from __future__ import annotations

import pytest

from knowledge.locate import locate_request


@pytest.mark.parametrize(("question", "topic"), [
    ("In which section does the document discuss the Department of Field Support?",
     "the Department of Field Support"),
    ("Which debate discusses stronger command-and-control structures?",
     "stronger command-and-control structures"),
    ("which part of the doc talks about exit strategies", "exit strategies"),
    ("Where does the document cover how the USG is appointed?", "how the USG is appointed"),
    ("Where is the so-called 'woke' critique addressed in the text?", "the woke critique"),
    ("Is the Department of Field Support discussed in the document, and if so where?",
     "Is the Department of Field Support"),
    ("Is there a section dealing with exit strategies?", "exit strategies"),
])
def test_the_topic_is_what_is_left_of_a_where_question(question, topic):
    assert locate_request(question) == topic


@pytest.mark.parametrize("question", ["what part does the security council play",
                                      "who heads DPO", "which mission is in Mali",
                                      "where is minusca", "where is the usg based"])
def test_other_questions_are_not_where_questions(question):
    assert locate_request(question) is None


@pytest.mark.parametrize(("question", "section", "debate"), [
    ("Which section of the article deals with sexual exploitation and abuse?",
     "Controversies and Debates", "Conduct and ethics"),
    ("Under which heading does the document list its high-profile missions?",
     "Notable Missions and Outcomes", None),
    ("where in the article is Guehenno mentioned", "History and Organization", None),
])
def test_a_where_question_is_answered_with_the_section_and_its_quote(engine, question,
                                                                    section, debate):
    result = engine.answer(question)
    assert result.answered and result.reason == "located", result
    assert f'"{section}"' in result.fact.answer
    assert debate is None or f'"{debate}"' in result.fact.answer
    assert result.fact.provenance.quote in result.fact.answer


def test_where_the_document_mentions_something_it_does_not_know_is_declined(engine):
    assert not engine.answer("which section mentions UNIFIL").answered


def test_where_does_it_appear_is_a_where_question():
    topic = locate_request("explain 'transition planning' - where does it appear in the "
                           "article?")
    assert topic is not None and topic.endswith("transition planning")


@pytest.mark.parametrize(("question", "lead"), [
    ("Does the source document itself give founding dates for the missions, or do those come "
     "from elsewhere?", "The document does not give this; it comes from the curation notes"),
    ("Which source provides the complete list of heads of peacekeeping - the document or the "
     "curation notes?", "The document does not give this; it comes from the curation notes"),
    ("is the woke critique in the document or only in the curation notes?",
     'The document itself gives this, in the "Controversies and Debates" section.'),
])
def test_whether_the_document_itself_says_it_is_answered_with_the_source(engine, question, lead):
    result = engine.answer(question)
    assert result.answered and result.fact.answer.startswith(lead), result


def test_a_question_about_curation_that_asks_no_source_is_left_to_the_matcher(engine):
    assert engine.answer("what does the document say about curated facts").reason != "sourced"
