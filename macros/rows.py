"""Typed rows for each table: data plus calculations, not yet formatted or marked up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from macros import calc
from macros.data.dataset import Dataset, Listing
from macros.data.fields import shared_money_fields
from macros.data.models import HistoryEntry, Observation, Prices, Scenario

RETIRING_WITHIN_DAYS = 90
"""A model that retires within this many days of the day pages count from (Dataset.today) is marked wherever its
cost is shown."""


def retires_soon(listing: Listing, today: dt.date) -> dt.date | None:
    """The retirement date when it falls within RETIRING_WITHIN_DAYS of `today` (or before it); else None."""
    life = listing.model.lifecycle
    if life and life.retires and (life.retires - today).days <= RETIRING_WITHIN_DAYS:  # today + 90 days could overflow
        return life.retires
    return None


@dataclass(frozen=True)
class CostRow:
    """One model's cost for one scenario, with the assumptions it rests on and its range across thinking efforts."""

    listing: Listing
    cost: calc.Cost
    spread: calc.CostRange | None
    monthly: tuple[Decimal, ...]
    times_cheapest: Decimal | None
    """How many times the cheapest ranked row's cost this is; None where the row is not ranked (it leaves out a fee) or
    the cheapest is free, which no ratio can compare with."""
    retires: dt.date | None
    """Set when the model retires within 90 days of the day pages count from."""
    off_peak: calc.Cost | None = None
    """The same interaction in the provider's off-peak hours, where it bills them lower."""

    @property
    def ranked(self) -> bool:
        """Whether the row's cost is complete enough to compare with others."""
        return complete(self.cost)

    @property
    def per_interaction(self) -> Decimal:
        return self.cost.total


@dataclass(frozen=True)
class LeftOut:
    """A model a cost table does not show, and why: "images" (it cannot take them), "images not recorded" (no source
    says whether it can) or "batch" (no batch price)."""

    listing: Listing
    reason: str


@dataclass(frozen=True)
class ObservationRow:
    """A published latency figure and the priced model it is for, if the dataset sells it."""

    observation: Observation
    listing: Listing | None


def select(dataset: Dataset, provider: str | None = None, size_class: str | None = None,
           models: Iterable[str] | None = None) -> list[Listing]:
    """Models for a table, filtered by provider id, size class or an explicit list of model ids. A provider's own
    table lists every model it still serves; every other table leaves out superseded models too. A retired or
    superseded model is never selected by name: a page that names one keeps building, and shows the others."""
    if models is not None:
        chosen = [listing for listing in map(dataset.listing, models)
                  if not dataset.is_retired(listing) and not dataset.is_superseded(listing)]
        if models and not chosen:
            raise ValueError(f"every model named ({', '.join(models)}) is retired or superseded; name current ones")
        return chosen
    found = dataset.listings_of(provider) if provider else dataset.headline_listings
    return [listing for listing in found if size_class is None or listing.model.size_class == size_class]


def newer(dataset: Dataset, listing: Listing) -> Listing | None:
    """The entry a superseded model's readers are sent to: its successor on the same host where that host serves it,
    else on the first host that does; None where the maker names none or nobody here serves it."""
    by = listing.model.superseded.by if listing.model.superseded else None
    hosts = dataset.hosts_of(by) if by else []
    same = [other for other in hosts if other.provider.id == listing.provider.id]
    return (same or hosts or [None])[0]


def complete(cost: calc.Cost) -> bool:
    """Whether a cost holds every fee the interaction incurs, so that it may be ranked against others."""
    return cost.search_fee_listed


def cost_rows(dataset: Dataset, scenario: Scenario, listings: list[Listing],
              plan: calc.Plan | None = None) -> tuple[list[CostRow], list[LeftOut]]:
    """The scenario's cost on each listing by its own rules, cheapest first, and the listings left out: those that
    cannot take what the scenario sends, and (for a batch table) those with no batch price."""
    plan = plan or calc.Plan()
    costs: list[tuple[Listing, calc.Cost]] = []
    left_out: list[LeftOut] = []
    for listing in listings:
        cost = calc.scenario_cost(listing.model, scenario, plan)
        if cost.unsupported:
            left_out.append(LeftOut(listing, cost.unsupported))
        elif plan.tier == "batch" and not cost.tier_offered:
            left_out.append(LeftOut(listing, "batch"))
        else:
            costs.append((listing, cost))
    # Ranked rows first, cheapest first; a row that leaves out a fee follows, unranked.
    costs.sort(key=lambda pair: (not complete(pair[1]), pair[1].total, pair[0].model.name))
    ranked = [cost.total for _, cost in costs if complete(cost)]
    cheapest = ranked[0] if ranked else Decimal(0)
    rows = [
        CostRow(
            listing, cost, calc.cost_range(listing.model, scenario, plan),
            tuple(calc.monthly_cost(cost.total, volume) for volume in dataset.monthly_volumes),
            (cost.total / cheapest if cheapest else None) if complete(cost) else None,
            retires_soon(listing, dataset.today),
            calc.off_peak_cost(listing.model, scenario, plan),
        )
        for listing, cost in costs
    ]
    return rows, left_out


@dataclass(frozen=True)
class CacheReach:
    """How a scenario's repeated prefix fares on the models the guide compares that cache it: discounted, under the
    model's published minimum, or on a model that publishes no minimum (so no discount is counted)."""

    discounted: int
    below_minimum: int
    minimum_unknown: int

    @property
    def caching(self) -> int:
        """Models that cache and list a cache price."""
        return self.discounted + self.below_minimum + self.minimum_unknown


def cache_reach(dataset: Dataset, scenario: Scenario) -> CacheReach:
    """Counted from each model's own rules, the same ones every cost uses (calc.cache_reason)."""
    reasons = [calc.cache_reason(listing.model, scenario) for listing in dataset.headline_listings]
    return CacheReach(reasons.count("applied"), reasons.count("below minimum"), reasons.count("minimum unknown"))


def _priced(dataset: Dataset, model_id: str) -> Listing | None:
    return dataset.listing(model_id) if dataset.has_model(model_id) else None


@dataclass(frozen=True)
class ObservationGroup:
    """One model's published figures, whoever served them: what the observations page shows under one heading."""

    name: str
    """The model's name in the price list, or the model as the source names it when the dataset does not sell it."""
    listing: Listing | None
    """The first priced entry the figures name, to link to; None for a model the dataset does not sell."""
    maker: str | None
    rows: tuple[ObservationRow, ...]


def observation_groups(dataset: Dataset, current: bool = True) -> list[ObservationGroup]:
    """Current observations (or, with current=False, the past and set-aside ones) grouped by model, the groups by
    name and each group's figures in file order. Entries on different hosts of one model (the same canonical id)
    share a group, so a reader finds every figure for the model in one place."""
    chosen = dataset.current_observations if current else dataset.past_observations
    grouped: dict[str, list[ObservationRow]] = {}
    for obs in chosen:
        listing = _priced(dataset, obs.model)
        key = (listing.model.model or listing.model.id) if listing else obs.model
        grouped.setdefault(key, []).append(ObservationRow(obs, listing))
    groups = []
    for found in grouped.values():
        listing = next((row.listing for row in found if row.listing), None)
        creator = listing.model.creator if listing else None
        groups.append(ObservationGroup(listing.model.name if listing else found[0].observation.model, listing,
                                       dataset.creator_name(creator) if creator else None, tuple(found)))
    return sorted(groups, key=lambda group: group.name.casefold())


def as_of(listings: Iterable[Listing]) -> dt.date:
    """The newest check date among these listings."""
    return max(listing.model.verified for listing in listings)


class DefaultCosts(Mapping[tuple[str, str], calc.Cost]):
    """Every current model's cost for every scenario by its own defaults, keyed (model id, scenario id). Each is worked
    out when first read, then kept: the engine's pages read a few scenarios of most models (a provider page's chat
    reply), the builder's exports read them all, and every table reads the same figures."""

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset
        self._current = {listing.model.id: listing for listing in dataset.current_listings}
        self._scenarios = {scenario.id: scenario for scenario in dataset.scenarios}
        self._known: dict[tuple[str, str], calc.Cost] = {}

    def __getitem__(self, key: tuple[str, str]) -> calc.Cost:
        found = self._known.get(key)
        if found is None:
            model_id, scenario_id = key
            if model_id not in self._current or scenario_id not in self._scenarios:
                raise KeyError(key)
            found = self._known[key] = calc.scenario_cost(self._current[model_id].model, self._scenarios[scenario_id])
        return found

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((model_id, scenario_id) for model_id in self._current for scenario_id in self._scenarios)

    def __len__(self) -> int:
        return len(self._current) * len(self._scenarios)


@lru_cache(maxsize=2)
def default_costs(dataset: Dataset) -> DefaultCosts:
    """The dataset's DefaultCosts, one per build."""
    return DefaultCosts(dataset)


def retirements(dataset: Dataset) -> list[tuple[Listing, dt.date]]:
    """Every model with a retirement date, soonest first."""
    found = [(listing, listing.model.lifecycle.retires) for listing in dataset.listings
             if listing.model.lifecycle and listing.model.lifecycle.retires]
    return sorted(found, key=lambda pair: (pair[1], pair[0].model.name))


def deprecations(dataset: Dataset) -> list[Listing]:
    """Models the provider has deprecated without a retirement date, by name."""
    found = [listing for listing in dataset.listings
             if listing.model.lifecycle and listing.model.lifecycle.retires is None]
    return sorted(found, key=lambda listing: listing.model.name)


@dataclass(frozen=True)
class HistoryChange:
    """One recorded change: the earlier price, the one that replaced it, and where each was read."""

    listing: Listing
    old: HistoryEntry
    new: Prices | HistoryEntry
    new_source: str | None

    @property
    def changed(self) -> list[FieldChange]:
        """Each price the history entry records that differs from the one that replaced it, in the model's field order
        (a price the entry does not record is not a change)."""
        found = []
        for name in shared_money_fields(HistoryEntry, Prices):
            old, new = getattr(self.old, name), getattr(self.new, name)
            if old is not None and old != new:
                found.append(FieldChange(name, old, new, calc.percent_change(old, new)))
        return found


@dataclass(frozen=True)
class FieldChange:
    """One price field's move: its name (such as cached_input_mtok), the old and new values, and the change in percent."""

    field: str
    old: Decimal | None
    new: Decimal | None
    percent: Decimal | None


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
