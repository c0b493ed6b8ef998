"""The long-context page (docs/long-context.md, macros/render/context.py): every band in the data shows once with the
model's standard prices beside it, and a conversation's turns grow and cost as calc prices each request."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from html import unescape
from pathlib import Path

from macros import calc
from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.render import Links, context

LINKS = Links()


def _body_rows(html: str) -> list[list[str]]:
    """Each row of the table's body as the text of its cells."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[" ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_every_band_of_every_current_model_is_listed_once_beside_its_standard_prices(fixture_data: Dataset) -> None:
    banded = [(listing, band) for listing in fixture_data.headline_listings for band in listing.model.prices.tiers]
    assert banded, "the fixture needs a model with a long-context band"
    found = _body_rows(context.long_context_bands(fixture_data, LINKS))
    assert len(found) == len(banded)
    for listing, band in banded:
        p = listing.model.prices
        row = next(r for r in found if r[0].startswith(listing.model.name) and r[1] == fmt.count(band.above_input_tokens))
        for cell, standard, banded in ((row[2], p.input_mtok, band.input_mtok), (row[3], p.output_mtok, band.output_mtok)):
            assert cell == f"{fmt.price(standard)} → {fmt.price(banded)} {fmt.ratio(banded / standard)}"


def test_the_real_bands_come_in_the_order_of_their_thresholds(root: Path) -> None:
    from macros.data import load_dataset
    dataset = load_dataset(root / "data")
    found = _body_rows(context.long_context_bands(dataset, LINKS))
    thresholds = [int(row[1].replace(",", "")) for row in found]
    assert thresholds == sorted(thresholds)
    assert len(found) == sum(len(listing.model.prices.tiers) for listing in dataset.headline_listings)


def test_each_turn_resends_the_turns_before_and_costs_what_calc_says(fixture_data: Dataset) -> None:
    model = fixture_data.current_listing("acme-large").model
    scenario = fixture_data.scenario("chat")
    html = context.conversation_growth(fixture_data, LINKS, "acme-large", scenario="chat", turns=4)
    found = _body_rows(html)
    assert [row[0] for row in found] == ["1", "2", "3", "4", "All 4 turns"]
    tokens, effort, why = calc.thinking_for(model, scenario.thinking_tokens)
    first = calc.scenario_request(scenario, tokens, thinking_on=effort is not None)
    step = first.input - first.prefix + first.output
    total = Decimal(0)
    for k, row in enumerate(found[:4]):
        assert row[1] == fmt.count(scenario.input_tokens + k * step)
        request = calc.turn_request(first, k, calc.caches_history(model))
        billed = calc.request_cost(model, request, effort=effort, thinking=why).total
        total += billed
        assert row[4] == fmt.money(billed)
    assert found[4][4] == fmt.money(total)


def test_the_note_names_the_turn_that_first_passes_the_band_and_the_window(fixture_data: Dataset) -> None:
    model = fixture_data.current_listing("acme-large").model
    scenario = fixture_data.scenario("chat")
    html = context.conversation_growth(fixture_data, LINKS, "acme-large", scenario="chat", turns=2)
    tokens, _, _ = calc.thinking_for(model, scenario.thinking_tokens)
    step = scenario.input_tokens - scenario.cacheable_prefix_tokens + scenario.output_tokens
    band = model.prices.tiers[0].above_input_tokens
    turn = int(re.search(r"turn ([\d,]+) is the first whose input passes", html).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert scenario.input_tokens + (turn - 1) * step > band >= scenario.input_tokens + (turn - 2) * step
    last = int(re.search(r"Turn ([\d,]+) would no longer fit", html).group(1).replace(",", ""))  # type: ignore[union-attr]
    fits = model.context_window - scenario.output_tokens - tokens
    assert scenario.input_tokens + (last - 1) * step > fits >= scenario.input_tokens + (last - 2) * step


def test_the_page_answers_first_and_shows_its_tables(built_site: Path) -> None:
    html = (built_site / "long-context" / "index.html").read_text(encoding="utf-8")
    assert "<strong>In short:</strong>" in html
    assert 'aria-label="Long-context price bands"' in html
    assert 'aria-label="Cost of each turn of a conversation on GPT-5.4"' in html
    assert 'aria-label="Cache storage fees"' in html


def test_each_storage_fee_shows_with_what_keeping_the_prefix_costs(fixture_data: Dataset) -> None:
    stored = [listing for listing in fixture_data.headline_listings
              if listing.model.caching and listing.model.caching.storage]
    assert stored, "the fixture needs a model with a cache storage fee"
    scenario = fixture_data.scenario("chat")
    html = context.cache_storage(fixture_data, LINKS, scenario="chat")
    found = _body_rows(html)
    assert len(found) == len(stored)
    for listing in stored:
        storage = listing.model.caching.storage  # type: ignore[union-attr]
        row = next(r for r in found if r[0].startswith(listing.model.name))
        prefix = scenario.cacheable_prefix_tokens
        # by hand: the fee is per million tokens per hour; a month is 30 days of 24 hours
        hour = storage.price_mtok_hour * prefix / 1_000_000
        assert row[1:] == [fmt.price(storage.price_mtok_hour), fmt.money(hour), fmt.money(hour * 720),
                           fmt.date(storage.checked)]
        assert f'<a href="{storage.source}" rel="external">{fmt.date(storage.checked)}</a>' in html
    assert f"{fmt.count(prefix)}-token repeated prefix" in html


def test_storage_costs_work_out_by_hand() -> None:
    assert calc.storage_cost(Decimal("4.50"), 1500, 1) == Decimal("0.00675")
    assert calc.storage_cost(Decimal("1.00"), 1500, calc.HOURS_PER_MONTH) == Decimal("1.08")


def test_without_a_storage_fee_the_page_says_no_cost_includes_one(tmp_path: Path) -> None:
    from macros.data import load_dataset
    fixtures = Path(__file__).resolve().parent / "fixtures" / "data"
    shutil.copytree(fixtures, tmp_path / "data")
    acme = tmp_path / "data" / "providers" / "acme.yaml"
    acme.write_text(re.sub(r"      storage:\n(        .*\n)+", "", acme.read_text()))
    dataset = load_dataset(tmp_path / "data", build_date=dt.date(2026, 11, 20))
    html = context.cache_storage(dataset, LINKS, scenario="chat")
    assert "<table" not in html and "no cost on this site includes one" in html
