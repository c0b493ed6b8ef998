"""The one Jinja environment that turns rows into HTML: strict about undefined names, escaping every value."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from macros import formatting as fmt
from macros import handoff
from macros.data import rules
from macros.data.dataset import Dataset
from macros.escape import copy_field, copy_text, inert, tsv_cell, tsv_rows
from macros.render import columns

TEMPLATES = Path(__file__).parent / "templates"

METRICS = {
    "ttft_s": ("Time to first token", "s"),
    "output_tokens_per_s": ("Output speed", "tokens/s"),
    "total_response_s": ("Time to the whole answer", "s"),
}
"""How a page names each of Observation.metric's choices, and its unit (tests/test_fields.py keeps them in step)."""


def upper_first(text: str) -> str:
    """`text` with its first letter upper case and the rest as written: Jinja's capitalize lowers the rest, which
    would change a name or a quotation from the data."""
    return text[:1].upper() + text[1:]


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        finalize=inert,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        money=fmt.money, price=fmt.price, count=fmt.count, seconds=fmt.seconds,
        measured=fmt.measured, ratio=fmt.ratio, date=fmt.date, percent=fmt.percent, share=fmt.share, plain=fmt.plain,
        tokens_short=fmt.tokens_short, plural=fmt.plural, counted=fmt.counted, per_minute=fmt.per_minute,
    )
    env.filters["days_before"] = rules.age_days
    env.filters["upper_first"] = upper_first
    env.filters.update(copy_text=copy_text, tsv=tsv_cell, tsv_rows=tsv_rows, money_copy=money_copy, price_copy=price_copy,
                       number_copy=number_copy)
    env.globals.update(metrics=METRICS, stale_after_days=rules.STALE_AFTER_DAYS, column_widths=columns.widths,
                       set_aside=set_aside, TAB=Markup("\t"), CODE_COPY=copy_field("c", "USD"),
                       DOLLARS_COPY=copy_field("u", "US dollars"))
    return env


def money_copy(value: Decimal) -> Markup:
    """A cost in a Markdown copy, in the reader's currency when they chose one (macros.escape.FIELD)."""
    return copy_field(f"m{fmt.plain(value)}", fmt.money(value))


def price_copy(value: Decimal) -> Markup:
    """A list price in a Markdown copy: exact as published in US dollars, by the money rule in another currency."""
    return copy_field(f"m{fmt.plain(value)}", fmt.price(value))


def number_copy(value: Decimal) -> Markup:
    """An amount in spreadsheet rows: exact, in the reader's currency when they chose one."""
    return copy_field(f"n{fmt.plain(value)}", fmt.plain(value))


def warm_up() -> Iterator[None]:
    """Compile every template, one a step: what an engine can do while it waits for the builder's dataset, so that
    the pages it renders next find their templates ready."""
    env = _environment()
    for template in sorted(TEMPLATES.glob("*.html")):
        env.get_template(template.name)
        yield


def set_aside(html: str) -> str:
    """A block no search index holds, as the page gets it: in place, or under the builder a placeholder that keeps it
    out of the engine's Markdown (macros.handoff). Kept as `render` would keep it, without blank lines."""
    notes = handoff.folder()
    return Markup(handoff.set_aside(notes, _lines(html))) if notes is not None else html


def later(name: str, now: Callable[[], str], **kwargs: Any) -> str:
    """A block no search index holds, made by `now`; under the builder, a placeholder that notes the call
    `name(**kwargs)` instead, which the builder renders once the engine is done (macros.handoff), on both cores.
    `name` is the function's entry in macros.site.LATER."""
    notes = handoff.folder()
    return Markup(now() if notes is None else handoff.set_aside_call(notes, name, (), kwargs))


def _lines(html: str) -> str:
    """`html` without blank lines: a raw HTML block in Markdown ends at one."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def render(template: str, **context: Any) -> str:
    """One template rendered with `context`, as a block Markdown leaves alone.

    Raw HTML blocks in Markdown end at a blank line, so the output has none; and every line starts
    with a tag, so that nothing from the data can stand where Markdown looks for a heading, a list
    or an include (values hold no line breaks: see macros.render.escape).
    """
    for name, value in context.items():
        if isinstance(value, Dataset):
            raise TypeError(f"{template}: templates get rows, never the Dataset (got it as {name!r})")
    html = _lines(_environment().get_template(template).render(**context))
    for line in html.splitlines():
        if not line.lstrip().startswith("<"):
            raise ValueError(f"{template}: a line of output starts with text, where Markdown would read it: {line[:60]!r}")
    return html
