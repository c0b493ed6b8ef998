"""The one escaping path (macros/escape.py): whatever a data string holds, `inert` gives text that shows as written
and that no HTML or Markdown parser turns into structure, by its shortcut for plain text or by its full path."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from macros.escape import inert

SYNTAX = set("&<>\"'\\`*_[](){}!|~^")
"""Characters that start HTML or Markdown syntax: none may stay as it is."""
CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")

texts = st.text(alphabet=st.sampled_from([*"azAZ09 .,:;/$%+=?@#-", *SYNTAX, " ", "\t", "\n", "\u00e9", "\u202e", "\x00"]),
                max_size=30)
"""Mostly the plain characters the shortcut passes, mixed with syntax, white space, controls and other letters."""


@given(texts)
def test_any_text_shows_as_written_with_no_syntax_left(text: str) -> None:
    shown = str(inert(text))
    assert not SYNTAX & set(re.sub(r"&(?:#\d+|amp|lt|gt|quot);", "", shown)), shown
    assert unescape(shown) == re.sub(r"\s+", " ", CONTROLS.sub("\ufffd", text))


def test_plain_names_ids_and_dates_come_out_as_they_are() -> None:
    for text in ("Synthetic model 00001", "gpt-5.5", "2026-11-20", "$1.20", "https://example.com/a?b=1#c"):
        assert str(inert(text)) == text
    assert str(inert("two  spaces")) == "two spaces"
    assert str(inert("Alibaba (Qwen)")) == "Alibaba &#40;Qwen&#41;"
