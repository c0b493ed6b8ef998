"""`make scale-report`: what issue 23 asks a closing note to give, measured on a built site.

Prints the HTML each provider page spends on a model's row, every page's height on a 390 px phone with scripts on
(tallest first), and the first results of the three searches the issue names, as a reader gets them in chromium.
The tests hold the limits (tests/test_provider_pages.py, tests/test_layout.py, tests/test_search.py); this prints
the figures behind them, for a before-and-after.

    python tests/scale_report.py [SITE_DIR]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # conftest imports the project's macros

from conftest import BROWSER_ARGS  # noqa: E402
from needs import CHROMIUM, chromium_missing  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402
from serve import serving  # noqa: E402

PHONE = {"width": 390, "height": 844}
QUERIES = ("how much does a chatbot cost", "Claude", "cheapest model")
"""The searches issue 23 names, each with the page it should find first."""
ROW = re.compile(r'<tr id="model-.*?</tr>', re.S)
"""A model's row on a provider page, as tests/test_provider_pages.py measures it."""
SHOWN = 6
"""Search results printed per query."""


def row_bytes(site: Path) -> list[tuple[str, int, float]]:
    """Each provider page with rows: its name, its number of rows, and the mean bytes of HTML per row, largest first."""
    found = []
    for page in sorted((site / "providers").glob("*/index.html")):
        rows = ROW.findall(page.read_text(encoding="utf-8"))
        if rows:
            found.append((page.parent.name, len(rows), sum(len(row.encode("utf-8")) for row in rows) / len(rows)))
    return sorted(found, key=lambda item: -item[2])


def pages(site: Path) -> list[str]:
    """Every page's address from the site's root, redirects left out."""
    return sorted(str(p.relative_to(site)).removesuffix("index.html") for p in site.rglob("index.html")
                  if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


def search(tab: Page, base: str, query: str) -> list[str]:
    """The addresses of the results for `query`, typed into the search box, best first."""
    tab.goto(base + "training-vs-inference/", wait_until="networkidle")
    tab.keyboard.press("/")
    tab.keyboard.type(query)
    tab.wait_for_function("() => /matching/i.test(document.querySelector('.md-search-result__meta').textContent)")
    if tab.inner_text(".md-search-result__meta").lower().startswith("no "):
        return []
    tab.wait_for_selector(".md-search-result__item a")
    return tab.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.pathname + a.hash)")


def main(site: Path) -> int:
    if chromium_missing():
        print(f"no chromium at {CHROMIUM}: run `make browser`", file=sys.stderr)
        return 2
    print("HTML per model row on provider pages (mean bytes per row):")
    for name, count, size in row_bytes(site):
        print(f"  {name:<24} {count:5,} rows {size:7,.0f} B")
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        tab = browser.new_context(viewport=PHONE).new_page()
        heights = []
        for path in pages(site):
            tab.goto(base + path, wait_until="networkidle")
            heights.append((tab.evaluate("document.documentElement.scrollHeight"), path or "/"))
        print(f"Page heights at {PHONE['width']} px, scripts on (tallest first):")
        for height, path in sorted(heights, reverse=True):
            print(f"  {height:7,} px  {path}")
        for query in QUERIES:
            print(f"Search {query!r}: {', '.join(search(tab, base, query)[:SHOWN])}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
