"""The answer engine, as a user meets it: right answers, honest refusals, odd input survived."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from knowledge.devset import answer_matches, evaluate, load_items
from knowledge.engine import Engine
from knowledge.loader import load_pack

DATA = Path(__file__).parent / "data"


def answer_text(engine: Engine, question: str) -> str | None:
    result = engine.answer(question)
    return result.fact.answer if result.answered else None


def assert_answers(engine: Engine, question: str, expected: str) -> None:
    """The question is answered, and the answer says `expected`."""
    text = answer_text(engine, question)
    assert text is not None and expected in text, (question, text)


def test_development_set_accuracy_and_abstention(engine):
    """Our own 250 answerable and 100 decline questions (tests/data); the floor sits a little
    under what bench/answers.py measures, so a regression shows."""
    score = evaluate(engine, load_items(DATA / "dev_answerable.yaml"),
                     load_items(DATA / "dev_decline.yaml"))
    assert len(score.answerable) >= 150 and len(score.decline) >= 50
    assert score.decline_rate >= 0.94, [o.question for o in score.failures if not o.expected]
    assert score.accuracy >= 0.88


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who appoints the USG-PKO?", ["Secretary-General"]),
        ("what is minuska", ["Central African Republic"]),
        ("WHERE IS MONUSKO", ["Congo"]),
        ("when did unamid end", ["2020"]),
        ("when did UNAMID END?!", ["2020"]),
        ("Who is Herve Ladsous?", ["2011", "2017"]),
        ("who is hervé ladsous", ["2011", "2017"]),
        ("does the usg-pko command troops directly", ["not"]),
        # chat shorthand is spelled out: "ppl", "wat", "stand 4", "govt"
        ("wat does usg pko stand 4", ["Under-Secretary-General"]),
        ("why do ppl say peacekeeping is a waste of money", ["expensive"]),
        # one slip from our own acronym, the likeliest slip wins: a letter dropped ("unamd")
        # over a far key to a mission we lack (UNAMA); two letters swapped ("dkpo") over one
        # added (DPO); a swap in a common word ("feild")
        ("when did unamd end", ["2020"]),
        ("when was dkpo created", ["1992"]),
        ("what did the department of feild support provide", ["Field Support"]),
        # a hedge carries no topic; a month may be shortened
        ("how are peacekeeping mandates usually authorized", ["Security Council"]),
        ("what happened to unamid on 31 dec 2020", ["2020"]),
        # UN peacekeeping and the Blue Helmets are the same concept, not another subject
        ("WHEN DID UN PEACEKEEPING WIN THE NOBEL PEACE PRIZE", ["1988"]),
        # a mission's acronym broken by a space; slips in question words; a run-together title
        ("un miss south sudan when", ["2011"]),
        ("wher is MONUSCO", ["Congo"]),
        ("what dose the undersecretery general for peacekeping do", ["peacekeeping"]),
        # in a bot about one post, "the post" is that post
        ("What is the official title of the post today?", ["Peace Operations"]),
        # a pronoun with a rare word or a number still says what it is about
        ("resolution 1996, which mission was that?", ["UNMISS"]),
        ("what did they do about the abuse scandals tbh", ["zero-tolerance|zero tolerance"]),
        # a claim to check with a year one slip off is corrected by the answer's year
        ("DPKO became DPO in 2018 right?", ["2019"]),
        ("MINUSCA was established in 2013 right?", ["2014"]),
        ("Is it true that UN peacekeepers got the Nobel Peace Prize in 1998?", ["1988"]),
        # a yes-no check matches a phrasing that asked "when"
        ("is it true MONUSCO was established by resolution 1925?", ["1925"]),
        # a zero for an O; two letters of a three-letter acronym swapped
        ("WHAT WAS THE DPK0 RENAMED TO AND WHEN", ["Peace Operations"]),
        ("when was DSF created?", ["2007"]),
        # "made" is created
        ("when was minusca made", ["2014"]),
        # the why is about the mention, not about the end
        ("Why does the document mention UNAMID even though it has ended?", ["earlier generation"]),
    ],
)
def test_answers_in_users_own_words(engine, question, expected):
    text = answer_text(engine, question)
    assert text is not None, question
    assert answer_matches(text, expected), text


def test_accents_case_and_punctuation_do_not_change_the_answer(engine):
    base = engine.answer("Who is Jean-Marie Guéhenno?")
    for variant in ("who is jean marie guehenno", "WHO IS JEAN-MARIE GUEHENNO???",
                    "who is   jean-marie  guéhenno"):
        other = engine.answer(variant)
        assert other.status == base.status and other.fact == base.fact, variant


@pytest.mark.parametrize(
    "question",
    [
        "What does UNIFIL do in Lebanon?",
        "what is UNAMIR",  # one letter from UNAMID
        "when was MINURCA created",  # one letter from MINUSCA
        "UNMIS mandate",  # one letter from UNMISS
        "What is MINUSCO?",  # one letter from both MONUSCO and MINUSCA: no guessing
        "Who is Pierre Lacroix?",
        "who is jean-pierre bemba",
        "what is the capital of mali",
        "tell me a joke",
        "who is the director of the WHO",
    ],
)
def test_declines_what_the_pack_does_not_know(engine, question):
    result = engine.answer(question)
    assert not result.answered, (question, result.fact and result.fact.id)


def test_unknown_lookalike_names_the_thing_it_does_not_know(engine):
    result = engine.answer("what is UNAMIR")
    assert result.reason == "outside" and result.unknown == "UNAMIR"


def test_confidence_is_a_probability_and_higher_when_answering(engine):
    answered = engine.answer("When was MINUSMA established?")
    declined = engine.answer("how tall is the eiffel tower")
    for r in (answered, declined):
        assert 0.0 <= r.confidence <= 1.0
    assert answered.answered and not declined.answered
    assert answered.confidence > declined.confidence


def test_a_question_without_a_subject_gets_did_you_mean_not_a_guess(engine):
    result = engine.answer("when was it established")
    assert result.status == "suggest"
    assert 1 <= len(result.suggestions) <= 3
    assert len({c.fact.id for c in result.suggestions}) == len(result.suggestions)


@pytest.mark.parametrize(
    "question",
    ["", "   \t\n", "\u200b\u200d\u2060", "\x00\x01\x02", "🙂🙂🙂", "@everyone", "<@123456>",
     "**bold** _it_ `code`", "מי ממנה את ראש מחלקת השלום", "مرحبا", "?" * 50],
)
def test_odd_input_never_crashes(engine, question):
    result = engine.answer(question)
    assert result.status in ("answer", "suggest", "abstain", "empty")
    assert not result.answered or result.fact is not None


def test_empty_question_is_empty(engine):
    assert engine.answer("  \u200b ").status == "empty"


def test_very_long_input_is_bounded(engine):
    question = "who appoints the usg pko " * 2000
    start = time.perf_counter()
    engine.answer(question)
    # generous bound: the input is cut before matching, so this is about not hanging
    assert time.perf_counter() - start < 5.0


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Hello everyone, I have an exam on international organisations tomorrow and I am "
         "panicking a bit. Who appoints the head of UN peacekeeping? Thanks so much!",
         ["Secretary-General"]),
        ("Sorry for the long message, our club meets on Friday and I was given the Sahel region "
         "to present. When did the mission in Mali end?", ["2023"]),
    ],
)
def test_a_long_message_is_answered_from_its_question(engine, message, expected):
    text = answer_text(engine, message)
    assert text is not None and answer_matches(text, expected), text


def test_the_context_of_a_long_message_can_still_make_it_out_of_scope(engine):
    result = engine.answer("We're covering Lebanon this week. What does the UN mission there do?")
    assert not result.answered
    assert not engine.answer("I'm researching UNIFIL. What is its mandate?").answered


def test_an_unknown_name_in_the_setting_does_not_refuse_a_question_about_the_pack(engine):
    """The Fifth Committee is only where the asker sits; the question is about the office."""
    text = answer_text(engine, "We're simulating the Fifth Committee, so budgets matter. Which "
                               "UN body provides budgetary and strategic oversight of the office?")
    assert text is not None and "General Assembly" in text


def test_a_resolution_number_is_not_a_year(engine):
    """"resolution 1996" names UNMISS's resolution; read as a year it would block the answer."""
    text = answer_text(engine, "Which mission was established by resolution 1996?")
    assert text is not None and "UNMISS" in text


@pytest.mark.parametrize(("question", "expected"),
                         [("Ladsous headed DPKO from 2000 to 2008, right?", "2011"),
                          ("MONUSCO was established in 1999, correct?", "2010")])
def test_wrong_dates_in_a_check_of_the_facts_own_dates_are_corrected(engine, question,
                                                                     expected):
    text = answer_text(engine, question)
    assert text is not None and expected in text


@pytest.mark.parametrize("question", ["what year did guehenno step down",
                                      "when did miyet resign"])
def test_leaving_office_in_other_words_is_the_end_of_a_tenure(engine, question):
    text = answer_text(engine, question)
    assert text is not None and "2000" in text  # Miyet 1997-2000, Guéhenno 2000-2008


def test_how_many_wants_a_count_in_the_answer(engine):
    """A count in words counts ("names five missions"); an answer without one does not."""
    text = answer_text(engine, "How many notable missions does the document list?")
    assert text is not None and "five" in text
    assert not engine.answer("how many troops does minusca have").answered


def test_a_year_the_answer_does_not_cover_is_not_answered(engine):
    """The 1988 prize does not answer a question about 2001."""
    assert engine.answer("Did UN peacekeepers win the Nobel Peace Prize in 1988?").answered
    assert not engine.answer("Did the UN win the Nobel Peace Prize in 2001 too?").answered


def test_a_fact_about_all_the_missions_answers_for_any_pair_of_them(engine):
    """A phrasing naming two missions matches the same question about two others, when the
    fact is about all five; the same wording about another single subject still does not."""
    text = answer_text(engine, "which is older, unmiss or monusco")
    assert text is not None and "2010" in text and "2011" in text
    assert not engine.answer("who appoints the secretary-general").answered


def test_a_calibration_without_pairwise_models_still_answers():
    """An older calibration file (linear models only), or one fitted for other features,
    falls back to the linear ranker and verifier instead of failing."""
    import copy

    from knowledge.engine import load_weights

    cal = load_weights()
    linear = copy.deepcopy(cal)
    linear["ranker"].pop("quadratic", None)
    linear["verifier"].pop("quadratic", None)
    linear["verifier"].pop("trees", None)
    stale = copy.deepcopy(cal)
    stale["ranker"]["quadratic"]["features"] = ["something", "else"]
    stale["verifier"]["trees"]["features"] = ["something", "else"]
    for weights in (linear, stale):
        text = Engine(load_pack(), weights=weights).answer("Who appoints the USG-PKO?")
        assert text.answered and "Secretary-General" in text.fact.answer


def test_the_verifier_trees_walk_to_the_leaf_their_thresholds_say():
    import numpy as np

    from knowledge.engine import VERIFIER, Trees

    depth2 = {"features": list(VERIFIER), "depth": 2, "rate": 0.5, "base": 1.0,
              "feature": [[0, 1, 2]], "threshold": [[0.5, 0.2, 1e9]],
              "leaf": [[-2.0, 4.0, 6.0, 8.0]]}
    trees = Trees(depth2)
    x = np.zeros(len(VERIFIER))
    assert trees.score(x) == 1.0 + 0.5 * -2.0  # left, left
    x[1] = 0.3
    assert trees.score(x) == 1.0 + 0.5 * 4.0  # left, right
    x[0] = 0.9
    assert trees.score(x) == 1.0 + 0.5 * 6.0  # right, then node 2 never splits: left


def test_a_total_the_document_does_not_give_is_not_answered_by_its_list(engine):
    assert engine.answer("how many missions does the usg-pko oversee").answered
    assert not engine.answer("How many peacekeeping missions are running in total today?"
                             ).answered


def test_why_a_mission_ended_is_not_answered_by_when_it_ended(engine):
    assert engine.answer("when did unamid end").answered
    assert not engine.answer("Why did UNAMID end?").answered
    assert not engine.answer("what made unamid end").answered  # a why in other words


def test_how_many_years_is_answered_by_a_span_of_years(engine):
    """"How many years did Guéhenno serve?" is answered by 2000-2008."""
    text = answer_text(engine, "How many years did Guéhenno serve?")
    assert text is not None and "2000" in text and "2008" in text


def test_a_request_to_the_bot_is_not_chit_chat(engine):
    """"Can you list..." asks for something; "are you a bot" is talk about the bot."""
    assert engine.answer("Can you list the debates in the Controversies section?").answered
    assert engine.answer("are you a bot").reason == "chitchat"
    # "you" in a question about the document is the reader, not the bot
    asked = engine.answer("Where does the article point you for more on peacekeeping?")
    assert asked.reason != "chitchat"


def test_this_year_is_the_packs_year(engine):
    """"This year" and "last year" are read against the pack's date (November 2026): the
    head this year is the one in office then; a fact about another year does not answer."""
    result = engine.answer("who is the head of un peacekeeping this year")
    assert result.answered and "Lacroix" in result.fact.answer
    assert not engine.answer("Who won the Nobel Peace Prize last year?").answered


def test_a_month_or_day_is_not_answered_by_a_year(engine):
    assert engine.answer("what date was minusma established").answered
    assert not engine.answer("In which month of 2011 did Ladsous take office?").answered


@pytest.mark.parametrize("word", ["peacekeeping", "sovereignty", "legitimacy", "security",
                                  "department", "successor", "predecessor", "responsibilities",
                                  "restructuring", "officeholders", "strategic"])
def test_a_dropped_letter_in_a_key_term_is_corrected(engine, word):
    """Every one-letter drop of a term the document uses is read as that term (a typo kept in
    the pack's own phrasings would be taken for a word and block this)."""
    for i in range(1, len(word)):
        slip = word[:i] + word[i + 1:]
        if slip == word or slip in engine.vocab:
            continue
        assert engine.speller.correct(slip) == word, slip


@pytest.mark.parametrize("question", ["when did it end?", "which resolution created it",
                                      "who appointed him?", "when was it set up"])
def test_a_pronoun_with_nothing_to_point_at_is_not_guessed(engine, question):
    """No earlier message to resolve "it" from: a guess would answer about any mission."""
    assert not engine.answer(question).answered


def test_a_fact_matching_nothing_is_never_ranked_over_one_matching_everything(engine):
    """"Where is MINUSCA?" once went to a fact that matched neither the name nor the words."""
    for question in ("Where is MINUSCA?", "where is minusca", "where is monusco"):
        text = answer_text(engine, question)
        assert text is not None and ("Central African Republic" in text or "Congo" in text)


def test_what_one_acronym_stands_for_does_not_answer_for_another(engine):
    result = engine.answer("whats the full title behind the acronym USG-PKO")
    assert not (result.answered and result.fact.answer.startswith("MINUSCA"))


@pytest.mark.parametrize("question", [
    "Which Secretary-General made the 2019 reform of the peace and security pillar?",
    "which Secretary-General created DPO in 2019? like what was his name"])
def test_which_secretary_general_wants_a_name_the_pack_does_not_hold(engine, question):
    assert not engine.answer(question).answered


@pytest.mark.parametrize(("question", "expected"),
                         [("how is DFS related to DPO", "Department of Operational Support"),
                          ("True or false: the Department of Field Support was created in 2007.",
                           "2007")])
def test_relations_and_true_or_false_are_plain_questions(engine, question, expected):
    text = answer_text(engine, question)
    assert text is not None and expected in text


@pytest.mark.parametrize(("question", "expected"),
                         [("Q12: What does USG-PKO stand for?", "Under-Secretary-General"),
                          ("Question 3. Which mission did resolution 1769 establish?", "UNAMID"),
                          ("#4 where is monusco", "Congo")])
def test_a_quiz_hosts_numbering_is_not_part_of_the_question(engine, question, expected):
    text = answer_text(engine, question)
    assert text is not None and expected in text


def test_the_documents_own_sections_are_answered(engine):
    text = answer_text(engine, "What sections does the document have?")
    assert text is not None and "Controversies and Debates" in text


@pytest.mark.parametrize("question", ["When did the Darfur conflict start?",
                                      "On which exact day in March 1992 was DPKO established?",
                                      "who runs the Department of Operational Support now"])
def test_lookalike_dates_and_heads_are_declined(engine, question):
    """A country's war is not its mission; a month does not give the day; DOS's head is not
    the post's."""
    assert not engine.answer(question).answered


def test_a_rival_beaten_on_every_piece_of_evidence_is_no_tie(engine):
    text = answer_text(engine, "whats DFS")
    assert text is not None and text.startswith("DFS is the Department of Field Support")


def test_the_same_words_about_someone_the_question_does_not_name_are_no_tie(engine):
    """"who even is Hervé Ladsous" meets "who even was Marrack Goulding" word for word."""
    text = answer_text(engine, "ok so who even is hervé ladsous")
    assert text is not None and text.startswith("Hervé Ladsous"), text


@pytest.mark.parametrize(("question", "expected"),
                         [("WHEN WAS DPKO ESTABLISHED AND WHEN DID IT CHANGE NAME",
                           ["1992", "2019"]),
                          ("What was UNAMID, and when did it end?", ["Darfur", "2020"]),
                          # two things set side by side, each told as if asked what it is
                          ("What's the difference between DFS and DOS?",
                           ["Field Support", "Operational Support"]),
                          ("what's the difference between MONUSCO and UNMISS",
                           ["Congo", "South Sudan"])])
def test_a_question_of_two_questions_gets_both_answers(engine, question, expected):
    text = answer_text(engine, question)
    assert text is not None and answer_matches(text, expected), text


def test_a_second_part_the_pack_cannot_answer_is_not_half_answered_as_both(engine):
    result = engine.answer("What is MONUSCO and what is its annual budget?")
    assert result.reason != "two-parts"


@pytest.mark.parametrize("question", ["What nationality is Hervé Ladsous?",
                                      "where is kofi annan from", "was goulding british",
                                      "why have so many heads of UN peacekeeping been French?",
                                      "When was MONUC first established?",
                                      "On what date did South Sudan become independent?"])
def test_what_neither_the_document_nor_the_curation_notes_give_is_declined(engine, question):
    """Nationalities, MONUC's own start, South Sudan's independence: the pack holds the
    document and the curator's notes, and these are in neither."""
    assert not engine.answer(question).answered


def test_a_french_name_is_declined_but_a_french_descriptor_still_asks(engine):
    """The notes give no French names; "the French guy who ran DPKO 2011-2017" only says who."""
    from knowledge.tenure import asks_nationality

    assert not engine.answer("What is MINUSCA called in French?").answered
    assert not asks_nationality("the french guy who ran dpko what is his name".split())
    assert not asks_nationality("a long french looking acronym what is it called".split())


@pytest.mark.parametrize(("question", "expected"), [
    ("whn ws minusma est?", "2013"),
    ("mnsca rsltn nmbr?", "2149"),
    ("wht dz mnsma stnd 4?", "Stabilization Mission in Mali"),
    ("mnsma wdrwl done whn?", "31 December 2023"),
    ("mrrck gldng yrs?", "1992-1993"),
    ("whats ladsous first name", "Hervé Ladsous"),
])
def test_words_typed_without_their_vowels(engine, question, expected):
    assert_answers(engine, question, expected)


@pytest.mark.parametrize(("question", "expected"), [
    ("Was Kofi the second head of peacekeeping, after Marrack? Just checking my memory.",
     "the second head"),
    ("When did Hervé take over the department, and when did he hand over to Jean-Pierre?",
     "2011-2017"),
])
def test_a_head_named_by_his_given_name_alone(engine, question, expected):
    assert_answers(engine, question, expected)


@pytest.mark.parametrize("question", ["who is Jean-Pierre Bemba", "Bernard Kouchner role?",
                                      "how many times did jean-marie le pen run for president"])
def test_a_heads_given_name_before_another_surname_is_someone_else(engine, question):
    assert not engine.answer(question).answered


@pytest.mark.parametrize(("question", "expected"), [
    # French acronyms and names of our missions and departments
    ("Quand la MINUAD (UNAMID) a-t-elle terminé au Darfour?", "31 December 2020"),
    ("Le DAM (Département de l'appui aux missions) a été créé en quelle année?", "2007"),
    # a statement with a full stop is a claim, corrected
    ("UNAMID ended in 2019.", "No. UNAMID"),
    ("MINUSMA operates in Niger.", "Mali"),
    # slang around the question
    ("POV: you're MINUSMA in 2023. which resolution pulled the plug", "2690"),
    ("ok boomer question: who was the OG first boss of DPKO", "Goulding"),
])
def test_french_names_statements_and_slang(engine, question, expected):
    assert_answers(engine, question, expected)


def test_a_word_without_vowels_that_fits_two_words_is_not_guessed(engine):
    assert engine.speller.correct("cld") is None  # called or could
    assert engine.speller.correct("ttl") is None  # title or total


@pytest.mark.parametrize(("question", "expected"), [
    ("Em que ano foi criado o Departamento de Operações de Manutenção da Paz?", "1992"),
    ("Chi è l'attuale capo delle operazioni di pace dell'ONU?", "Lacroix"),
    ("A MINUSMA ainda está ativa?", "has ended"),
    ("Quem sucedeu a Kofi Annan?", "Miyet"),
    ("Quanto tempo durou o mandato de Alain Le Roy como chefe das operações de paz?",
     "2008-2011"),
    ("Quais problemas de conduta dos peacekeepers o documento menciona?", "abuse"),
    ("¿Quién sucedió a Hervé Ladsous al frente del mantenimiento de la paz?", "Lacroix"),
    ("¿Cuáles de las cinco misiones ya terminaron?", "UNAMID"),
    ("A resolução 1925 criou qual missão?", "MONUSCO"),
    ("In which Monat and Jahr was the Department of Peacekeeping Operations gegründet?",
     "March 1992"),
    ("Hervé Ladsous ocupou o cargo de que ano a que ano?", "2011-2017"),
    ("Dear bot, I would be grateful if you could tell me when UNAMID came to an end.",
     "31 December 2020"),
])
def test_whole_questions_in_other_languages_and_formal_letters(engine, question, expected):
    """Read word by word into English; Portuguese "dos" ("of the") is no DOS."""
    assert_answers(engine, question, expected)


@pytest.mark.parametrize(("question", "expected"),
                         [("the UN army in south sudan, what's it called", "UNMISS"),
                          ("Ladsous ran DPKO 2008-2011 yeah?", "2011-2017"),
                          ("what did the international community push for on sexual abuse by "
                           "peacekeepers", "zero tolerance"),
                          ("What do the initials USG-PKO stand for?", "Peacekeeping Operations"),
                          # who asks, and for what, before a colon: not what is asked
                          ("Delegate of Ethiopia, Peacekeeping Committee: where does UNMISS "
                           "operate?", "South Sudan"),
                          ("As Kenya's delegate in GA First Committee, I need to know: who "
                           "appoints the USG-PKO according to the document?", "Secretary-General"),
                          ("As the delegate of Sudan, when did UNAMID end?", "31 December 2020"),
                          ("how meny peple have been the head of UN peacekeeping so far",
                           "Seven"),
                          # a question passed on for a child, and "how do I explain it?"
                          ("My son asks why UN peacekeepers are called 'Blue Helmets'. How do I "
                           "explain it?", "helmets"),
                          ("My daughter's worksheet asks which country MINUSCA is in. What do I "
                           "tell her?", "Central African Republic"),
                          ("How do I explain to my son what the UN mission in South Sudan does?",
                           "shelter civilians"),
                          # UNMISS with its last letter apart, or as UNMIS beside South Sudan
                          ("UNMIS5 where", "South Sudan"),
                          ("unmis south sudan what year", "2011"),
                          # a neighbouring key in a short word; "jurisdiction"
                          ("when did darfur mission emd", "2020"),
                          ("What is the USG-PKO's jurisdiction — what is the office actually "
                           "in charge of?", "strategic leadership"),
                          # "there" after a sentence naming a country; the asker's "will I"
                          ("My organisation is sending me to the Central African Republic. "
                           "What's the UN mission there called?", "MINUSCA"),
                          ("Will I find a UN peacekeeping mission in Mali if I go there now?",
                           "MINUSMA"),
                          ("bruh whats UNAMID n is it dead", "ended"),
                          ("Under whose leadership stood the DPKO in the year 1998?", "Miyet"),
                          # a long message asking without a question mark
                          ("I was sitting with my tea this morning. I remember the news from "
                           "the Congo back in the sixties. Anyway, what I wanted to know is "
                           "which resolution set up this MONUSCO mission, because his paper "
                           "only says 'DR Congo'. The print is awfully small, you see.", "1925"),
                          # a sports fan's words; notes to fill in or fix
                          ("UNAMID — when did the final buzzer sound?", "31 December 2020"),
                          ("Gap in my notes: 'The first head of DPKO was ____ (1992-1993).'",
                           "Marrack Goulding"),
                          ("Fix: 'MINUSMA operated in Mauritania, in the Sahel.'", "Mali"),
                          # a mission's "charter" is its mandate
                          ("Which resolution gave MINUSMA its charter?", "2100"),
                          # a bare statement is a claim to check, and corrected
                          ("UNAMID was in Somalia.", "Darfur"),
                          # a mission named by its one place or partner
                          ("That hybrid thing in Sudan — was it run by the UN alone?",
                           "African Union"),
                          ("The mission that was with the African Union — when did it end?",
                           "31 December 2020"),
                          ("How long did MINUSMA exist, roughly?", "2023"),
                          ("How many heads of UN peacekeeping are listed from 1992 onwards?",
                           "Seven"),
                          # a name half remembered
                          ("The one before Lacroix — Lad-something?", "Hervé Ladsous"),
                          ("The guy from the early 2000s, Jean-Marie something — what's his "
                           "surname?", "Guéhenno"),
                          # a greeting in the asker's language; "actual" as in French
                          ("Bonjour, who is the actual head of the peacekeeping at the UN?",
                           "Lacroix")])
def test_everyday_words_and_chat_checks(engine, question, expected):
    assert_answers(engine, question, expected)


def test_the_resolution_that_set_a_mission_up_does_not_answer_which_ended_it(engine):
    assert not engine.answer("which Security Council resolution ended UNAMID").answered
    text = answer_text(engine, "which resolution ended MINUSMA")
    assert text is not None and "2690" in text


@pytest.mark.parametrize(("question", "expected"),
                         [("How long did UNAMID run?", "13"),
                          ("true/false: UNAMID was established by resolution 1769", "1769"),
                          ("Lacroixx served 2011-2017 didnt he?", "Ladsous")])
def test_mission_runs_true_false_and_tag_questions(engine, question, expected):
    assert_answers(engine, question, expected)


@pytest.mark.parametrize(("question", "expected"),
                         [("MINUSCA is the UN mission in Chad, correct?",
                           "Central African Republic"),
                          ("UNAMID was the mission in Somalia right", "Darfur")])
def test_a_check_that_puts_a_mission_in_the_wrong_country_is_corrected(engine, question,
                                                                       expected):
    assert_answers(engine, question, expected)


def test_asking_about_a_country_the_pack_has_no_mission_in_is_still_declined(engine):
    assert not engine.answer("What is MINUSCA's role in Chad?").answered
    assert not engine.answer("Was resolution 1769 establishing UNAMID adopted unanimously?"
                             ).answered


def test_a_tag_question_is_a_check(engine):
    text = answer_text(engine, "UNAMID ended back in 2017 didn't it")
    assert text is not None and "2020" in text, text


@pytest.mark.parametrize(("question", "expected"),
                         [("DFS was renamed to the Department of Political Affairs in 2019, yes?",
                           "Department of Operational Support"),
                          ("UN peacekeeping forces got the Nobel Peace Prize in 2001, right?",
                           "1988"),
                          ("Since what year has Lacroix been USG for Peace Operations "
                           "specifically?", "2019"),
                          ("What is UNMISS trying to do?", "shelter civilians")])
def test_wrong_claims_and_plain_wordings_are_answered(engine, question, expected):
    assert_answers(engine, question, expected)


@pytest.mark.parametrize(("question", "expected"),
                         [("Herve Ladsous led peacekeeping from 2008 to 2017, right?",
                           "2011-2017"),
                          ("MONUSCO has been in the Congo since 2005, hasn't it?", "2010")])
def test_wrong_dates_about_a_named_subject_are_corrected_in_any_check(engine, question,
                                                                       expected):
    assert_answers(engine, question, expected)


@pytest.mark.parametrize(("question", "expected"),
                         [("How many years did UNAMID run, from its authorizing resolution to its "
                           "end?", "13"),
                          ("lacroix startd wen", "2017"),
                          ("What is peacekeeping accused of in the cultural and normative "
                           "critique?", "exporting values")])
def test_durations_shorthand_and_accusations(engine, question, expected):
    assert_answers(engine, question, expected)


def test_the_number_of_the_resolution_that_ended_unamid_is_not_held(engine):
    assert not engine.answer("What is the number of the Security Council resolution that ended "
                             "UNAMID?").answered


@pytest.mark.parametrize(("question", "expected"),
                         [("BONUS ROUND: Which Sahel country hosted MINUSMA?", "Mali"),
                          ("Quick-fire: the Department of Field Support was founded in what year?",
                           "2007"),
                          ("list every1 who had the peacekeeping boss job pls", "Goulding"),
                          ("Round 3, question 9: Which mission was in Darfur?", "UNAMID"),
                          ("For a point: what does MONUSCO stand for?", "Stabilization")])
def test_quiz_rounds_and_chat_numbers_are_not_the_question(engine, question, expected):
    assert_answers(engine, question, expected)


# what people type around the question, read for what it asks
@pytest.mark.parametrize(("question", "expected"), [
    # hedged and flat claims, mix-ups of two missions, a claim before the question
    ("UNMISS is in Somalia, I believe. Tell me if I'm wrong.", "South Sudan"),
    ("MINUSCA is the one in Mali right? obviously", "Central African Republic"),
    ("MONUSCO is in the Central African Republic, obviously.", "Congo"),
    ("MINUSCA operates in Mali, I'm pretty sure.", "Central African Republic"),
    ("my paper says MINUSMA is still deployed in Mali fighting terrorism. correct?", "2023"),
    ("Lacroix has been in charge since 2011, isn't that suspicious?", "2017"),
    ("My son thinks Lacroix started in 2019. Is that right?", "2017"),
    ("the nobel for peacekeepers was like 1987 or 88?", "1988"),
    ("I have UNMISS established on 9 July 2011 by resolution 1996. Is the date right?",
     "8 July 2011"),
    # a pronoun stands for the person named before; "that" is the claim, not the person
    ("I remember Le Roy touring our sector around 2009. What years did he head DPKO?", "2008"),
    ("Someone claimed Jean-Pierre Lacroix was the first ever head of DPKO. Is that true? Who "
     "was actually first?", "Goulding"),
    # slips of names and acronyms, and chat
    ("Who succeeded Bernard Miyette in 2000?", "Guéhenno"),
    ("Where does MONUSO operate?", "Congo"),  # as near MONUSCO as its own alias MONUSKO
    ("alan le roi when was he usg", "2008"),
    ("marek golding was the first boss right? what years", "1993"),
    ("unamit or unamid, the darfur thing, when did it get started", "2007"),
    ("wtf is MONUSCO lol", "Stabilization"),
    ("Who was head of peacekeeping when I first deployed in 1994?", "Annan"),
    ("Who headed the department when MINUSCA was set up in 2014?", "Ladsous"),
    ("Who came right after Marrack Goulding as head of UN peacekeeping?", "Annan"),
    # a head named by his place next to another
    ("the guy before Lacroix, what years did he serve?", "Ladsous"),
    ("the one after Annan, when did he leave?", "Miyet"),
    # other languages' question words
    ("Quando terminou a UNAMID?", "2020"),
    ("UNMISS está activa todavía?", "active"),
    ("The MONUSCO is in which país?", "Congo"),
    ("The mission in República Centroafricana, how it is called?", "MINUSCA"),
    ("Who was the primeiro head of DPKO?", "Goulding"),
    ("Hervé Ladsous, c'était de quand à quand exactement?", "2017"),
    ("Ciao! chi era il capo del peacekeeping dopo Miyet?", "Guéhenno"),
    ("O que significa UNMISS por extenso?", "South Sudan"),
    ("Jean-Pierre Lacroix está no cargo desde quando?", "2017"),
    # quiz cards and blanks
    ("Q: Which resolution established MINUSCA? A: ?", "2149"),
    ("Q: the mission in Darfur was called ____. A: ____", "UNAMID"),
    ("Q10: fill in: Hervé Ladsous served from 2011 to ____.", "2017"),
    ("fill in the blank: ____ was the first head of DPKO", "Goulding"),
    # the document's own words, and a whole list in one fact
    ("What staffing ratio does the document mention in reform proposals?", "civilian-male"),
    ("is peacekeeping just about deploying troops or is there more to it", "political"),
    ("list the resolutions that established each mission", "1769"),
])
def test_the_question_inside_the_message_is_answered(engine, question, expected):
    assert_answers(engine, question, expected)


def test_every_mission_s_establishing_resolution_in_one_answer(engine):
    result = engine.answer("list the resolutions that established each mission")
    for number in ("1769", "1925", "1996", "2100", "2149"):
        assert number in result.fact.answer


@pytest.mark.parametrize("question", [
    # a figure, a month, a resolution or a name the answer does not give
    "The peacekeeping budget is about 6 billion dollars a year, correct?",
    "In which month of 2007 was the Department of Field Support created?",
    "In what month of 2017 did Lacroix take over from Ladsous?",
    "which resolution set up the dept of field support in 2007",
    "Identify the Security Council resolution that ended UNAMID.",
    "What civilian-male staffing ratio do the reform proposals actually aim for?",
    "Which mission had more troops, MONUSCO or UNMISS?",
    "May I ask which Secretary-General appointed Mr. Ladsous to the post?",
    "Who was the UN Secretary-General when the 2019 reform took effect?",
    # a country's own facts
    "which countries border the central african republic",
    "what is the capital of mali",
    "which countries are in the Sahel region",
    "Em que cidade fica a sede da UNMISS?",  # a mission's city is not held either
    "MONUSCO main office is in which city?",
    "was UNMISS created in the same year South Sudan became independent?",
    # names and things outside the pack, offered or not beside ours
    "Quel est le nom complet en français de la MINUSCA?",
    "what's today's date, btw?",
    "Who wrote the source document?",
    "UNIFIL or UNMISS, which is older",
    "who was the head of the department of field support",
    # a claimed term or cause the answer does not give
    "The USG-PKO serves a fixed five-year term, right?",
    "MINUSMA left Mali because the UN ran out of money, correct?",
    "Which mission replaced UNAMID after it closed?",  # only MONUC and MONUSCO have one
    "how many peacekeepers died in the mali mission",  # a count the answer does not give
    "how long did MONUC run",  # its start is not given
    "UNMIS (sudan not south sudan) start yr?",  # the older Sudan mission, not UNMISS
    "When did UNMIS end?",
    "which resolution last renewed MINUSCA's mandate",  # renewals are not held
    "what does the UN charter say about MINUSMA",  # the Charter is not covered
    "How long is the term of office of the USG for Peace Operations? How many years?",
    "Which countries' troops serve in MINUSCA?",  # contributors are not held
    "What job did Alain Le Roy take after leaving peacekeeping, and where was Bernard Miyet "
    "born?",  # two heads' lives, not their order
    "Compare the budgets of MINUSCA and MINUSMA in MINUSMA's final year.",
    "Qui est le commandant de la force de la MINUSCA actuellement?",
    "MONUSCO troop count rn? asking for a strategy game",
    "Dear bot, could you tell me what post Mr Lacroix held before he became "
    "Under-Secretary-General?",  # his career before the post
    "Dear bot, when is MONUSCO scheduled to leave the Democratic Republic of the Congo?",
    "year the UN adopted its zero-tolerance policy on SEA?",  # the answer gives no year
    "Forget the document — what's YOUR personal opinion: is the UN a waste of money?",
    "Who's the next coach lined up to replace Lacroix?",  # the future
    # the question sentence alone names no budget; the message does
    "My notes: 'MONUSCO's annual budget is about $____ billion.' What's the number?",
    "Gap: 'The Special Representative heading UNMISS in 2023 was ____.'",
])
def test_details_the_pack_lacks_are_not_answered(engine, question):
    assert not engine.answer(question).answered


@pytest.mark.parametrize(("question", "lead"), [
    ("UNAMID ended in 2017, didn't it?", "No. UNAMID"),
    ("True or false: UNMISS was established in 2012.", "False. UNMISS"),
    ("MINUSMA was set up by resolution 2149, right?", "No. MINUSMA"),
    ("T/F: MONUSCO was established by resolution 1925.", "True. MONUSCO"),
    ("UNMISS was set up by res 1996 in 2011, correct?", "Yes. UNMISS"),
    # a date or number in one clause of the answer, telling the claim's own start or end
    ("Q25 T/F: UNAMID ended on 31 December 2020.", "True. UNAMID"),
    ("true/false: UNAMID was established by resolution 1769", "True. UNAMID"),
    ("Checking a detail: was MINUSMA's mandate ended by resolution 2690?", "Yes. MINUSMA"),
    ("Q10 T/F: Hervé Ladsous served from 2011 to 2017.", "True. Hervé Ladsous"),
])
def test_a_claim_the_answer_s_dates_settle_is_answered_yes_or_no(engine, question, lead):
    assert engine.answer(question).fact.answer.startswith(lead)


@pytest.mark.parametrize("question", [
    "Lacroix took over in 2017 and renamed DPKO in 2019, right?",  # two dates: left to it
    "Lacroix started in 2019 yeah?",  # 2019 dates the renaming in his answer: left to it
    "Was Le Roy head in 2010?",  # inside his 2008-2011
    "my prof said DPKO was founded in 1948, is that wrong?",  # "no" would mean "not wrong"
    "UNAMID didn't end in 2017, right?",  # negated
    "UNMISS was set up on 9 July 2011?",  # the answer's day is 8 July
    "UNMISS was established by resolution 1996 in 1996?",  # a resolution number is no year
    "resolution 1925?",  # claims nothing
    "Lacroix became head in 2019 right?",  # a change, and 2019 dates the renaming
    "MINUSMA withdrawal was completed in June 2023 right?",  # June 2023 dates its mandate's end
    "DFS was replaced by DPO in 2019 right?",  # by DOS: another department in that clause
    "Kofi Annan was Secretary-General from 1993 to 1996, right?",  # those are his DPKO years
    "true or false: the DPO was created in 1992",  # 1992 dates DPKO
])
def test_no_verdict_where_the_answer_does_not_settle_the_claim(engine, question):
    text = engine.answer(question).fact.answer
    assert not text.startswith(("No.", "Yes.", "False.", "True.")), text


@pytest.mark.parametrize(("question", "expected"), [
    ("Multiple choice: which mission was in Darfur? A) MINUSCA B) UNAMID C) UNMISS D) MONUSCO",
     "UNAMID"),
    ("Multiple choice: UNMISS operates in which country — A) Sudan B) Chad C) neither? Name it.",
     "South Sudan"),
    ("Quiz: which Sahel country hosted MINUSMA?", "Mali"),
    ("T/F: Jean-Pierre Lacroix took over UN peacekeeping in 2019.", "2017"),
    ("True or false: Marrack Goulding was the second head of DPKO, after Kofi Annan.",
     "the first head"),
    # the one option the answer does not name, when asked which is NOT one of them
    ("Which of these is NOT one of the notable missions listed in the document? A) MONUSCO  "
     "B) MINUSCA  C) UNIFIL  D) UNMISS", "C) UNIFIL: the only option not among them."),
])
def test_quiz_formats_are_read_past_their_options(engine, question, expected):
    assert_answers(engine, question, expected)


def test_a_multiple_choice_offering_people_outside_the_pack_is_declined(engine):
    result = engine.answer("Multiple choice: who's the next USG for Peace Operations after "
                           "Lacroix — A) Atul Khare B) Rosemary DiCarlo C) someone else?")
    assert not result.answered and result.unknown, result


@pytest.mark.parametrize(("question", "expected"), [
    ("dpo and dos what do those mean", "Operational Support"),
    ("the one from 1997 to 2000?", "Miyet"),
])
def test_two_names_asked_at_once_and_a_head_by_his_dates(engine, question, expected):
    assert_answers(engine, question, expected)


@pytest.mark.parametrize("question", ["Round 2, question 3:", "fill in:", "For a point:"])
def test_quiz_framing_with_no_question_in_it_is_declined_not_crashed(engine, question):
    result = engine.answer(question)
    assert not result.answered and not result.suggestions, result


@pytest.mark.parametrize("question", ["Q: A: ?", "T/F:", "Multiple choice: A) x B) y"])
def test_quiz_framing_around_nothing_is_not_answered(engine, question):
    assert not engine.answer(question).answered


def test_what_a_head_did_before_the_post_is_still_outside(engine):
    result = engine.answer("what did Ladsous do before DPKO?")
    assert not result.answered and result.unknown, result
