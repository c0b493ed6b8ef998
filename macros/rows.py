"""Typed rows for each table: data plus calculations, not yet formatted or marked up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from macros import calc
from macros.dataset import Dataset, Listing
from macros.models import Observation, Scenario


@dataclass(frozen=True)
class CostRow:
    """One model's cost for one scenario."""

    listing: Listing
    per_interaction: Decimal
    monthly: tuple[Decimal, ...]
    times_cheapest: Decimal


@dataclass(frozen=True)
class WaitRow:
    """A time-to-first-token and a speed from the same source, applied to one scenario."""

    ttft: Observation
    speed: Observation
    wait: calc.Wait


def select(dataset: Dataset, provider: str | None = None, size_class: str | None = None,
           models: Iterable[str] | None = None) -> list[Listing]:
    """Listings filtered by provider id, size class or an explicit list of model ids."""
    if models is not None:
        return [dataset.listing(model_id) for model_id in models]
    return [
        listing for listing in dataset.listings
        if (provider is None or listing.provider.id == provider)
        and (size_class is None or listing.model.size_class == size_class)
    ]


def cost_rows(dataset: Dataset, scenario: Scenario, listings: list[Listing], batch: bool = False) -> list[CostRow]:
    """Cost of the scenario on each listing, cheapest first; models without batch prices drop out of a batch table."""
    usage = calc.Usage.of(scenario)
    costs: list[tuple[Listing, Decimal]] = []
    for listing in listings:
        prices = listing.model.prices
        if batch and (prices.batch_input_mtok is None or prices.batch_output_mtok is None):
            continue
        costs.append((listing, calc.interaction_cost(prices, usage, batch)))
    costs.sort(key=lambda pair: (pair[1], pair[0].model.name))
    cheapest = costs[0][1] if costs else Decimal(0)
    return [
        CostRow(
            listing,
            cost,
            tuple(calc.monthly_cost(cost, volume) for volume in dataset.monthly_volumes),
            cost / cheapest if cheapest else Decimal(1),
        )
        for listing, cost in costs
    ]


def wait_rows(dataset: Dataset, scenario: Scenario) -> list[WaitRow]:
    """Pair each time-to-first-token with a speed for the same model, host and source."""
    speeds = {
        (o.model, o.served_by, o.source): o for o in dataset.observations if o.metric == "output_tokens_per_s"
    }
    rows = []
    for ttft in dataset.observations:
        speed = speeds.get((ttft.model, ttft.served_by, ttft.source))
        if ttft.metric != "ttft_s" or speed is None:
            continue
        rows.append(WaitRow(ttft, speed, calc.wait(ttft.value, speed.value, scenario.output_tokens, scenario.reasoning_tokens)))
    rows.sort(key=lambda row: row.wait.full_answer)
    return rows


def observations(dataset: Dataset, metric: str | None = None, model: str | None = None) -> list[Observation]:
    """Observations filtered by metric and model, in file order."""
    return [
        o for o in dataset.observations
        if (metric is None or o.metric == metric) and (model is None or o.model == model)
    ]


def as_of(listings: Iterable[Listing]) -> dt.date:
    """The newest check date among these listings."""
    return max(listing.model.verified for listing in listings)


@dataclass(frozen=True)
class MatrixRow:
    """One model's cost for every scenario, in scenario order."""

    listing: Listing
    costs: tuple[Decimal, ...]


def matrix_rows(dataset: Dataset, listings: list[Listing]) -> list[MatrixRow]:
    """Every listing's cost per interaction for every scenario."""
    usages = [calc.Usage.of(s) for s in dataset.scenarios]
    return [
        MatrixRow(listing, tuple(calc.interaction_cost(listing.model.prices, usage) for usage in usages))
        for listing in listings
    ]
