"""Privacy and data handling: what each provider publishes about keeping, training on and placing the data its API
receives (data/privacy.yaml), and what a regional-processing uplift adds to a scenario's cost. A fact no source read
gives is shown as such, never as a default."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from macros import calc, currency
from macros.data.dataset import Dataset, Listing
from macros.data.models import PrivacyEntry
from macros.render.environment import render
from macros.render.links import Links

CHAT_SCENARIO = "chat-reply"
"""The scenario the uplift table prices by default: one reply in a chat."""


@dataclass(frozen=True)
class PrivacyRow:
    """One provider's entry, with the provider's name from data/providers."""

    provider: str
    entry: PrivacyEntry

    @property
    def uplift_percent(self) -> Decimal | None:
        """How much more regional processing costs, in percent (10 for a multiplier of 1.1); None without one."""
        regional = self.entry.regional
        if regional is None or regional.uplift_multiplier is None:
            return None
        return (regional.uplift_multiplier - 1) * 100


def _checked_dates(entry: PrivacyEntry) -> list[dt.date]:
    facts = (entry.retention, entry.zero_retention, entry.training, entry.regional)
    return [fact.checked for fact in facts if fact is not None]


def privacy_rows(dataset: Dataset) -> list[PrivacyRow]:
    """Every entry of data/privacy.yaml in file order, each with its provider's name."""
    names = {p.id: p.name for p in dataset.providers}
    return [PrivacyRow(names[entry.provider], entry) for entry in dataset.privacy_facts.providers]


def privacy_table(dataset: Dataset, links: Links) -> str:
    """For each provider: how long inputs and outputs are kept by default, whether zero retention is offered, whether
    inputs train models, and whether regional processing is offered at what uplift; each fact linked to its source and
    dated, or marked as given by no source read."""
    rows = privacy_rows(dataset)
    dates = [day for row in rows for day in _checked_dates(row.entry)]
    if not dates:
        raise ValueError("data/privacy.yaml gives no fact for any provider, so there is nothing to show")
    missing = sum(1 for row in rows for name in ("retention", "zero_retention", "training", "regional")
                  if getattr(row.entry, name) is None)
    return render("privacy_table.html", rows=rows, as_of=max(dates), missing=missing, links=links)


@dataclass(frozen=True)
class UpliftRow:
    """One model a regional uplift is listed for: its scenario cost without and with the uplift."""

    listing: Listing
    multiplier: Decimal
    standard: Decimal
    """USD for one interaction at list prices, by the model's own rules."""
    regional: Decimal
    """The same, with every price multiplied by the uplift."""


def uplift_rows(dataset: Dataset, scenario: str = CHAT_SCENARIO) -> list[UpliftRow]:
    """Each model still served that an uplift in data/privacy.yaml lists, in file order, priced for `scenario`.
    A model the scenario cannot run on (it sends what the model cannot take) is left out."""
    chosen = dataset.scenario(scenario)
    found = []
    for entry in dataset.privacy_facts.providers:
        regional = entry.regional
        if regional is None or regional.uplift_multiplier is None:
            continue
        for model_id in regional.uplift_models:
            listing = dataset.listing(model_id)
            if dataset.is_retired(listing):
                continue
            cost = calc.scenario_cost(listing.model, chosen)
            if cost.unsupported:
                continue
            found.append(UpliftRow(listing, regional.uplift_multiplier, cost.total,
                                   calc.uplifted(cost.total, regional.uplift_multiplier)))
    return found


def uplift_table(dataset: Dataset, links: Links, scenario: str = CHAT_SCENARIO) -> str:
    """What the `scenario` costs on each model a regional uplift is listed for, at list prices and with the uplift."""
    rows = uplift_rows(dataset, scenario)
    if not rows:
        raise ValueError("data/privacy.yaml lists no uplift on a model still served, so there is nothing to price")
    as_of = max(row.listing.model.verified for row in rows)
    return render("privacy_uplift.html", rows=rows, scenario=dataset.scenario(scenario), as_of=as_of, links=links,
                  currencies=currency.rates(dataset.today))


def retention_span(dataset: Dataset, links: Links) -> str:
    """The shortest to the longest default retention a provider's own page gives in days ("30 to 55 days"), for
    running text; linked to the table, with how many providers give a number and when they were read."""
    kept = [entry.retention for entry in dataset.privacy_facts.providers
            if entry.retention is not None and entry.retention.days is not None]
    if not kept:
        raise ValueError("no entry in data/privacy.yaml gives a number of days, so there is no span to show")
    low = min(fact.days for fact in kept if fact.days is not None)
    high = max(fact.days for fact in kept if fact.days is not None)
    return render("privacy_span.html", low=low, high=high, providers=len(kept),
                  checked=max(fact.checked for fact in kept), links=links)
