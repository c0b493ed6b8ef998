"""The cost-versus-speed chart in chromium on a 390 px phone: text no smaller than 12 px as drawn."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGE = "cost-vs-speed/"

DRAWN_SIZES = """() => [...document.querySelectorAll("figure.ifg-chart svg")].flatMap((svg) => {
    const scale = svg.getScreenCTM().a;  // CSS pixels per SVG unit, as the page is laid out now
    return [...svg.querySelectorAll("text")].map((t) => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]);
})"""


def test_chart_text_is_at_least_12_px_on_a_phone(browser: Browser, site_url: str) -> None:
    """The SVG is scaled to the screen's width, so its text is drawn at its font size times that scale."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + PAGE, wait_until="networkidle")
    sizes = page.evaluate(DRAWN_SIZES)
    sideways = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    context.close()
    assert len(sizes) > 40, "both charts' axes and points"
    assert not [(text, round(size, 2)) for text, size in sizes if size < 12]
    assert sideways <= 0
