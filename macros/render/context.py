"""Long context: the price bands some models charge once a prompt passes a threshold, and how a conversation's
input grows turn by turn, with what caching its history saves."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from macros import calc, currency, rows
from macros.data.dataset import Dataset, Listing
from macros.data.models import CacheStorage, Tier
from macros.render.environment import render
from macros.render.links import Links


@dataclass(frozen=True)
class BandRow:
    """One long-context band of one model, beside the model's standard prices."""

    listing: Listing
    band: Tier
    input_times: Decimal
    """The band's input price over the standard one."""
    output_times: Decimal


def long_context_bands(dataset: Dataset, links: Links) -> str:
    """Every current model that bills long prompts at higher prices: each band's threshold and prices, beside the
    model's standard prices, in the order of the threshold."""
    found = [BandRow(listing, band, band.input_mtok / listing.model.prices.input_mtok,
                     band.output_mtok / listing.model.prices.output_mtok)
             for listing in dataset.headline_listings for band in listing.model.prices.tiers]
    found.sort(key=lambda row: (row.band.above_input_tokens, row.listing.model.name))
    listings = [row.listing for row in found]
    return render("long_context_bands.html", rows=found, links=links, models=len({row.listing.model.id for row in found}),
                  current=len(dataset.headline_listings), as_of=rows.as_of(listings) if listings else dataset.as_of,
                  currencies=currency.rates(dataset.today))


@dataclass(frozen=True)
class TurnRow:
    """One turn of a conversation: what it sends and what it costs, with its history cached as billed and without."""

    turn: int
    input_tokens: int
    cached_tokens: int
    """Input tokens billed at the cached price on an average turn: the cacheable part times the hit rate."""
    uncached: Decimal
    billed: Decimal


def conversation_growth(dataset: Dataset, links: Links, model: str, scenario: str = "chat-reply", turns: int = 10) -> str:
    """One conversation of `turns` turns of `scenario` on `model`, turn by turn: each turn resends the earlier turns,
    so its input grows; the model's own caching rule decides what of it is read from the cache. Also worked out from
    the same growth: the turn whose input first passes the model's long-context band, and the turn that no longer
    fits its context window."""
    if turns < 2:
        raise ValueError(f"turns must be at least 2 (got {turns})")
    listing = dataset.current_listing(model)
    chosen = dataset.scenario(scenario)
    tokens, effort, why = calc.thinking_for(listing.model, chosen.thinking_tokens)
    base = calc.scenario_request(chosen, tokens, thinking_on=effort is not None)
    history = calc.caches_history(listing.model)
    found = []
    for k in range(turns):
        request = calc.turn_request(base, k, history)
        billed = calc.request_cost(listing.model, request, effort=effort, thinking=why)
        plain = calc.request_cost(listing.model, request._replace(prefix=0), effort=effort, thinking=why)
        cached = int(request.prefix * billed.hit_rate) if billed.cache == "applied" else 0
        found.append(TurnRow(k + 1, request.input, cached, plain.total, billed.total))
    step = base.input - base.prefix + base.output
    band = listing.model.prices.tiers[0].above_input_tokens if listing.model.prices.tiers else None
    window = listing.model.context_window
    return render("conversation_growth.html", listing=listing, scenario=chosen, rows=found, links=links,
                  thinking=tokens, history=history, step=step, as_of=listing.model.verified,
                  band=band, band_turn=_first_turn_above(base.input, step, band) if band else None,
                  window=window, window_turn=_first_turn_above(base.input, step, window - base.output - tokens)
                  if window else None,
                  uncached=sum((row.uncached for row in found), Decimal(0)),
                  billed=sum((row.billed for row in found), Decimal(0)),
                  currencies=currency.rates(dataset.today))


def _first_turn_above(first: int, step: int, limit: int) -> int:
    """The first turn (counted from 1) whose input, `first` plus `step` for each earlier turn, is more than `limit`."""
    return max(0, (limit - first) // step + 1) + 1


@dataclass(frozen=True)
class StorageRow:
    """One model's fee for keeping an explicit cache, and what keeping one scenario's repeated prefix costs."""

    listing: Listing
    storage: CacheStorage
    hour: Decimal
    month: Decimal


def cache_storage(dataset: Dataset, links: Links, scenario: str = "chat-reply") -> str:
    """Every current model whose data gives an hourly fee for keeping an explicit cache, with what keeping `scenario`'s
    repeated prefix stored costs for an hour and for a month (calc.HOURS_PER_MONTH), by provider and name."""
    chosen = dataset.scenario(scenario)
    found = [StorageRow(listing, storage, calc.storage_cost(storage.price_mtok_hour, chosen.cacheable_prefix_tokens, 1),
                        calc.storage_cost(storage.price_mtok_hour, chosen.cacheable_prefix_tokens, calc.HOURS_PER_MONTH))
             for listing in dataset.headline_listings
             if listing.model.caching and (storage := listing.model.caching.storage)]
    found.sort(key=lambda row: (row.listing.provider.name, row.listing.model.name))
    return render("cache_storage.html", rows=found, links=links, scenario=chosen, hours=calc.HOURS_PER_MONTH,
                  current=len(dataset.headline_listings), currencies=currency.rates(dataset.today))
