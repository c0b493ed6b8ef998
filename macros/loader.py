"""Read YAML files into plain Python values plus the line of every value.

PyYAML keeps the last of two equal keys without a word, so a contributor's edit can silently
vanish. This loader composes the node tree itself (with the C parser when present), refuses
duplicate keys, and records where each value sits so that errors can name a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Loc = tuple[str | int, ...]

_FLOAT_TAG = "tag:yaml.org,2002:float"


@dataclass
class Problem:
    """One thing wrong with the data, located to a file and line."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}: {where}{self.message}"


@dataclass
class Document:
    """A parsed YAML file: its value and the 1-based line of every location in it."""

    path: str
    value: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """The line of `loc`, or of the nearest enclosing value that has one."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


class DataError(Exception):
    """Raised with every problem found, so one run reports them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.constructor = _Loader("")
        self.lines: dict[Loc, int] = {}
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        if node.tag == _FLOAT_TAG:
            # Money stays exact: the text "0.3" becomes Decimal("0.3"), never 0.299999...
            try:
                return Decimal(node.value.replace("_", ""))
            except ArithmeticError:
                return self.constructor.construct_object(node)
        return self.constructor.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        self.constructor.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.constructor.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                first = self.lines[loc + (key,)]
                self.problems.append(
                    Problem(
                        self.path,
                        key_node.start_mark.line + 1,
                        dotted(loc + (key,)),
                        f"duplicate key, first given on line {first} (got a second '{key}')",
                    )
                )
                continue
            result[key] = self.build(value_node, loc + (key,))
            self.lines[loc + (key,)] = key_node.start_mark.line + 1
        return result


def dotted(loc: Loc) -> str:
    """`("models", 3, "prices", "input_mtok")` -> `models[3].prices.input_mtok`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def load_text(text: str, path: str) -> Document:
    """Parse YAML text; raise DataError for syntax errors and duplicate keys."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise DataError([Problem(path, line, "", f"not valid YAML: {exc.problem} (got {_near(text, line)!r})")]) from None
    if node is None:
        raise DataError([Problem(path, 1, "", "file is empty (got no YAML document)")])
    builder = _Builder(path)
    value = builder.build(node, ())
    if builder.problems:
        raise DataError(builder.problems)
    return Document(path, value, builder.lines)


def load_file(file: Path, display: str | None = None) -> Document:
    """Parse one YAML file; `display` is the path used in messages."""
    return load_text(file.read_text(encoding="utf-8"), display or str(file))


def _near(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""
