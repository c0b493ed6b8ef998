"""A catalogue of hostile strings, and a dataset with one of them in every field a reader sees.

Each string tries a different way out of its place on the page: HTML, attribute quotes, Markdown
inline syntax (the one that broke: an image inside a title attribute), Markdown block syntax after a
line break, includes, abbreviations, attribute lists, Jinja, entities. The tests that use it require
the exact safe rendering: the page's structure is the same as with a plain word, and the reader
sees the string itself as text.

Some strings (line breaks, control characters) cannot pass validation; the render tests place them
anyway, by copying models without validation, so that escaping holds on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel

from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

FIXTURE = Path(__file__).parent / "fixtures" / "data"

PLAIN = "Plain words"
"""What the hostile strings are compared with: text with no syntax at all."""

PAYLOADS: dict[str, str] = {
    "image in a title attribute": "![autofocus onfocus=alert(1) x](y)",
    "image with a title": '![x](y "t" onerror=alert(1) autofocus)',
    "markdown image": "![picture](https://evil.example/x.png)",
    "markdown link": "[click me](javascript:alert(1))",
    "reference link": "[click][1] [1]: https://evil.example",
    "autolink": "<https://evil.example> <evil@example.com>",
    "html element": "<img src=x onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
    "double quote breakout": '" onmouseover="alert(1)" x="',
    "single quote breakout": "' onmouseover='alert(1)' x='",
    "emphasis": "*em* _em_ **strong** __strong__",
    "code span": "`code` ``more``",
    "attribute list": '{: onclick="alert(1)" } {#forged .cls}',
    "heading after a line break": "Name\n# Heading\n\n## Another",
    "list after a line break": "Name\n- item\n1. item",
    "indented code": "Name\n\n    indented code",
    "fenced code": "Name\n```\ncode\n```",
    "snippet include": '--8<-- "/etc/passwd"',
    "snippet after a line break": 'Name\n--8<-- "mkdocs.yml"',
    "abbreviation definition": "*[TTFT]: hijacked definition",
    "admonition": '!!! warning "forged"',
    "table syntax": "a | b\n--- | ---\nc | d",
    "html comment": "<!-- hidden --> shown",
    "entities": "&lt;script&gt; &#60;b&#62; &amp;amp;",
    "jinja": "{{ config }} {% raw %} {# x #}",
    "backslashes": "a\\*b\\_c \\",
    "line separator": "a\u2028# b\u2029c",
    "bidi override": "abc\u202edcb",
}

URL_PAYLOAD = "https://evil.example/a_b_*c*_(d)!'x'&y=1"
"""The most hostile value a URL field can hold and still pass validation."""

# The fields that hold free text a reader sees as written (Name and Text in macros/data/types.py); ids, choices,
# dates and numbers keep their values, since validation would refuse anything else there.
_TEXT = {"name", "api_id", "notes", "description", "basis", "cache_basis", "thinking_basis", "served_by", "statistic",
         "conditions", "publisher", "preset", "control", "successor", "meaning", "evidence_note", "words",
         "excluded_because", "primary_measurer", "default_effort_basis", "min_tokens_basis", "hours_utc", "key", "says",
         "rule", "image_size", "note", "limited_by", "applies_to", "qualification", "spend_cap", "free_tier", "paying",
         "billing", "commitment", "seller", "gpu", "terms", "precision", "server", "do"}
_URLS = {"source", "pricing_page", "page", "read_via", "uplift_source"}


def visible(text: str) -> str:
    """What a reader sees: every run of white space as one space (HTML shows no line breaks from text)."""
    return re.sub(r"\s+", " ", text)


def _fill(model: BaseModel, text: str) -> BaseModel:
    """A copy of `model` with `text` in every text field and URL_PAYLOAD in every URL, nested models too."""
    update: dict[str, object] = {}
    for name, value in model:
        if isinstance(value, BaseModel):
            update[name] = _fill(value, text)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [_fill(item, text) for item in value]
        elif isinstance(value, str) and name in _URLS:
            update[name] = URL_PAYLOAD
        elif isinstance(value, str) and name in _TEXT:
            update[name] = text
    return model.model_copy(update=update)


def hostile_dataset(text: str) -> Dataset:
    """The fixture dataset with `text` in every field a page shows as text (ids and choices left as they are)."""
    base = load_dataset(FIXTURE, build_date=dt.date(2026, 11, 20))
    return replace(
        base,
        providers=[_fill(p, text) for p in base.providers],  # type: ignore[misc]
        facts=_fill(base.facts, text),  # type: ignore[arg-type]  # makers' and models' names reach the explorer
        scenarios=[_fill(s, text) for s in base.scenarios],  # type: ignore[misc]
        tasks=[_fill(t, text) for t in base.tasks],  # type: ignore[misc]
        observations=[_fill(o, text) for o in base.observations],  # type: ignore[misc]
        network=_fill(base.network, text),  # type: ignore[arg-type]
        targets=_fill(base.targets, text),  # type: ignore[arg-type]
        media=_fill(base.media, text) if base.media else None,  # type: ignore[arg-type]
        privacy=_fill(base.privacy, text) if base.privacy else None,  # type: ignore[arg-type]
        capacity=_fill(base.capacity, text) if base.capacity else None,  # type: ignore[arg-type]
        selfhosting=_fill(base.selfhosting, text) if base.selfhosting else None,  # type: ignore[arg-type]
    )
