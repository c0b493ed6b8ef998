"""The cost calculator in chromium: its figures against macros.calc, thinking effort per model, tiers, links that
reopen a calculation, the volume a reader types, adding models by keyboard, a model of the reader's own, and any
link a stranger could craft.

Figures come from macros.calc and macros.formatting (through tests/calc_grid.py's `expected`); the grid in
tests/test_calculator_grid.py proves the script's arithmetic case by case, these tests the page around it.
"""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from browsing import NAME, Watched, focused, href, tab_to, watch
from calc_grid import GridCase, expected
from playwright.sync_api import BrowserContext, Page

from macros import calc, waits
from macros import formatting as fmt
from macros.data import rules
from macros.data.dataset import Dataset
from macros.data.models import Observation
from macros.data.validate import load_dataset

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def dataset(root: Path) -> Dataset:
    return load_dataset(root / "data")


def open_calculator(tab: Watched, site_url: str, query: str = "") -> Page:
    page = tab.page
    page.goto(f"{site_url}calculator/" + (f"?{query}" if query else ""))
    page.wait_for_selector("[data-results] tbody tr")
    return page


def shown(page: Page) -> dict[str, list[str]]:
    """Each results row: the model's name, then its three figures."""
    found = {}
    for row in page.locator("[data-results] tbody tr").all():
        name = row.locator("th a, th").first.inner_text().split("\n")[0].strip()
        found[name] = [cell.strip() for cell in row.locator("td").all_inner_texts()]
    return found


def notes(page: Page, name: str) -> str:
    row = page.locator("[data-results] tbody tr", has_text=name)
    return row.locator("th small:not(.ifg-speed)").inner_text()


def speed(page: Page, name: str) -> str:
    """The speed line of the row whose model is exactly `name` (not a longer name that starts with it)."""
    row = page.locator("[data-results] tbody tr", has=page.get_by_role("link", name=name, exact=True))
    return row.locator("th small.ifg-speed").inner_text()


def query_for(scenario_id: str, dataset: Dataset, models: str, **fields: object) -> str:
    s = dataset.scenario(scenario_id)
    base: dict[str, object] = {
        "models": models, "scenario": scenario_id, "input": s.input_tokens, "prefix": s.cacheable_prefix_tokens,
        "hit": str(s.cache_hit_rate * 100).rstrip("0").rstrip(".") if s.cache_hit_rate else "0", "output": s.output_tokens,
        "image": s.image_tokens, "searches": s.web_searches, "think_low": s.thinking_tokens.low,
        "think_medium": s.thinking_tokens.medium, "think_high": s.thinking_tokens.high,
        "users": 10_000, "per_user": 3, "per": "day", "turns": 1, "retry": 0, "tier": "standard",
    }
    return urlencode({**base, **fields}, safe=",:")


def case_for(model: str, scenario_id: str, dataset: Dataset, effort: str = "default", **fields: object) -> GridCase:
    s = dataset.scenario(scenario_id)
    t = s.thinking_tokens
    hit = str(s.cache_hit_rate * 100).rstrip("0").rstrip(".") if s.cache_hit_rate else "0"
    values: dict[str, object] = dict(model=model, input=s.input_tokens, prefix=s.cacheable_prefix_tokens, hit=hit,
                                     output=s.output_tokens, image=s.image_tokens, searches=s.web_searches,
                                     think=(t.low, t.medium, t.high), effort=effort, turns=1, retry="0", tier="standard",
                                     users=10_000, perUser="3", per="day")
    values.update(fields)
    return GridCase(**values)  # type: ignore[arg-type]


# --- figures ------------------------------------------------------------------------------------------------------


def test_each_model_is_costed_by_its_own_rules_at_its_chosen_effort(tab: Watched, site_url: str, dataset: Dataset) -> None:
    models = "gpt-5.5:high,claude-haiku-4-5,deepseek-v4-flash:off,gpt-5.4-mini"
    page = open_calculator(tab, site_url, query_for("chat-reply", dataset, models))
    rows = shown(page)
    for entry in models.split(","):
        model_id, _, effort = entry.partition(":")
        listing = dataset.listing(model_id)
        assert rows[listing.model.name] == expected(listing, case_for(model_id, "chat-reply", dataset, effort or "default"))
    assert "high effort: 3,000 thinking tokens" in notes(page, "GPT-5.5")
    assert "no cache discount: prefix under its minimum" in notes(page, "Claude Haiku 4.5")
    assert "thinking off" in notes(page, "DeepSeek V4 Flash")
    assert page.input_value("select[aria-label='Thinking effort for GPT-5.5']") == "high"


def test_changing_an_effort_changes_the_cost_and_the_link(tab: Watched, site_url: str, dataset: Dataset) -> None:
    page = open_calculator(tab, site_url, query_for("agent-step", dataset, "gpt-5.5"))
    before = shown(page)["GPT-5.5"]
    page.select_option("select[aria-label='Thinking effort for GPT-5.5']", "low")
    after = shown(page)["GPT-5.5"]
    assert after != before
    assert after == expected(dataset.listing("gpt-5.5"), case_for("gpt-5.5", "agent-step", dataset, "low"))
    assert "gpt-5.5:low" in parse_qs(urlsplit(href(page)).query)["models"][0]


def test_a_tier_a_model_lacks_keeps_its_standard_price_and_says_so(tab: Watched, site_url: str, dataset: Dataset) -> None:
    page = open_calculator(tab, site_url, query_for("summarise-document", dataset, "gpt-5.4,claude-haiku-4-5", tier="flex"))
    assert "no flex tier: standard prices" in notes(page, "Claude Haiku 4.5")
    assert "no flex tier" not in notes(page, "GPT-5.4")
    for model_id in ("gpt-5.4", "claude-haiku-4-5"):
        listing = dataset.listing(model_id)
        want = expected(listing, case_for(model_id, "summarise-document", dataset, tier="flex"))
        assert shown(page)[listing.model.name] == want


def test_a_photo_leaves_out_models_that_cannot_take_images(tab: Watched, site_url: str, dataset: Dataset) -> None:
    page = open_calculator(tab, site_url, query_for("describe-photo", dataset, "claude-haiku-4-5,deepseek-v4-pro"))
    assert list(shown(page)) == ["Claude Haiku 4.5"]
    page.wait_for_function("document.querySelector('[data-summary]').textContent.includes('cannot take images')")


def test_a_prompt_beyond_the_context_window_is_flagged(tab: Watched, site_url: str, dataset: Dataset) -> None:
    window = dataset.listing("gpt-4o").model.context_window
    assert window
    page = open_calculator(tab, site_url, query_for("summarise-document", dataset, "gpt-4o", input=window, prefix=0))
    assert f"exceed its {window:,}-token context window" in notes(page, "GPT-4o")


def test_a_wrong_field_is_named_and_no_cost_is_shown(tab: Watched, site_url: str) -> None:
    page = open_calculator(tab, site_url)
    before = href(page)
    page.fill("#ifg-calc-prefix", "999999")
    error = page.locator("[data-error]")
    assert error.is_visible() and "Repeated prefix" in error.inner_text()
    assert page.get_attribute("#ifg-calc-prefix", "aria-invalid") == "true"
    assert page.locator("[data-results] tbody tr").count() == 0
    assert href(page) == before  # a broken state never reaches the link
    page.fill("#ifg-calc-prefix", "0")
    assert not error.is_visible()
    assert page.locator("[data-results] tbody tr").count() == 3


# --- volume -------------------------------------------------------------------------------------------------------


def test_users_and_interactions_per_user_make_the_monthly_total(tab: Watched, site_url: str, dataset: Dataset) -> None:
    page = open_calculator(tab, site_url, query_for("chat-reply", dataset, "gpt-5.4-mini"))
    page.fill("#ifg-calc-users", "50000")
    page.fill("#ifg-calc-per-user", "10")
    page.select_option("#ifg-calc-per", "day")
    assert "That is 15,000,000 interactions a month" in page.inner_text("[data-total]")
    want = expected(dataset.listing("gpt-5.4-mini"), case_for("gpt-5.4-mini", "chat-reply", dataset, users=50_000, perUser="10"))
    assert shown(page)["GPT-5.4 mini"] == want


def test_on_a_phone_each_models_per_month_figure_is_in_view_after_a_calculation(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 844})
    page = open_calculator(tab, site_url, "models=gpt-5.4-mini,deepseek-v4-flash,gemini-3.5-flash")
    page.fill("#ifg-calc-users", "20000")
    cells = page.locator('[data-results] td[data-label="Per month (USD)"]')
    assert cells.count() == 3
    for i in range(cells.count()):
        cells.nth(i).scroll_into_view_if_needed()
        box = cells.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, f"per-month figure {i} is off-screen: {box}"
        assert cells.nth(i).inner_text().startswith("$"), cells.nth(i).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _bar(page: Page) -> dict[str, list[str]]:
    """The totals in brief: each model's name, then its two figures."""
    rows = page.locator("[data-bar] tbody tr").all()
    return {row.locator("th").inner_text(): [c.strip() for c in row.locator("td").all_inner_texts()] for row in rows}


def test_on_a_phone_the_totals_stay_in_view_while_you_change_an_input(tab: Watched, site_url: str) -> None:
    """Issue 24: the first result sat 4.5 screens below the inputs, so every edit was made with no result in view."""
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 844})
    page = open_calculator(tab, site_url, "models=gpt-5.4-mini,claude-haiku-4-5,deepseek-v4-flash,gemini-3.5-flash")
    page.select_option("#ifg-calc-scenario", "chat-reply")
    tab_to(page, "#ifg-calc-turns")  # by keyboard: the focused field scrolls clear of the bar (WCAG 2.4.11)
    field, bar = page.locator("#ifg-calc-turns").bounding_box(), page.locator("[data-bar]").bounding_box()
    assert field and bar and field["y"] + field["height"] <= bar["y"], (field, bar)
    page.keyboard.press("Control+a")
    page.keyboard.type("6")
    bar = page.locator("[data-bar]").bounding_box()
    assert bar and bar["y"] >= 0 and bar["y"] + bar["height"] <= 844, bar
    assert bar["height"] < 844 / 3, "the bar covers too much of the screen"
    assert page.inner_text("[data-bar-per]") == "Per conversation"
    table = shown(page)
    brief = _bar(page)
    assert list(brief) == list(table)[:3]  # the cheapest three, as the full results order them
    assert all(brief[name] == table[name][:2] for name in brief)
    assert page.inner_text("[data-bar-more]").startswith("1 more")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.fill("#ifg-calc-hit", "")
    assert page.inner_text("[data-bar]").startswith("No costs until “Requests that find it cached (%)” is fixed.")


def test_on_a_phone_with_no_model_the_bar_says_to_add_one(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}calculator/?models=")
    page.wait_for_function("document.querySelector('[data-summary]').textContent.length > 0")
    assert page.inner_text("[data-bar]").startswith("Add a model to see its cost.")
    assert page.locator("[data-bar-table]").is_hidden()


def test_on_a_laptop_the_results_sit_beside_the_inputs(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page = open_calculator(tab, site_url, "models=gpt-5.4-mini,claude-haiku-4-5,deepseek-v4-flash,gpt-5.5,nova-micro")
    form, results = page.locator("[data-ifg-calculator] form").bounding_box(), page.locator("[data-results-area]").bounding_box()
    assert form and results and results["x"] >= form["x"] + form["width"], (form, results)
    assert results["y"] < form["y"] + form["height"] and form["y"] < results["y"] + results["height"]
    assert page.locator("[data-bar]").is_hidden()  # the results themselves are in view
    page.locator("#ifg-calc-turns").scroll_into_view_if_needed()
    page.fill("#ifg-calc-turns", "6")
    results = page.locator("[data-results-area]").bounding_box()
    assert results and results["y"] >= 0 and results["y"] < 768 / 2, "the results scrolled away from the inputs"
    assert page.inner_text("[data-per-head]") == "Per conversation (USD)"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    region = page.locator("[data-results-area] .ifg-table")
    assert region.evaluate("(el) => el.scrollWidth <= el.clientWidth"), "the results table is cut off"


def test_a_count_of_one_says_the_singular(tab: Watched, site_url: str, dataset: Dataset) -> None:
    """One model, one interaction a month, one input token: no "1 models" or "1 interactions" (issue 25)."""
    page = open_calculator(tab, site_url, query_for("chat-reply", dataset, "gpt-5.4-mini", input=1, prefix=0, users=1,
                                                    per_user=1, per="month"))
    assert page.inner_text("[data-total]").startswith("That is 1 interaction a month.")
    assert page.inner_text("[data-results] caption").startswith("Your own counts: 1 input token (0 repeated), ")
    assert "; 1 interaction a month" in page.inner_text("[data-results] caption")
    page.wait_for_function("document.querySelector('[data-summary]').textContent !== ''")
    assert page.text_content("[data-summary]").startswith("1 model. Cheapest: GPT-5.4 mini, ")


def test_more_than_one_message_counts_conversations(tab: Watched, site_url: str, dataset: Dataset) -> None:
    page = open_calculator(tab, site_url, query_for("chat-reply", dataset, "gpt-5.4-mini"))
    page.fill("#ifg-calc-turns", "5")
    assert page.inner_text("[data-per-head]") == "Per conversation (USD)"
    assert "conversations a month" in page.inner_text("[data-total]")
    want = expected(dataset.listing("gpt-5.4-mini"), case_for("gpt-5.4-mini", "chat-reply", dataset, turns=5))
    assert shown(page)["GPT-5.4 mini"] == want


def test_a_model_of_your_own_is_priced_beside_the_others(tab: Watched, site_url: str, dataset: Dataset) -> None:
    page = open_calculator(tab, site_url, query_for("tag-short-text", dataset, "gpt-5.4-nano"))
    page.click("[data-custom] summary")
    page.fill("#ifg-calc-custom-name", "Our fine-tune")
    page.fill("#ifg-calc-custom-input", "0.5")
    page.fill("#ifg-calc-custom-output", "2")
    # 400 x 0.5 + 15 x 2 = 230 per million = $0.00023; 30,000 a month
    assert shown(page)["Our fine-tune"][0] == "$0.00023"
    assert "custom_name=Our+fine-tune" in href(page) or "custom_name=Our%20fine-tune" in href(page)


# --- adding models ------------------------------------------------------------------------------------------------


def test_typing_and_enter_adds_the_first_match(tab: Watched, site_url: str, dataset: Dataset) -> None:
    page = open_calculator(tab, site_url)
    total = len(dataset.current_listings)  # a retired model is not offered
    assert page.inner_text("#ifg-calc-matches") == f"{total} models in the data; 3 in the comparison."
    page.click("#ifg-calc-search")
    page.keyboard.type("opus 4.7")
    assert page.inner_text("#ifg-calc-matches") == f"1 of {total} models matches; 3 in the comparison."
    page.keyboard.press("Enter")
    assert "Claude Opus 4.7" in page.inner_text("[data-chosen]")
    assert page.inner_text("#ifg-calc-matches").startswith("Added Claude Opus 4.7; 4 in the comparison")
    assert page.input_value("#ifg-calc-search") == "" and focused(page)["name"] == "ifg-calc-search"


def test_enter_after_arrow_down_adds_the_highlighted_match_not_the_first(tab: Watched, site_url: str) -> None:
    page = open_calculator(tab, site_url)
    page.click("#ifg-calc-search")
    page.keyboard.type("claude")
    options = page.locator("#ifg-calc-list option")
    assert options.count() >= 3
    first, second, third = options.nth(0).inner_text(), options.nth(1).inner_text(), options.nth(2).inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert focused(page)["name"] == "ifg-calc-search"  # the focus stays in the box; the highlight moves
    highlighted = page.evaluate("document.querySelector('#ifg-calc-list').selectedOptions[0].id")
    assert page.get_attribute("#ifg-calc-search", "aria-activedescendant") == highlighted
    assert page.inner_text("#ifg-calc-matches").startswith(f"{second}, ")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#ifg-calc-matches').textContent.startsWith('Added')")  # its prices load
    assert page.inner_text("#ifg-calc-matches").startswith(f"Added {second}; 4 in the comparison")
    chosen = page.inner_text("[data-chosen]")
    assert f"{second}, " in chosen and f"{first}, " not in chosen and f"{third}, " not in chosen


def test_every_calculator_control_works_from_the_keyboard(tab: Watched, site_url: str, dataset: Dataset) -> None:
    page = open_calculator(tab, site_url)
    page.click("[data-custom] summary")
    controls = page.evaluate(f"""() => [...document.querySelectorAll(
        "[data-ifg-calculator] :is(input, select, button, summary, [tabindex='0'])")]
        .filter((el) => el.offsetParent !== null).map({NAME})""")
    tab_to(page, "#ifg-calc-search", key="Shift+Tab")
    reached = []
    for _ in range(120):  # every stop from the search field to the last button, each with a visible focus
        found = focused(page)
        assert found["outline"] != "none", found
        reached.append(found["name"])
        if found["name"] == "Copy link":
            break
        page.keyboard.press("Tab")
    assert [c for c in controls if c not in reached] == [], "never reached by Tab"
    # Remove a model with Enter on its button; the focus stays in the list.
    tab_to(page, "[data-chosen] button")
    removed = page.evaluate("document.activeElement.getAttribute('aria-label')").removeprefix("Remove ")
    page.keyboard.press("Enter")
    assert removed not in page.inner_text("[data-chosen]")
    # A scenario by arrow key, a count by typing, a tier by arrow key.
    tab_to(page, "#ifg-calc-scenario")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#ifg-calc-scenario") == dataset.scenarios[1].id
    tab_to(page, "#ifg-calc-output")
    page.keyboard.press("Control+a")
    page.keyboard.type("1000")
    assert page.input_value("#ifg-calc-scenario") == "custom"
    tab_to(page, "#ifg-calc-tier")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#ifg-calc-tier") == "batch"
    query = parse_qs(urlsplit(href(page)).query)
    assert query["output"] == ["1000"] and query["tier"] == ["batch"]
    tab_to(page, "[data-copy]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.ifg-share [data-copied]').textContent !== ''")


# --- links --------------------------------------------------------------------------------------------------------


def _state(page: Page) -> dict[str, object]:
    return page.evaluate("""() => {
        const f = document.querySelector("[data-ifg-calculator] form").elements;
        const names = ["scenario", "input", "prefix", "hit", "output", "image", "searches", "think_low", "think_medium",
                       "think_high", "users", "per_user", "per", "turns", "retry", "tier"];
        return {
            fields: Object.fromEntries(names.map((n) => [n, f[n].value])),
            chosen: [...document.querySelectorAll("[data-chosen] li")].map((li) => li.textContent),
            efforts: [...document.querySelectorAll("[data-chosen] select")].map((s) => s.value),
        };
    }""")


def test_a_link_reopens_the_same_calculation(context: BrowserContext, site_url: str, dataset: Dataset) -> None:
    first = watch(context)
    page = open_calculator(first, site_url)
    page.fill("#ifg-calc-search", "sonnet 5.5 anthropic")  # the provider narrows it to one host
    page.keyboard.press("Enter")
    page.select_option("select[aria-label='Thinking effort for Claude Sonnet 5.5']", "off")
    page.select_option("#ifg-calc-scenario", "rag-answer")
    page.fill("#ifg-calc-output", "777")
    page.fill("#ifg-calc-turns", "3")
    page.fill("#ifg-calc-retry", "5")
    page.select_option("#ifg-calc-tier", "batch")
    page.get_by_role("button", name="Remove GPT-5.4 mini").click()
    state, rows = _state(page), shown(page)
    link = page.input_value("[data-link]")
    assert href(page) == link
    query = parse_qs(urlsplit(link).query)
    assert query["asof"] == [dataset.as_of.isoformat()] and query["scenario"] == ["custom"] and query["tier"] == ["batch"]
    assert "claude-sonnet-5-5:off" in query["models"][0] and "gpt-5.4-mini" not in query["models"][0]
    second = watch(context)
    reopened = second.page
    reopened.goto(link)
    reopened.wait_for_selector("[data-results] tbody tr")
    assert _state(reopened) == state
    assert shown(reopened) == rows
    want = expected(dataset.listing("claude-sonnet-5-5"), case_for(
        "claude-sonnet-5-5", "rag-answer", dataset, "off", output=777, turns=3, retry="5", tier="batch"))
    assert rows["Claude Sonnet 5.5"] == want
    for watched in (first, second):
        assert not watched.errors
        assert all(url.startswith(site_url) for url in watched.requests)


def _old_costs(dataset: Dataset, asof: str, models: tuple[str, ...]) -> dict[str, str]:
    """For each model with a price in force on `asof`, its chat-reply cost at that price."""
    found = {}
    for model_id in models:
        model = dataset.listing(model_id).model
        applied = [h for h in model.history if asof <= h.until.isoformat()]
        if applied:
            old = applied[-1]  # newest first: the last match is the entry in force on that day
            prices = model.prices.model_copy(update={"input_mtok": old.input_mtok, "output_mtok": old.output_mtok,
                                                     "cached_input_mtok": old.cached_input_mtok, "tiers": []})
            then = calc.scenario_cost(model.model_copy(update={"prices": prices}), dataset.scenario("chat-reply"))
            found[model.name] = f"{then.total}"
    return found


def test_an_old_link_says_prices_changed_and_shows_both_costs(tab: Watched, site_url: str, dataset: Dataset) -> None:
    models = ("deepseek-v4-pro", "deepseek-v4-flash", "gpt-5.4-mini")
    old = _old_costs(dataset, "2026-08-01", models)
    assert set(old) == {"DeepSeek V4 Pro", "DeepSeek V4 Flash (now deepseek-flash)"}
    page = open_calculator(tab, site_url, query_for("chat-reply", dataset, ",".join(models), asof="2026-08-01"))
    notice = page.locator("[data-changed]")
    assert notice.is_visible()
    text = notice.inner_text()
    assert "2026-08-01" in text and dataset.as_of.isoformat() in text
    from macros import formatting as fmt

    for name, then in old.items():
        line = next(line for line in text.splitlines() if line.startswith(name))
        assert fmt.money(Decimal(then)) in line, line
    assert "GPT-5.4 mini" not in text
    page.get_by_role("button", name="Use today's prices in the link").click()
    assert not notice.is_visible()
    assert parse_qs(urlsplit(href(page)).query)["asof"] == [dataset.as_of.isoformat()]


@pytest.mark.parametrize(("asof", "notice"), [("2026-08-16", True), ("2026-08-17", False)])
def test_the_last_day_of_an_old_price_still_counts(asof: str, notice: bool, tab: Watched, site_url: str,
                                                   dataset: Dataset) -> None:
    assert bool(_old_costs(dataset, asof, ("deepseek-v4-pro",))) == notice
    page = open_calculator(tab, site_url, query_for("chat-reply", dataset, "deepseek-v4-pro", asof=asof))
    assert page.locator("[data-changed]").is_visible() == notice


HOSTILE_LINKS = {
    "inherited names": ("models=constructor,__proto__,toString,gpt-5.4-mini",
                        "This link names models that are not in this data: constructor, __proto__, toString."),
    "negative zero": ("models=gpt-5.4-mini&retry=-0", "This link's retry was not a value the calculator reads"),
    "a huge exponent": ("models=gpt-5.4-mini&retry=1e-9000000", "This link's retry was not a value the calculator reads"),
    "thousands of unknown models": ("models=" + ",".join(f"m{i}" for i in range(5000)) + ",gpt-5.4-mini",
                                    "m0, m1, m2, m3, m4 and 4995 more."),
    "a date in the future": ("models=gpt-5.4-mini&asof=2099-01-01",
                             "This link's date, 2099-01-01, is not a date the prices cover (it is after"),
    "an impossible date": ("models=gpt-5.4-mini&asof=2026-02-30",
                           "This link's date, 2026-02-30, is not a date the prices cover (it is not a real date)"),
    "markup in a value": ("models=gpt-5.4-mini&input=<img src=x onerror=alert(1)>", "This link's input was not a value"),
    "an unknown effort": ("models=gpt-5.4-mini:ludicrous", ""),
    "an unknown tier": ("models=gpt-5.4-mini&tier=platinum", "This link's tier was not a value the calculator reads"),
    "a bidi override in a custom name": ("models=gpt-5.4-mini&custom_name=Acme%E2%80%AEenO&custom_input=1&custom_output=2",
                                         "This link's custom_name was not a value the calculator reads"),
    "a zero-width space in a custom name": ("models=gpt-5.4-mini&custom_name=GPT%E2%80%8B-5&custom_input=1&custom_output=2",
                                            "This link's custom_name was not a value the calculator reads"),
}


def test_a_published_link_to_a_retired_model_still_opens_and_says_it_retired(tab: Watched, site_url: str,
                                                                            dataset: Dataset) -> None:
    """Gemini 2.5 Pro retired on 2026-12-01: a design doc's link naming it keeps working, without it."""
    assert dataset.is_retired(dataset.listing("gemini-2.5-pro"))
    page = open_calculator(tab, site_url, "models=gemini-2.5-pro,gpt-5.4-mini")
    assert page.locator("[data-results] tbody tr").count() == 1
    page.wait_for_function("document.querySelector('[data-summary]').textContent.length > 0")
    assert "names a model that has retired, so the calculator leaves it out: Gemini 2.5 Pro (retired 2026-12-01)" \
        in page.inner_text("[data-summary]")
    assert not tab.errors


def test_a_model_named_many_times_does_not_crowd_out_the_next_ones_prices(tab: Watched, site_url: str) -> None:
    """Each provider's prices load for the models the calculator will compare, counted once each."""
    repeated = ",".join(f"gpt-5.4-mini:x{i}" for i in range(15))
    page = open_calculator(tab, site_url, f"models={repeated},deepseek-v4-flash")
    assert page.locator("[data-results] tbody tr").count() == 2
    assert "DeepSeek V4 Flash" in page.inner_text("[data-results]")
    assert not tab.errors


@pytest.mark.parametrize("name", sorted(HOSTILE_LINKS))
def test_the_calculator_survives_any_link(name: str, tab: Watched, site_url: str) -> None:
    query, says = HOSTILE_LINKS[name]
    page = tab.page
    started = time.monotonic()
    page.goto(f"{site_url}calculator/?{query}")
    page.wait_for_selector("[data-results] tbody tr")
    page.wait_for_function("document.querySelector('[data-summary]').textContent.length > 0")
    assert time.monotonic() - started < 5, "the calculator took too long: its work must stay bounded"
    assert says in page.inner_text("[data-summary]")
    assert page.locator("[data-results] tbody tr").count() == 1
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0


def test_the_calculator_compares_at_most_twelve_models(tab: Watched, site_url: str, dataset: Dataset) -> None:
    ids = [listing.model.id for listing in dataset.current_listings]
    page = open_calculator(tab, site_url, "models=" + ",".join(ids))
    assert page.locator("[data-results] tbody tr").count() == 12
    page.wait_for_function("document.querySelector('[data-summary]').textContent.length > 0")
    assert f"This link names {len(ids)} models; the calculator compares the first 12." in page.inner_text("[data-summary]")


# --- how fast it feels --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("network", "streaming"), [("slow-4g", "on"), ("regular-3g", "off"), ("desktop-dense-4g", "on")])
def test_each_model_s_speed_verdict_is_macros_waits(tab: Watched, site_url: str, dataset: Dataset, network: str,
                                                     streaming: str) -> None:
    """Every model with a current pair of figures, by the Python rules, against what the calculator shows."""
    chosen = [e for e in waits.best_evidence(dataset) if e.speed is not None and e.listing is not None][:12]
    page = open_calculator(tab, site_url, f"models={','.join(e.ttft.model for e in chosen)}&network={network}"
                                          f"&streaming={streaming}")
    scenario, profile = dataset.scenario("chat-reply"), dataset.network_profile(network)
    for item in chosen:
        row = waits.verdict_row(dataset, item, scenario, profile)
        judged = row.streaming if streaming == "on" else row.not_streaming
        first, whole = ("meets" if judged.meets_first else "misses"), ("meets" if judged.meets_full else "misses")
        text = speed(page, item.name)
        waited = (f"first word after {fmt.seconds(row.wait.first_word)} s ({first} 1 s) and whole answer after "
                  f"{fmt.seconds(row.wait.full_answer)} s ({whole} 10 s) streaming" if streaming == "on" else
                  f"first word and whole answer together after {fmt.seconds(row.wait.not_streaming)} s ({first} 1 s; "
                  f"{whole} 10 s) without streaming")
        assert text.startswith(f"Speed: {judged.words}, {waited} on {profile.name}"), text
        # Then what to do, for the chat reply this scenario is (issue 25): never the band's words alone.
        assert text.endswith(f"{item.ttft.publisher.split(' (')[0]}, {item.ttft.observed}. {judged.advice}"), text
    assert not tab.errors


def _cited(obs: Observation, unit: str) -> str:
    return f"{fmt.measured(obs.value)}{unit} ({obs.publisher.split(' (')[0]}, {obs.observed})"


def test_every_model_with_a_current_first_token_time_shows_it_and_names_what_is_missing(
        tab: Watched, site_url: str, dataset: Dataset) -> None:
    """Issue 24: Claude Haiku 4.5 had a current first-token time (0.597 s) and the calculator showed no speed at all.
    Each kind of gap is read from data/: a first-token time with no speed, a speed from another measurement, a speed
    with no first-token time, and nothing since the age rule's date."""
    found = waits.timings(dataset)
    haiku = found["claude-haiku-4-5"]
    assert haiku.evidence and haiku.speed is None
    first = [o for o in dataset.current_observations if o.model == "claude-haiku-4-5" and o.metric == "ttft_s"
             and o.route == "direct"]
    assert [haiku.evidence.ttft] == first  # the Anthropic API's own figure, not a gateway's
    apart = next(t for t in found.values() if t.evidence and t.speed and not t.paired)
    alone = next(t for t in found.values() if t.evidence is None)
    none = next(listing for listing in dataset.current_listings if listing.model.id not in found)
    assert apart.evidence and apart.evidence.listing and alone.speed
    ids = ["claude-haiku-4-5", apart.evidence.listing.model.id, alone.speed.model, none.model.id]
    page = open_calculator(tab, site_url, "models=" + ",".join(ids))
    since = rules.current_since(dataset.as_of)  # older figures are not current, so they are not offered
    assert speed(page, "Claude Haiku 4.5") == (
        f"Speed: first token {_cited(haiku.evidence.ttft, ' s')}; no output speed for this model published since {since}, "
        "so the time to the whole answer is unknown.")
    assert speed(page, apart.evidence.name) == (
        f"Speed: first token {_cited(apart.evidence.ttft, ' s')}; its only output speed, {_cited(apart.speed, ' tokens/s')}, "
        "is from a different measurement, so the two are not combined and the time to the whole answer is unknown.")
    assert speed(page, dataset.listing(alone.speed.model).model.name) == (
        f"Speed: output {_cited(alone.speed, ' tokens/s')}; no first-token time for this model published since {since}, "
        "so the wait for the first word is unknown.")
    assert speed(page, none.model.name) == (
        f"Speed: no first-token time or output speed for this model has been published since {since}.")


def test_the_use_case_follows_the_scenario(tab: Watched, site_url: str) -> None:
    page = open_calculator(tab, site_url, "models=claude-haiku-4-5")
    page.select_option("#ifg-calc-scenario", "voice-turn")
    assert page.input_value("#ifg-calc-use-case") == "voice"
    page.select_option("#ifg-calc-scenario", "autocomplete-line")
    assert page.input_value("#ifg-calc-use-case") == "autocomplete"


def test_an_agent_task_costs_what_calc_task_cost_says_and_its_link_reopens_it(device: Watched, site_url: str,
                                                                               dataset: Dataset) -> None:
    # The research agent of docs/agents.md: choosing it sets ten steps of tool results, searches and retries, and the
    # calculator's figure per completed task is calc.task_cost's on the cheap and the frontier model.
    task = dataset.task("research-agent")
    want = {dataset.listing(m).model.name: fmt.money(calc.task_cost(dataset.listing(m).model, task).total)
            for m in ("gpt-5.4-mini", "claude-opus-5-5")}
    page = open_calculator(device, site_url, "models=gpt-5.4-mini,claude-opus-5-5")
    page.select_option("#ifg-calc-scenario", "research-agent")
    assert (page.input_value("#ifg-calc-kind"), page.input_value("#ifg-calc-tool"), page.input_value("#ifg-calc-turns"),
            page.input_value("#ifg-calc-retry")) == ("task", "2000", "10", "10")
    assert page.inner_text("[data-per-head]") == "Per task (USD)"
    assert {name: figures[0] for name, figures in shown(page).items()} == want
    link = page.input_value("[data-link]")
    assert {"kind": ["task"], "tool": ["2000"], "turns": ["10"]}.items() <= parse_qs(urlsplit(link).query).items()
    page.select_option("#ifg-calc-scenario", "chat-reply")  # a scenario is one message again, not a task
    assert page.input_value("#ifg-calc-kind") == "chat"
    page.goto(link)
    page.wait_for_selector("[data-results] tbody tr")
    assert {name: figures[0] for name, figures in shown(page).items()} == want
    assert page.input_value("#ifg-calc-scenario") == "research-agent"


def test_an_agent_task_that_resends_its_thinking_costs_what_calc_says(tab: Watched, site_url: str, dataset: Dataset) -> None:
    task = dataset.task("research-agent")
    resent = task.model_copy(update={"steps": task.steps.model_copy(update={"history_includes_thinking": True})})
    model = dataset.listing("claude-opus-5-5").model
    page = open_calculator(tab, site_url, "models=claude-opus-5-5&scenario=research-agent&resend=yes")
    assert page.input_value("#ifg-calc-scenario") == "custom"  # edited away from the task's own assumption
    assert shown(page)["Claude Opus 5.5"][0] == fmt.money(calc.task_cost(model, resent).total)
