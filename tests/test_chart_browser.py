"""The cost-versus-speed chart in chromium on a 390 px phone: text no smaller than 12 px as drawn, and each point's
model and figures shown in place when it is tapped, clicked or reached from the keyboard, or, with scripts off,
its row in the table."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import watch
from playwright.sync_api import Browser, Page

from macros import chart
from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGE = "cost-vs-speed/"
POINTS = "figure[data-ifg-chart] svg .ifg-chart-points a"

DRAWN_SIZES = """() => [...document.querySelectorAll("figure.ifg-chart svg")].flatMap((svg) => {
    const scale = svg.getScreenCTM().a;  // CSS pixels per SVG unit, as the page is laid out now
    return [...svg.querySelectorAll("text")].map((t) => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]);
})"""

READOUT = """(figure) => {
    const r = figure.querySelector("[data-readout]").getBoundingClientRect();
    return {text: figure.querySelector("[data-readout]").textContent, top: r.top, bottom: r.bottom, scrolled: scrollY};
}"""


@pytest.fixture(scope="module")
def points(root: Path) -> tuple[chart.Point, ...]:
    dataset: Dataset = load_dataset(root / "data")
    return chart.cost_speed(dataset, "chat-reply", "ttft_s").points


def _shows(page: Page, point: chart.Point, scrolled_before: float) -> None:
    """The first chart's readout names `point`'s model with its figures, on screen, within a screen's scroll."""
    seen = page.locator("figure[data-ifg-chart]").first.evaluate(READOUT)
    assert point.listing.model.name in seen["text"], seen
    assert fmt.seconds(point.observation.value) + " s" in seen["text"] and fmt.money(point.cost) in seen["text"], seen
    assert seen["top"] >= 0 and seen["bottom"] <= PHONE["height"] + 1, f"the readout is off screen: {seen}"  # + subpixels
    assert abs(seen["scrolled"] - scrolled_before) < PHONE["height"], seen


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


def test_tapping_a_chart_point_shows_its_model_and_figures_in_place(browser: Browser, site_url: str,
                                                                    points: tuple[chart.Point, ...]) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    watched = watch(context)
    page = watched.page
    page.goto(site_url + PAGE, wait_until="networkidle")
    page.locator("figure[data-ifg-chart]").first.scroll_into_view_if_needed()
    for index in (0, len(points) - 1):  # the bottom left and the top right of the chart
        before = page.evaluate("scrollY")
        page.locator(POINTS).nth(index).tap()
        _shows(page, points[index], before)
    assert page.evaluate("location.hash") == "", "the tap stayed on the chart"
    context.close()
    assert not watched.errors


def test_a_chart_point_reached_with_the_keyboard_shows_its_model_and_figures(browser: Browser, site_url: str,
                                                                             points: tuple[chart.Point, ...]) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + PAGE, wait_until="networkidle")
    for _ in range(100):
        before = page.evaluate("scrollY")
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", POINTS):
            break
    else:
        pytest.fail("Tab never reached a point of the chart")
    _shows(page, points[0], before)
    ring = page.locator(POINTS).first.locator(".ifg-chart-target").evaluate("(c) => getComputedStyle(c).strokeWidth")
    assert float(ring.removesuffix("px")) >= 2, "the focused point has a visible ring"
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    _shows(page, points[0], before)
    assert page.evaluate("location.hash") == ""
    page.keyboard.press("Tab")
    _shows(page, points[1], before)
    context.close()


def test_without_javascript_a_chart_point_leads_to_its_row(browser: Browser, site_url: str,
                                                           points: tuple[chart.Point, ...]) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE)
    assert not page.locator("[data-readout]").first.is_visible(), "no promise the page cannot keep"
    page.locator(POINTS).nth(2).click()
    row = page.locator("tr:target")
    assert row.count() == 1 and points[2].listing.model.name in row.inner_text()
    assert fmt.money(points[2].cost) in row.inner_text()
    box = row.bounding_box()
    assert box and 0 <= box["y"] < PHONE["height"]
    context.close()
