"""Tables from the data: prices, costs, scenarios, latency, network profiles, exports and price changes."""

from __future__ import annotations

from typing import Any

from macros import calc, currency, export, rows, waits
from macros.data.dataset import Dataset, Listing
from macros.data.fields import choices
from macros.data.models import Model
from macros.render.environment import later, render
from macros.render.links import Links

SIZE_CLASSES = choices(Model, "size_class")


FILTER_FROM = 12
"""A provider's table with at least this many models gets a filter by name and maker (row-filter.js)."""
HOSTS_LISTED = 3
"""A row links up to this many other hosts of its model one by one; beyond, it links the explorer, which lists them."""


def _price_context(dataset: Dataset, links: Links, provider: str | None, size_class: str | None, scenario: str,
                   network: str) -> dict[str, Any]:
    """What price_table.html and price_rows.html show: the matching models and the facts their rows give."""
    if size_class is not None and size_class not in SIZE_CLASSES:
        raise ValueError(f"size_class must be one of {', '.join(SIZE_CLASSES)} (got {size_class})")
    listings = rows.select(dataset, provider=provider, size_class=size_class)
    retired = [listing for listing in (dataset.listings_of(provider, current=False) if provider else dataset.listings)
               if dataset.is_retired(listing) and (size_class is None or listing.model.size_class == size_class)]
    if not listings and not retired:
        raise ValueError(f"no models match provider={provider!r} size_class={size_class!r}")
    makers = {m: dataset.creator_name(m) for m in sorted({x.model.creator for x in listings if x.model.creator},
                                                          key=dataset.creator_name)}
    return {"listings": listings, "retired": retired, "as_of": rows.as_of(listings or retired), "newest": dataset.as_of,
            "links": links, "provider": provider, "scenario": dataset.scenario(scenario),
            "profile": dataset.network_profile(network), "makers": makers,
            "filter": f"ifg-models-{provider}" if provider and len(listings) >= FILTER_FROM else None,
            "currencies": currency.rates(dataset.today)}


def price_table(dataset: Dataset, links: Links, provider: str | None = None, size_class: str | None = None,
                scenario: str = "chat-reply", network: str = "slow-4g") -> str:
    """Every matching model's compact row: list prices, a line of facts, the cost of one `scenario` (a chat reply)
    and how fast it feels streamed on `network`, and its details on demand. Each row is anchored (model-<id>): call
    it once per page, since a provider's page is each of its models' home (Links.model). The rows themselves
    (`price_rows`) are left to the builder where one runs (macros.render.environment.later)."""
    context = _price_context(dataset, links, provider, size_class, scenario, network)
    table = later("price_rows", lambda: price_rows(dataset, links, provider, size_class, scenario, network),
                  provider=provider, size_class=size_class, scenario=scenario, network=network) \
        if context["listings"] else ""
    chosen, case = context["scenario"], dataset.use_case(context["scenario"].use_case)
    speeds = waits.verdicts_by_model(dataset, chosen, context["profile"])
    shown = [speeds[listing.model.id].streaming for listing in context["listings"] if listing.model.id in speeds]
    return render("price_table.html", table=table, use_case=case, advice=waits.advice_shown(dataset, case, shown),
                  **context)


def price_rows(dataset: Dataset, links: Links, provider: str | None = None, size_class: str | None = None,
               scenario: str = "chat-reply", network: str = "slow-4g") -> str:
    """The table of price_table: one row per matching model still served, kept out of the search index."""
    context = _price_context(dataset, links, provider, size_class, scenario, network)
    listings, chosen = context["listings"], context["scenario"]
    costs = rows.default_costs(dataset)
    return render("price_rows.html", **context,
                  retiring={listing.model.id: rows.retires_soon(listing, dataset.today) for listing in listings},
                  also={listing.model.id: [other for other in dataset.hosts_of(listing.model.model) if other is not listing]
                        for listing in listings if listing.model.model},
                  newer={listing.model.id: rows.newer(dataset, listing) for listing in listings if listing.model.superseded},
                  chat={listing.model.id: costs[listing.model.id, chosen.id] for listing in listings},
                  speed=waits.verdicts_by_model(dataset, chosen, context["profile"]), hosts_listed=HOSTS_LISTED)


TIER_NAMES = {"standard": "standard tier", "batch": "through the batch API", "flex": "on the flex tier",
              "priority": "on the priority tier", "fast": "in fast mode", "off_peak": "in off-peak hours"}


def cost_table(dataset: Dataset, links: Links, scenario: str, models: list[str] | None = None,
               tier: str = "standard", network: str | None = None, convert: bool = True) -> str:
    """One scenario's cost per interaction across models, cheapest first, each by its own billing rules, with the
    thinking and caching each cost assumed and, where the model lets you choose, the range across thinking efforts.
    On a tier other than standard, models that do not offer it leave the table. With `network`, a column gives each
    model's speed verdict for the scenario's use case, streaming, on that network profile. With `convert`, the table
    follows the reader's currency; without, it stays in US dollars (beside the calculator, which has its own choice)."""
    if tier not in calc.SERVICE_TIERS:
        raise ValueError(f"tier must be one of {', '.join(calc.SERVICE_TIERS)} (got {tier})")
    chosen = dataset.scenario(scenario)
    cost_rows, left_out = rows.cost_rows(dataset, chosen, rows.select(dataset, models=models), calc.Plan(tier=tier))
    if tier not in ("standard", "batch"):
        cost_rows = [r for r in cost_rows if r.cost.tier_offered]
    profile = dataset.network_profile(network) if network else None
    speeds = waits.verdicts_by_model(dataset, chosen, profile) if profile else {}
    case = dataset.use_case(chosen.use_case)
    shown = [speeds[r.listing.model.id].streaming for r in cost_rows if r.listing.model.id in speeds]
    return render("cost_table.html", scenario=chosen, rows=cost_rows, left_out=left_out, tier=tier,
                   tier_name=TIER_NAMES[tier], as_of=rows.as_of(r.listing for r in cost_rows), links=links,
                   profile=profile, speeds=speeds, use_case=case, advice=waits.advice_shown(dataset, case, shown),
                   currencies=currency.rates(dataset.today) if convert else ())


def scale_table(dataset: Dataset, links: Links, scenario: str, models: list[str] | None = None) -> str:
    """One scenario's monthly cost at each volume in data/scenarios.yaml."""
    chosen = dataset.scenario(scenario)
    cost_rows, _ = rows.cost_rows(dataset, chosen, rows.select(dataset, models=models))
    return render("scale_table.html", scenario=chosen, rows=cost_rows, volumes=dataset.monthly_volumes,
                   as_of=rows.as_of(r.listing for r in cost_rows), links=links, currencies=currency.rates(dataset.today))


def scenario_table(dataset: Dataset, links: Links) -> str:
    """The scenarios and where their token counts come from."""
    reach = {s.id: rows.cache_reach(dataset, s) for s in dataset.scenarios if s.cacheable_prefix_tokens}
    return render("scenario_table.html", scenarios=dataset.scenarios, reach=reach, links=links)


def network_table(dataset: Dataset, links: Links) -> str:
    """The published network presets: round-trip time and download speed, with their source."""
    return render("network_table.html", profiles=dataset.network_profiles, links=links)


def retirement_table(dataset: Dataset, links: Links) -> str:
    """Every announced retirement, soonest first, with the days from the day pages count from (Dataset.today), and
    the deprecations that have no date yet."""
    found = [{"listing": listing, "retires": date, "days": (date - dataset.today).days,
              "retired": dataset.is_retired(listing)} for listing, date in rows.retirements(dataset)]
    return render("retirement_table.html", rows=found, deprecated=rows.deprecations(dataset), as_of=dataset.as_of,
                  today=dataset.today, within=rows.RETIRING_WITHIN_DAYS, links=links)


def superseded_table(dataset: Dataset, links: Links) -> str:
    """Every model still served whose maker has a newer one for the same job: one row per model (not per host), with
    the model named in its place and the maker's words."""
    hosts: dict[str, list[Listing]] = {}
    for listing in dataset.current_listings:
        if dataset.is_superseded(listing):
            hosts.setdefault(listing.model.model or listing.model.id, []).append(listing)
    found = []
    for served in hosts.values():
        served.sort(key=lambda listing: listing.provider.id != listing.model.creator)  # the maker's own host first
        superseded = served[0].model.superseded
        found.append({"hosts": served, "superseded": superseded, "newer": rows.newer(dataset, served[0]),
                      "newer_name": dataset.model_facts(superseded.by).name if superseded.by else None})
    found.sort(key=lambda row: row["hosts"][0].model.name)
    return render("superseded_table.html", rows=found, links=links)


def currency_table(dataset: Dataset, links: Links) -> str:
    """Each currency the tools offer besides US dollars, with what one dollar buys in it, the rate's day and source."""
    return render("currency_table.html", rates=currency.rates(dataset.today), places=currency.RATE_PLACES, links=links)


def exports_table(dataset: Dataset, links: Links) -> str:
    """The downloads every build writes, with what each holds and its size; the per-provider price files as one row."""
    listed, per_provider = [], []
    for url, text in export.texts(dataset).items():
        size = len(text.encode("utf-8"))
        if url.startswith(export.PROVIDER_FILES):
            per_provider.append(size)
        else:
            listed.append({"url": url, "about": export.ABOUT[url.rsplit("/", 1)[-1]], "size": size})
    first = dataset.providers[0].id
    return render("exports_table.html", files=listed, as_of=dataset.as_of, links=links,
                  providers={"url": f"{export.PROVIDER_FILES}{first}.json", "count": len(per_provider),
                             "size": sum(per_provider), "about": export.ABOUT["<provider>.json"]})


def price_changes(dataset: Dataset, links: Links) -> str:
    """Every recorded price change, newest first, each linked to its model's row on the pricing page."""
    return render("price_changes.html", rows=rows.history_changes(dataset), as_of=dataset.as_of, links=links)
