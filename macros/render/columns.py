"""Column widths for a table from data/, worked out when the page is built rather than in the reader's browser.

A browser lays out a table's columns from the content of every row, and it paints a long page before it has
read all of it. A table painted with its first rows then widens and narrows its columns as the rest arrive, and
every row in it moves: a layout shift (tests/test_browser.py). So tables from data/ use the fixed layout, whose
columns keep the widths given here whatever the rows hold, until a reader opens a disclosure in one (extra.css).
The widths come from the rows' text, the way CSS 2.1 suggests for its automatic layout: each column gets at least
its longest word, and the width left over goes to the columns in proportion to how much longer their longest
lines are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

TABLE_CHARS = 90
"""The width of a laptop's content column (about 690 px) in characters of a table's 0.75 rem text."""
LONGEST_WORD_CHARS = 30
"""The most room a single word claims. A longer one (a name of 120 letters, a long link) breaks across lines
(extra.css) rather than squeeze every other column."""
PADDING_CHARS = 2
"""A cell's padding on both sides (0.6 em each), in characters."""
WEIGHTS = {"th": 1.1, "code": 1.2, "small": 0.85}
"""Text that is wider (bold headings, code) or narrower (small print) than a plain character."""
LINE_BREAKS = {"br", "p", "li", "div", "ul", "ol", "summary"}
"""Elements that start a new line inside a cell. <small> does too under a row's heading (extra.css)."""
VOID = {"br", "col", "img", "input", "wbr", "hr"}
"""Elements without content or an end tag."""
_WORD_BREAKS = re.compile(r"\s+|(?<=[-\u2013/])")
"""Where a line may wrap: at spaces, and after a hyphen, a dash or a slash."""


_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|<!--.*?-->|([^<]+|<)", re.S)
"""A tag (end mark, name, attributes), a comment, or text. The rows come from the project's own templates, so they
are well formed with every attribute quoted: a pattern reads them five times as fast as html.parser, which on a
page of 100 models was half of the time spent rendering its table."""
_CLOSED_BODY = re.compile(r"(<details(?: class=\"[^\"]*\")?>\s*<summary>.*?</summary>)"
                          r"([^<]*(?:<(?!details|/details>)[^<]*)*)</details>", re.S)
"""A closed disclosure without nested ones: what follows its summary is hidden, so it is dropped before reading, which
halves the text read for a table of models with their details (a disclosure with an attribute such as `open` is
read in full)."""
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_NAME = re.compile(r"[A-Za-z_:][-A-Za-z0-9_:.]*")


class _Cells:
    """Each cell's lines of visible text, row by row: not the caption, nor what a closed disclosure hides."""

    def __init__(self) -> None:
        self.rows: list[list[list[tuple[str, float]]]] = []
        self._cell: list[tuple[str, float]] | None = None
        self._open: list[tuple[str, str]] = []
        """Each open element, and whether its content shows, hides, or is a closed disclosure's (summary only)."""

    def _hidden(self) -> bool:
        for i, (_, content) in enumerate(self._open):
            if content == "hides":
                return True
            if content == "summary only" and (i + 1 == len(self._open) or self._open[i + 1][0] != "summary"):
                return True
        return False

    def _weight(self) -> float:
        weight = 1.0
        for tag, _ in self._open:
            weight *= WEIGHTS.get(tag, 1.0)
        return weight

    def feed(self, html: str) -> None:
        for end, tag, attrs, text in _TOKEN.findall(html):
            if text:
                self.handle_data(unescape(text))
            elif tag and end:
                self.handle_endtag(tag.lower())
            elif tag:
                self.handle_starttag(tag.lower(), _names(attrs))

    def handle_starttag(self, tag: str, named: set[str]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td") and self.rows and "colspan" not in named:  # a cell across columns claims none
            self._cell = [("", 1.0)]
            self.rows[-1].append(self._cell)
        in_row_heading = any(t == "th" for t, _ in self._open)
        if tag in LINE_BREAKS or (tag == "small" and in_row_heading):
            self._line()
        if tag in VOID:
            return
        content = "shows"
        if tag == "caption" or "hidden" in named:
            content = "hides"
        elif tag == "details" and "open" not in named:
            content = "summary only"
        self._open.append((tag, content))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break
        if tag in LINE_BREAKS or tag == "small":
            self._line()
        if tag in ("th", "td"):
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is None or self._hidden():
            return
        text, weight = self._cell[-1]
        self._cell[-1] = (text + data, weight if text.strip() else self._weight())

    def _line(self) -> None:
        if self._cell is not None and self._cell[-1][0].strip():
            self._cell.append(("", 1.0))


def _extent(lines: list[tuple[str, float]]) -> tuple[float, float]:
    """A cell's narrowest width (its longest word) and its widest (its longest line), in characters, each word
    counted as at most LONGEST_WORD_CHARS."""
    narrowest = widest = 0.0
    for text, weight in lines:
        line = " ".join(text.split())
        words = [len(word) for word in _WORD_BREAKS.split(line) if word]
        if words:
            narrowest = max(narrowest, min(max(words), LONGEST_WORD_CHARS) * weight)
            too_long = sum(length - LONGEST_WORD_CHARS for length in words if length > LONGEST_WORD_CHARS)
            widest = max(widest, (len(line) - too_long) * weight)
    return narrowest, widest


MAX_COLUMNS = 100
"""The most columns that can each have a whole per cent. A table with more (a dataset with 150 monthly volumes)
is left to the browser's automatic layout: no share of it could be given without a column of 0% or less."""


_ATTRIBUTES = r"""((?:[^>"']|"[^"]*"|'[^']*')*)"""
_PLAIN = r"[^<]*(?:<(?!/?(?:t[dhr]|thead|tbody|tfoot|table|caption)\b|!--)[^<]*)*"
"""What a cell read on its own may hold: anything but another cell, row or table, or a comment, which could hide one."""
_ROW_PART = re.compile(r"\s*(?:<(/?)(tr|thead|tbody|tfoot)\b" + _ATTRIBUTES + r">|<(t[dh])\b" + _ATTRIBUTES + ">("
                       + _PLAIN + r")</\4\s*>)\s*", re.I)
"""What a table's rows are made of, one after another, with the white space around each: the tags of a row or a part
of the table, and whole cells."""


def _cell_extents(html: str) -> list[list[tuple[float, float]]] | None:
    """Each row's cells' extents, each cell read on its own, or None when the rows are not plain enough for that: a
    part of the table or a cell that may be hidden, text between the cells, or a cell that holds another, a row, a
    table or a comment. Rows list their cells closed, one after another, and most cells recur (a price, a date, "not
    listed"), so each distinct cell is read once: on a provider's table of 100 models, this takes half the time, or
    less, of reading the whole table token by token."""
    rows: list[list[tuple[float, float]]] = []
    position, end = 0, len(html)
    while position < end:
        part = _ROW_PART.match(html, position)  # at this position only, so rows it cannot read cost one try
        if part is None:
            return None
        position = part.end()
        closing, element, attributes, cell, cell_attributes, content = part.groups()
        if element is not None:
            if "hidden" in _names(attributes):
                return None
            if not closing and element.lower() == "tr":
                rows.append([])
            continue
        named = _names(cell_attributes)
        if not rows or "hidden" in named:
            return None
        if "colspan" not in named:  # a cell across columns claims none
            rows[-1].append(_cell_extent(cell.lower(), content))
    return rows


def _names(attributes: str) -> set[str]:
    """The names of a tag's attributes, when any is one the reading heeds (an empty set otherwise)."""
    return set(_NAME.findall(_QUOTED.sub("", attributes))) if _NAMED.search(attributes) else set()


_NAMED = re.compile(r"hidden|colspan|open", re.I)
"""The attribute names the reading heeds, found anywhere in a tag: a tag with none of them needs no closer look."""


@lru_cache(maxsize=1 << 14)
def _cell_extent(tag: str, content: str) -> tuple[float, float]:
    """The extent of one cell, given its tag and what it holds, read as the only cell of a row."""
    parser = _Cells()
    parser.feed(f"<tr><{tag}>{content}</{tag}>")
    return _extent(parser.rows[0][0])


def _read_extents(html: str) -> list[list[tuple[float, float]]]:
    """Each row's cells' extents, the rows read token by token: what every table can be read by."""
    parser = _Cells()
    parser.feed(html)
    return [[_extent(cell) for cell in row] for row in parser.rows]


def widths(table: str) -> tuple[int, ...] | None:
    """Each column's share of the table's width in per cent (each at least 1, adding up to 100), from the HTML of
    a table's rows; None for a table without rows, or with more than MAX_COLUMNS columns, whose columns are
    better left to the browser."""
    # As plain text: the template hands over Markup, whose joins and substitutions escape what they add.
    html = _CLOSED_BODY.sub(r"\1</details>", str(table))
    extents = _cell_extents(html)
    rows = [row for row in (_read_extents(html) if extents is None else extents) if row]
    if len(rows) < 2:
        return None
    columns = max(len(row) for row in rows)
    if columns > MAX_COLUMNS:
        return None
    narrow = [float(PADDING_CHARS)] * columns
    wide = [float(PADDING_CHARS)] * columns
    for row in rows:
        for i, (word, line) in enumerate(row):
            narrow[i] = max(narrow[i], word + PADDING_CHARS)
            wide[i] = max(wide[i], line + PADDING_CHARS)
    least, most = sum(narrow), sum(wide)
    if most <= TABLE_CHARS:
        chars = wide
    elif least >= TABLE_CHARS:
        chars = narrow
    else:
        share = (TABLE_CHARS - least) / (most - least)
        chars = [n + (w - n) * share for n, w in zip(narrow, wide, strict=True)]
    return _percentages(chars)


def _percentages(chars: list[float]) -> tuple[int, ...]:
    """Whole per cents, each at least 1, that add up to 100: the rounding left over is given to the widest column,
    or, where many narrow columns each rounded up to 1 leave it less than 1, taken from the largest shares."""
    total = sum(chars)
    shares = [max(1, round(100 * c / total)) for c in chars]
    widest = chars.index(max(chars))
    shares[widest] += 100 - sum(shares)
    while shares[widest] < 1:
        largest = shares.index(max(shares))
        shares[largest] -= 1
        shares[widest] += 1
    return tuple(shares)
