"""The one escaping path from data to output. Every value a template prints passes through `inert`.

Escaping `<>&"` is not enough on these pages: Python-Markdown reads the macros' output after they
have run, and its inline patterns (links, images, emphasis, code, attribute lists) run before it
sets raw HTML aside, so `![x](y "z")` inside a title attribute would become an image of its own.
Here every character that starts HTML or Markdown syntax becomes a character reference, which the
browser shows as the character and Markdown passes through untouched, and every run of white space,
line breaks included, becomes one space, so no value can start a line (headings, lists, code blocks,
snippets and abbreviation definitions all need that). The same text is inert in GitHub's Markdown,
so the pull-request report uses it too.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_MARKDOWN = "\\`*_[](){}!|~^"
_TABLE = {ord(c): e for c, e in _NAMED.items()} | {ord(c): f"&#{ord(c)};" for c in _MARKDOWN}
_SPACE = re.compile(r"\s+")
# C0 and C1 controls other than white space, and the bidirectional overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


_PLAIN = re.compile(r"[0-9A-Za-z.,:;/$%+=?@# -]*")
"""Characters that `inert` leaves as they are: most names, ids, dates, numbers and addresses hold nothing else."""


def inert(value: object) -> Markup:
    """`value` as text that no HTML or Markdown parser turns into structure; Markup passes unchanged."""
    if isinstance(value, Markup):
        return value
    text = str(value)
    # str's own constructor makes the Markup: Markup's first asks the value whether it is HTML, which a str never is,
    # and on plain text that question was a third of what `inert` cost.
    if _PLAIN.fullmatch(text) and "  " not in text:  # nothing to replace; a page prints hundreds of thousands of values
        return str.__new__(Markup, text)
    return str.__new__(Markup, _SPACE.sub(" ", _CONTROL.sub("\ufffd", text)).translate(_TABLE))


FIELD = "\f"
"""Marks a figure in a copy text that follows the reader's currency: `FIELD kind FIELD as in US dollars FIELD`, where
kind is `m` and an amount in US dollars (money as the page shows it), `n` and an amount (a number for a spreadsheet),
`c` (the currency's code) or `u` (its name). copy.js writes each field in the chosen currency (currency.js), or as in
US dollars. No data string can hold the mark: `inert` and `tsv_cell` make every run of white space one space, and a
form feed is white space."""


def copy_field(kind: str, usd: str) -> Markup:
    """One field of a copy text (FIELD): `kind` (m0.0042, n0.0042, c, u) and its text in US dollars."""
    return Markup(f"{FIELD}{kind}{FIELD}{usd}{FIELD}")


def copy_text(value: object) -> Markup:
    """A text made to be copied (a Markdown table, spreadsheet rows) as one attribute value, kept exactly.

    Unlike `inert`, Markup is escaped too, and line breaks and tabs stay, as character references: the text is the
    build's own, with every data string in it already escaped for where it is pasted (`inert` for Markdown,
    `tsv_cell` for a spreadsheet), and the browser gives it back as written when a script reads the attribute. Its
FIELD marks stay too."""
    text = _CONTROL.sub("\ufffd", str(value)).translate(
        _TABLE | {ord("\n"): "&#10;", ord("\t"): "&#9;", ord("\r"): "", ord(FIELD): "&#12;"})
    return Markup(text)


def tsv_rows(value: object) -> str:
    """Spreadsheet rows with no blank line between them: a template's layout can leave one after a row, and a
    spreadsheet pastes it as an empty row. A row always holds a tab or a value, so no row is lost. (Split on line
    feeds only: str.splitlines would also split at the form feeds that mark each figure, FIELD.)"""
    return "".join(line + "\n" for line in str(value).split("\n") if line.strip(" "))


def code_span(value: object) -> Markup:
    """`value` as one Markdown code span, shown exactly: fenced by more backticks than it holds, on one line."""
    text = _SPACE.sub(" ", _CONTROL.sub("\ufffd", str(value)))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return Markup(f"{fence} {text} {fence}" if longest else f"`{text}`")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def tsv_cell(value: object) -> Markup:
    """`value` as one cell of tab-separated rows: on one line with no tab (white space becomes one space) and never
    read as a formula (csv_cell). Markup, so the template leaves it as it is; `copy_text` escapes the whole copy."""
    text = _SPACE.sub(" ", _CONTROL.sub("\ufffd", str(value)))
    return Markup(csv_cell(text))


def csv_cell(value: object) -> object:
    """A value for one spreadsheet cell that no spreadsheet evaluates.

    Text beginning with a character that starts a formula (=, +, -, @, a tab or a line break, or
    their full-width forms) gets a leading apostrophe, which spreadsheets hide and read as "this is
    text". Numbers, dates and other values pass unchanged.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_GFM_ANYWHERE = re.compile(r"[\\`*_\[\]<|~{@]|(?<={)[%#]|&(?=#|\w+;)|:(?=//)|(?<=www)\.", re.IGNORECASE)
"""What makes structure in GitHub's Markdown wherever it stands: emphasis, code, links, raw HTML and autolinks (`<`,
`https://`, `www.`, `a@b`), entities, table cells, strikethrough; and `{` with a `%` or `#` after it, so that no copy
holds a template's `{{`, `{%` or `{#`."""
_GFM_LINE_START = re.compile(r"^(\s*\d{1,9}(?=[.)](?:\s|$))|\s*(?=[#>+\-=]))(.)")
"""What makes structure only at the start of a line: headings, quotes, list items, a setext underline."""


def markdown_text(value: object) -> str:
    """`value` as text in a Markdown file that people and assistants read as it is (the pages' Markdown copies).

    `inert` writes character references, which read as noise in the raw file; here each character that could make
    structure gets a backslash, which CommonMark and GitHub's Markdown show as the character itself. Every run of
    white space becomes one space, so no value can start a line, and a value's first character is escaped where it
    would start a heading, quote or list after a line break the copy itself makes. Code is text like any other: a
    code span would show its `{{` and could not hold a `|` inside a table cell.
    """
    text = _GFM_ANYWHERE.sub(lambda match: "\\" + match.group(0), _SPACE.sub(" ", _CONTROL.sub("\ufffd", str(value))))
    return _GFM_LINE_START.sub(r"\1\\\2", text, count=1)
