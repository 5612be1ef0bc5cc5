"""Load a knowledge pack folder into a Pack, collecting `file:line: message` problems.

A pack folder holds:
  pack.yaml       id, title, as_of, source (file name), source_title, lead_section
  source.txt      the source document, verbatim
  entities.yaml   list of entities
  facts/*.yaml    lists of facts (any number of files, read in name order)
  quiz.yaml       optional list of quiz items
  outside.yaml    optional names the pack knows it does not cover (other missions, people...)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.document import parse_sections
from knowledge.model import (
    Entity,
    Fact,
    Link,
    Pack,
    Post,
    Provenance,
    QuizItem,
    Timelines,
)
from knowledge.yamlfile import LINE_KEY, YamlError, line_of, read_yaml

DEFAULT_PACK = Path(__file__).resolve().parent / "usg_pko"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class PackError(Exception):
    """A pack that cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class _Reader:
    root: Path
    problems: list[Problem] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def add(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def yaml(self, path: Path, optional: bool = False) -> Any:
        if optional and not path.exists():
            return None
        try:
            return read_yaml(path, self.rel(path))
        except YamlError as exc:
            self.add(exc.file, exc.line, exc.message)
            return None

    def items(self, path: Path, optional: bool = False) -> list[dict]:
        data = self.yaml(path, optional)
        if data is None:
            return []
        if not isinstance(data, list):
            self.add(self.rel(path), line_of(data) or 1, "expected a list of mappings")
            return []
        out = []
        for i, item in enumerate(data):
            if isinstance(item, dict):
                out.append(item)
            else:
                self.add(self.rel(path), 0, f"item {i + 1}: expected a mapping, got {item!r:.40}")
        return out


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if v is not None)
    return (str(value),)


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def _check_keys(r: _Reader, file: str, item: dict, allowed: set[str], required: set[str]) -> None:
    line = line_of(item)
    for key in item:
        if key != LINE_KEY and key not in allowed:
            r.add(file, line, f"unknown key {key!r}")
    for key in sorted(required):
        if item.get(key) in (None, "", []):
            r.add(file, line, f"missing {key!r}")


_ENTITY_KEYS = {"id", "kind", "name", "full_name", "aliases", "summary", "fields", "links",
                "related"}
_FACT_KEYS = {"id", "title", "questions", "answer", "entities", "see_also", "source", "curated"}
_QUIZ_KEYS = {"id", "question", "answer", "aliases", "distractors", "hint", "entity", "fact",
              "explanation"}


def _links(r: _Reader, file: str, line: int, raw: Any) -> tuple[Link, ...]:
    out = []
    for item in raw or []:
        if isinstance(item, dict) and item.get("url"):
            out.append(Link(str(item.get("title") or item["url"]), str(item["url"])))
        elif isinstance(item, str):
            out.append(Link(item, item))
        else:
            r.add(file, line_of(item) or line, f"bad link {item!r:.60}")
    return tuple(out)


def _entity(r: _Reader, file: str, raw: dict) -> Entity | None:
    _check_keys(r, file, raw, _ENTITY_KEYS, {"id", "kind", "name", "summary"})
    if not raw.get("id") or not raw.get("name"):
        return None
    line = line_of(raw)
    fields = raw.get("fields") or {}
    if not isinstance(fields, dict):
        r.add(file, line, "'fields' must be a mapping")
        fields = {}
    return Entity(
        id=str(raw["id"]),
        kind=str(raw.get("kind") or ""),
        name=str(raw["name"]),
        summary=str(raw.get("summary") or ""),
        full_name=_opt(raw.get("full_name")),
        aliases=_strs(raw.get("aliases")),
        fields=tuple((str(k), str(v)) for k, v in fields.items() if k != LINE_KEY),
        links=_links(r, file, line, raw.get("links")),
        related=_strs(raw.get("related")),
        line=line,
    )


def _fact(r: _Reader, file: str, raw: dict) -> Fact | None:
    _check_keys(r, file, raw, _FACT_KEYS, {"id", "questions", "answer"})
    if not raw.get("id"):
        return None
    line = line_of(raw)
    src, cur = raw.get("source"), raw.get("curated")
    if src and cur:
        r.add(file, line, "a fact has either 'source' or 'curated', not both")
    if isinstance(src, dict):
        prov = Provenance(section=_opt(src.get("section")), quote=_opt(src.get("quote")))
        if not prov.section or not prov.quote:
            r.add(file, line_of(src) or line, "'source' needs 'section' and 'quote'")
            prov = Provenance(section=prov.section, quote=prov.quote or "")
    elif isinstance(cur, dict):
        prov = Provenance(note=_opt(cur.get("note")), reference=_opt(cur.get("reference")))
        if not prov.note or not prov.reference:
            r.add(file, line_of(cur) or line, "'curated' needs 'note' and 'reference'")
    else:
        r.add(file, line, "missing provenance: 'source' (section, quote) or 'curated' (note, "
                          "reference)")
        prov = Provenance(note="", reference="")
    return Fact(
        id=str(raw["id"]),
        questions=_strs(raw.get("questions")),
        answer=str(raw.get("answer") or "").strip(),
        entities=_strs(raw.get("entities")),
        see_also=_strs(raw.get("see_also")),
        provenance=prov,
        title=_opt(raw.get("title")),
        file=file,
        line=line,
    )


def _quiz(r: _Reader, file: str, raw: dict) -> QuizItem | None:
    _check_keys(r, file, raw, _QUIZ_KEYS, {"id", "question", "answer"})
    if not raw.get("id"):
        return None
    return QuizItem(
        id=str(raw["id"]),
        question=str(raw.get("question") or ""),
        answer=str(raw.get("answer") or ""),
        aliases=_strs(raw.get("aliases")),
        distractors=_strs(raw.get("distractors")),
        hint=_opt(raw.get("hint")),
        entity=_opt(raw.get("entity")),
        fact=_opt(raw.get("fact")),
        explanation=_opt(raw.get("explanation")),
        file=file,
        line=line_of(raw),
    )


def _post(r: _Reader, file: str, raw: Any) -> Post | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not _strs(raw.get("names")):
        r.add(file, line_of(raw) if isinstance(raw, dict) else 1,
              "post: expected a mapping with a list of entity ids under 'names'")
        return None
    template = str(raw.get("tenure_fact") or "{official}-tenure")
    if "{official}" not in template:
        r.add(file, line_of(raw), "post: tenure_fact must contain '{official}'")
        return None
    return Post(names=_strs(raw.get("names")), tenure_fact=template,
                heads_fact=_opt(raw.get("heads_fact")), line=line_of(raw))


def _timelines(r: _Reader, file: str, raw: Any) -> Timelines | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not all(isinstance(v, str) for k, v in raw.items()
                                            if k != LINE_KEY):
        r.add(file, line_of(raw) if isinstance(raw, dict) else 1,
              "timelines: expected a mapping of entity kind to fact id")
        return None
    return Timelines(by_kind={str(k): v for k, v in raw.items() if k != LINE_KEY},
                     line=line_of(raw))


def read_pack(path: str | Path | None = None) -> tuple[Pack | None, list[Problem]]:
    """Read a pack folder. Returns the pack (None if unusable) and every structural problem."""
    root = Path(path) if path else DEFAULT_PACK
    r = _Reader(root)
    if not root.is_dir():
        r.add(str(root), 0, "pack folder not found")
        return None, r.problems
    meta = r.yaml(root / "pack.yaml")
    if not isinstance(meta, dict):
        if meta is not None:
            r.add(r.rel(root / "pack.yaml"), 1, "expected a mapping")
        return None, r.problems
    src_name = str(meta.get("source") or "source.txt")
    src_path = root / src_name
    try:
        source_text = src_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        r.add(r.rel(src_path), 0, f"cannot read source document: {exc.__class__.__name__}")
        return None, r.problems
    title, sections = parse_sections(source_text, str(meta.get("lead_section") or "Introduction"))

    entities: dict[str, Entity] = {}
    efile = r.rel(root / "entities.yaml")
    for raw in r.items(root / "entities.yaml"):
        ent = _entity(r, efile, raw)
        if ent is None:
            continue
        if ent.id in entities:
            r.add(efile, ent.line, f"duplicate entity id {ent.id!r}")
            continue
        entities[ent.id] = ent

    facts: dict[str, Fact] = {}
    fact_files = sorted((root / "facts").glob("*.yaml")) if (root / "facts").is_dir() else []
    if not fact_files:
        r.add(r.rel(root / "facts"), 0, "no fact files (facts/*.yaml)")
    for fpath in fact_files:
        ffile = r.rel(fpath)
        for raw in r.items(fpath):
            fact = _fact(r, ffile, raw)
            if fact is None:
                continue
            if fact.id in facts:
                r.add(ffile, fact.line, f"duplicate fact id {fact.id!r}")
                continue
            facts[fact.id] = fact

    quiz: dict[str, QuizItem] = {}
    qfile = r.rel(root / "quiz.yaml")
    for raw in r.items(root / "quiz.yaml", optional=True):
        item = _quiz(r, qfile, raw)
        if item is None:
            continue
        if item.id in quiz:
            r.add(qfile, item.line, f"duplicate quiz id {item.id!r}")
            continue
        quiz[item.id] = item

    outside = r.yaml(root / "outside.yaml", optional=True) or {}
    refusals: list[str] = []
    by_kind: dict[str, tuple[str, ...]] = {}
    if isinstance(outside, dict):
        for key, names in outside.items():
            if key != LINE_KEY:
                by_kind[str(key)] = _strs(names)
                if key != "ambiguous":  # too vague to refuse a question on; a quiz still
                    refusals.extend(by_kind[str(key)])  # won't accept them for an answer
    else:
        r.add(r.rel(root / "outside.yaml"), 1, "expected a mapping of lists of names")

    pack = Pack(
        path=str(root),
        id=str(meta.get("id") or root.name),
        title=str(meta.get("title") or title),
        as_of=str(meta.get("as_of") or ""),
        source_title=str(meta.get("source_title") or title),
        source_text=source_text,
        sections=sections,
        entities=entities,
        facts=facts,
        quiz=quiz,
        refusals=tuple(refusals),
        outside=by_kind,
        post=_post(r, r.rel(root / "pack.yaml"), meta.get("post")),
        timelines=_timelines(r, r.rel(root / "pack.yaml"), meta.get("timelines")),
    )
    return pack, r.problems


def load_pack(path: str | Path | None = None) -> Pack:
    """Load a pack or raise PackError with every structural problem."""
    pack, problems = read_pack(path)
    if pack is None or problems:
        raise PackError(problems)
    return pack
