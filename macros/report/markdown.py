"""The pull-request change report, as Markdown."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from macros import formatting as fmt
from macros.render.environment import TEMPLATES
from macros.report.diff import Comparison
from macros.report.revision import Snapshot

_MARKDOWN_SPECIAL = "\\`*_[]<>|&~"


def _cell(text: str) -> str:
    """Text from data made safe for one Markdown table cell: no markup, no column breaks, one line."""
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)
    return " ".join(escaped.split())


def _code(text: str) -> str:
    """Text as a Markdown code span, fenced by more backticks than it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"`{text}`"


def _number(value: Decimal | None) -> str:
    """A price as written in the YAML file (0.30 stays 0.30), or "not listed"."""
    return "not listed" if value is None else f"{value:f}"


def _url(url: str) -> str:
    """An https URL that cannot end a Markdown link early."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]")


@cache
def _markdown() -> Environment:
    # Markdown, not HTML: autoescaping would turn '&' into '&amp;'; the `cell` filter escapes instead.
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(cell=_cell, code=_code, number=_number, percent=fmt.percent, url=_url, count=fmt.count, date=fmt.date)
    return env


def diff_markdown(comparison: Comparison, base: Snapshot, head: Snapshot) -> str:
    """The change report for a pull request, as a Markdown section."""
    return _markdown().get_template("diff.md").render(comparison=comparison, base=base, head=head).strip() + "\n"

