"""The pull-request change report, as Markdown."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from macros import formatting as fmt
from macros.data.problems import Problem
from macros.escape import code_span, inert
from macros.report.diff import Comparison, Scalar
from macros.report.revision import Snapshot

TEMPLATES = Path(__file__).parent / "templates"


def _number(value: Decimal | None) -> str:
    """A price as written in the YAML file (0.30 stays 0.30), or "not listed"."""
    return "not listed" if value is None else f"{value:f}"


def _value(value: Scalar) -> str:
    """Any field's value as written in the YAML file: a price as written, a date as YYYY-MM-DD, a list joined."""
    if isinstance(value, Decimal) or value is None:
        return _number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ", ".join(_value(item) for item in value)  # type: ignore[arg-type]
    return str(value)


@cache
def _markdown() -> Environment:
    # Every printed value goes through the site's escaping path, which is inert in GitHub's Markdown too.
    # Autoescape stays on so that what a template macro returns counts as already escaped.
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=inert,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(code=code_span, number=_number, value=_value, percent=fmt.percent, count=fmt.count, date=fmt.date,
                       counted=fmt.counted, plural=fmt.plural)
    return env


def diff_markdown(comparison: Comparison, base: Snapshot, head: Snapshot) -> str:
    """The change report for a pull request, as a Markdown section."""
    return _markdown().get_template("diff.md").render(comparison=comparison, base=base, head=head).strip() + "\n"



def problems_markdown(errors: list[Problem], warnings: list[Problem], max_age: int | None) -> str:
    """A CI job summary of what `validate` found, as a Markdown section."""
    template = _markdown().get_template("problems.md")
    return template.render(errors=errors, warnings=warnings, max_age=max_age).strip() + "\n"
