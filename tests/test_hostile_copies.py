"""No data string makes structure in the pages' Markdown copies or in /llms.txt: every macro's output, read by
Python-Markdown as a page holds it, then copied to Markdown (macros/copies) and read as GitHub reads Markdown, has the
same elements and attributes with a hostile string in the data as with a plain word, and shows the string as text.
"""

from __future__ import annotations

import markdown
import pytest
from hostile import PAYLOADS, PLAIN, hostile_dataset, visible
from test_copies import github
from test_hostile_render import BLOCKS, INLINE, Shape, page, shape, site_markdown

from macros.copies import llms_txt
from macros.copies.convert import article_markdown
from macros.copies.pages import Page
from macros.escape import markdown_text

PLACES = {**BLOCKS, **INLINE}


def copied(converter: markdown.Markdown, place: str, text: str) -> str:
    """The Markdown copy of a page that holds `place` built from data with `text` in every text field."""
    html = converter.reset().convert(page(place, PLACES[place](hostile_dataset(text))))
    return article_markdown(f'<article class="md-content__inner md-typeset">{html}</article>', "https://example.com/page/")


@pytest.fixture(scope="module")
def converter() -> markdown.Markdown:
    return site_markdown()


@pytest.fixture(scope="module")
def plain_copies(converter: markdown.Markdown) -> dict[str, Shape]:
    return {place: shape(github(copied(converter, place, PLAIN))) for place in PLACES}


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
@pytest.mark.parametrize("place", sorted(PLACES))
def test_a_hostile_string_stays_text_in_a_pages_markdown_copy(place: str, payload: str, converter: markdown.Markdown,
                                                              plain_copies: dict[str, Shape]) -> None:
    text = PAYLOADS[payload]
    copy = copied(converter, place, text)
    found = shape(github(copy))
    assert found.elements == plain_copies[place].elements, f"{payload!r} changed the copy's structure in the {place}"
    if PLAIN in " ".join(plain_copies[place].shown):  # a place whose copy shows the data as text, not in an attribute
        assert visible(text) in visible(" ".join(found.shown)).replace("\ufffd", "\u202e"), (
            f"the copy of the {place} does not show {payload!r} as written")
    assert "{{" not in copy and "{%" not in copy


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_a_hostile_title_or_summary_stays_text_in_llms_txt(payload: str) -> None:
    def listing(text: str) -> str:
        # A title comes from its copy's heading, Markdown already; the section, summary and site's name as written.
        pages = [(Page("a.md", text, text), markdown_text(text)), (Page("b/c.md", "Other pages", "A page."), "Title")]
        return llms_txt(text, text, pages, "https://example.com/")

    text = PAYLOADS[payload]
    hostile, plain = shape(github(listing(text))), shape(github(listing(PLAIN)))
    assert hostile.elements == plain.elements
    assert visible(text) in visible(" ".join(hostile.shown)).replace("\ufffd", "\u202e")
