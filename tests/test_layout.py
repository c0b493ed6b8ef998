"""Every page at a phone's and a laptop's size, in a real browser: nothing scrolls sideways, no table or figure is
cut off, each row's model stays in sight (unless a disclosure the reader has not opened holds the row, or the row is
not displayed at that size, as the phone's totals bar on a laptop), captions
are whole, and a phone's card labels name the right column."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

SCREENS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 900}}

# What a reader would see cut off, measured in the page. Each entry names the element, so a failure says where.
MEASURE = """() => {
  const name = (el) => el.closest('[aria-label]') ? el.closest('[aria-label]').getAttribute('aria-label') : el.tagName;
  const doc = document.documentElement;
  const article = document.querySelector('article.md-content__inner');
  const box = article.getBoundingClientRect();
  const out = {sideways: doc.scrollWidth - doc.clientWidth, cut: [], hidden: [], captions: [], labels: []};
  for (const el of article.querySelectorAll('table, figure, svg, img, pre')) {
    const r = el.getBoundingClientRect();
    if (!r.width) continue;
    const region = el.closest('.ifg-table');
    const room = region ? region.clientWidth : box.width;
    if (r.width > room + 1 || r.right > box.right + 1 || r.left < box.left - 1)
      out.cut.push(`${name(el)}: ${el.tagName} ${Math.round(r.width)} px in ${Math.round(room)} px`);
  }
  for (const table of article.querySelectorAll('table')) {
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    for (const row of table.querySelectorAll('tbody tr')) {
      const key = row.querySelector('th[scope="row"]') || row.cells[0];
      const r = key.getBoundingClientRect();
      if (row.closest('details:not([open])')) continue;
      if (row.checkVisibility() && (r.width < 1 || r.left < box.left - 1 || r.right > box.right + 1))
        out.hidden.push(`${name(table)}: ${key.textContent.trim().slice(0, 40)}`);
      [...row.cells].forEach((cell, i) => {
        const label = cell.getAttribute('data-label');
        if (label !== null && heads.length && label !== heads[i])
          out.labels.push(`${name(table)}: "${label}" under "${heads[i]}"`);
      });
    }
    const caption = table.querySelector('caption');
    if (caption && table.getBoundingClientRect().width) {
      const r = caption.getBoundingClientRect();
      if (caption.scrollWidth > caption.clientWidth + 1 || r.right > box.right + 1 || r.left < box.left - 1)
        out.captions.push(`${name(table)}: ${caption.textContent.trim().slice(0, 60)}`);
    }
  }
  return out;
}"""


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)).removesuffix("index.html") for p in site.rglob("index.html")
                  if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("screen", SCREENS, ids=list(SCREENS))
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_page_fits_its_screen(screen: str, javascript: bool, built_site: Path, browser: Browser,
                                    site_url: str) -> None:
    context = browser.new_context(viewport=SCREENS[screen], java_script_enabled=javascript)
    page = context.new_page()
    problems = []
    for path in _pages(built_site):
        page.goto(site_url + path, wait_until="networkidle" if javascript else "load")
        found = page.evaluate(MEASURE)
        if found["sideways"] > 0:
            problems.append(f"{path or '/'}: the page scrolls sideways by {found['sideways']} px")
        problems += [f"{path or '/'}: cut off: {what}" for what in found["cut"]]
        problems += [f"{path or '/'}: row's model out of sight: {what}" for what in found["hidden"]]
        problems += [f"{path or '/'}: caption cut: {what}" for what in found["captions"]]
        problems += [f"{path or '/'}: label mismatch: {what}" for what in found["labels"]]
    context.close()
    assert not problems, "\n".join(problems[:40])


PHONE_HEIGHT = 15_000
"""The tallest a page may be on a 390 px phone with scripts on (issue 23): past that, a reader scrolls through
screens of one table to reach the rest."""


def test_no_page_is_taller_than_15000_px_on_a_phone(built_site: Path, browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport=SCREENS["phone"])
    page = context.new_page()
    tall = []
    for path in _pages(built_site):
        page.goto(site_url + path, wait_until="networkidle")
        height = page.evaluate("document.documentElement.scrollHeight")
        if height > PHONE_HEIGHT:
            tall.append(f"{path or '/'}: {height:,} px")
    context.close()
    assert not tall, "taller than 15,000 px at 390 px:\n" + "\n".join(tall)


def test_a_link_to_a_threshold_opens_the_closed_table_it_sits_in(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport=SCREENS["phone"])
    page = context.new_page()
    page.goto(site_url + "latency/", wait_until="networkidle")
    row = page.locator("#threshold-nielsen-flow")
    assert not row.is_visible(), "the thresholds table starts closed"
    page.locator('a[href$="#threshold-nielsen-flow"]').first.click()
    row.wait_for(state="visible")
    assert row.evaluate("r => r.closest('details').open")
    context.close()
