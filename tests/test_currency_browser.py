"""Costs in the reader's currency, in chromium at a phone's and a laptop's width: the calculator and the pricing
explorer convert every money figure by the rate in data/currencies.json, keep the choice in the address, show the
rate, its date and the VAT note, and refuse a currency they have no rate for. Expected figures come from macros.calc
(tests/calc_grid.py's `amounts`) times the published rate, rounded as the site rounds dollars."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import Watched, href
from calc_grid import GridCase, amounts
from playwright.sync_api import Browser, Page

from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

pytestmark = pytest.mark.browser

MODELS = ("gpt-5.4-mini", "deepseek-v4-flash")
RESULTS = "[data-results] tbody tr"
EXPLORER_ROWS = "[data-ifg-explorer] tbody tr"


@pytest.fixture(scope="module")
def dataset(root: Path) -> Dataset:
    return load_dataset(root / "data")


@pytest.fixture(scope="module")
def rates(built_site: Path) -> dict[str, dict]:
    """data/currencies.json as the build published it, by currency code."""
    document = json.loads((built_site / "data" / "currencies.json").read_text(encoding="utf-8"))
    return {entry["code"]: entry for entry in document["currencies"]}


def local(value: Decimal, entry: dict) -> str:
    """An amount in `entry`'s currency as the page writes it: formatting.money's rule (two significant digits below 1,
    the minor unit below 100, whole units above), yen without a minor unit, Intl.NumberFormat's English symbol."""
    minor, symbol = 0 if entry["code"] == "JPY" else 2, entry["symbol"]
    symbol += "\u00a0" if symbol[-1].isalpha() else ""  # CHF 1.00, with a no-break space; €1.00 without
    if value == 0:
        return "free"
    if value < 1:
        value = value.quantize(Decimal(1).scaleb(value.adjusted() - 1), rounding=ROUND_HALF_UP)  # 2 significant digits
        if value < 1:
            return f"{symbol}{value:,.{-value.adjusted() + 1}f}"
    places = minor if value.quantize(Decimal(1).scaleb(-minor), rounding=ROUND_HALF_UP) < 100 else 0
    return f"{symbol}{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,.{places}f}"


def case(dataset: Dataset, model: str) -> GridCase:
    """The calculator's state for `model` on one chat reply at its default volume: 10,000 users, 3 a day."""
    s = dataset.scenario("chat-reply")
    t = s.thinking_tokens
    return GridCase(model=model, input=s.input_tokens, prefix=s.cacheable_prefix_tokens,
                    hit=fmt.plain(s.cache_hit_rate * 100), output=s.output_tokens, image=s.image_tokens,
                    searches=s.web_searches, think=(t.low, t.medium, t.high), effort="default", turns=1, retry="0",
                    tier="standard", users=10_000, perUser="3", per="day")


def figures(page: Page) -> dict[str, list[str]]:
    """Each results row of the calculator: the model's name, then its three figures."""
    found = {}
    for row in page.locator(RESULTS).all():
        found[row.locator("th a").first.inner_text().strip()] = [c.strip() for c in row.locator("td").all_inner_texts()]
    return found


def open_calculator(page: Page, site_url: str, currency: str = "") -> Page:
    chosen = f"&currency={currency}" if currency else ""
    page.goto(f"{site_url}calculator/?models={','.join(MODELS)}&scenario=chat-reply{chosen}")
    page.wait_for_selector(RESULTS)
    return page


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the document scrolls sideways"


def no_other_host(watched: Watched, site_url: str) -> None:
    foreign = [url for url in watched.requests if not url.startswith((site_url, "data:", "blob:"))]
    assert not foreign, f"requests to another host: {foreign}"


def test_choosing_euros_converts_the_calculator_by_the_published_rate_and_a_reload_keeps_it(
        device: Watched, site_url: str, dataset: Dataset, rates: dict[str, dict]) -> None:
    page, euro = open_calculator(device.page, site_url), rates["EUR"]
    usd = {dataset.listing(m).model.name: amounts(dataset.listing(m), case(dataset, m)) for m in MODELS}
    assert figures(page) == {name: [fmt.money(a) for a in values] for name, values in usd.items()}
    assert page.locator("[data-currency-note]").is_hidden()
    page.select_option("#ifg-calc-currency", "EUR")
    want = {name: [local(a * Decimal(str(euro["rate"])), euro) for a in values] for name, values in usd.items()}
    for _ in (1, 2):  # as chosen, then from the address alone
        assert figures(page) == want
        heads = page.locator("[data-results] thead th").all_inner_texts()
        assert heads[1:] == ["Per interaction (EUR)", "Per month (EUR)", "Per user a month (EUR)"]
        note = page.inner_text("[data-currency-note]")
        assert f"1 US dollar = {Decimal(str(euro['rate'])):.4f} euros" in note and euro["date"] in note
        assert "European Central Bank" in note and "exclude VAT" in note and "against the euro" in note
        assert page.get_by_role("link", name=euro["source"]).get_attribute("href") == euro["source_url"]
        assert "€" in page.inner_text("[data-bar-table]")
        page.wait_for_function("document.querySelector('[data-summary]').textContent.includes('€')")  # after its pause
        assert parse_qs(urlsplit(href(page)).query)["currency"] == ["EUR"]
        assert parse_qs(urlsplit(page.input_value("[data-link]")).query)["currency"] == ["EUR"]
        no_sideways_scroll(page)
        page.reload()
        page.wait_for_selector(RESULTS)
    assert page.input_value("#ifg-calc-currency") == "EUR"
    no_other_host(device, site_url)


def test_a_currency_with_no_rate_says_so_and_keeps_us_dollars(device: Watched, site_url: str, dataset: Dataset) -> None:
    page = open_calculator(device.page, site_url, "XYZ")
    page.wait_for_function("document.querySelector('[data-summary]').textContent.length > 0")
    assert page.inner_text("[data-currency-error]") == "We have no reference rate for XYZ; figures are in US dollars."
    assert page.input_value("#ifg-calc-currency") == "USD"
    assert page.locator("[data-currency-note]").is_hidden()
    assert figures(page) == {dataset.listing(m).model.name: [fmt.money(a) for a in amounts(dataset.listing(m), case(dataset, m))]
                             for m in MODELS}
    no_sideways_scroll(page)
    page.goto(f"{site_url}calculator/?currency=%3Cb%3Ehi%3C%2Fb%3E")
    page.wait_for_selector(RESULTS)
    assert page.inner_text("[data-currency-error]") == "We have no reference rate for that currency; figures are in US dollars."


def test_yen_have_no_minor_unit(device: Watched, site_url: str, dataset: Dataset, rates: dict[str, dict]) -> None:
    page, yen = open_calculator(device.page, site_url, "JPY"), rates["JPY"]
    shown = figures(page)
    for m in MODELS:
        values = [a * Decimal(str(yen["rate"])) for a in amounts(dataset.listing(m), case(dataset, m))]
        assert shown[dataset.listing(m).model.name] == [local(v, yen) for v in values]
        for value, text in zip(values, shown[dataset.listing(m).model.name], strict=True):
            assert text.startswith("¥")
            if value >= 1:  # below one yen, two significant digits, as below one dollar: never a rounded-off zero
                assert "." not in text, text
    assert "1 US dollar = " in page.inner_text("[data-currency-note]")


def test_every_currency_s_symbol_is_the_one_the_browser_writes(device: Watched, site_url: str, rates: dict[str, dict]) -> None:
    page = open_calculator(device.page, site_url)
    written = page.evaluate("(codes) => codes.map((c) => new Intl.NumberFormat('en', {style: 'currency', currency: c})"
                            ".formatToParts(1).find((p) => p.type === 'currency').value)", list(rates))
    assert written == [entry["symbol"] for entry in rates.values()]
    offered = page.eval_on_selector_all("#ifg-calc-currency option", "os => os.map((o) => [o.value, o.dataset.rate || ''])")
    assert offered == [["USD", ""], *([code, f"{Decimal(str(e['rate'])):.4f}"] for code, e in rates.items())]


def test_the_explorer_converts_prices_costs_and_the_budget(device: Watched, site_url: str, built_site: Path,
                                                           rates: dict[str, dict]) -> None:
    models = {m["id"]: m for m in json.loads((built_site / "data" / "models.json").read_text(encoding="utf-8"))["models"]}
    pound = rates["GBP"]
    rate = Decimal(str(pound["rate"]))
    page = device.page
    page.goto(f"{site_url}pricing/?currency=GBP&budget=20&volume=10000", wait_until="networkidle")
    page.wait_for_selector(EXPLORER_ROWS)
    for _ in (1, 2):
        assert page.input_value("#ifg-x-currency") == "GBP"
        assert page.inner_text("label[for=ifg-x-budget]") == "At most, per month (GBP)"
        heads = page.locator("[data-ifg-explorer] thead th").all_inner_texts()
        assert heads[1:5] == ["Input (GBP/1M tokens)", "Output (GBP/1M tokens)", "Cached input (GBP/1M tokens)",
                              "Chat reply (GBP)"]
        for row in page.locator(EXPLORER_ROWS).all():
            model = models[row.locator("th a").get_attribute("href").rsplit("#model-", 1)[1]]
            cells = [c.strip() for c in row.locator("td").all_inner_texts()]
            cost = model["costs"]["chat-reply"]
            assert cells[0] == local(Decimal(str(model["input_mtok"])) * rate, pound)
            assert cells[1] == local(Decimal(str(model["output_mtok"])) * rate, pound)
            assert cells[3] == local(Decimal(str(cost[0])) * rate, pound)
            assert Decimal(str(cost[0])) * rate * 10_000 <= 20  # the budget is in pounds too
        note = page.inner_text("[data-ifg-explorer] [data-currency-note]")
        assert f"1 US dollar = {rate:.4f} pounds sterling" in note and pound["date"] in note and "exclude VAT" in note
        assert parse_qs(urlsplit(href(page)).query)["currency"] == ["GBP"]
        no_sideways_scroll(page)
        page.reload(wait_until="networkidle")
        page.wait_for_selector(EXPLORER_ROWS)
    page.select_option("#ifg-x-currency", "USD")
    assert "currency" not in parse_qs(urlsplit(href(page)).query)  # US dollars, the default, leave the address alone
    assert page.locator("[data-ifg-explorer] [data-currency-note]").is_hidden()
    page.goto(f"{site_url}pricing/?currency=XYZ&sort=input", wait_until="networkidle")  # an order: the list loads at once
    page.wait_for_selector(EXPLORER_ROWS)
    message = page.inner_text("[data-ifg-explorer] [data-currency-error]")
    assert message == "We have no reference rate for XYZ; figures are in US dollars."
    assert page.locator(EXPLORER_ROWS).first.locator("td").first.inner_text().startswith("$")
    no_other_host(device, site_url)


def test_with_scripts_off_every_figure_stays_in_us_dollars(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in ("calculator/?currency=EUR", "pricing/?currency=EUR"):
        page.goto(f"{site_url}{path}")
        text = page.inner_text("article")
        assert "$" in text and "€" not in text
        assert page.locator("[data-currency]").is_hidden()
    context.close()
