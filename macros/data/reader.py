"""Read YAML files into plain Python values plus the line of every key and list item.

PyYAML keeps the last of two equal keys without a word, so a contributor's edit can silently
vanish. This loader builds values straight from the parser's events (with the C parser when
present), refuses duplicate keys, and records where each value sits so that errors can name a
line. Working from events skips PyYAML's node tree and per-node tag resolution, which is most of
its time on a large dataset (yaml.CSafeLoader takes twice as long as this reader, and keeps duplicates).

Each file is read twice only when it has something to refuse or something is wrong in it: a fast pass (_Quick)
builds the values of the files a contributor usually writes and nothing else, and any file it is not sure of is read
again by the line-aware builder (_Builder), which alone words the reader's problems. A file the fast pass took is
read again by _Builder only when a check asks for a line in it, to report a problem: lines cost as much again
as the values, and a file with nothing wrong in it needs none.

The data comes by pull request from people we do not know, so the reader is strict where YAML is
lenient, and every refusal is a `path:line` problem of bounded length, never a traceback or a hang:
numbers are plain digits (no hexadecimal, underscores, exponents, infinities or -0), true and
false are the only booleans (yes, no, on and off stay words), explicit tags such as !!binary are refused, keys are plain text, a
merge key takes mappings, nesting stops at MAX_DEPTH and aliases at MAX_NODES values expanded.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from macros.data.problems import DataError, Loc, Problem, dotted

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Read = tuple[Any, str]
"""What the fast path made of a file: its value, and the text it was read from, to find lines in when asked."""


class Document:
    """A parsed YAML file: its value and the 1-based line of every key and list item in it."""

    def __init__(self, path: str, value: Any, lines: dict[Loc, int] | None = None, problems: list[Problem] | None = None,
                 refused: frozenset[str] = frozenset(), text: str | None = None) -> None:
        self.path = path
        self.value = value
        self._lines = lines
        self._text = text
        """With no `lines`, the text the fast path read `value` from; the line-aware builder reads it for lines."""
        self.problems: list[Problem] = problems or []
        """What the reader refused while it read on: a duplicate key (the first value is kept) or a value it would
        not take (read as nothing). Only `load_text(..., keep_going=True)` returns a document that has any."""
        self.refused = refused
        """The fields whose value the reader refused and read as nothing; the schema's word on them adds nothing."""

    @property
    def lines(self) -> dict[Loc, int]:
        """The line of every key and list item, by its path from the top of the file."""
        if self._lines is None:
            self._lines = {} if self._text is None else _careful_load(self._text, self.path, keep_going=True).lines
            self._text = None
        return self._lines

    def line_of(self, loc: Loc) -> int:
        """The line of `loc`, or of the nearest enclosing value that has one."""
        lines = self.lines
        while loc:
            if loc in lines:
                return lines[loc]
            loc = loc[:-1]
        return lines.get((), 1)


_TAG = "tag:yaml.org,2002:"
_RESOLVER = yaml.resolver.Resolver()
_PLAIN_TAGS: dict[str, str] = {}  # plain scalar text -> resolved tag; keys repeat thousands of times
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_NEGATIVE_ZERO = re.compile(r"-0(?:\.0+)?")

MAX_DEPTH = 24
"""Deeper nesting than any data file needs; past it, the file is refused rather than recursed into."""
MAX_NODES = 200_000
"""Values one file may hold once aliases are expanded: far above a real provider file, far below a bomb."""
MAX_FILE_BYTES = 5_000_000
"""A provider file with thousands of models stays well under this."""
SHOWN_CHARS = 60
"""How much of an offending value a message quotes."""
MAX_NUMBER_CHARS = 40
"""The longest number read: a price is at most 13 characters (100000.000000) and a count 10. Python will not turn
a string of more than 4,300 digits into an int at all, so without this a long number stops the reader itself."""


def shown(text: str) -> str:
    """Part of a value for a message: at most SHOWN_CHARS characters, then an ellipsis."""
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


class _Refused(Exception):
    """A value the reader will not take, with what to say about it."""

    def __init__(self, message: str) -> None:
        self.message = message


def _tag(tag: str) -> str:
    """A tag as a file writes it: !!binary, not tag:yaml.org,2002:binary."""
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _plain_tag(text: str) -> str:
    tag = _PLAIN_TAGS.get(text)
    if tag is None:
        tag = _PLAIN_TAGS[text] = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    return tag


def _scalar(event: yaml.ScalarEvent) -> Any:
    text = event.value
    if event.tag not in (None, "!"):
        raise _Refused(f"YAML tags are not allowed; write the value itself (got {shown(_tag(event.tag))})")
    if not event.implicit[0]:
        return text  # quoted: always a string
    kind = _plain_tag(text)[len(_TAG):]
    if kind in ("int", "float"):
        if _NEGATIVE_ZERO.fullmatch(text):
            raise _Refused(f"write 0 without a sign (got {text})")
        if not _NUMBER.fullmatch(text):
            raise _Refused(f"write numbers as plain digits, such as 1000 or 0.25: no underscores, exponents, "
                           f"hexadecimal or leading zeros (got {shown(text)})")
        if len(text) > MAX_NUMBER_CHARS:
            raise _Refused(f"is far too long for a price or a count: at most {MAX_NUMBER_CHARS} characters "
                           f"(got {shown(text)}, {len(text):,} characters)")
        # Money stays exact: the text "0.3" becomes Decimal("0.3"), never 0.299999...
        return Decimal(text) if "." in text else int(text)
    if kind == "bool":
        # Only true and false are booleans; YAML 1.1's yes, no, on and off stay words, which a flag refuses
        # and a field of choices (reasoning.default: on) takes as written.
        return text == "true" if text in ("true", "false") else text
    if kind == "null":
        return None
    if kind == "timestamp" and len(text) == 10:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # such as 2026-02-30: left as text, the schema reports it with its line
    return text  # a date with a time, or a merge key's text: the schema says what it wants


class _Builder:
    """Builds values from parser events, noting the line of every key and list item."""

    def __init__(self, parser: Any, path: str) -> None:
        self.parser = parser
        self.path = path
        self.lines: dict[Loc, int] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, values it expands to)
        self.problems: list[Problem] = []
        self.refused: set[str] = set()
        self.nodes = 0

    def _stop(self, event: yaml.Event, loc: Loc, message: str) -> DataError:
        return DataError([Problem(self.path, event.start_mark.line + 1, dotted(loc), message)])

    def _count(self, event: yaml.Event, loc: Loc, nodes: int) -> None:
        self.nodes += nodes
        if self.nodes > MAX_NODES:
            raise self._stop(event, loc, f"holds more than {MAX_NODES:,} values once aliases are expanded "
                                         f"(got an alias bomb or a file far larger than any provider's)")

    def value(self, event: yaml.Event, loc: Loc) -> Any:
        if len(loc) > MAX_DEPTH:
            raise self._stop(event, loc[:MAX_DEPTH], f"nested more than {MAX_DEPTH} levels deep (got deeper nesting)")
        before = self.nodes
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise self._stop(event, loc, f"alias is not defined above (got *{shown(event.anchor)})")
            result, nodes = self.anchors[event.anchor]
            self._count(event, loc, nodes)
            return result
        self._count(event, loc, 1)
        if isinstance(event, yaml.ScalarEvent):
            try:
                result = _scalar(event)
            except _Refused as refused:
                self.problems.append(Problem(self.path, event.start_mark.line + 1, dotted(loc), refused.message))
                self.refused.add(dotted(loc))
                result = None
        elif isinstance(event, yaml.MappingStartEvent):
            if event.tag not in (None, "!"):
                raise self._stop(event, loc, f"YAML tags are not allowed (got {shown(_tag(event.tag))})")
            result = self._mapping(loc)
        elif isinstance(event, yaml.SequenceStartEvent):
            if event.tag not in (None, "!"):
                raise self._stop(event, loc, f"YAML tags are not allowed (got {shown(_tag(event.tag))})")
            result = self._sequence(loc)
        else:  # pragma: no cover - the parser only emits the events above here
            raise TypeError(f"unexpected YAML event {event!r}")
        if event.anchor:
            self.anchors[event.anchor] = (result, self.nodes - before)
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

    def _merge(self, event: yaml.Event, loc: Loc, merged: dict[str, Any]) -> None:
        """A merge key: its mapping (or list of mappings) supplies defaults; the first listed wins."""
        source = self.value(event, loc)
        parts = source if isinstance(source, list) else [source]
        if not parts or not all(isinstance(part, dict) for part in parts):
            what = "a list holding other values" if isinstance(source, list) else "a single value"
            raise self._stop(event, loc, f"a merge key (<<) takes a mapping or a list of mappings (got {what})")
        for part in reversed(parts):
            merged.update(part)

    def _mapping(self, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        lines = self.lines
        get = self.parser.get_event
        event = get()
        while not isinstance(event, yaml.MappingEndEvent):
            line = event.start_mark.line + 1
            if not isinstance(event, yaml.ScalarEvent):
                raise self._stop(event, loc, "keys must be plain text (got a list, a mapping or an alias as a key)")
            if event.implicit[0] and event.value == "<<":
                self._merge(get(), loc, merged)
                event = get()
                continue
            if event.tag not in (None, "!"):
                raise self._stop(event, loc, f"YAML tags are not allowed (got {shown(_tag(event.tag))})")
            key = event.value
            self._count(event, loc, 1)
            here = (*loc, key)
            if key in result:
                message = f"duplicate key, first given on line {lines[here]} (got a second '{shown(key)}')"
                self.problems.append(Problem(self.path, line, dotted(here), message))
                self.value(get(), here)  # read past the value
            else:
                lines[here] = line
                result[key] = self.value(get(), here)
            event = get()
        return {**merged, **result} if merged else result


class _Defer(Exception):
    """The fast path met something only the line-aware builder reports: it reads the file again."""


_NO_TAG = (None, "!")


class _Quick:
    """Builds a value from parser events with no line bookkeeping; defers every file it is not sure of.

    It takes only what the line-aware builder would take without a word: no anchors, aliases, merge keys or tags,
    no duplicate key, no value `_scalar` refuses, no nesting past MAX_DEPTH and at most MAX_NODES values. Anything
    else, and any syntax error, raises _Defer, and `load_text` reads the file again with _Builder, so every message
    comes from one place. On a 10,000-model dataset it takes three quarters of _Builder's time, most of which is
    the parser's own (it makes every event, with its marks, as a Python object).
    """

    def __init__(self, parser: Any) -> None:
        self.get = parser.get_event
        self.nodes = 0
        self.plain: dict[str, Any] = {}  # plain scalar text -> value, for this file only; values are immutable

    def value(self, event: yaml.Event, depth: int) -> Any:
        """The value starting at `event`."""
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH or event.anchor is not None or event.tag not in _NO_TAG:
            raise _Defer
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.tag is None and event.implicit[0]:
                try:
                    return self.plain[event.value]
                except KeyError:
                    pass
            try:
                result = _scalar(event)
            except _Refused:
                raise _Defer from None
            if event.tag is None and event.implicit[0]:
                self.plain[event.value] = result
            return result
        if kind is yaml.MappingStartEvent:
            return self._mapping(depth)
        if kind is yaml.SequenceStartEvent:
            return self._sequence(depth)
        raise _Defer  # an alias

    def _mapping(self, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        get = self.get
        event = get()
        while type(event) is not yaml.MappingEndEvent:
            if type(event) is not yaml.ScalarEvent or event.anchor is not None or event.tag not in _NO_TAG:
                raise _Defer
            key = event.value
            if key in result or (key == "<<" and event.implicit[0]):
                raise _Defer
            self.nodes += 1
            result[key] = self.value(get(), depth + 1)
            event = get()
        return result

    def _sequence(self, depth: int) -> list[Any]:
        items: list[Any] = []
        get = self.get
        event = get()
        while type(event) is not yaml.SequenceEndEvent:
            items.append(self.value(event, depth + 1))
            event = get()
        return items


def _quick_load(text: str) -> Read | None:
    """The value of `text`, and the text, when the fast path takes it; None when only _Builder may say what it holds."""
    parser = _Loader(text)
    try:
        get = parser.get_event
        get()  # stream start
        if type(get()) is not yaml.DocumentStartEvent:
            return None
        value = _Quick(parser).value(get(), 0)
        get()  # document end
        if type(get()) is not yaml.StreamEndEvent:
            return None
        return value, text
    except (_Defer, yaml.YAMLError):
        return None
    finally:
        parser.dispose()


def load_text(text: str, path: str, keep_going: bool = False) -> Document:
    """Parse YAML text; raise DataError for syntax errors, duplicate keys and every value the reader refuses.

    With `keep_going`, only what stops the reader (a syntax error, a bomb, a tag on a mapping) raises; duplicate
    keys and refused values come back in `Document.problems`, so the schema can report the rest of the file in
    the same run instead of after the first fix.
    """
    quick = _quick_load(text)
    if quick is not None:
        return Document(path, quick[0], text=text)
    return _careful_load(text, path, keep_going)


def _careful_load(text: str, path: str, keep_going: bool) -> Document:
    """`load_text` with the line-aware builder alone: the one place that says what is wrong with a file."""
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
        raise DataError([Problem(path, line, "", f"not valid YAML: {shown(str(what))} (got {_near(text, line)!r})")]) from None
    except yaml.YAMLError as exc:  # such as a control character the reader refuses
        mark = getattr(exc, "position", None)
        line = text.count("\n", 0, mark) + 1 if isinstance(mark, int) else 1
        reason = getattr(exc, "reason", None) or "unreadable text"
        raise DataError([Problem(path, line, "", f"not valid YAML: {shown(str(reason))} (got {_near(text, line)!r})")]) from None
    finally:
        parser.dispose()
    if builder.problems and not keep_going:
        raise DataError(builder.problems)
    return Document(path, value, builder.lines, builder.problems, frozenset(builder.refused))


def read_quickly(file: Path) -> Read | None:
    """What the fast path makes of `file`: its value and text, or None when only `load_file` may say what it holds
    (a file too large, not UTF-8, or holding anything the fast path leaves to the line-aware builder).

    It returns plain values only, so another process can read a file this way and send the result over a pipe."""
    data = file.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return _quick_load(text)


def load_file(file: Path, display: str | None = None, keep_going: bool = False,
              read: Read | None = None) -> Document:
    """Parse one YAML file; `display` is the path used in messages; `read` is what `read_quickly` already made of it.

    The caller has checked that `file` is a regular file and no link (macros.data.files).
    """
    shown_path = display or str(file)
    if read is not None:
        return Document(shown_path, read[0], text=read[1])
    data = file.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise DataError([Problem(shown_path, 1, "", f"is larger than {MAX_FILE_BYTES:,} bytes (got {len(data):,})")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError([Problem(shown_path, line, "", f"must be UTF-8 text (got byte {data[exc.start]:#04x})")]) from None
    return load_text(text, shown_path, keep_going)


def _near(text: str, line: int) -> str:
    lines = text.splitlines()
    return shown(lines[line - 1].strip()) if 0 < line <= len(lines) else ""
