"""The built site in a real browser: the calculator's sums against macros.calc and macros.fmt, links that
reopen a calculation, keyboard use, JavaScript off, reduced motion, and no request to any host but the site's
own.

Drives Debian's chromium through Playwright's sync API; Playwright never downloads a browser. Without
chromium the tests skip and say how to install it, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import gzip
import re
from decimal import Decimal
from pathlib import Path

import pytest
from audit import page_budget
from browsing import Watched, tab_to, watch
from conftest import BROWSER_ARGS
from needs import chromium_missing, require
from playwright.sync_api import Browser, BrowserContext, Page, Request

from macros import calc
from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

pytestmark = pytest.mark.browser

ARGS = BROWSER_ARGS
TOOL_SCRIPTS = ("calculator.js", "streaming-demo.js")
JS_BUDGET = 12 * 1024  # each tool's script, gzipped as the server sends it; each loads only on its tool's page
EVERY_PAGE_JS_BUDGET = 3 * 1024


def _require_browser() -> None:
    require(chromium_missing(), "Install Debian's chromium (make browser), or set CHROMIUM to another Chromium binary.")


# --- fixtures ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset(root: Path) -> Dataset:
    return load_dataset(root / "data")


# --- the streaming demo ------------------------------------------------------------------------------------------


def test_the_streaming_demo_works_from_the_keyboard(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}streaming-demo/")
    page.wait_for_selector("[data-ifg-streaming] [data-times]:not(:empty)")
    tab_to(page, "#ifg-stream-preset")
    tab_to(page, "#ifg-stream-ttft")
    page.keyboard.press("Control+a")
    page.keyboard.type("0.2")
    assert page.input_value("#ifg-stream-preset") == "custom"
    tab_to(page, "#ifg-stream-speed")
    page.keyboard.press("Control+a")
    page.keyboard.type("5000")
    tab_to(page, "[name=network]:checked")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#ifg-stream-net-slow-mobile")
    tab_to(page, "#ifg-stream-new")
    page.keyboard.press("Space")
    assert page.is_checked("#ifg-stream-new")
    tab_to(page, "[data-play]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-ifg-streaming][data-state=done]", timeout=10_000)


# --- tests: without JavaScript, reduced motion, streaming ----------------------------------------------------


def test_without_javascript_the_tool_pages_show_tables_and_say_why(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    watched = watch(context)
    page = watched.page
    for path, tool in (("calculator/", "[data-ifg-calculator]"), ("streaming-demo/", "[data-ifg-streaming]")):
        page.goto(site_url + path)
        note = page.locator(f"{tool} [data-fallback]")
        assert note.is_visible() and "needs JavaScript" in note.inner_text()
        assert not page.locator(f"{tool} form").is_visible()
        tables = page.locator("article .ifg-table table:visible")
        assert tables.count() >= 1
        assert tables.first.locator("tbody tr").count() >= 3
    page.goto(site_url + "cost-vs-speed/")
    assert page.locator("svg.ifg-chart-svg").first.is_visible()
    context.close()


def _times(page: Page) -> tuple[str, str, str]:
    text = page.inner_text("[data-times]")
    found = re.findall(r"(\d[\d,]*(?:\.\d+)?) s\b", text)
    assert len(found) == 3, text
    return found[0], found[1], found[2]


def test_reduced_motion_shows_the_end_state_and_the_times_at_once(browser: Browser, site_url: str,
                                                                  dataset: Dataset) -> None:
    context = browser.new_context(reduced_motion="reduce")
    watched = watch(context)
    page = watched.page
    page.goto(site_url + "streaming-demo/")
    page.wait_for_selector("[data-times]:not(:empty)")
    assert page.get_attribute("[data-ifg-streaming]", "data-state") == "done"
    answer = " ".join(page.text_content("[data-answer]").split())
    for pane in ("on", "off"):
        assert page.inner_text(f'[data-pane="{pane}"] [data-text]') == answer
    # The defaults come from data: lat-022 and lat-021 on a typical mobile connection, one round trip first.
    scenario = dataset.scenario("chat-reply")
    ttft, speed = dataset.observation("lat-022").value, dataset.observation("lat-021").value
    trip = next(p for p in dataset.network_profiles if p.id == "typical-mobile").rtt_ms / 1000
    wait = calc.wait(ttft, speed, scenario.output_tokens)
    first, streamed, _ = _times(page)
    assert (first, streamed) == (fmt.seconds(trip + wait.first_word_streaming), fmt.seconds(trip + wait.full_answer))
    page.click("[data-play]")
    assert "reduced motion" in page.inner_text("[data-motion]")
    assert page.get_attribute("[data-ifg-streaming]", "data-state") == "done"
    assert not watched.errors
    context.close()


def test_a_slower_network_delays_the_first_words(tab: Watched, site_url: str, dataset: Dataset) -> None:
    scenario = dataset.scenario("chat-reply")
    wait = calc.wait(dataset.observation("lat-022").value, dataset.observation("lat-021").value, scenario.output_tokens)
    trips = {p.id: p.rtt_ms / 1000 for p in dataset.network_profiles}
    page = tab.page
    page.goto(site_url + "streaming-demo/")
    page.wait_for_selector("[data-times]:not(:empty)")
    found = {}
    assert page.is_checked("#ifg-stream-net-typical-mobile")
    for profile in ("slow-mobile", "fast", "typical-mobile"):  # each one a change from the one before
        before = page.inner_text("[data-times]")
        page.check(f"#ifg-stream-net-{profile}")
        page.wait_for_function("(t) => document.querySelector('[data-times]').textContent !== t", arg=before)
        shown = _times(page)
        trip = trips[profile]
        assert shown[:2] == (fmt.seconds(trip + wait.first_word_streaming), fmt.seconds(trip + wait.full_answer))
        found[profile] = tuple(Decimal(v.replace(",", "")) for v in shown)
    assert found["fast"][0] < found["typical-mobile"][0] < found["slow-mobile"][0]
    assert all(found[p][2] >= found[p][1] for p in found)  # without streaming, never sooner
    before = page.inner_text("[data-times]")
    page.check("#ifg-stream-new")
    page.wait_for_function("(t) => document.querySelector('[data-times]').textContent !== t", arg=before)
    assert Decimal(_times(page)[0]) > found["typical-mobile"][0]  # a new connection adds round trips


def test_the_animation_plays_to_the_end(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(site_url + "streaming-demo/")
    page.fill("#ifg-stream-ttft", "0.3")
    page.fill("#ifg-stream-speed", "400")
    page.click("[data-play]")
    page.wait_for_selector("[data-ifg-streaming][data-state=playing]")
    page.wait_for_function(
        "() => document.querySelector('[data-pane=on] [data-text]').textContent.length > 0 &&"
        " document.querySelector('[data-pane=off] [data-text]').textContent === ''")
    page.wait_for_selector("[data-ifg-streaming][data-state=done]", timeout=10_000)
    assert page.inner_text("[data-pane=off] [data-text]") == page.inner_text("[data-pane=on] [data-text]")


# --- tests: every page, budget -------------------------------------------------------------------------------


def test_the_calculator_says_so_when_its_prices_do_not_load(context: BrowserContext, site_url: str) -> None:
    page = context.new_page()
    page.route("**/data/prices.json", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + "calculator/")
    error = page.locator("[data-ifg-calculator] [data-error]")
    error.wait_for(state="visible")
    assert "could not load its prices" in error.inner_text()
    assert error.get_attribute("role") == "alert"


# Layout shifts as the page loads, summed the way Cumulative Layout Shift counts them (without its windows).
SHIFTS = """window.__shift = 0; new PerformanceObserver((list) => { for (const e of list.getEntries())
  if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: "layout-shift", buffered: true });"""


@pytest.mark.parametrize("width, height", [(412, 823), (1280, 900)], ids=["phone", "laptop"])
def test_no_page_moves_while_it_loads(width: int, height: int, built_site: Path, browser: Browser, site_url: str) -> None:
    """Nothing moves: not the text below the tools as they fill in their forms, nor the header's buttons as
    Material's script shows the search box."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(SHIFTS)
    page = context.new_page()
    moved = {}
    for path in [p for p in _pages(built_site) if p != "404.html"]:
        page.goto(site_url + path, wait_until="networkidle")
        if path == "calculator/":
            page.wait_for_selector("[data-results] tbody tr")
        page.wait_for_timeout(100)
        moved[path] = page.evaluate("window.__shift")
    context.close()
    assert not any(moved.values()), {path: round(shift, 5) for path, shift in moved.items() if shift}


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)).removesuffix("index.html") for p in site.rglob("*.html"))


def test_no_page_requests_another_host_or_logs_an_error(built_site: Path, browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    watched = watch(context)
    page = watched.page
    problems = []
    for path in _pages(built_site):
        watched.requests.clear()
        watched.errors.clear()
        page.goto(site_url + path, wait_until="networkidle")
        foreign = [url for url in watched.requests if not url.startswith((site_url, "data:", "blob:"))]
        if foreign or watched.errors:
            problems.append(f"{path}: requests {foreign}, errors {watched.errors}")
    context.close()
    assert not problems, "\n".join(problems)


def test_every_page_transfers_no_more_than_the_page_budget(built_site: Path, browser: Browser, site_url: str) -> None:
    """Bytes over the wire, compressed as a static host serves them, with an empty cache: what a first visit
    costs a reader on a metered connection. The budget is 120% of the median recorded by `make audit`."""
    budget = page_budget()
    over = {}
    for path in _pages(built_site):
        context = browser.new_context()  # an empty cache for every page
        page = context.new_page()
        requests: list[Request] = []
        page.on("requestfinished", lambda request, seen=requests: seen.append(request))
        page.goto(site_url + path, wait_until="networkidle")
        sizes = [request.sizes() for request in requests]
        context.close()
        total = sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes)
        if total > budget:
            over[path] = total
    assert not over, f"over the budget of {budget:,} bytes: {over}"


def test_the_tools_javascript_fits_the_budget_and_loads_only_where_used(built_site: Path) -> None:
    folder = built_site / "assets" / "javascripts"
    own = {p.name for p in folder.glob("*.js") if not p.name.startswith("bundle.")}  # Material's bundle is not ours
    assert own == {*TOOL_SCRIPTS, "glossary.js", "search-on-demand.js"}
    for name in TOOL_SCRIPTS:
        sent = len(gzip.compress((folder / name).read_bytes(), 9))
        assert sent < JS_BUDGET, f"{name} is {sent:,} bytes gzipped; the budget is {JS_BUDGET:,}"
    for name in ("glossary.js", "search-on-demand.js"):  # every page loads them
        size = (folder / name).stat().st_size
        assert size < EVERY_PAGE_JS_BUDGET, f"{name} is {size:,} bytes; the budget is {EVERY_PAGE_JS_BUDGET:,}"
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<[^>]+\son[a-z]+=", html), f"{path}: inline event handler"
        for script, marker in (("calculator.js", "data-ifg-calculator"), ("streaming-demo.js", "data-ifg-streaming")):
            assert (script in html) == (marker in html), f"{path}: {script} loaded where its tool is not, or missing"
