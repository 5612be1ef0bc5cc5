"""The validator: the shipped pack passes, and each kind of problem is caught with file:line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.loader import DEFAULT_PACK, PackError, load_pack
from knowledge.validate import validate

SOURCE = "The USG-PKO is appointed by the Secretary-General. It oversees missions.\n"

GOOD_ENTITIES = """\
- id: usg-pko
  kind: official
  name: USG-PKO
  summary: The head of UN peacekeeping.
  links: [{title: UN, url: "https://www.un.org/"}]
- id: secretary-general
  kind: official
  name: Secretary-General
  summary: The UN's chief administrative officer.
  related: [usg-pko]
"""

GOOD_FACTS = """\
- id: appointment
  questions: [Who appoints the USG-PKO?, Who picks the USG-PKO?, USG-PKO appointment]
  answer: The Secretary-General appoints the USG-PKO.
  entities: [usg-pko]
  see_also: [secretary-general]
  source:
    section: Introduction
    quote: The USG-PKO is appointed by the Secretary-General.
- id: oversight
  questions: [What does the USG-PKO oversee?, What is the USG-PKO in charge of?, usg duties]
  answer: It oversees missions.
  entities: [usg-pko]
  curated:
    note: Restated for the test.
    reference: "Example, https://www.un.org/"
"""


def make_pack(root: Path, entities: str = GOOD_ENTITIES, facts: str = GOOD_FACTS,
              source: str = SOURCE, quiz: str | None = None) -> Path:
    pack = root / "pack"
    (pack / "facts").mkdir(parents=True)
    (pack / "pack.yaml").write_text("id: test\ntitle: Test\nas_of: '2026-11-01'\n"
                                    "source: source.txt\n", encoding="utf-8")
    (pack / "source.txt").write_text("Title line\n" + source, encoding="utf-8")
    (pack / "entities.yaml").write_text(entities, encoding="utf-8")
    (pack / "facts" / "main.yaml").write_text(facts, encoding="utf-8")
    if quiz is not None:
        (pack / "quiz.yaml").write_text(quiz, encoding="utf-8")
    return pack


def add_to_pack_yaml(pack: Path, text: str) -> None:
    with open(pack / "pack.yaml", "a", encoding="utf-8") as fh:
        fh.write(text)


def messages(pack: Path) -> list[str]:
    return [str(p) for p in validate(pack).problems]


def test_shipped_pack_validates_and_covers_the_document():
    report = validate(DEFAULT_PACK)
    assert report.problems == []
    assert report.coverage is not None and report.coverage.percent >= 95.0
    pack = load_pack()
    assert len(pack.facts) >= 100
    for fact in pack.facts.values():
        assert len(fact.questions) >= 3
        assert fact.provenance.quote or fact.provenance.reference


def test_a_good_fixture_pack_has_no_problems(tmp_path):
    report = validate(make_pack(tmp_path))
    assert report.problems == []
    assert (report.coverage.cited, report.coverage.total) == (1, 2)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda e, f: (e, f.replace("see_also: [secretary-general]", "see_also: [nobody]")),
         "main.yaml:1: appointment: unknown entity 'nobody'"),
        (lambda e, f: (e.replace("related: [usg-pko]", "related: [ghost]"), f),
         "entities.yaml:6: secretary-general: unknown related entity 'ghost'"),
        (lambda e, f: (e, f.replace("id: oversight", "id: appointment")),
         "main.yaml:9: duplicate fact id 'appointment'"),
        (lambda e, f: (e.replace("id: secretary-general", "id: usg-pko"), f),
         "entities.yaml:6: duplicate entity id 'usg-pko'"),
        (lambda e, f: (e, f.replace("usg duties", "Who appoints the USG-PKO")),
         "main.yaml:9: oversight: duplicate question"),
        (lambda e, f: (e, f.replace("quote: The USG-PKO is appointed", "quote: The USG is named")),
         "main.yaml:1: appointment: quote not found in the document"),
        (lambda e, f: (e, f.replace("section: Introduction", "section: History")),
         "main.yaml:1: appointment: section 'History' does not match"),
        (lambda e, f: (e, f.replace("answer: It oversees missions.", "answer: ''")),
         "main.yaml:9: missing 'answer'"),
        (lambda e, f: (e, f.replace("answer: It oversees missions.",
                                    "answer: " + "It oversees missions. " * 5)),
         "main.yaml:9: oversight: answer too long"),
        (lambda e, f: (e.replace("https://www.un.org/", "http://www.un.org/"), f),
         "entities.yaml:1: usg-pko: bad URL 'http://www.un.org/'"),
        (lambda e, f: (e, f.replace("appointment\n  questions:", "appointment\n  questions:\n   "
                                                                 " - [unclosed")),
         "main.yaml:3: YAML syntax"),
        (lambda e, f: (e.replace("kind: official\n  name: USG", "kind: robot\n  name: USG"), f),
         "entities.yaml:1: usg-pko: unknown kind 'robot'"),
        (lambda e, f: (e, f.replace("    reference: \"Example, https://www.un.org/\"\n", "")),
         "main.yaml:14: 'curated' needs 'note' and 'reference'"),
        (lambda e, f: (e, f.replace("  questions: [What does",
                                    "  colour: red\n  questions: [What does")),
         "main.yaml:9: unknown key 'colour'"),
    ],
)
def test_each_problem_is_reported_with_file_and_line(tmp_path, mutate, expected):
    entities, facts = mutate(GOOD_ENTITIES, GOOD_FACTS)
    found = messages(make_pack(tmp_path, entities, facts))
    assert any(expected in m for m in found), found


def test_quiz_problems_are_reported(tmp_path):
    quiz = """\
- id: q1
  question: Who appoints the USG-PKO?
  answer: Secretary-General
  distractors: [Secretary-General, General Assembly]
  entity: nobody
"""
    found = messages(make_pack(tmp_path, quiz=quiz))
    assert any("q1: a distractor is the answer" in m for m in found), found
    assert any("q1: unknown entity 'nobody'" in m for m in found), found


def test_uncited_sentences_lower_coverage(tmp_path):
    pack = make_pack(tmp_path, source=SOURCE + "A third sentence nobody cites.\n")
    cov = validate(pack).coverage
    assert (cov.cited, cov.total) == (1, 3)
    assert "A third sentence nobody cites." in [s.text for s in cov.uncited]


def test_missing_file_and_missing_folder_are_named(tmp_path):
    pack = make_pack(tmp_path)
    (pack / "entities.yaml").unlink()
    assert any("entities.yaml:0: file not found" in m for m in messages(pack))
    assert "pack folder not found" in messages(tmp_path / "nowhere")[0]


def test_load_pack_raises_with_every_problem(tmp_path):
    pack = make_pack(tmp_path)
    shutil.rmtree(pack / "facts")
    with pytest.raises(PackError) as info:
        load_pack(pack)
    assert "no fact files" in str(info.value)


def test_post_problems_are_reported_against_pack_yaml(tmp_path):
    entities = GOOD_ENTITIES + """\
- id: first-head
  kind: official
  name: First Head
  summary: The first head.
  fields: {tenure: "1992-1993"}
- id: second-head
  kind: official
  name: Second Head
  summary: The second head.
  fields: {tenure: "from 1993"}
"""
    pack = make_pack(tmp_path, entities)
    add_to_pack_yaml(pack, "post:\n  names: [usg-pko, ghost]\n  heads_fact: nowhere\n")
    found = messages(pack)
    assert any("pack.yaml:6: post: unknown entity 'ghost'" in m for m in found), found
    assert any("post: unknown fact 'nowhere'" in m for m in found), found
    assert any("first-head: no tenure fact 'first-head-tenure'" in m for m in found), found
    assert any("second-head: tenure 'from 1993'" in m for m in found), found


def test_timeline_problems_are_reported_against_pack_yaml(tmp_path):
    pack = make_pack(tmp_path)
    add_to_pack_yaml(pack, "timelines:\n  mission: nowhere\n  planet: nowhere\n")
    found = messages(pack)
    assert any("pack.yaml:6: timelines: unknown fact 'nowhere'" in m for m in found), found
    assert any("timelines: unknown entity kind 'planet'" in m for m in found), found


def test_a_timeline_that_is_not_a_mapping_is_a_load_error(tmp_path):
    pack = make_pack(tmp_path)
    add_to_pack_yaml(pack, "timelines: [missions-timeline]\n")
    assert any("timelines: expected a mapping" in m for m in messages(pack))
