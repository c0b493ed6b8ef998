"""Each provider's page (its models' home: prices, costs, speed), the list of providers, and the pricing page's
directory of every model, which keeps each model's old address (pricing/#model-<id>) and links on."""

from __future__ import annotations

from collections import Counter

from macros import rows, waits
from macros.data import rules
from macros.data.dataset import Dataset, Listing
from macros.data.models import Provider
from macros.render import latency, tables
from macros.render.environment import render
from macros.render.links import Links


def _provider(dataset: Dataset, provider_id: str) -> tuple[Provider, list[Listing]]:
    """The provider and its models still served (possibly none: every model of a provider can retire)."""
    seller = next((p for p in dataset.providers if p.id == provider_id), None)
    if seller is None:
        raise KeyError(f"no provider with id '{provider_id}' in data/providers")
    return seller, rows.select(dataset, provider=provider_id)


TIER_OFFERS = {"batch": "a batch API", "flex": "a flex tier", "priority": "a priority tier", "fast": "a fast mode",
               "off_peak": "off-peak prices"}
"""How the summary names each way of buying besides the standard tier, in this order."""


def provider_summary(dataset: Dataset, links: Links, provider: str, scenario: str = "chat-reply",
                     network: str = "slow-4g") -> str:
    """The answer-first paragraph of a provider's page, then what a reader needs from it: which current model costs
    least for one `scenario` (a chat reply) and which starts answering soonest on `network`, what sets the provider
    apart (caching, tiers, long-context bands), and what to watch (retirements, superseded models, old checks).
    Naming its models is also what lets search find the page by a model's name."""
    seller, listings = _provider(dataset, provider)
    dated = listings or [Listing(seller, m) for m in seller.models]
    chosen, profile = dataset.scenario(scenario), dataset.network_profile(network)
    ranked = [listing for listing in listings if not dataset.is_superseded(listing)] or listings
    costs = rows.default_costs(dataset)
    priced = sorted((listing for listing in ranked if costs[listing.model.id, chosen.id].unsupported is None
                     and rows.complete(costs[listing.model.id, chosen.id])),
                    key=lambda listing: (costs[listing.model.id, chosen.id].total, listing.model.name))
    speeds = waits.verdicts_by_model(dataset, chosen, profile)
    timed = sorted((listing for listing in ranked if listing.model.id in speeds),
                   key=lambda listing: (speeds[listing.model.id].wait.first_word, listing.model.name))
    caching = Counter(listing.model.caching.mode if listing.model.caching else "unknown" for listing in listings)
    offers = [words for tier, words in TIER_OFFERS.items() if any(_offers(listing, tier) for listing in listings)]
    newest = rows.as_of(dated)
    return render("provider_summary.html", provider=seller, count=len(listings), links=links,
                  retired=len(seller.models) - len(listings),
                  open_count=sum(1 for listing in listings if listing.model.open_weights),
                  newest=newest, oldest=min(listing.model.verified for listing in dated), scenario=chosen, profile=profile,
                  cheapest=priced[0] if priced else None,
                  cheapest_cost=costs[priced[0].model.id, chosen.id] if priced else None,
                  fastest=timed[0] if timed else None, fastest_row=speeds[timed[0].model.id] if timed else None,
                  timed=len(timed),
                  caching=caching, offers=offers,
                  banded=sum(1 for listing in listings if listing.model.prices.tiers),
                  retiring=[listing for listing in listings if rows.retires_soon(listing, dataset.today)],
                  superseded=sum(1 for listing in listings if dataset.is_superseded(listing)),
                  stale=sum(1 for listing in listings if rules.age_days(listing.model.verified, newest) > rules.STALE_AFTER_DAYS),
                  retiring_days=rows.RETIRING_WITHIN_DAYS)


def _offers(listing: Listing, tier: str) -> bool:
    """Whether the model can be bought on `tier` (one of TIER_OFFERS) besides the standard tier."""
    m = listing.model
    if tier == "batch":
        return m.prices.batch_input_mtok is not None
    return m.service_tiers is not None and getattr(m.service_tiers, tier, None) is not None


def provider_prices(dataset: Dataset, links: Links, provider: str, scenario: str = "chat-reply",
                    network: str = "slow-4g") -> str:
    """A sentence, then the provider's price table: each of its models' home row, retired ones listed after it."""
    seller, listings = _provider(dataset, provider)
    return render("provider_section.html", provider=seller, part="prices", count=len(listings), links=links) + "\n" + \
        tables.price_table(dataset, links, provider=provider, scenario=scenario, network=network)


def provider_costs(dataset: Dataset, links: Links, provider: str) -> str:
    """Where the cost of every scenario on the provider's models is: the pricing explorer, filtered to the provider,
    and the exports. The page's own rows give one scenario's cost, so a host with hundreds of models stays light."""
    seller, listings = _provider(dataset, provider)
    return render("provider_section.html", provider=seller, part="costs", count=len(listings), links=links,
                  scenarios=len(dataset.scenarios))


def provider_speed(dataset: Dataset, links: Links, provider: str, scenario: str = "chat-reply",
                   network: str = "slow-4g") -> str:
    """The verdicts for the provider's models that have current figures, or a sentence saying none do."""
    seller, listings = _provider(dataset, provider)
    ids = {listing.model.id for listing in listings}
    timed = [e.ttft.model for e in waits.best_evidence(dataset) if e.speed is not None and e.ttft.model in ids]
    intro = render("provider_section.html", provider=seller, part="speed", count=len(timed), links=links,
                   missing=[listing for listing in listings if listing.model.id not in timed])
    return intro + ("\n" + latency.verdict_table(dataset, links, scenario, network, models=timed) if timed else "")


def provider_index(dataset: Dataset, links: Links) -> str:
    """Every provider with its page, its number of models and the range of its input prices."""
    found = []
    for provider in dataset.providers:
        inputs = [m.prices.input_mtok for m in provider.models]
        found.append({"provider": provider, "count": len(provider.models), "low": min(inputs), "high": max(inputs)})
    return render("provider_index.html", rows=found, as_of=dataset.as_of, links=links)


def model_directory(dataset: Dataset, links: Links) -> str:
    """Every model by provider, each with its input and output price, at its old address (id model-<id>) and linked
    to its home row: the pricing page's full list, which needs no JavaScript."""
    groups = [(p, dataset.listings_of(p.id, current=False)) for p in dataset.providers]
    retired = {listing.model.id: listing.model.lifecycle.retires for listing in dataset.listings
               if dataset.is_retired(listing) and listing.model.lifecycle}
    return render("model_directory.html", groups=groups, as_of=dataset.as_of, links=links, retired=retired)
