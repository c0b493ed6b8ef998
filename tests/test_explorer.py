"""The pricing page's explorer in a real browser: its filters pick the right models, its order is right, the state
survives in the address, and a shared link opens the same view."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import Watched, href, tab_to
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

ROWS = "[data-ifg-explorer] tbody tr"


@pytest.fixture(scope="module")
def models(built_site: Path) -> dict:
    return json.loads((built_site / "data" / "models.json").read_text(encoding="utf-8"))


def _names(tab: Watched) -> list[str]:
    return tab.page.eval_on_selector_all(f"{ROWS} th a", "links => links.map(a => a.textContent)")


def _rows(tab: Watched) -> None:
    """Wait for the list: past EXPLORER_AUTOLOAD_MODELS models, an address with no filter loads it on first use, when
    the reader presses "Show the models"."""
    show = tab.page.locator("[data-ifg-explorer] [data-show]")
    if show.is_visible():
        show.click()
    tab.page.wait_for_selector(ROWS)


def _opened(tab: Watched, site_url: str) -> Page:
    """The pricing page with the explorer's list showing, and no filter set."""
    tab.page.goto(f"{site_url}pricing/", wait_until="networkidle")
    _rows(tab)
    return tab.page


def _show_all(tab: Watched) -> None:
    more = tab.page.locator("[data-ifg-explorer] [data-more]")
    if more.is_visible():
        more.click()


def _money(text: str) -> Decimal:
    return Decimal(text.lstrip("$").replace(",", ""))


def test_a_shared_address_opens_the_same_filters_and_order(tab: Watched, site_url: str, models: dict) -> None:
    page = tab.page
    page.goto(f"{site_url}pricing/?provider=openai&sort=input", wait_until="networkidle")
    page.wait_for_selector(ROWS)
    assert page.input_value("#ifg-x-provider") == "openai" and page.input_value("#ifg-x-sort") == "input"
    _show_all(tab)
    expected = [m for m in models["models"] if m["provider"] == "openai"]
    expected.sort(key=lambda m: (m["input_mtok"], m["name"]))
    assert _names(tab) == [m["name"] for m in expected]
    inputs = page.eval_on_selector_all(f"{ROWS} td:nth-of-type(1)", "cells => cells.map(c => c.textContent)")
    assert [_money(x) for x in inputs] == sorted(_money(x) for x in inputs)
    assert not tab.errors


def test_each_filter_narrows_the_list_and_writes_itself_into_the_address(tab: Watched, site_url: str,
                                                                           models: dict) -> None:
    page = _opened(tab, site_url)
    page.select_option("#ifg-x-size", "small")
    page.check("#ifg-x-open")
    page.select_option("#ifg-x-sort", "name")
    _show_all(tab)
    expected = sorted((m["name"] for m in models["models"] if m["size"] == "small" and m["open_weights"]), key=str.lower)
    assert expected, "the data has small open models to find"
    assert _names(tab) == expected
    state = parse_qs(urlsplit(page.url).query)
    assert state == {"size": ["small"], "open": ["1"], "sort": ["name"]}
    count = page.inner_text("[data-ifg-explorer] [data-count]")
    assert count == f"{len(expected)} of {len(models['models'])} models {'matches' if len(expected) == 1 else 'match'}."

    page.goto(page.url, wait_until="networkidle")  # the round trip: the address alone restores the view
    page.wait_for_selector(ROWS)
    _show_all(tab)
    assert _names(tab) == expected
    assert page.is_checked("#ifg-x-open") and page.input_value("#ifg-x-size") == "small"
    assert not tab.errors


def test_ordering_by_cost_uses_the_chosen_interaction_and_shows_ten_first(tab: Watched, site_url: str,
                                                                           models: dict) -> None:
    page = tab.page
    page.goto(f"{site_url}pricing/?scenario=summarise-document", wait_until="networkidle")
    page.wait_for_selector(ROWS)
    runnable = [m for m in models["models"] if m["costs"].get("summarise-document")]
    cheapest = sorted(runnable, key=lambda m: (m["costs"]["summarise-document"][0], m["name"]))
    assert _names(tab) == [m["name"] for m in cheapest[:10]]
    head = page.inner_text("[data-ifg-explorer] thead th:nth-child(5)")
    assert head == "Summarise a long document (USD)"
    costs = page.eval_on_selector_all(f"{ROWS} td:nth-of-type(4)", "cells => cells.map(c => c.textContent)")
    assert costs == [m["costs"]["summarise-document"][1] for m in cheapest[:10]]
    page.click("[data-ifg-explorer] [data-more]")
    assert len(_names(tab)) == len(models["models"])
    assert page.locator("[data-ifg-explorer] [data-more]").is_hidden()


def test_an_address_with_values_the_form_does_not_offer_is_ignored(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}pricing/?provider=%3Cscript%3E&sort=evil", wait_until="networkidle")
    _rows(tab)
    assert page.input_value("#ifg-x-provider") == "" and page.input_value("#ifg-x-sort") == "cost"
    assert not tab.errors


def test_no_match_says_so_and_clearing_brings_every_model_back(tab: Watched, site_url: str, models: dict) -> None:
    open_sellers = {m["provider"] for m in models["models"] if m["open_weights"]}
    closed = [p["id"] for p in models["providers"] if p["id"] not in open_sellers]
    assert closed, "the data has a provider with no open model"
    page = tab.page
    page.goto(f"{site_url}pricing/?provider={closed[0]}&open=1", wait_until="networkidle")
    page.wait_for_selector("[data-ifg-explorer] [data-count]:not(:empty)")
    assert page.inner_text("[data-ifg-explorer] [data-count]") == "No model matches; clear a filter."
    assert page.locator("[data-ifg-explorer] [data-results-area]").is_hidden()
    page.click("[data-ifg-explorer] button[type=reset]")
    page.wait_for_function("() => !location.search")
    total = len(models["models"])
    assert page.inner_text("[data-ifg-explorer] [data-count]") == f"{total} of {total} models match."


def test_one_matching_model_is_counted_in_the_singular(tab: Watched, site_url: str, models: dict) -> None:
    by_kind = Counter((m["provider"], m["size"]) for m in models["models"] if m["size"])
    provider, size = next((kind for kind, n in sorted(by_kind.items()) if n == 1), (None, None))
    assert provider, "the data has a provider with exactly one model of some size"
    page = tab.page
    page.goto(f"{site_url}pricing/?provider={provider}&size={size}", wait_until="networkidle")
    page.wait_for_selector(ROWS)
    assert page.inner_text("[data-ifg-explorer] [data-count]") == f"1 of {len(models['models'])} models matches."
    assert page.inner_text("[data-ifg-explorer] [data-caption]").startswith("1 matching model, by ")


def _shortlists(built_site: Path) -> list[str]:
    """The explorer links on Choosing a model, as the page gives them."""
    page = (built_site / "choosing-a-model" / "index.html").read_text(encoding="utf-8")
    return [html.unescape(link) for link in re.findall(r'href="/(pricing/\?[^"]*)"', page)]


def _cells(line: str) -> list[str]:
    """The cells of one Markdown table row; the build writes every | inside a cell as &#124;."""
    assert line.startswith("| ") and line.endswith(" |"), line
    return line[2:-2].split(" | ")


def test_each_shortlist_on_choosing_a_model_opens_three_to_five_models_with_cost_and_wait(
        device: Watched, site_url: str, built_site: Path, models: dict) -> None:
    page = device.page
    links = _shortlists(built_site)
    assert len(links) >= 3
    for link in links:
        page.goto(f"{site_url}{link}", wait_until="networkidle")
        page.wait_for_selector(ROWS)
        query = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
        shown = page.locator(ROWS)
        assert 3 <= shown.count() <= 5, (link, shown.count())
        budget, volume, band = Decimal(query["budget"]), int(query["volume"]), int(query["wait"])
        by_name = {m["name"]: m for m in models["models"]}
        for name in _names(device):
            model = by_name[name]
            cost, wait = model["costs"][query["scenario"]], model["waits"][query["scenario"]]
            assert Decimal(str(cost[0])) * volume <= budget and wait is not None and wait["band"] <= band, (link, name)
        waits = page.eval_on_selector_all(f"{ROWS} td:nth-of-type(5)", "cells => cells.map(c => c.textContent)")
        assert all(re.match(r"\d+(\.\d+)?, [a-z]", text) for text in waits), waits
        # Each wait says what to do about it for this scenario's use case (issue 25), not the band's words alone.
        advice = next(s for s in models["scenarios"] if s["id"] == query["scenario"])["advice"]
        for name, text in zip(_names(device), waits, strict=True):
            assert advice[by_name[name]["waits"][query["scenario"]]["band"]]["do"] in text, (link, name, text)
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def _scenario(link: str) -> str:
    return parse_qs(urlsplit(link).query)["scenario"][0]


def _expected(models: dict, scenario: str, band: int, budget: Decimal, volume: int) -> list[str]:
    found = [m for m in models["models"] if m["waits"][scenario] and m["waits"][scenario]["band"] <= band
             and m["costs"][scenario] and m["costs"][scenario][0] is not None
             and Decimal(str(m["costs"][scenario][0])) * volume <= budget]
    return [m["name"] for m in sorted(found, key=lambda m: (m["costs"][scenario][0], m["name"]))]


def test_the_wait_and_budget_filters_keep_exactly_the_models_that_meet_both(tab: Watched, site_url: str,
                                                                             models: dict) -> None:
    page = _opened(tab, site_url)
    page.select_option("#ifg-x-scenario", "summarise-document")
    page.select_option("#ifg-x-wait", "1")
    page.fill("#ifg-x-budget", "3000")
    page.fill("#ifg-x-volume", "100000")
    _show_all(tab)
    assert _names(tab) == _expected(models, "summarise-document", 1, Decimal(3000), 100000)
    query = parse_qs(urlsplit(href(page)).query)
    assert query["wait"] == ["1"] and query["budget"] == ["3000"] and query["volume"] == ["100000"]
    page.fill("#ifg-x-budget", "")  # a budget without the other half filters nothing
    _show_all(tab)
    assert len(_names(tab)) > len(_expected(models, "summarise-document", 1, Decimal(3000), 100000))


def test_a_shortlist_copies_as_a_markdown_table_and_as_spreadsheet_rows_from_the_keyboard(
        device: Watched, site_url: str, built_site: Path, models: dict) -> None:
    page = device.page
    link = _shortlists(built_site)[0]
    page.goto(f"{site_url}{link}", wait_until="networkidle")
    page.wait_for_selector(ROWS)
    names = _names(device)
    tab_to(page, "[data-copy-as=md]")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('[data-ifg-explorer] [data-copied]').textContent !== ''")
    assert page.inner_text("[data-ifg-explorer] [data-copied]") == (
        f"Copied {len(names)} rows as a Markdown table, with the address that shows them.")
    text = page.evaluate("navigator.clipboard.readText()")
    lines = text.splitlines()
    table = [line for line in lines if line.startswith("| ")]
    assert len(table) == 2 + len(names) and {len(_cells(line)) for line in table} == {8}
    assert _cells(table[1]) == ["---"] * 8
    heads, advice = _cells(table[0]), next(s for s in models["scenarios"] if s["id"] == _scenario(link))["advice"]
    verdicts = [v["md"] for v in models["verdicts"]]
    for line in table[2:]:  # the verdict, then what to do about it for this scenario's use case
        cells = _cells(line)
        assert cells[heads.index("What to do")] == advice[verdicts.index(cells[heads.index("Verdict")])]["md"]
    assert [html.unescape(_cells(line)[0]) for line in table[2:]] == names
    assert f"as of {models['as_of']}" in text and lines[-1] == f"Reproduce: {href(page)}"
    for line in table[2:]:
        cost, assumes = _cells(line)[2:4]
        assert cost.startswith("$") and "thinking" in assumes and "tier" in assumes
    tab_to(page, "[data-copy-as=tsv]")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('[data-ifg-explorer] [data-copied]').textContent.includes('spreadsheet')")
    rows = [row.split("\t") for row in page.evaluate("navigator.clipboard.readText()").splitlines()]
    assert len(rows) == 1 + len(names) and {len(row) for row in rows} == {8}
    assert [row[rows[0].index("What to do")] for row in rows[1:]] == [
        advice[verdicts.index(_cells(line)[heads.index("Verdict")])]["tsv"] for line in table[2:]]
    assert [row[0] for row in rows[1:]] == names
    assert all(Decimal(row[2]) > 0 for row in rows[1:])
