"""Price history: the "Price changes" table and the history carried by the JSON export."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from macros import export
from macros.data.dataset import Dataset
from macros.data.models import HistoryEntry
from macros.data.validate import load_dataset
from macros.render import Links
from macros.render.tables import price_changes
from macros.rows import history_changes

FIXTURE = Path(__file__).parent / "fixtures" / "data"
LINKS = Links()



def with_history(dataset: Dataset, model_id: str, entries: list[dict[str, object]]) -> Dataset:
    provider = dataset.providers[0]
    history = [HistoryEntry.model_validate(e) for e in entries]
    models = [m.model_copy(update={"history": history}) if m.id == model_id else m for m in provider.models]
    return replace(dataset, providers=[provider.model_copy(update={"models": models})])


CHANGE = "What changed ($/1M tokens): old → new"


def body_rows(html: str) -> list[str]:
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]


def test_each_change_shows_old_and_new_prices_with_the_change_and_links(fixture_data: Dataset) -> None:
    [row] = body_rows(price_changes(fixture_data, LINKS))
    assert '<td data-label="Old price applied until">2026-08-16</td>' in row
    assert '<a href="/providers/acme/#model-acme-large">&lt;b&gt;x&#124;y&lt;/b&gt;</a>' in row
    assert '<td data-label="Provider">Acme &amp; Sons</td>' in row
    # input 0.435 -> 1.25 is +187.4%; output 0.87 -> 10.00 is +1,049.4%
    assert f'<td data-label="{CHANGE}">Input: $0.435 → $1.25 (+187%)<br>Output: $0.87 → $10.00 (+1,049%)</td>' in row
    assert '<a href="https://example.com/pricing#large" rel="external">new price</a>' in row
    assert '<a href="https://example.com/old" rel="external">old price</a>' in row


def test_changes_from_every_model_are_listed_newest_first(fixture_data: Dataset) -> None:
    dataset = with_history(fixture_data, "acme-small", [
        {"until": dt.date(2026, 6, 30), "input_mtok": Decimal("0.05"), "output_mtok": Decimal("0.15")},
        {"until": dt.date(2026, 1, 31), "input_mtok": Decimal("0.05"), "output_mtok": Decimal("0.20")},
    ])
    changes = history_changes(dataset)
    assert [(c.listing.model.id, c.old.until) for c in changes] == [
        ("acme-large", dt.date(2026, 8, 16)),
        ("acme-small", dt.date(2026, 6, 30)),
        ("acme-small", dt.date(2026, 1, 31)),
    ]
    # each change compares an entry with the price that replaced it, not with today's price
    assert [(c.field, c.new, c.percent) for c in changes[2].changed] == [("output_mtok", Decimal("0.15"), Decimal(-25))]
    rows = body_rows(price_changes(dataset, LINKS))
    assert f'<td data-label="{CHANGE}">Input: $0.05 → $0.0375 (-25%)</td>' in rows[1]
    assert f'<td data-label="{CHANGE}">Output: $0.20 → $0.15 (-25%)</td>' in rows[2]
    assert "old price: not recorded" in rows[2]


def test_no_history_says_so_instead_of_an_empty_table(fixture_data: Dataset) -> None:
    html = price_changes(with_history(fixture_data, "acme-large", []), LINKS)
    assert "<table" not in html
    assert "No price change is recorded" in html


def test_the_json_export_carries_each_models_history(fixture_data: Dataset) -> None:
    exported = json.loads(export.prices_json(fixture_data))
    by_id = {m["id"]: m for m in exported["models"]}
    assert by_id["acme-large"]["history"] == [
        {"until": "2026-08-16", "input_mtok": 0.435, "output_mtok": 0.87, "until_known": True,
         "source": "https://example.com/old"},
    ]
    assert by_id["acme-small"]["history"] == []


def test_the_real_data_exports_the_deepseek_history(root: Path) -> None:
    dataset = load_dataset(root / "data")
    exported = {m["id"]: m for m in json.loads(export.prices_json(dataset))["models"]}
    for listing in dataset.listings:
        history = exported[listing.model.id]["history"]
        assert [(h["until"], Decimal(str(h["input_mtok"])), Decimal(str(h["output_mtok"]))) for h in history] == [
            (h.until.isoformat(), h.input_mtok, h.output_mtok) for h in listing.model.history
        ]
    assert exported["deepseek-v4-pro"]["history"][0]["until"] == "2026-08-16"


def test_a_change_names_the_field_that_moved_and_an_unknown_date_says_so(fixture_data: Dataset) -> None:
    """Issue 20, item 8: a cache-read cut with input and output unchanged read "$2.00 → $2.00 (0%)"."""
    large = next(m for m in fixture_data.providers[0].models if m.id == "acme-large").prices
    changed = with_history(fixture_data, "acme-large", [{
        "until": dt.date(2026, 10, 7), "until_known": False, "input_mtok": large.input_mtok, "output_mtok": large.output_mtok,
        "cached_input_mtok": Decimal("9.99")}])
    [row] = body_rows(price_changes(changed, LINKS))
    cell = row.split(f'<td data-label="{CHANGE}">', 1)[1].split("</td>", 1)[0]
    assert cell.startswith("Cached input: $9.99 → ") and "Input:" not in cell and "Output:" not in cell
    assert "by 2026-10-07<br><small>exact date not known</small>" in row
