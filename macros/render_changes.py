"""Render price changes: the site's table of recorded changes (HTML) and the pull-request report (Markdown)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from macros import fmt, render
from macros.dataset import Dataset, Listing
from macros.diff import Comparison, percent_change
from macros.models import HistoryEntry, Prices
from macros.revision import Snapshot


@dataclass(frozen=True)
class HistoryChange:
    """One recorded change: the earlier price, the one that replaced it, and where each was read."""

    listing: Listing
    old: HistoryEntry
    new: Prices | HistoryEntry
    new_source: str | None

    @property
    def input_percent(self) -> Decimal | None:
        """Change of the input price, in percent."""
        return percent_change(self.old.input_mtok, self.new.input_mtok)

    @property
    def output_percent(self) -> Decimal | None:
        """Change of the output price, in percent."""
        return percent_change(self.old.output_mtok, self.new.output_mtok)


def history_changes(dataset: Dataset) -> list[HistoryChange]:
    """Every change recorded in the models' history, newest first (then by model name)."""
    changes = []
    for listing in dataset.listings:
        newer: Prices | HistoryEntry = listing.model.prices
        newer_source: str | None = listing.model.source
        for entry in listing.model.history:
            changes.append(HistoryChange(listing, entry, newer, newer_source))
            newer, newer_source = entry, entry.source
    changes.sort(key=lambda c: (-c.old.until.toordinal(), c.listing.model.name.casefold()))
    return changes


def percent(value: Decimal) -> str:
    """A change for people, always signed: +300%, -50%, +2.5%, +0.25%."""
    if value == 0:
        return "0%"
    places = 0 if abs(value) >= 10 else 1 if abs(value) >= 1 else 2
    return f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):+,f}%"


def price_changes(dataset: Dataset, links: render.Links) -> str:
    """Every recorded price change, newest first, each linked to its model's row on the pricing page."""
    return render._render("price_changes.html", rows=history_changes(dataset), as_of=dataset.as_of,
                          links=links, percent=percent)


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
        loader=FileSystemLoader(render.TEMPLATES),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(cell=_cell, code=_code, number=_number, percent=percent, url=_url, count=fmt.count, date=fmt.date)
    return env


def diff_markdown(comparison: Comparison, base: Snapshot, head: Snapshot) -> str:
    """The change report for a pull request, as a Markdown section."""
    return _markdown().get_template("diff.md").render(comparison=comparison, base=base, head=head).strip() + "\n"

