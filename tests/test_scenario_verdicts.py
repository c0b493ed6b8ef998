"""The latency page's verdict tables for every other interaction, in chromium at a phone's and a laptop's width: all
closed at first, so the page stays short; opened from the keyboard, a table shows whole, with no sideways scroll."""

from __future__ import annotations

import pytest
from browsing import Watched, tab_to

pytestmark = pytest.mark.browser


def test_a_scenarios_verdicts_open_from_the_keyboard_and_fit_the_screen(device: Watched, site_url: str) -> None:
    page = device.page
    page.goto(f"{site_url}latency/", wait_until="networkidle")
    outer = page.locator("#other-interactions")
    assert outer.get_attribute("open") is None and not page.locator("#verdicts-summarise-document table").is_visible()
    tab_to(page, "#other-interactions > summary")
    page.keyboard.press("Enter")
    tab_to(page, "#verdicts-summarise-document > summary")
    page.keyboard.press("Enter")
    table = page.locator("#verdicts-summarise-document table")
    assert table.is_visible()
    assert "whole answer within 10 s" in page.inner_text("#verdicts-summarise-document > summary")
    region = page.locator("#verdicts-summarise-document .ifg-table")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth"), "the table is cut off"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
