"""Printing, in a real browser: the calculator prints its inputs as a short list and its results, not the form,
on few pages; a checklist prints with a box before each item to tick with a pen."""

from __future__ import annotations

import re

import pytest
from browsing import Watched

pytestmark = pytest.mark.browser


def _pages(pdf: bytes) -> int:
    """Pages in a PDF from chromium: one page object each (the page tree itself is /Type /Pages)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


A4_CSS_PX = (794, 1123)  # an A4 sheet at 96 CSS pixels per inch


def test_the_calculator_prints_a_summary_and_its_results_within_one_sheet(tab: Watched, site_url: str) -> None:
    """The calculation itself takes less than a sheet, and the page prints nothing else (issue 24): the explanations,
    the table for readers without scripts and the links to other pages stay on screen (test_calculator_copy.py)."""
    page = tab.page
    page.set_viewport_size({"width": A4_CSS_PX[0], "height": A4_CSS_PX[1]})
    page.goto(f"{site_url}calculator/?models=gpt-5.4-mini,deepseek-v4-flash&users=5000", wait_until="networkidle")
    page.wait_for_selector("[data-ifg-calculator] [data-results] tbody tr")
    page.emulate_media(media="print")
    assert page.locator("[data-ifg-calculator] form").is_hidden(), "the form is printed"
    assert page.locator("[data-ifg-calculator] [data-link]").is_hidden(), "the link box is printed"
    summary = page.inner_text("[data-ifg-calculator] [data-print-summary]")
    for term in ("Scenario", "Each interaction", "Prices as of"):
        assert term in summary, summary
    results = page.inner_text("[data-ifg-calculator] [data-results]")
    assert "GPT-5.4 mini" in results and "DeepSeek V4 Flash" in results
    tool = page.locator("[data-ifg-calculator]").bounding_box()
    assert tool and tool["height"] < A4_CSS_PX[1] * 0.8, f"the printed calculation is {tool} tall"
    printed = _pages(page.pdf(format="A4"))
    assert printed == 1, f"the calculator page prints on {printed} pages"
    page.emulate_media(media="screen")
    assert page.locator("[data-ifg-calculator] [data-print-summary]").is_hidden(), "the print list shows on screen"
    assert page.locator("[data-ifg-calculator] form").is_visible()


def test_a_checklist_has_boxes_on_paper_only(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}checklists/", wait_until="load")
    box = "() => getComputedStyle(document.querySelector('.guide-checklist li'), '::before').borderTopStyle"
    assert page.evaluate(box) == "none", "a box on screen looks tickable but does nothing"
    page.emulate_media(media="print")
    assert page.evaluate(box) == "solid"
    assert _pages(page.pdf(format="A4")) <= 4
