"""The built site in a real browser: JavaScript off, what every page loads and from where, layout that does
not move, and the tools' scripts' budgets. The calculator and the streaming demo have their own test files.

Drives Debian's chromium through Playwright's sync API; Playwright never downloads a browser. Without
chromium the tests skip and say how to install it, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from audit import TEXT_PAGE_BYTES, is_text_page, page_budget
from browsing import watch
from conftest import BROWSER_ARGS
from needs import chromium_missing, require
from playwright.sync_api import Browser, BrowserContext, Request

from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

pytestmark = pytest.mark.browser

ARGS = BROWSER_ARGS
TOOL_SCRIPTS = ("calculator.js", "streaming-demo.js", "explorer.js", "chart.js", "row-filter.js", "copy.js", "currency.js")
JS_BUDGET = 12 * 1024  # each tool's script, gzipped as the server sends it; each loads only on its tool's page
CALCULATOR_JS_BUDGET = 16 * 1024
"""The calculator's own: it also keeps its totals in view, picks models with the keyboard, copies its state and judges
the whole answer (issue 24); it loads on two pages and only after the page has painted (defer)."""
EVERY_PAGE_JS_BUDGET = 3 * 1024


def _require_browser() -> None:
    require(chromium_missing(), "Install Debian's chromium (make browser), or set CHROMIUM to another Chromium binary.")


# --- fixtures ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset(root: Path) -> Dataset:
    return load_dataset(root / "data")


# --- tests: without JavaScript ------------------------------------------------------------------------------


def test_without_javascript_the_tool_pages_show_tables_and_say_why(browser: Browser, site_url: str) -> None:
    """The calculator's page shows tables of its own; the streaming demo's note links to the one home of its table, on
    the latency page (a long table is on one page only)."""
    context = browser.new_context(java_script_enabled=False)
    watched = watch(context)
    page = watched.page
    for path, tool in (("calculator/", "[data-ifg-calculator]"), ("streaming-demo/", "[data-ifg-streaming]")):
        page.goto(site_url + path)
        note = page.locator(f"{tool} [data-fallback]")
        assert note.is_visible() and "needs JavaScript" in note.inner_text()
        assert not page.locator(f"{tool} form").is_visible()
        region = "article .ifg-table"
        if path == "streaming-demo/":
            note.locator("a").click()
            assert page.url.endswith("/latency/#does-a-model-meet-them")
            region = "article .ifg-table[aria-label^='Wait and verdict for Chat reply']"
        tables = page.locator(f"{region} table:visible")
        assert tables.count() >= 1
        assert tables.first.locator("tbody tr").count() >= 3
    page.goto(site_url + "cost-vs-speed/")
    assert page.locator("svg.ifg-chart-svg").first.is_visible()
    context.close()


# --- tests: every page, budget -------------------------------------------------------------------------------


def test_the_calculator_says_so_when_its_prices_do_not_load(context: BrowserContext, site_url: str) -> None:
    page = context.new_page()
    page.route("**/data/prices/*.json", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + "calculator/")
    error = page.locator("[data-ifg-calculator] [data-error]")
    error.wait_for(state="visible")
    assert "could not load its prices" in error.inner_text()
    assert error.get_attribute("role") == "alert"


# Layout shifts as the page loads, summed the way Cumulative Layout Shift counts them (without its windows).
SHIFTS = """window.__shift = 0; window.__moved = [];
const name = (n) => n && n.nodeType === 1
  ? n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") + "." + [...n.classList].join(".") : String(n);
new PerformanceObserver((list) => { for (const e of list.getEntries())
  if (!e.hadRecentInput) { window.__shift += e.value; window.__moved.push(...e.sources.map((s) => name(s.node))); } })
  .observe({ type: "layout-shift", buffered: true });"""
"""Each shift's elements are kept too, so that a failure names what moved."""


@pytest.mark.parametrize("width, height", [(412, 823), (1280, 900)], ids=["phone", "laptop"])
def test_no_page_moves_while_it_loads(width: int, height: int, built_site: Path, browser: Browser, site_url: str) -> None:
    """Nothing moves: not the text below the tools as they fill in their forms, nor the header's buttons as the
    search box shows."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(SHIFTS)
    page = context.new_page()
    moved = {}
    for path in [p for p in _pages(built_site) if p != "404.html"]:
        page.goto(site_url + path, wait_until="networkidle")
        if path == "calculator/":
            page.wait_for_selector("[data-results] tbody tr")
        page.wait_for_timeout(100)
        moved[path] = page.evaluate("[window.__shift, window.__moved]")
    context.close()
    assert not any(shift for shift, _ in moved.values()), {
        path: (round(shift, 5), what) for path, (shift, what) in moved.items() if shift}


BUNDLE = "/assets/javascripts/bundle."
"""Material's script, which material-on-demand.js loads on the reader's first action."""


@pytest.mark.parametrize("width, height", [(412, 823), (1280, 900)], ids=["phone", "laptop"])
def test_materials_script_comes_with_the_first_scroll_and_then_follows_it(width: int, height: int, browser: Browser,
                                                                          site_url: str) -> None:
    """A first visit is read without Material's script; the first scroll loads it, once, and it starts without
    moving anything (it wraps the Markdown tables then): the contents follow the scroll, back to top shows on the
    way up, a keyboard reaches the table's scrolling box, and the search index still waits for a search."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(SHIFTS)
    watched = watch(context)
    page = watched.page
    page.goto(site_url + "training-vs-inference/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert not [url for url in watched.requests if BUNDLE in url], "Material's script loaded before the reader did anything"
    page.mouse.move(width // 2, height // 2)
    page.mouse.wheel(0, 1500)
    page.wait_for_selector(".md-nav--secondary .md-nav__link--active", state="attached")
    page.mouse.wheel(0, -300)
    page.wait_for_selector(".md-top:not([hidden])")
    assert page.get_attribute("article .md-typeset__scrollwrap", "role") == "region"
    assert page.get_attribute("article .md-typeset__scrollwrap", "tabindex") == "0"
    assert len([url for url in watched.requests if BUNDLE in url]) == 1
    assert not [url for url in watched.requests if url.endswith("/search/search_index.json")], "a scroll is no search"
    assert page.evaluate("window.__shift") == 0, page.evaluate("window.__moved")
    assert not watched.errors
    context.close()


PAINTED = """(pause) => {
  if (!document.body) return false;
  const comments = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
  let reached = false;
  while (!reached && comments.nextNode()) reached = comments.currentNode.data === pause;
  if (!reached) return false;
  window.__painted = [...document.body.querySelectorAll("*")].flatMap((e) => {
    const box = e.getBoundingClientRect();
    return box.width * box.height && box.bottom > 0 && box.top < innerHeight
      && getComputedStyle(e).visibility !== "hidden" ? [[e, box.x, box.y]] : [];
  });
  return true;
}"""
"""Once the parser has reached the pause, note where each element on screen sits, as the browser paints it then."""
MOVED = """() => window.__painted.flatMap(([e, x, y]) => {
  const box = e.getBoundingClientRect();  // an element a script took away or hid since has not moved: it is gone
  return e.isConnected && box.width * box.height && Math.max(Math.abs(box.x - x), Math.abs(box.y - y)) >= 0.5
    ? [[e.tagName.toLowerCase() + "." + [...e.classList].join("."), Math.round(box.x - x), Math.round(box.y - y)]] : [];
})"""
"""Each element noted at the pause that now sits elsewhere, and by how far (x, y in px)."""


def test_a_table_keeps_its_columns_while_its_rows_arrive(built_site: Path, browser: Browser) -> None:
    """On a slow network the browser paints a table before all its rows have arrived. Each page here comes in two
    parts (tests/serve.py, TrickleHandler), the first ending a few rows into its first table from data/, and
    nothing on screen at the pause may move when the rest of the rows arrive: the columns were sized from all of
    them at build time. What sits where is noted once the whole first part is parsed, so a paint the browser
    makes earlier, partway through the first part, does not count here: the next test covers such paints in the
    header, menu and contents, which come first on every page."""
    from serve import PAUSE, TrickleHandler, serving, trickle_point

    paths = [p for p in _pages(built_site) if p != "404.html"
             and trickle_point(page := (built_site / p / "index.html").read_bytes()) < len(page)]
    assert len(paths) >= 10, paths
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    moved, noted = {}, 0
    pause = PAUSE.decode().removeprefix("<!--").removesuffix("-->")
    with serving(built_site, TrickleHandler) as url:
        for path in paths:
            page.goto(url + path, wait_until="commit")
            page.wait_for_function(PAINTED, arg=pause, polling=10)
            page.wait_for_load_state("load")
            noted += page.evaluate("window.__painted.length")
            moved[path] = page.evaluate(MOVED)
    context.close()
    assert noted > 100 * len(paths), noted
    assert not any(moved.values()), {path: what for path, what in moved.items() if what}


START_TAG = re.compile(rb"<[a-zA-Z][^>]*>")
BOXES = """() => [...document.body.querySelectorAll("*")].map((e) => {
  const box = e.getBoundingClientRect(), style = getComputedStyle(e);
  return [e.tagName.toLowerCase() + "." + [...e.classList].join("."), box.x, box.y, box.width * box.height,
          style.display !== "none" && style.visibility !== "hidden" && box.bottom > 0 && box.top < innerHeight];
})"""
"""Each element in document order: its name, where it starts, its area and whether it shows on screen."""


@pytest.mark.parametrize("width, height", [(412, 823), (1280, 900)], ids=["phone", "laptop"])
def test_nothing_painted_moves_wherever_the_page_pauses_before_its_text(width: int, height: int, built_site: Path,
                                                                        browser: Browser, site_url: str) -> None:
    """A page reaches the browser in pieces, and the browser may paint after any of them. Cut a page after each
    tag of the header, menu and contents that come before its text, as a pause there would: nothing then on
    screen may sit elsewhere once the whole page is in. (A menu list painted before its first entry once sat
    17.5 px higher, and the contents sidebar sat next to the menu until the text arrived.)"""
    path = "training-vs-inference/"
    body = (built_site / path / "index.html").read_bytes()
    start, text = body.index(b"<body"), body.index(b"<article")
    cuts = [m.end() for m in START_TAG.finditer(body, start, text)]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    served = {"bytes": body}
    page.route(site_url + path, lambda route: route.fulfill(body=served["bytes"], content_type="text/html"))
    page.goto(site_url + path, wait_until="load")
    whole = page.evaluate(BOXES)
    moved = []
    for cut in cuts:
        served["bytes"] = body[:cut]
        page.goto(site_url + path, wait_until="load")
        cut_boxes = page.evaluate(BOXES)  # the whole page's first elements, and no others
        for (name, x, y, area, shown), (whole_name, whole_x, whole_y, _, _) in zip(cut_boxes, whole, strict=False):
            assert name == whole_name, f"the page cut at byte {cut} has {name} where the whole page has {whole_name}"
            if shown and area and max(abs(x - whole_x), abs(y - whole_y)) >= 0.5:
                moved.append((cut, name, (round(x, 1), round(y, 1)), (round(whole_x, 1), round(whole_y, 1))))
    context.close()
    assert len(cuts) > 100, len(cuts)
    assert not moved, moved[:10]


def test_opening_a_models_details_gives_its_text_room(context: BrowserContext, site_url: str) -> None:
    """Fixed columns keep a closed table still; a reader who opens a model's details gets a column wide enough
    to read them, not a narrow strip many times taller than the row."""
    page = context.new_page()
    page.goto(site_url + "providers/anthropic/")
    table = page.locator("article table.ifg-fixed").first
    details = table.locator("thead th").last
    closed = details.bounding_box()
    table.locator("tbody tr details summary").first.click()
    opened = details.bounding_box()
    assert closed and opened and opened["width"] > 1.5 * closed["width"], (closed, opened)


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
    costs a reader on a metered connection. The budget is 120% of the median recorded by `make audit`; a text page
    (no tool, no table from data/) may send at most TEXT_PAGE_BYTES."""
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
        limit = TEXT_PAGE_BYTES if is_text_page(built_site, path) else budget
        if total > limit:
            over[path] = (total, limit)
    assert not over, f"over the budget (bytes, limit): {over}"


def test_the_tools_javascript_fits_the_budget_and_loads_only_where_used(built_site: Path) -> None:
    folder = built_site / "assets" / "javascripts"
    own = {p.name for p in folder.glob("*.js") if not p.name.startswith("bundle.")}  # Material's bundle is not ours
    assert own == {*TOOL_SCRIPTS, "glossary.js", "search-on-demand.js", "material-on-demand.js"}
    for name in TOOL_SCRIPTS:
        sent = len(gzip.compress((folder / name).read_bytes(), 9))
        budget = CALCULATOR_JS_BUDGET if name == "calculator.js" else JS_BUDGET
        assert sent < budget, f"{name} is {sent:,} bytes gzipped; the budget is {budget:,}"
    for name in ("glossary.js", "search-on-demand.js", "material-on-demand.js"):  # every page loads them
        size = (folder / name).stat().st_size
        assert size < EVERY_PAGE_JS_BUDGET, f"{name} is {size:,} bytes; the budget is {EVERY_PAGE_JS_BUDGET:,}"
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<[^>]+\son[a-z]+=", html), f"{path}: inline event handler"
        for script, marker in (("calculator.js", "data-ifg-calculator"), ("streaming-demo.js", "data-ifg-streaming"),
                               ("explorer.js", "data-ifg-explorer"), ("chart.js", "data-ifg-chart"),
                               ("row-filter.js", "data-ifg-filter"), ("copy.js", "data-ifg-copy"),
                               ("currency.js", "data-currency")):
            loaded = re.search(rf'<script src="[^"]*/{re.escape(script)}"', html) is not None
            assert loaded == (marker in html), f"{path}: {script} loaded where its tool is not, or missing"
