"""Read YAML files keeping the line of every mapping, so problems can say `file:line`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is ten times faster; the pure-Python loader is the fallback
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader

LINE_KEY = "__line__"


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


class YamlError(Exception):
    """A file that is missing or is not valid YAML; str() is `file:line: message`."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = file, line, message


def read_yaml(path: Path, display: str | None = None) -> Any:
    """Parse `path`; every mapping gets its 1-based line under LINE_KEY."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlError(name, 0, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(name, 0, f"cannot read: {exc}") from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - safe loader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        context = exc.context
        if context and exc.context_mark is not None and exc.context_mark is not mark:
            context = f"{context} (started on line {exc.context_mark.line + 1})"
        msg = " ".join(str(p) for p in (context, exc.problem) if p) or "invalid YAML"
        raise YamlError(name, line, f"YAML syntax: {msg}") from None
    except yaml.YAMLError as exc:
        raise YamlError(name, 0, f"YAML syntax: {exc}") from None


def line_of(obj: Any) -> int:
    """The line a mapping started on, or 0."""
    return obj.get(LINE_KEY, 0) if isinstance(obj, dict) else 0
