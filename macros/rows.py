"""Typed rows for each table: data plus calculations, not yet formatted or marked up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from macros import calc
from macros.data.dataset import Dataset, Listing
from macros.data.models import HistoryEntry, Observation, Prices, Scenario


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
    listing: Listing | None
    """The priced model the figures are for; None when the dataset does not sell it."""


@dataclass(frozen=True)
class ObservationRow:
    """A published latency figure and the priced model it is for, if the dataset sells it."""

    observation: Observation
    listing: Listing | None


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
        rows.append(wait_row(dataset, ttft, speed, scenario))
    rows.sort(key=lambda row: row.wait.full_answer)
    return rows


def wait_row(dataset: Dataset, ttft: Observation, speed: Observation, scenario: Scenario) -> WaitRow:
    """The wait for one scenario from a time to first token and a speed."""
    waited = calc.wait(ttft.value, speed.value, scenario.output_tokens, scenario.reasoning_tokens)
    return WaitRow(ttft, speed, waited, _priced(dataset, ttft.model))


def _priced(dataset: Dataset, model_id: str) -> Listing | None:
    return dataset.listing(model_id) if dataset.has_model(model_id) else None


def observations(dataset: Dataset, metric: str | None = None, model: str | None = None) -> list[ObservationRow]:
    """Observations filtered by metric and model, in file order."""
    return [
        ObservationRow(o, _priced(dataset, o.model)) for o in dataset.observations
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


@dataclass(frozen=True)
class HistoryChange:
    """One recorded change: the earlier price, the one that replaced it, and where each was read."""

    listing: Listing
    old: HistoryEntry
    new: Prices | HistoryEntry
    new_source: str | None

    @property
    def input_percent(self) -> Decimal | None:
        """Change of the input price, in percent."""
        return calc.percent_change(self.old.input_mtok, self.new.input_mtok)

    @property
    def output_percent(self) -> Decimal | None:
        """Change of the output price, in percent."""
        return calc.percent_change(self.old.output_mtok, self.new.output_mtok)


def history_changes(dataset: Dataset) -> list[HistoryChange]:
    """Every change recorded in the models' history, newest first (then by model name)."""
    changes = []
    for listing in dataset.listings:
        newer: Prices | HistoryEntry = listing.model.prices
        newer_source: str | None = listing.model.source
        for entry in listing.model.history:
            changes.append(HistoryChange(listing, entry, newer, newer_source))
            newer, newer_source = entry, entry.source
    changes.sort(key=lambda c: (-c.old.until.toordinal(), c.listing.model.name.casefold()))
    return changes
