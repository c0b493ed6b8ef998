"""A price field is typed once, in the model: the JSON, the CSV and the change report follow it.

The test adds a field to a copy of Prices (and a Model that holds that copy) and checks that the
new field reaches each export and the diff with no other edit anywhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import get_args

from pydantic import BaseModel, WithJsonSchema
from pydantic.fields import FieldInfo

from macros import export
from macros.data.dataset import Dataset, Listing
from macros.data.fields import choices, money_fields
from macros.data.models import Model, Observation, Prices
from macros.data.types import Price
from macros.data.validate import load_dataset
from macros.export import SCHEMAS
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


def _models(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """`root` and every model its fields hold, however deeply nested."""
    yield root
    for info in root.model_fields.values():
        stack = [info.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                yield from _models(annotation)
            stack += get_args(annotation)


def _is_price(info: FieldInfo) -> bool:
    """True when the field is typed Price, required (metadata kept on the field) or optional (kept in the annotation)."""
    marker = get_args(Price)[-1]  # Price's JSON Schema, which no other type shares
    found, stack = list(info.metadata), [info.annotation]
    while stack:
        annotation = stack.pop()
        args = get_args(annotation)
        found += [arg for arg in args if isinstance(arg, WithJsonSchema)]
        stack += [arg for arg in args if not isinstance(arg, WithJsonSchema)]
    return marker in found


def test_every_price_field_in_every_model_has_its_unit_in_its_name() -> None:
    # money_fields finds prices by name, so the report's thousandfold check reaches a price only if its name says so.
    models = {model for root in SCHEMAS.values() for model in _models(root)}
    prices = {(model.__name__, name) for model in models for name, info in model.model_fields.items() if _is_price(info)}
    named = {(model.__name__, name) for model in models for name in money_fields(model)}
    assert ("UnitPrices", "web_search_per_1k_calls") in prices and ("TierPrices", "input_mtok") in prices
    assert prices == named


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
    assert {(c.field, c.old, c.new) for c in changes} == {("prices.flex_input_mtok", Decimal("0.5"), Decimal("0.75"))}


def test_every_choice_a_model_allows_has_a_label_on_the_pages() -> None:
    assert set(METRICS) == set(choices(Observation, "metric"))
    assert SIZE_CLASSES == ("small", "medium", "large")
