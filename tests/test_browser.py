"""The built site in a real browser: the calculator's sums against macros.calc and macros.fmt, links that
reopen a calculation, keyboard use, JavaScript off, reduced motion, and no request to any host but the site's
own.

Drives Debian's chromium through Playwright's sync API; Playwright never downloads a browser. Without
chromium the tests skip and say how to install it, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import gzip
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from audit import page_budget
from conftest import BROWSER_ARGS
from needs import chromium_missing, require
from playwright.sync_api import Browser, BrowserContext, Page, Request
from serve import serving

from macros import calc
from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.data.models import Prices
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


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1, served by a threaded http.server (tests/serve.py)."""
    with serving(built_site) as url:
        yield url


@dataclass
class Watched:
    """A page with every request and every console error recorded."""

    page: Page
    requests: list[str]
    errors: list[str]


def _watch(context: BrowserContext) -> Watched:
    page = context.new_page()
    watched = Watched(page, [], [])
    page.on("request", lambda request: watched.requests.append(request.url))
    page.on("console", lambda message: watched.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    return watched


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    made = browser.new_context(viewport={"width": 1280, "height": 900})
    yield made
    made.close()


@pytest.fixture
def tab(context: BrowserContext, site_url: str) -> Iterator[Watched]:
    watched = _watch(context)
    yield watched
    foreign = [url for url in watched.requests if not url.startswith((site_url, "data:", "blob:"))]
    assert not foreign, f"requests to another host: {foreign}"
    assert not watched.errors, f"console errors: {watched.errors}"


# --- the calculator's sums, in Python --------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One calculator state, as its query string holds it."""

    models: tuple[str, ...]
    input: int
    cached: int
    output: int
    reasoning: int = 0
    volume: int = 100_000
    per: str = "month"
    per_user: int = 30
    turns: int = 1
    retry: str = "0"
    batch: bool = False
    scenario: str = "custom"
    asof: str = ""

    def query(self) -> str:
        fields = {
            "models": ",".join(self.models), "scenario": self.scenario, "input": self.input, "cached": self.cached,
            "output": self.output, "reasoning": self.reasoning, "volume": self.volume, "per": self.per,
            "per_user": self.per_user, "turns": self.turns, "retry": self.retry, "batch": int(self.batch),
        }
        if self.asof:
            fields["asof"] = self.asof
        return urlencode(fields, safe=",")


def _cost(prices: Prices, case: Case, batch: bool) -> Decimal:
    usage = calc.Usage(case.input, case.output, case.cached, case.reasoning)
    return calc.conversation_cost(prices, calc.Conversation(usage, case.turns, Decimal(case.retry)), batch)


def _has_batch(prices: Prices) -> bool:
    return prices.batch_input_mtok is not None and prices.batch_output_mtok is not None


def expected_rows(dataset: Dataset, case: Case) -> list[list[str]]:
    """The results table as the page must show it: model, provider, per interaction, per month, per 1,000 users, ratio."""
    costs = []
    for model_id in case.models:
        listing = dataset.listing(model_id)
        prices = listing.model.prices
        costs.append((listing, _cost(prices, case, case.batch and _has_batch(prices))))
    costs.sort(key=lambda pair: (pair[1], pair[0].model.name))
    cheapest = costs[0][1]
    monthly = calc.interactions_per_month(case.volume, case.per)
    return [
        [listing.model.name, listing.provider.name, fmt.money(cost), fmt.money(calc.monthly_cost(cost, monthly)),
         fmt.money(calc.per_thousand_users(cost, case.per_user)), fmt.ratio(cost / cheapest if cheapest else Decimal(1))]
        for listing, cost in costs
    ]


def _href(page: Page) -> str:
    """The address bar now: page.url follows history.replaceState only after a delay."""
    return page.evaluate("location.href")


def shown_rows(page: Page) -> list[list[str]]:
    rows = page.locator("[data-results] tbody tr")
    return [[cell.strip() for cell in row.locator("th, td").all_inner_texts()][:6] for row in rows.all()]


def open_calculator(tab: Watched, site_url: str, query: str = "") -> Page:
    page = tab.page
    page.goto(f"{site_url}calculator/" + (f"?{query}" if query else ""))
    page.wait_for_selector("[data-results] tbody tr")
    return page


CASES = {
    "cached input": Case(("gpt-5-mini", "claude-sonnet-4-6", "gemini-2.5-flash", "deepseek-v4-pro", "nova-micro"),
                         2500, 1500, 300, scenario="chat-reply"),
    "long-context tiers": Case(("gemini-2.5-pro", "qwen3.7-max", "qwen3-coder-plus", "gpt-5.5", "claude-sonnet-4-6"),
                               300_000, 40_000, 2_000, 1_000),
    "batch, with and without batch prices": Case(
        ("gemini-2.5-pro", "gpt-5-mini", "claude-haiku-4-5", "deepseek-v4-flash", "nova-pro"),
        250_000, 0, 600, batch=True, volume=3_000_000),
    "reasoning": Case(("o3", "gpt-5.4-nano", "grok-4.3"), 12_000, 8_000, 250, 2_000, scenario="agent-step"),
    "turns, retries and volume a day": Case(
        ("qwen3.7-max", "gpt-5.4-mini", "mistral-small-2603", "llama-3.1-8b-groq"),
        20_000, 5_000, 1_000, 500, volume=1_234, per="day", per_user=17, turns=4, retry="2.5", batch=True),
    "tiny costs": Case(("nova-micro", "gemini-2.5-flash-lite", "llama-3.1-8b-groq"), 40, 0, 1, volume=7),
}


# --- tests: sums ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_calculator_shows_the_same_sums_as_python(name: str, tab: Watched, site_url: str, dataset: Dataset) -> None:
    case = CASES[name]
    for model_id in case.models:
        dataset.listing(model_id)  # a renamed model fails here, not as a confusing mismatch
    page = open_calculator(tab, site_url, case.query())
    assert shown_rows(page) == expected_rows(dataset, case)


def test_batch_notes_say_which_models_keep_their_standard_price(tab: Watched, site_url: str, dataset: Dataset) -> None:
    case = CASES["batch, with and without batch prices"]
    page = open_calculator(tab, site_url, case.query())
    for row in page.locator("[data-results] tbody tr").all():
        name, notes = row.locator("th").inner_text().strip(), row.locator("td").last.inner_text()
        listing = next(item for item in dataset.listings if item.model.name == name)
        assert ("No batch price listed" in notes) != _has_batch(listing.model.prices), (name, notes)


def test_a_wrong_field_is_named_and_no_cost_is_shown(tab: Watched, site_url: str) -> None:
    page = open_calculator(tab, site_url)
    before = _href(page)
    page.fill("#ifg-calc-cached", "999999")
    error = page.locator("[data-error]")
    assert error.is_visible() and "Cached input tokens" in error.inner_text()
    assert page.get_attribute("#ifg-calc-cached", "aria-invalid") == "true"
    assert page.locator("[data-results] tbody tr").count() == 0
    assert _href(page) == before  # a broken state never reaches the link
    page.fill("#ifg-calc-cached", "0")
    assert not error.is_visible()
    assert page.locator("[data-results] tbody tr").count() == 3


HOSTILE_LINKS = {
    "inherited names": ("models=constructor,__proto__,toString,gpt-5-mini",
                        "This link names models that are not in this data: constructor, __proto__, toString."),
    "negative zero": ("models=gpt-5-mini&retry=-0", "This link's retry was not a number the calculator reads"),
    "a huge exponent": ("models=gpt-5-mini&retry=1e-9000000", "This link's retry was not a number the calculator reads"),
    "thousands of unknown models": ("models=" + ",".join(f"m{i}" for i in range(5000)) + ",gpt-5-mini",
                                    "m0, m1, m2, m3, m4 and 4995 more."),
    "a date in the future": ("models=gpt-5-mini&asof=2099-01-01", "This link's date, 2099-01-01, is not a date the prices cover"),
    "an impossible date": ("models=gpt-5-mini&asof=2026-02-30", "This link's date, 2026-02-30, is not a date the prices cover"),
    "markup in a value": ("models=gpt-5-mini&input=<img src=x onerror=alert(1)>", "This link's input was not a number"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_LINKS))
def test_the_calculator_survives_any_link(name: str, tab: Watched, site_url: str) -> None:
    query, says = HOSTILE_LINKS[name]
    page = tab.page
    started = time.monotonic()
    page.goto(f"{site_url}calculator/?{query}")
    page.wait_for_selector("[data-results] tbody tr")
    page.wait_for_function("document.querySelector('[data-summary]').textContent.length > 0")
    assert time.monotonic() - started < 5, "the calculator took too long: its work must stay bounded"
    summary = page.inner_text("[data-summary]")
    assert says in summary
    assert page.locator("[data-results] tbody tr").count() == 1
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0


def test_the_calculator_compares_at_most_twelve_models(tab: Watched, site_url: str, dataset: Dataset) -> None:
    ids = [listing.model.id for listing in dataset.listings]
    page = open_calculator(tab, site_url, "models=" + ",".join(ids))
    assert page.locator("[data-results] tbody tr").count() == 12
    page.wait_for_function("document.querySelector('[data-summary]').textContent.length > 0")
    assert f"This link names {len(ids)} models; the calculator compares the first 12." in page.inner_text("[data-summary]")


# --- tests: links ------------------------------------------------------------------------------------------


def _state(page: Page) -> dict[str, object]:
    return page.evaluate("""() => {
        const f = document.querySelector("[data-ifg-calculator] form").elements;
        const names = ["scenario", "input", "cached", "output", "reasoning", "volume", "per", "per_user", "turns", "retry"];
        return {
            fields: Object.fromEntries(names.map((n) => [n, f[n].value])),
            batch: f.batch.checked,
            chosen: [...document.querySelectorAll("[data-chosen] li")].map((li) => li.textContent),
        };
    }""")


def test_a_link_reopens_the_same_calculation(context: BrowserContext, site_url: str, dataset: Dataset) -> None:
    first = _watch(context)
    page = open_calculator(first, site_url)
    page.fill("#ifg-calc-search", "haiku")
    page.select_option("#ifg-calc-list", "claude-haiku-4-5")
    page.click("[data-add]")
    page.select_option("#ifg-calc-scenario", "rag-answer")
    page.fill("#ifg-calc-output", "777")
    page.fill("#ifg-calc-turns", "3")
    page.fill("#ifg-calc-retry", "5")
    page.select_option("#ifg-calc-per", "day")
    page.check("#ifg-calc-batch")
    page.get_by_role("button", name="Remove GPT-5 mini").click()
    state, rows = _state(page), shown_rows(page)
    link = page.input_value("[data-link]")
    assert _href(page) == link
    query = parse_qs(urlsplit(link).query)
    assert query["asof"] == [dataset.as_of.isoformat()]
    assert query["scenario"] == ["custom"] and query["output"] == ["777"] and query["batch"] == ["1"]
    assert "claude-haiku-4-5" in query["models"][0] and "gpt-5-mini" not in query["models"][0]

    second = _watch(context)
    reopened = second.page
    reopened.goto(link)
    reopened.wait_for_selector("[data-results] tbody tr")
    assert _state(reopened) == state
    assert shown_rows(reopened) == rows
    scenario = dataset.scenario("rag-answer")
    case = Case(tuple(query["models"][0].split(",")), scenario.input_tokens, scenario.cached_input_tokens, 777,
                scenario.reasoning_tokens, volume=int(query["volume"][0]), per="day", turns=3, retry="5", batch=True)
    assert rows == expected_rows(dataset, case)
    for watched in (first, second):
        assert not watched.errors
        assert all(url.startswith(site_url) for url in watched.requests)


def _history_case(dataset: Dataset, asof: str) -> tuple[Case, dict[str, tuple[str, str]]]:
    """A chat reply on models with and without earlier prices, and the (then, now) cost of each changed one."""
    case = Case(("deepseek-v4-pro", "deepseek-v4-flash", "gpt-5-mini"), 2500, 1500, 300, scenario="chat-reply", asof=asof)
    changed = {}
    for model_id in case.models:
        model = dataset.listing(model_id).model
        applied = [h for h in model.history if asof <= h.until.isoformat()]
        if applied:
            old = applied[-1]  # newest first: the last match is the entry in force on that day
            old_prices = Prices(input_mtok=old.input_mtok, output_mtok=old.output_mtok, cached_input_mtok=old.cached_input_mtok)
            changed[model.name] = (fmt.money(_cost(old_prices, case, False)), fmt.money(_cost(model.prices, case, False)))
    return case, changed


def test_an_old_link_says_prices_changed_and_shows_both_costs(tab: Watched, site_url: str, dataset: Dataset) -> None:
    case, changed = _history_case(dataset, "2026-08-01")
    assert set(changed) == {"DeepSeek V4 Pro", "DeepSeek V4 Flash (now deepseek-flash)"}
    page = open_calculator(tab, site_url, case.query())
    notice = page.locator("[data-changed]")
    assert notice.is_visible()
    text = notice.inner_text()
    assert "2026-08-01" in text and dataset.as_of.isoformat() in text
    for name, (then, now) in changed.items():
        line = next(line for line in text.splitlines() if line.startswith(name))
        assert then in line and now in line and then != now, line
    assert "GPT-5 mini" not in text
    assert "Prices have changed" in page.inner_text("[data-summary]")
    assert shown_rows(page) == expected_rows(dataset, case)  # the table shows today's prices

    page.get_by_role("button", name="Use today's prices in the link").click()
    assert not notice.is_visible()
    assert parse_qs(urlsplit(_href(page)).query)["asof"] == [dataset.as_of.isoformat()]


@pytest.mark.parametrize(("asof", "notice"), [("2026-08-16", True), ("2026-08-17", False)])
def test_the_last_day_of_an_old_price_still_counts(asof: str, notice: bool, tab: Watched, site_url: str,
                                                   dataset: Dataset) -> None:
    case, changed = _history_case(dataset, asof)
    assert bool(changed) == notice
    page = open_calculator(tab, site_url, case.query())
    assert page.locator("[data-changed]").is_visible() == notice


# --- tests: keyboard ------------------------------------------------------------------------------------------


NAME = "(el) => el.id || el.getAttribute('aria-label') || el.name || el.textContent.trim().slice(0, 40)"


def _focused(page: Page) -> dict[str, str]:
    return page.evaluate(f"""() => {{
        const el = document.activeElement, style = getComputedStyle(el);
        return {{ name: ({NAME})(el), outline: style.outlineStyle, width: style.outlineWidth }};
    }}""")


def _tab_to(page: Page, selector: str, key: str = "Tab", limit: int = 250) -> None:
    """Press Tab (or Shift+Tab) until `selector` has the focus, and check that the focus is visible there."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            focused = _focused(page)
            assert focused["outline"] != "none" and float(focused["width"].removesuffix("px")) >= 2, focused
            return
    raise AssertionError(f"{key} never reached {selector}")


def test_every_calculator_control_works_from_the_keyboard(tab: Watched, site_url: str, dataset: Dataset) -> None:
    page = open_calculator(tab, site_url)
    controls = page.evaluate(f"""() => [...document.querySelectorAll(
        "[data-ifg-calculator] :is(input, select, button, [tabindex='0'])")]
        .filter((el) => el.offsetParent !== null).map({NAME})""")
    _tab_to(page, "#ifg-calc-search")
    reached = []
    for _ in range(80):  # every stop from the search field to the last button, each with a visible focus
        focused = _focused(page)
        assert focused["outline"] != "none", focused
        reached.append(focused["name"])
        if focused["name"] == "Copy link":
            break
        page.keyboard.press("Tab")
    assert [c for c in controls if c not in reached] == [], "never reached by Tab"

    # Search by typing, pick with an arrow key, add with Enter.
    _tab_to(page, "#ifg-calc-search", key="Shift+Tab")
    page.keyboard.type("opus 4.7")
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "ifg-calc-list"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert "Claude Opus 4.7" in page.inner_text("[data-chosen]")
    # Remove a model with Enter on its button; the focus stays on a button in the list.
    _tab_to(page, "[data-chosen] button")
    removed = page.evaluate("document.activeElement.getAttribute('aria-label')").removeprefix("Remove ")
    page.keyboard.press("Enter")
    assert removed not in page.inner_text("[data-chosen]")
    assert page.evaluate("document.activeElement.closest('[data-chosen]') !== null")
    # A scenario by arrow key, a token count by typing, batch prices by Space.
    _tab_to(page, "#ifg-calc-scenario")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#ifg-calc-scenario") == dataset.scenarios[1].id
    _tab_to(page, "#ifg-calc-output")
    page.keyboard.press("Control+a")
    page.keyboard.type("1000")
    assert page.input_value("#ifg-calc-scenario") == "custom"
    _tab_to(page, "#ifg-calc-batch")
    page.keyboard.press("Space")
    assert page.is_checked("#ifg-calc-batch")
    query = parse_qs(urlsplit(_href(page)).query)
    assert query["output"] == ["1000"] and query["batch"] == ["1"] and "claude-opus-4-7" in query["models"][0]
    assert removed not in [dataset.listing(m).model.name for m in query["models"][0].split(",")]
    # Copy link by Enter: the status says what happened.
    _tab_to(page, "[data-copy]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('[data-copied]').textContent !== ''")


def test_the_streaming_demo_works_from_the_keyboard(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}streaming-demo/")
    page.wait_for_selector("[data-ifg-streaming] [data-times]:not(:empty)")
    _tab_to(page, "#ifg-stream-preset")
    _tab_to(page, "#ifg-stream-ttft")
    page.keyboard.press("Control+a")
    page.keyboard.type("0.2")
    assert page.input_value("#ifg-stream-preset") == "custom"
    _tab_to(page, "#ifg-stream-speed")
    page.keyboard.press("Control+a")
    page.keyboard.type("5000")
    _tab_to(page, "[name=network]:checked")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#ifg-stream-net-slow-mobile")
    _tab_to(page, "#ifg-stream-new")
    page.keyboard.press("Space")
    assert page.is_checked("#ifg-stream-new")
    _tab_to(page, "[data-play]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-ifg-streaming][data-state=done]", timeout=10_000)


# --- tests: without JavaScript, reduced motion, streaming ----------------------------------------------------


def test_without_javascript_the_tool_pages_show_tables_and_say_why(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    watched = _watch(context)
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
    watched = _watch(context)
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
    wait = calc.wait(ttft, speed, scenario.output_tokens, scenario.reasoning_tokens)
    first, streamed, _ = _times(page)
    assert (first, streamed) == (fmt.seconds(trip + wait.first_word_streaming), fmt.seconds(trip + wait.full_answer))
    page.click("[data-play]")
    assert "reduced motion" in page.inner_text("[data-motion]")
    assert page.get_attribute("[data-ifg-streaming]", "data-state") == "done"
    assert not watched.errors
    context.close()


def test_a_slower_network_delays_the_first_words(tab: Watched, site_url: str, dataset: Dataset) -> None:
    scenario = dataset.scenario("chat-reply")
    wait = calc.wait(dataset.observation("lat-022").value, dataset.observation("lat-021").value,
                     scenario.output_tokens, scenario.reasoning_tokens)
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
    watched = _watch(context)
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
