"""The one Jinja environment that turns rows into HTML: strict about undefined names, escaping every value."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from macros import formatting as fmt
from macros.data import rules
from macros.data.dataset import Dataset

TEMPLATES = Path(__file__).parent / "templates"

METRICS = {
    "ttft_s": ("Time to first token", "s"),
    "output_tokens_per_s": ("Output speed", "tokens/s"),
}


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        money=fmt.money, price=fmt.price, count=fmt.count, seconds=fmt.seconds,
        measured=fmt.measured, ratio=fmt.ratio, date=fmt.date, percent=fmt.percent, plain=fmt.plain,
    )
    env.filters["days_before"] = rules.age_days
    env.globals.update(metrics=METRICS, stale_after_days=rules.STALE_AFTER_DAYS)
    return env


def render(template: str, **context: Any) -> str:
    """One template rendered with `context`, as a block Markdown leaves alone.

    Raw HTML blocks in Markdown end at a blank line, so the output has none.
    """
    for name, value in context.items():
        if isinstance(value, Dataset):
            raise TypeError(f"{template}: templates get rows, never the Dataset (got it as {name!r})")
    html = _environment().get_template(template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())
