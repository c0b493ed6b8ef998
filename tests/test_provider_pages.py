"""Provider pages stay light and usable as a host grows: one compact row per model with its details on demand, the
cost of every scenario in the explorer instead of the page, and a filter by name and maker kept in the address."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import Watched, watch
from playwright.sync_api import Browser

from macros.data.dataset import Dataset
from macros.data.validate import load_dataset
from macros.render import Links, providers, tables

MODEL_BYTES = 1_500
"""The most HTML a provider page may spend on one model, on average over its rows (issue 23)."""
ROW = re.compile(r'<tr id="model-.*?</tr>', re.S)


@pytest.fixture(scope="module")
def real(root: Path) -> Dataset:
    return load_dataset(root / "data")


def _per_model(html: str) -> float:
    found = ROW.findall(html)
    assert found
    return sum(len(row.encode("utf-8")) for row in found) / len(found)


def test_a_host_with_hundreds_of_models_spends_at_most_1500_bytes_on_each(real: Dataset) -> None:
    """A host of 300 entries, cloned from every real one in turn (their notes, histories and hosts included)."""
    templates = [listing.model for listing in real.current_listings]
    clones = [templates[i % len(templates)].model_copy(update={"id": f"clone-{i:03d}"}) for i in range(300)]
    host = real.providers[0].model_copy(update={"id": "big-host", "name": "Big host", "models": clones})
    big = replace(real, providers=[*real.providers, host])
    html = tables.price_table(big, Links(), provider="big-host")
    assert len(ROW.findall(html)) == 300
    assert _per_model(html) <= MODEL_BYTES


def test_every_provider_page_of_ten_models_or_more_spends_at_most_1500_bytes_on_each(built_site: Path) -> None:
    checked = 0
    for page in (built_site / "providers").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        if len(ROW.findall(html)) >= 10:
            checked += 1
            assert _per_model(html) <= MODEL_BYTES, page.parent.name
    assert checked >= 10


def test_a_row_gives_prices_facts_and_a_chat_replys_cost_and_verdict_with_details_closed(real: Dataset) -> None:
    html = tables.price_table(real, Links(), provider="openai")
    text = html[html.index('<tr id="model-gpt-5.4-mini"'):].split("</tr>", 1)[0]
    assert "OpenAI, small, 400K context, thinks when asked, caches by itself</small>" in text
    assert '<td data-label="In / out ($/1M)" data-prices>$0.75 / $4.50<br><small>cached $0.075</small></td>' in text
    assert re.search(r'<td data-label="Chat reply \(\$\)"><data value="0\.0023\d*">\$0\.0023</data><br><small>[A-Z][a-z ]+, '
                     r'streamed</small></td>', text)
    assert '<details class="ifg-more"><summary>' in text and "<details open" not in text
    note = html[html.index('<p class="ifg-table-note">'):]
    assert "its cost counts no thinking, which would add to it" in note, "an unknown is never read as a known zero"


def test_a_model_on_many_hosts_links_the_explorer_and_one_on_few_links_each_host(real: Dataset) -> None:
    html = tables.price_table(real, Links(), provider="groq")
    row = html[html.index('<tr id="model-gpt-oss-120b-groq"'):].split("</tr>", 1)[0]
    others = len(real.hosts_of("gpt-oss-120b")) - 1
    assert f'Also served by {others} other hosts: <a href="/pricing/?model=gpt-oss-120b">compare all {others + 1}' in row
    few = next(listing for listing in real.current_listings
               if listing.model.model and 2 <= len(real.hosts_of(listing.model.model)) <= 3)
    others_few = [o for o in real.hosts_of(few.model.model) if o is not few]
    page = tables.price_table(real, Links(), provider=few.provider.id)
    row = page[page.index(f'<tr id="model-{few.model.id}"'):].split("</tr>", 1)[0]
    for other in others_few:
        assert f'href="/providers/{other.provider.id}/#model-{other.model.id}"' in row
    assert '<a href="/calculator/?models=' in row


def test_the_cost_of_every_scenario_is_in_the_explorer_not_on_the_page(real: Dataset) -> None:
    html = providers.provider_costs(real, Links(), "openrouter")
    assert '<a href="/pricing/?provider=openrouter">pricing explorer with OpenRouter' in html
    assert "<table" not in html
    assert 'href="/data/prices/openrouter.json"' in html


def test_a_big_hosts_table_has_a_filter_by_name_and_maker_and_a_small_one_none(real: Dataset) -> None:
    big = tables.price_table(real, Links(), provider="openrouter")
    assert '<form class="ifg-tool-form ifg-filter" data-ifg-filter="ifg-models-openrouter"' in big
    assert '<tbody id="ifg-models-openrouter">' in big
    makers = {listing.model.creator for listing in real.current_listings if listing.provider.id == "openrouter"}
    assert len(re.findall(r'<option value="[a-z]', big)) == len(makers)
    assert 'data-creator="anthropic"' in big
    small = tables.price_table(real, Links(), provider="deepseek")
    assert "data-ifg-filter" not in small and "data-creator" not in small


# --- in a real browser ----------------------------------------------------------------------------------------

FILTERED = "#ifg-models-openrouter tr:not([hidden])"


@pytest.mark.browser
def test_the_filter_narrows_the_rows_and_a_shared_address_reopens_it(tab: Watched, site_url: str, real: Dataset) -> None:
    page = tab.page
    page.goto(f"{site_url}providers/openrouter/", wait_until="networkidle")
    everyone = page.locator(FILTERED).count()
    assert everyone == len([x for x in real.current_listings if x.provider.id == "openrouter"])
    page.fill("#ifg-models-openrouter-name", "opus")
    page.select_option("#ifg-models-openrouter-creator", "anthropic")
    names = page.eval_on_selector_all(f"{FILTERED} th > a", "links => links.map(a => a.textContent)")
    assert names and all("opus" in name.lower() for name in names)
    assert parse_qs(urlsplit(page.url).query) == {"name": ["opus"], "creator": ["anthropic"]}
    assert f"{len(names)} of {everyone} models shown." in page.inner_text("[data-ifg-filter] [data-count]")
    page.goto(page.url, wait_until="networkidle")
    assert page.input_value("#ifg-models-openrouter-name") == "opus"
    assert page.eval_on_selector_all(f"{FILTERED} th > a", "links => links.map(a => a.textContent)") == names
    page.fill("#ifg-models-openrouter-name", "no such model")
    assert page.locator(FILTERED).count() == 0
    assert "No model matches" in page.inner_text("[data-ifg-filter] [data-count]")
    assert not tab.errors


@pytest.mark.browser
def test_without_javascript_every_row_shows_and_the_filter_is_hidden(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = watch(context).page
    page.goto(f"{site_url}providers/openrouter/?name=opus")
    assert not page.locator("[data-ifg-filter]").is_visible()
    assert page.locator("#ifg-models-openrouter tr:visible").count() == page.locator("#ifg-models-openrouter tr").count()
    context.close()
