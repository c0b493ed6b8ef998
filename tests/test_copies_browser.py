"""The link from a page to its Markdown copy in chromium, at a phone's and a laptop's width, with scripts off and on:
seen, reached with the keyboard, and opening the copy, without making the page scroll sideways."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browsing import tab_to
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

SCREENS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 900}}
LINK = "article .ifg-copy-link a"
SHOTS = os.environ.get("IFG_SCREENSHOTS")
"""A folder to save each screen's view of the link in, for a person to look at; unset, none are saved."""


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_link_to_the_markdown_copy_is_seen_reached_and_followed(screen: str, javascript: bool, browser: Browser,
                                                                    site_url: str) -> None:
    context = browser.new_context(viewport=SCREENS[screen], java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site_url + "cost/", wait_until="networkidle" if javascript else "load")
    link = page.locator(LINK)
    assert link.count() == 1 and link.inner_text() == "This page as Markdown"
    page.keyboard.press("End")
    tab_to(page, LINK, key="Shift+Tab")
    link.scroll_into_view_if_needed()
    assert link.is_visible()
    box = link.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= SCREENS[screen]["width"]
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"copy-link-{screen}-{'js' if javascript else 'no-js'}.png"))
    copy = page.request.get(page.evaluate("document.querySelector('article .ifg-copy-link a').href"))
    assert copy.ok and copy.text().startswith("# Cost\n")
    context.close()
