"""Privacy and data handling (docs/privacy.md, macros/render/privacy.py, data/privacy.yaml): every cell says what the
data says, with its source and date; a fact the data lacks reads as given by no source read, never as an answer; and
the regional uplift's costs are the scenario's cost worked out here by hand, times the multiplier."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest

from macros import calc
from macros import formatting as fmt
from macros.data import load_dataset
from macros.data.dataset import Dataset
from macros.data.models import PrivacyFact
from macros.render import Links, privacy

LINKS = Links()
NO_SOURCE = "no source read gives this"
TRAINS = {"no": "No", "opt-in": "No, unless you opt in", "opt-out": "Yes, unless you opt out", "yes": "Yes"}
"""What the table says for each answer in data/privacy.yaml's training field."""
WHICH = ["fixture_data", "real"]


@pytest.fixture(scope="module")
def real(root: Path) -> Dataset:
    return load_dataset(root / "data")


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def body_rows(html: str) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """Each body row by its id: its cells' text and their HTML, both by data-label (the row header under "")."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = {}
    for row_id, row in re.findall(r'<tr id="([^"]+)">(.*?)</tr>', body, re.S):
        raw = {"": re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1)}  # type: ignore[union-attr]
        raw |= dict(re.findall(r'<td data-label="([^"]+)">(.*?)</td>', row, re.S))
        found[row_id] = ({label: _text(cell) for label, cell in raw.items()}, raw)
    return found


def _sourced(cell: str, html: str, fact: PrivacyFact) -> None:
    """The cell ends with the fact's note, then a link to its source and the day it was read."""
    assert cell.endswith(f"{_text(fact.note)} Source , read {fmt.date(fact.checked)}.")
    assert f'<a href="{fact.source}" rel="external">Source</a>' in html.replace("&amp;", "&")


@pytest.mark.parametrize("which", WHICH)
def test_every_cell_of_the_privacy_table_says_what_the_data_says_with_its_source(which: str, request) -> None:
    dataset: Dataset = request.getfixturevalue(which)
    entries = dataset.privacy_facts.providers
    found = body_rows(privacy.privacy_table(dataset, LINKS))
    assert list(found) == [f"privacy-{e.provider}" for e in entries]
    names = {p.id: p.name for p in dataset.providers}
    for entry in entries:
        cells, raw = found[f"privacy-{entry.provider}"]
        assert cells[""] == " ".join(names[entry.provider].split())

        cell, html = cells["Kept by default (days)"], raw["Kept by default (days)"]
        if entry.retention is None:
            assert cell == NO_SOURCE
        else:
            days = entry.retention.days
            assert cell.startswith(fmt.counted(days, "day") if days is not None else "No number given")
            _sourced(cell, html, entry.retention)

        cell, html = cells["Zero retention"], raw["Zero retention"]
        if entry.zero_retention is None:
            assert cell == NO_SOURCE
        else:
            words = {"self-serve": "Offered, self-serve", "on-approval": "Offered, on approval",
                     None: f"Offered; terms: {NO_SOURCE}"}[entry.zero_retention.access]
            assert cell.startswith(words)
            _sourced(cell, html, entry.zero_retention)

        cell, html = cells["Inputs train models"], raw["Inputs train models"]
        if entry.training is None:
            assert cell == NO_SOURCE
        else:
            words = TRAINS[entry.training.inputs]
            if entry.training.free_tier:
                words += f"; free tier: {TRAINS[entry.training.free_tier].lower()}"
            assert cell.startswith(words + " ")
            _sourced(cell, html, entry.training)

        cell, html = cells["Regional processing (price uplift)"], raw["Regional processing (price uplift)"]
        regional = entry.regional
        if regional is None:
            assert cell == NO_SOURCE
        else:
            if regional.uplift_multiplier is None:
                assert cell.startswith(f"Offered; uplift: {NO_SOURCE}")
            else:
                assert cell.startswith(f"Offered; prices {fmt.percent((regional.uplift_multiplier - 1) * 100)}")
                if regional.uplift_source:
                    assert f'<a href="{regional.uplift_source}" rel="external">uplift source</a>' in html
            _sourced(cell, html, regional)


def test_a_provider_with_no_fact_in_the_data_reads_no_source_read_in_every_cell(real: Dataset) -> None:
    bare = [e.provider for e in real.privacy_facts.providers
            if not (e.retention or e.zero_retention or e.training or e.regional)]
    assert bare, "the real data has a provider whose own pages gave none of the four facts"
    found = body_rows(privacy.privacy_table(real, LINKS))
    for provider in bare:
        cells, _ = found[f"privacy-{provider}"]
        assert [text for label, text in cells.items() if label] == [NO_SOURCE] * 4


def test_the_note_counts_the_cells_no_source_read_gives(fixture_data: Dataset, real: Dataset) -> None:
    for dataset in (fixture_data, real):
        entries = dataset.privacy_facts.providers
        missing = sum(getattr(e, name) is None for e in entries
                      for name in ("retention", "zero_retention", "training", "regional"))
        text = _text(privacy.privacy_table(dataset, LINKS))
        assert f"({missing} of {len(entries) * 4} cells)" in text
        no_uplift = sum(1 for e in entries if e.regional is not None and e.regional.uplift_multiplier is None)
        no_terms = sum(1 for e in entries if e.zero_retention is not None and e.zero_retention.access is None)
        assert text.lower().count(NO_SOURCE) == missing + no_uplift + no_terms + 1  # cells, unknown parts, the note


def test_a_known_retention_without_a_number_says_so_instead_of_a_number(fixture_data: Dataset) -> None:
    entry = fixture_data.privacy_facts.providers[0]
    assert entry.retention is not None
    unnumbered = entry.model_copy(update={"retention": entry.retention.model_copy(update={"days": None})})
    dataset = replace(fixture_data, privacy=fixture_data.privacy_facts.model_copy(update={"providers": [unnumbered]}))
    cells, _ = body_rows(privacy.privacy_table(dataset, LINKS))["privacy-acme"]
    assert cells["Kept by default (days)"].startswith("No number given ")


@pytest.mark.parametrize(("which", "scenario"), [("fixture_data", "chat"), ("real", "chat-reply")])
def test_the_uplift_table_prices_the_scenario_by_hand_and_multiplies_it(which: str, scenario: str, request) -> None:
    dataset: Dataset = request.getfixturevalue(which)
    found = body_rows(privacy.uplift_table(dataset, LINKS, scenario=scenario))
    expected = []
    for entry in dataset.privacy_facts.providers:
        regional = entry.regional
        if regional is None or regional.uplift_multiplier is None:
            continue
        for model_id in regional.uplift_models:
            listing = dataset.listing(model_id)
            if dataset.is_retired(listing):
                continue
            total = calc.scenario_cost(listing.model, dataset.scenario(scenario)).total
            expected.append(f"uplift-{model_id}")
            cells, _ = found[f"uplift-{model_id}"]
            assert cells["Uplift (×)"] == fmt.plain(regional.uplift_multiplier)
            assert cells["Any region (USD)"] == fmt.money(total)
            assert cells["One region (USD)"] == fmt.money(total * regional.uplift_multiplier)
            assert cells[""] == " ".join(f"{listing.model.name} {listing.provider.name}".split())
    assert list(found) == expected and expected


def test_a_retired_model_leaves_the_uplift_table(fixture_data: Dataset) -> None:
    listed = fixture_data.privacy_facts.providers[0].regional.uplift_models  # type: ignore[union-attr]
    assert "acme-old" in listed and fixture_data.is_retired(fixture_data.listing("acme-old"))
    assert "uplift-acme-old" not in body_rows(privacy.uplift_table(fixture_data, LINKS, scenario="chat"))


def test_one_chat_reply_with_a_ten_percent_uplift_costs_a_tenth_more_by_hand(fixture_data: Dataset) -> None:
    """Acme Small's chat reply, worked out from its prices: 2,500 input and 300 output tokens (the fixture's chat
    scenario; Acme Small lists no cache price, so every input token is billed in full), then times 1.1."""
    model = fixture_data.listing("acme-small").model
    by_hand = (Decimal("0.0375") * 2500 + Decimal("0.15") * 300) / Decimal(1_000_000)
    assert (model.prices.input_mtok, model.prices.output_mtok) == (Decimal("0.0375"), Decimal("0.15"))
    assert calc.scenario_cost(model, fixture_data.scenario("chat")).total == by_hand
    assert calc.uplifted(by_hand, Decimal("1.1")) == Decimal("0.000152625")
    cells, _ = body_rows(privacy.uplift_table(fixture_data, LINKS, scenario="chat"))["uplift-acme-small"]
    assert (cells["Any region (USD)"], cells["One region (USD)"]) == (fmt.money(by_hand), fmt.money(Decimal("0.000152625")))


def test_the_retention_span_runs_from_the_shortest_to_the_longest_number_the_data_gives(real: Dataset) -> None:
    days = [e.retention.days for e in real.privacy_facts.providers if e.retention and e.retention.days is not None]
    text = _text(privacy.retention_span(real, LINKS))
    assert text == (fmt.counted(min(days), "day") if min(days) == max(days)
                    else f"{fmt.count(min(days))} to {fmt.counted(max(days), 'day')}")


def test_the_real_privacy_data_is_sourced_dated_and_covers_the_main_providers(real: Dataset) -> None:
    entries = {e.provider: e for e in real.privacy_facts.providers}
    assert {"openai", "anthropic", "google", "google-vertex", "amazon-bedrock", "azure", "mistral", "deepseek",
            "xai"} <= set(entries)
    for entry in entries.values():
        for fact in (entry.retention, entry.zero_retention, entry.training, entry.regional):
            if fact is not None:
                assert fact.source.startswith("https://") and fact.checked <= dt.date.today()


def test_a_page_calling_a_privacy_table_without_data_privacy_yaml_stops_with_the_file_named(
        fixture_data: Dataset) -> None:
    with pytest.raises(KeyError, match="data/privacy.yaml"):
        privacy.privacy_table(replace(fixture_data, privacy=None), LINKS)


def test_the_built_page_shows_both_tables_and_the_span(built_site: Path, real: Dataset) -> None:
    html = (built_site / "privacy" / "index.html").read_text(encoding="utf-8")
    captions = re.findall(r"<caption>(.*?)</caption>", html, re.S)
    assert any(c.startswith("What each provider publishes about the data its API receives") for c in captions)
    assert any("with the regional-processing uplift" in c for c in captions)
    assert _text(privacy.retention_span(real, LINKS)) in _text(html.split("In short:", 1)[1].split("</p>", 1)[0])
    for entry in real.privacy_facts.providers:
        assert f'id="privacy-{entry.provider}"' in html
