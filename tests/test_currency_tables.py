"""The guide's own tables in the reader's currency, in chromium at a phone's and a laptop's width: with currency=EUR in
the address (or chosen beside a table) every money figure in every table from the data is the build's own conversion,
`macros.currency.shown` (the exact amount times the published rate, rounded by the site's money rule), the rate, its
date and the VAT note stand beside each table, links carry the choice, and the copies carry it too. With no choice,
a code with no rate, or scripts off, every figure stays in US dollars."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import Watched, copy_from_keys, href, table_cells
from playwright.sync_api import Browser, Page

from macros import currency
from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

pytestmark = pytest.mark.browser

PAGES = ("cost-per-interaction/", "providers/openai/")
"""A page of cost tables and a provider's page of prices."""
MONEY = "[data-ifg-money]"
FIGURES = f"{MONEY} data[value]"


@pytest.fixture(scope="module")
def dataset(root: Path) -> Dataset:
    return load_dataset(root / "data")


@pytest.fixture(scope="module")
def published(built_site: Path) -> dict[str, dict]:
    """data/currencies.json as the build published it, by currency code."""
    document = json.loads((built_site / "data" / "currencies.json").read_text(encoding="utf-8"))
    return {entry["code"]: entry for entry in document["currencies"]}


def figures(page: Page) -> list[tuple[str, str]]:
    """Every money figure in the page's tables: its exact amount in US dollars and the text the reader sees."""
    return [tuple(pair) for pair in page.eval_on_selector_all(FIGURES, "els => els.map((e) => [e.value, e.textContent])")]


PRICE = re.compile(r"\$(\d[\d,]*(?:\.\d+)?)")
"""A list price as published, in a cell of prices only (data-prices: a provider's rows), whose text is its exact amount."""


def price_cells(page: Page) -> list[tuple[str, str]]:
    """Each cell of list prices: its text as the build wrote it, in US dollars, and the text the reader sees."""
    return [tuple(pair) for pair in page.eval_on_selector_all(f"{MONEY} [data-prices]", """cells => cells.map((cell) => {
        const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), usd = [], shown = [];
        for (let t; (t = walk.nextNode());) { usd.push(t.usd ?? t.data); shown.push(t.data); }
        return [usd.join(""), shown.join("")];
    })""")]


def converted_prices(text: str, code: str, day: dt.date) -> str:
    """A cell of list prices in `code`, as the build converts and rounds each of its amounts."""
    assert all(fmt.price(Decimal(n.replace(",", ""))) == f"${n}" for n in PRICE.findall(text)), text
    return PRICE.sub(lambda found: currency.shown(Decimal(found[1].replace(",", "")), code, day), text)


def in_dollars(found: list[tuple[str, str]]) -> None:
    """Each figure reads as the build wrote it in US dollars: a cost by the money rule, a list price as published."""
    assert found and all(text in (fmt.money(Decimal(usd)), fmt.price(Decimal(usd))) for usd, text in found), found


def links_carry(page: Page, code: str | None) -> None:
    """Every link to another of the guide's pages carries the choice (or none, for US dollars)."""
    targets = page.eval_on_selector_all("a[href]", "as => as.map((a) => a.href)")
    own = [u for u in targets if urlsplit(u).netloc == urlsplit(href(page)).netloc and urlsplit(u).path.endswith("/")
           and urlsplit(u).path != urlsplit(href(page)).path]
    assert own
    assert all(parse_qs(urlsplit(u).query).get("currency") == ([code] if code else None) for u in own), own


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the document scrolls sideways"


@pytest.mark.parametrize("code", ["EUR", "JPY"])
@pytest.mark.parametrize("path", PAGES)
def test_every_figure_in_the_tables_is_the_builds_own_conversion(device: Watched, site_url: str, dataset: Dataset,
                                                                  published: dict[str, dict], path: str, code: str) -> None:
    page = device.page
    page.goto(f"{site_url}{path}?currency={code}")
    page.wait_for_selector(f"{MONEY} [data-currency-note]:not([hidden])")
    found, rate = figures(page), currency.rate_of(code, dataset.today)
    assert len(found) >= 20
    assert found == [(usd, currency.shown(Decimal(usd), code, dataset.today)) for usd, _ in found]
    if code == "JPY":
        assert all("." not in text for usd, text in found if Decimal(usd) * rate.rate >= 1)
    cells = price_cells(page)
    assert len(cells) >= 10 if path.startswith("providers/") else not cells
    assert [shown for _, shown in cells] == [converted_prices(usd, code, dataset.today) for usd, _ in cells]
    assert all("$" not in shown for _, shown in cells)
    assert Decimal(str(published[code]["rate"])) == rate.rate and published[code]["date"] == rate.date.isoformat()
    notes = page.locator(f"{MONEY} [data-currency-note]")
    assert notes.count() == page.locator(MONEY).count()
    for note in notes.all():
        text = note.inner_text()
        assert f"1 US dollar = {rate.rate} {rate.plural}" in text and rate.date.isoformat() in text
        assert "European Central Bank" in text and "exclude VAT and other sales taxes" in text
    heads = page.eval_on_selector_all(f"{MONEY} thead th, {MONEY} caption", "els => els.map((e) => e.textContent)")
    labels = page.eval_on_selector_all(f"{MONEY} td[data-label]", "els => els.map((e) => e.dataset.label)")
    assert any(f"({code}" in h for h in heads) and not [t for t in heads + labels if "(USD" in t or "($" in t]
    names = page.eval_on_selector_all(f"{MONEY} [data-currency-name]", "els => els.map((e) => e.textContent)")
    assert set(names) <= {rate.plural}
    assert page.eval_on_selector_all(f"{MONEY} [data-currency]", "els => els.map((e) => e.value)") == [code] * notes.count()
    assert parse_qs(urlsplit(href(page)).query)["currency"] == [code]
    links_carry(page, code)
    no_sideways_scroll(page)
    assert not [u for u in device.requests if not u.startswith((site_url, "data:", "blob:"))]


def test_by_default_the_tables_are_in_us_dollars_and_a_choice_converts_them_in_place(
        device: Watched, site_url: str, dataset: Dataset) -> None:
    page = device.page
    page.goto(f"{site_url}cost-per-interaction/")
    page.wait_for_selector(f"{MONEY} [data-currency-pick]:not([hidden])")
    before = figures(page)
    in_dollars(before)
    assert not price_cells(page)
    assert page.locator(f"{MONEY} [data-currency-note]:visible").count() == 0
    links_carry(page, None)
    assert page.locator(f"{MONEY} [data-currency-pick]:visible").count() == 1, "one choice a page"
    pick = page.locator(f"{MONEY} [data-currency]").first
    pick.scroll_into_view_if_needed()
    top = pick.bounding_box()["y"]
    pick.select_option("EUR")
    assert page.eval_on_selector_all(f"{MONEY} [data-currency]", "els => els.map((e) => e.value)") == \
        ["EUR"] * page.locator(MONEY).count()
    assert figures(page) == [(usd, currency.shown(Decimal(usd), "EUR", dataset.today)) for usd, _ in before]
    assert parse_qs(urlsplit(href(page)).query)["currency"] == ["EUR"]
    assert abs(pick.bounding_box()["y"] - top) < 1, "the choice moved under the reader"  # the notes above it come in
    links_carry(page, "EUR")
    pick.select_option("USD")
    assert figures(page) == before
    assert "currency" not in parse_qs(urlsplit(href(page)).query)
    assert page.locator(f"{MONEY} [data-currency-note]:visible").count() == 0
    assert "Each (USD)" in page.eval_on_selector_all(f"{MONEY} thead th", "els => els.map((e) => e.textContent)")
    links_carry(page, None)


def test_a_currency_with_no_rate_says_so_beside_each_table_and_keeps_us_dollars(device: Watched, site_url: str) -> None:
    page = device.page
    for path in PAGES:
        page.goto(f"{site_url}{path}?currency=XYZ")
        page.wait_for_selector(f"{MONEY} [data-currency-error]:not([hidden])")
        errors = page.locator(f"{MONEY} [data-currency-error]")
        assert errors.all_inner_texts() == ["We have no reference rate for XYZ; figures are in US dollars."] * errors.count()
        assert errors.count() == page.locator(MONEY).count()
        in_dollars(figures(page))
        assert all(usd == shown for usd, shown in price_cells(page))
        assert page.locator(f"{MONEY} [data-currency-note]:visible").count() == 0
        no_sideways_scroll(page)


def test_without_javascript_every_figure_stays_in_us_dollars_and_no_choice_shows(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in PAGES:
        page.goto(f"{site_url}{path}?currency=EUR")
        in_dollars(figures(page))
        for hidden in ("[data-currency-pick]", "[data-currency-note]", "[data-currency-error]"):
            assert page.locator(f"{MONEY} {hidden}:visible").count() == 0, hidden
    context.close()


def test_the_copies_carry_the_chosen_currency_its_rate_and_date(device: Watched, site_url: str, dataset: Dataset) -> None:
    """The first cost table of the page: its Markdown and its spreadsheet rows in euros, as the page shows them."""
    page, rate = device.page, currency.rate_of("EUR", dataset.today)
    page.goto(f"{site_url}cost-per-interaction/?currency=EUR")
    page.wait_for_selector(f"{MONEY} [data-currency-note]:not([hidden])")
    block = page.locator(MONEY).first
    page.evaluate("(el) => el.querySelector('[data-ifg-copy]').id = 'copy-under-test'", block.element_handle())
    # Each row's amounts in US dollars: one interaction (its first figure) and 1,000 of them.
    amounts = block.evaluate("""(el) => [...el.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')]
        .slice(0, 2).map((td) => td.querySelector('data').value))""")
    md = copy_from_keys(page, "#copy-under-test", "md")
    table = [table_cells(line) for line in md.splitlines() if line.startswith("| ")]
    assert table[0][2:4] == ["Each (EUR)", "Per 1,000 (EUR)"]
    assert [row[2:4] for row in table[2:]] == [[currency.shown(Decimal(a), "EUR", dataset.today) for a in pair]
                                               for pair in amounts]
    assert "$" not in md and "\f" not in md
    assert "in euros" in md.splitlines()[0]
    assert f"1 US dollar = {rate.rate} euros" in md and rate.date.isoformat() in md and "exclude VAT" in md
    assert parse_qs(urlsplit(md.splitlines()[-1].removeprefix("Reproduce: ")).query)["currency"] == ["EUR"]
    tsv = copy_from_keys(page, "#copy-under-test", "tsv")
    said = page.inner_text("#copy-under-test [data-copied]")
    lines = tsv.rstrip("\n").split("\n")
    rows = [line.split("\t") for line in lines[:len(amounts) + 1]]
    assert rows[0][2:4] == ["Each (EUR)", "Per 1,000 (EUR)"] and "\f" not in tsv
    assert [row[2:4] for row in rows[1:]] == [[fmt.plain(currency.convert(Decimal(a), "EUR", dataset.today)) for a in pair]
                                              for pair in amounts]
    assert lines[len(amounts) + 1:][-1].startswith(f"1 US dollar = {rate.rate} euros")
    assert said == f"Copied {len(amounts)} rows as tab-separated rows for a spreadsheet."


def test_in_us_dollars_the_copies_are_as_the_build_wrote_them(device: Watched, site_url: str) -> None:
    page = device.page
    page.goto(f"{site_url}cost-per-interaction/")
    block = page.locator(MONEY).first
    block.locator("[data-ifg-copy]").wait_for()
    page.evaluate("(el) => el.querySelector('[data-ifg-copy]').id = 'copy-under-test'", block.element_handle())
    md = copy_from_keys(page, "#copy-under-test", "md")
    assert "| Each (USD) | Per 1,000 (USD) |" in md and "in US dollars" in md.splitlines()[0]
    assert "1 US dollar =" not in md and "\f" not in md and "currency=" not in md
    tsv = copy_from_keys(page, "#copy-under-test", "tsv")
    assert tsv.split("\n")[0].split("\t")[2:4] == ["Each (USD)", "Per 1,000 (USD)"] and "\f" not in tsv
    assert all(Decimal(row.split("\t")[2]) >= 0 for row in tsv.rstrip("\n").split("\n")[1:])


@pytest.mark.parametrize("path", ["cost/", "agents/", "long-context/", "media/", "capacity/", "privacy/", "self-hosting/"])
def test_every_copied_table_is_in_the_chosen_currency_with_its_rate(device: Watched, site_url: str, dataset: Dataset,
                                                                    path: str) -> None:
    """Each copy control under a converted table (scale, agent steps, long-context bands, a conversation, media): its
    Markdown names yen in its column headers and holds no dollar figure; its spreadsheet rows name yen too."""
    page, rate = device.page, currency.rate_of("JPY", dataset.today)
    page.goto(f"{site_url}{path}?currency=JPY")
    page.wait_for_selector(f"{MONEY} [data-currency-note]:not([hidden])")
    controls = page.locator(f"{MONEY} [data-ifg-copy]")
    assert controls.count() >= 1
    for i in range(controls.count()):
        page.evaluate("(el) => el.id = 'copy-under-test'", controls.nth(i).element_handle())
        md = copy_from_keys(page, "#copy-under-test", "md")
        head = next(line for line in md.splitlines() if line.startswith("| "))
        assert "(JPY" in head and "USD" not in head and "$" not in md and "\f" not in md, md
        assert f"1 US dollar = {rate.rate} Japanese yen" in md and rate.date.isoformat() in md
        tsv = copy_from_keys(page, "#copy-under-test", "tsv")
        assert "(JPY" in tsv.split("\n")[0] and "(USD" not in tsv and "\f" not in tsv
        page.evaluate("(el) => el.removeAttribute('id')", controls.nth(i).element_handle())


SMALL_PAGES = {"capacity/": 1, "privacy/": 1, "self-hosting/": 3}
"""Pages with a few converted tables (priority costs; a regional uplift; GPU prices, busy shares and break-even), and
how many."""


@pytest.mark.parametrize("path", sorted(SMALL_PAGES))
def test_the_priority_uplift_and_self_hosting_costs_are_the_builds_own_conversion(
        device: Watched, site_url: str, dataset: Dataset, path: str) -> None:
    """Every figure in those tables and their notes (a server's hourly price and month's rent too) in euros, each
    table with the rate, its date and the VAT note beside it, and no column still headed in US dollars."""
    page, rate = device.page, currency.rate_of("EUR", dataset.today)
    page.goto(f"{site_url}{path}?currency=EUR")
    page.wait_for_selector(f"{MONEY} [data-currency-note]:not([hidden])")
    assert page.locator(MONEY).count() == SMALL_PAGES[path]
    found = figures(page)
    assert len(found) >= 4 * SMALL_PAGES[path]
    assert found == [(usd, currency.shown(Decimal(usd), "EUR", dataset.today)) for usd, _ in found]
    assert all(text.startswith("€") or text == "free" for _, text in found), found
    notes = page.locator(f"{MONEY} [data-currency-note]")
    assert notes.count() == SMALL_PAGES[path]
    for note in notes.all():
        text = note.inner_text()
        assert f"1 US dollar = {rate.rate} euros" in text and rate.date.isoformat() in text and "exclude VAT" in text
    heads = page.eval_on_selector_all(f"{MONEY} thead th, {MONEY} caption", "els => els.map((e) => e.textContent)")
    labels = page.eval_on_selector_all(f"{MONEY} td[data-label]", "els => els.map((e) => e.dataset.label)")
    assert any("(EUR)" in h for h in heads) and not [t for t in heads + labels if "(USD" in t]
    assert page.locator(f"{MONEY} [data-currency-pick]:visible").count() == 1, "one choice a page"
    no_sideways_scroll(page)
    assert not [u for u in device.requests if not u.startswith((site_url, "data:", "blob:"))]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_page_in_another_currency_has_no_axe_violations(browser: Browser, site_url: str, scheme: str) -> None:
    """The choice, its notes and a message for a code with no rate, as axe-core reads them in each colour scheme."""
    from test_accessibility import AXE, AXE_TAGS, RUN_AXE, _require_axe

    _require_axe()
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844})  # type: ignore[arg-type]
    page, found = context.new_page(), []
    for address in (*(f"{path}?currency=EUR" for path in PAGES), "cost/?currency=XYZ"):
        page.goto(site_url + address, wait_until="networkidle")
        page.wait_for_selector(f"{MONEY} :is([data-currency-note], [data-currency-error]):not([hidden])")
        page.add_script_tag(path=str(AXE))
        found += [f"/{address}: {v['id']} {v['help']} {[n['target'] for n in v['nodes']]}"
                  for v in page.evaluate(RUN_AXE, AXE_TAGS)]
    context.close()
    assert not found, "\n".join(found)
