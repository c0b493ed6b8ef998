"""A price field is typed once, in the model: the JSON, the CSV and the change report follow it.

The test adds a field to a copy of Prices (and a Model that holds that copy) and checks that the
new field reaches each export and the diff with no other edit anywhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from macros import export
from macros.data.dataset import Dataset, Listing
from macros.data.fields import choices, money_fields
from macros.data.models import Model, Observation, Prices
from macros.data.types import Price
from macros.data.validate import load_dataset
from macros.render.environment import METRICS
from macros.render.tables import SIZE_CLASSES
from macros.report.diff import compare

FIXTURE = Path(__file__).parent / "fixtures" / "data"


class FlexPrices(Prices):
    """Prices with one kind more, as a contributor would add it to macros/data/models.py."""

    flex_input_mtok: Price | None = None
    """USD per 1,000,000 input tokens on the flex tier."""


class FlexModel(Model):
    prices: FlexPrices


def with_flex(dataset: Dataset, value: str) -> Dataset:
    providers = []
    for provider in dataset.providers:
        models = []
        for model in provider.models:
            prices = FlexPrices(**model.prices.model_dump(), flex_input_mtok=Decimal(value))
            models.append(FlexModel(**{**model.model_dump(), "prices": prices}))
        providers.append(provider.model_copy(update={"models": models}))
    return replace(dataset, providers=providers)


def test_every_price_field_has_its_unit_in_its_name() -> None:
    decimal_fields = [name for name, info in Prices.model_fields.items() if "Decimal" in str(info.annotation)]
    assert decimal_fields and set(decimal_fields) == set(money_fields(Prices))


def test_a_new_price_field_reaches_the_json_the_csv_and_the_diff() -> None:
    base = load_dataset(FIXTURE, build_date=dt.date(2026, 11, 20))
    flexed = with_flex(base, "0.5")
    exported = json.loads(export.prices_json(flexed))
    assert {m["prices"]["flex_input_mtok"] for m in exported["models"]} == {0.5}
    rows = list(csv.DictReader(io.StringIO(export.prices_csv(flexed))))
    assert rows and all(row["flex_input_mtok"] == "0.5" for row in rows)
    before: dict[str, Listing] = {listing.model.id: listing for listing in flexed.listings}
    after = {listing.model.id: listing for listing in with_flex(base, "0.75").listings}
    changes = compare(before, after).changes
    assert {(c.price, c.old, c.new) for c in changes} == {("flex_input_mtok", Decimal("0.5"), Decimal("0.75"))}


def test_every_choice_a_model_allows_has_a_label_on_the_pages() -> None:
    assert set(METRICS) == set(choices(Observation, "metric"))
    assert SIZE_CLASSES == ("small", "medium", "large")
