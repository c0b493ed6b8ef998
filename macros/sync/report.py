"""The sync report, as Markdown through the one escaping path (macros.escape.inert), like the change report."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from macros import formatting as fmt
from macros.escape import code_span, inert
from macros.sync.compare import Comparison, Drift

TEMPLATES = Path(__file__).parent / "templates"


def _number(value: Decimal | None) -> str:
    return "not listed" if value is None else f"{value:f}"


def _reading(drift: Drift, dataset: str) -> Markup:
    """One dataset's value in a drift row: the price, "no price" or "not listed"."""
    if not drift.listed[dataset]:
        return inert("not listed")
    value = drift.values[dataset]
    return inert("no price" if value is None else f"{value:f}")


@cache
def _markdown() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, finalize=inert,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(code=code_span, number=_number, date=fmt.date, counted=fmt.counted)
    env.globals["reading"] = _reading
    return env


def sync_markdown(comparison: Comparison, written: list[str], write_problems: list[str], litellm_sha256: str | None,
                  max_listed: int = 10) -> str:
    """The report: problems, drift, deprecations, drops and candidates."""
    template = _markdown().get_template("sync.md")
    return template.render(comparison=comparison, written=written, write_problems=write_problems,
                           litellm_sha256=litellm_sha256 or "", max_listed=max_listed).strip() + "\n"
