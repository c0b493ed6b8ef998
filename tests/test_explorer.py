"""The pricing page's explorer in a real browser: its filters pick the right models, its order is right, the state
survives in the address, and a shared link opens the same view."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import Watched

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
    page = tab.page
    page.goto(f"{site_url}pricing/", wait_until="networkidle")
    _rows(tab)
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
    assert count == f"{len(expected)} of {len(models['models'])} models match."

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
