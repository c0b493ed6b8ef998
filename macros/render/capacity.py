"""Rate limits and capacity: the per-minute load a monthly volume puts on a provider (worked out here from the
scenarios and data/capacity.yaml's example), each provider's published limits and billing facts, the provisioned and
priority offers, and what the priority tier costs where data/providers lists its prices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from macros import calc, currency
from macros.data.dataset import Dataset, Listing
from macros.data.models import CapacityOffer, ProviderLimits, Scenario
from macros.render.environment import render
from macros.render.links import Links


@dataclass(frozen=True)
class LoadRow:
    """One scenario and the load the example volume puts on a provider each minute."""

    scenario: Scenario
    load: calc.Load


def load_rows(dataset: Dataset, scenarios: list[str] | None = None) -> list[LoadRow]:
    """The scenarios (every one, in data order, by default) at the sizing example's monthly volume and busiest-hour
    multiple."""
    sizing = dataset.capacity_facts.sizing
    chosen = dataset.scenarios if scenarios is None else [dataset.scenario(s) for s in scenarios]
    return [LoadRow(s, calc.load(s, sizing.monthly_interactions, sizing.busiest_hour_multiple)) for s in chosen]


def sizing_table(dataset: Dataset, links: Links, scenarios: list[str] | None = None) -> str:
    """Requests and tokens per minute each scenario needs at the example volume, on average and in the busiest hour.
    `scenarios`: the ids to show, in order (every scenario by default)."""
    return render("capacity_sizing.html", rows=load_rows(dataset, scenarios), sizing=dataset.capacity_facts.sizing,
                  minutes=calc.MINUTES_PER_MONTH, days=calc.DAYS_PER_MONTH, links=links)


@dataclass(frozen=True)
class LimitsRow:
    """One provider the guide covers, with its published limits, or None where none were read."""

    provider_id: str
    provider: str
    limits: ProviderLimits | None


def _limit_rows(dataset: Dataset, ids: Sequence[str] | None) -> list[LimitsRow]:
    facts = {entry.provider: entry for entry in dataset.capacity_facts.providers}
    chosen = ids if ids is not None else list(facts)
    names = {p.id: p.name for p in dataset.providers}
    unknown = [i for i in chosen if i not in names]
    if unknown:
        raise ValueError(f"no provider {', '.join(unknown)} in data/providers")
    return [LimitsRow(i, names[i], facts.get(i)) for i in chosen]


def _as_of(dates: Sequence[dt.date]) -> dt.date:
    return max(dates)


def limits_table(dataset: Dataset, links: Links, providers: list[str] | None = None) -> str:
    """What each provider limits, its usage tiers with what reaches them and their spending caps, whether cached tokens
    count, and where the per-model figures are; "no source read gives this" where data/capacity.yaml has nothing.
    `providers`: the ids to list, in order (every entry in data/capacity.yaml by default)."""
    found = _limit_rows(dataset, providers)
    dates = [row.limits.checked for row in found if row.limits is not None]
    if not dates:
        raise ValueError("none of these providers has an entry in data/capacity.yaml")
    return render("capacity_limits.html", rows=found, as_of=_as_of(dates), links=links)


def billing_table(dataset: Dataset, links: Links, providers: list[str] | None = None) -> str:
    """Each provider's free tier and how paying works, as its page states, or that no source read gives it."""
    found = _limit_rows(dataset, providers)
    dates = [row.limits.checked for row in found if row.limits is not None]
    if not dates:
        raise ValueError("none of these providers has an entry in data/capacity.yaml")
    return render("capacity_billing.html", rows=found, as_of=_as_of(dates), links=links)


@dataclass(frozen=True)
class OfferRow:
    offer: CapacityOffer
    provider: str


def offers_table(dataset: Dataset, links: Links, kind: str = "provisioned") -> str:
    """The provisioned-throughput (or priority) offers data/capacity.yaml lists: how each is billed and what it asks
    you to commit."""
    if kind not in ("provisioned", "priority"):
        raise ValueError(f"kind must be provisioned or priority (got {kind})")
    names = {p.id: p.name for p in dataset.providers}
    found = [OfferRow(o, names[o.provider]) for o in dataset.capacity_facts.offers if o.kind == kind]
    if not found:
        raise ValueError(f"data/capacity.yaml lists no {kind} offer")
    return render("capacity_offers.html", rows=found, kind=kind, as_of=_as_of([r.offer.checked for r in found]),
                  links=links)


@dataclass(frozen=True)
class PriorityRow:
    """A model with a priority price: one interaction of the scenario at standard and at priority prices."""

    listing: Listing
    standard: Decimal
    priority: Decimal

    @property
    def ratio(self) -> Decimal | None:
        """How many times the standard cost priority is; None for a model free at standard prices."""
        return self.priority / self.standard if self.standard else None


def priority_rows(dataset: Dataset, scenario: Scenario, models: list[str] | None = None) -> list[PriorityRow]:
    """Every current model whose provider lists priority prices (or those of `models` that do), cheapest at priority
    first."""
    found = []
    for listing in dataset.current_listings:
        tiers = listing.model.service_tiers
        if tiers is None or tiers.priority is None or (models is not None and listing.model.id not in models):
            continue
        standard = calc.scenario_cost(listing.model, scenario).total
        priority = calc.scenario_cost(listing.model, scenario, calc.Plan(tier="priority")).total
        found.append(PriorityRow(listing, standard, priority))
    return sorted(found, key=lambda row: (row.priority, row.listing.model.name.casefold()))


def priority_table(dataset: Dataset, links: Links, scenario: str = "chat-reply", models: list[str] | None = None) -> str:
    """What one interaction of the scenario costs at standard and at priority prices, for every model whose
    provider lists a priority price (or the `models` named), with how many times dearer priority is."""
    chosen = dataset.scenario(scenario)
    found = priority_rows(dataset, chosen, models)
    if models is not None and len(found) != len(set(models)):
        missing = sorted(set(models) - {row.listing.model.id for row in found})
        raise ValueError(f"no current priority price for {', '.join(missing)}")
    if not found:
        raise ValueError("no current model lists priority prices")
    return render("capacity_priority.html", rows=found, scenario=chosen,
                  as_of=max(row.listing.model.verified for row in found), links=links,
                  currencies=currency.rates(dataset.today))
