"""Read YAML files into plain Python values plus the line of every key and list item.

PyYAML keeps the last of two equal keys without a word, so a contributor's edit can silently
vanish. This loader builds values straight from the parser's events (with the C parser when
present), refuses duplicate keys, and records where each value sits so that errors can name a
line. Working from events skips PyYAML's node tree and per-node tag resolution, which is most of
its time on a large dataset.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from macros.data.problems import DataError, Loc, Problem, dotted

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

@dataclass
class Document:
    """A parsed YAML file: its value and the 1-based line of every key and list item in it."""

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


_TAG = "tag:yaml.org,2002:"
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_PLAIN_TAGS: dict[str, str] = {}  # plain scalar text -> resolved tag; keys repeat thousands of times


def _plain_tag(text: str) -> str:
    tag = _PLAIN_TAGS.get(text)
    if tag is None:
        tag = _PLAIN_TAGS[text] = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    return tag


def _scalar(event: yaml.ScalarEvent) -> Any:
    text = event.value
    if event.tag in (None, "!"):
        if not event.implicit[0]:
            return text  # quoted: always a string
        tag = _plain_tag(text)
    else:
        tag = event.tag
    kind = tag[len(_TAG):] if tag.startswith(_TAG) else tag
    if kind == "str":
        return text
    if kind == "int" and text.isdigit():
        return int(text)
    if kind == "float":
        # Money stays exact: the text "0.3" becomes Decimal("0.3"), never 0.299999...
        try:
            return Decimal(text.replace("_", ""))
        except InvalidOperation:
            pass
    if kind == "bool" and text in ("true", "false"):
        return text == "true"
    if kind == "timestamp" and len(text) == 10:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # such as 2026-02-30: left as text, the schema reports it with its line
    try:
        return _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, text, event.start_mark, event.end_mark))
    except (yaml.constructor.ConstructorError, ValueError):
        return text


class _Builder:
    """Builds values from parser events, noting the line of every key and list item."""

    def __init__(self, parser: Any, path: str) -> None:
        self.parser = parser
        self.path = path
        self.lines: dict[Loc, int] = {}
        self.anchors: dict[str, Any] = {}
        self.problems: list[Problem] = []

    def value(self, event: yaml.Event, loc: Loc) -> Any:
        if isinstance(event, yaml.ScalarEvent):
            result = _scalar(event)
        elif isinstance(event, yaml.MappingStartEvent):
            result = self._mapping(loc)
        elif isinstance(event, yaml.SequenceStartEvent):
            result = self._sequence(loc)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                line = event.start_mark.line + 1
                raise DataError([Problem(self.path, line, dotted(loc), f"alias is not defined above (got *{event.anchor})")])
            return self.anchors[event.anchor]
        else:  # pragma: no cover - the parser only emits the events above here
            raise TypeError(f"unexpected YAML event {event!r}")
        if event.anchor:
            self.anchors[event.anchor] = result
        return result

    def _sequence(self, loc: Loc) -> list[Any]:
        items: list[Any] = []
        get = self.parser.get_event
        event = get()
        while not isinstance(event, yaml.SequenceEndEvent):
            here = (*loc, len(items))
            self.lines[here] = event.start_mark.line + 1
            items.append(self.value(event, here))
            event = get()
        return items

    def _mapping(self, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        lines = self.lines
        get = self.parser.get_event
        event = get()
        while not isinstance(event, yaml.MappingEndEvent):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.ScalarEvent) and event.implicit[0] and event.value == "<<":
                # a merge key: its mapping (or list of mappings) supplies defaults; the first listed wins
                source = self.value(get(), loc)
                for part in reversed(source) if isinstance(source, list) else [source]:
                    merged.update(part)
                event = get()
                continue
            key_value = self.value(event, loc)
            key = key_value if isinstance(key_value, str) else str(key_value)
            here = (*loc, key)
            if key in result:
                message = f"duplicate key, first given on line {lines[here]} (got a second '{key}')"
                self.problems.append(Problem(self.path, line, dotted(here), message))
                self.value(get(), here)  # read past the value
            else:
                lines[here] = line
                result[key] = self.value(get(), here)
            event = get()
        return {**merged, **result} if merged else result


def load_text(text: str, path: str) -> Document:
    """Parse YAML text; raise DataError for syntax errors and duplicate keys."""
    parser = _Loader(text)
    try:
        parser.get_event()  # stream start
        start = parser.get_event()
        if isinstance(start, yaml.StreamEndEvent):
            raise DataError([Problem(path, 1, "", "file is empty (got no YAML document)")])
        builder = _Builder(parser, path)
        first = parser.get_event()
        builder.lines[()] = first.start_mark.line + 1
        value = builder.value(first, ())
        parser.get_event()  # document end
        if not isinstance(parser.get_event(), yaml.StreamEndEvent):
            raise DataError([Problem(path, 1, "", "holds more than one YAML document (got a second '---')")])
    except yaml.MarkedYAMLError as exc:
        mark, what = exc.problem_mark or exc.context_mark, exc.problem
        if exc.context_mark and mark and mark.line >= len(text.splitlines()):
            # "unexpected end of stream": point at where the unclosed thing started
            mark, what = exc.context_mark, f"{exc.context}, {exc.problem}"
        line = mark.line + 1 if mark else 1
        raise DataError([Problem(path, line, "", f"not valid YAML: {what} (got {_near(text, line)!r})")]) from None
    except yaml.YAMLError as exc:  # such as a control character the reader refuses
        mark = getattr(exc, "position", None)
        line = text.count("\n", 0, mark) + 1 if isinstance(mark, int) else 1
        raise DataError([Problem(path, line, "", f"not valid YAML: {exc} (got {_near(text, line)!r})")]) from None
    finally:
        parser.dispose()
    if builder.problems:
        raise DataError(builder.problems)
    return Document(path, value, builder.lines)


def load_file(file: Path, display: str | None = None) -> Document:
    """Parse one YAML file; `display` is the path used in messages."""
    shown = display or str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = file.read_bytes().count(b"\n", 0, exc.start) + 1
        raise DataError([Problem(shown, line, "", f"must be UTF-8 text (got byte {exc.object[exc.start]:#04x})")]) from None
    return load_text(text, shown)


def _near(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""
