"""Figures in running text: one price, cost, ratio, latency figure, wait or token count, each linked and dated."""

from __future__ import annotations

from decimal import Decimal

from macros import calc, rows, waits
from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.render.environment import render
from macros.render.links import Links


def inline_price(dataset: Dataset, links: Links, model: str, field: str = "input_mtok") -> str:
    """One list price in running text, linked to its row and dated."""
    listing = dataset.current_listing(model)
    value = getattr(listing.model.prices, field)
    if value is None:
        raise ValueError(f"{model} has no {field} price")
    text = fmt.price(value) if value == 0 else f"{fmt.price(value)} per million tokens"
    return render("inline.html", text=text, listing=listing, links=links)


def _cost(dataset: Dataset, scenario: str, model: str, tier: str, effort: str | None) -> calc.Cost:
    if tier not in calc.SERVICE_TIERS:
        raise ValueError(f"tier must be one of {', '.join(calc.SERVICE_TIERS)} (got {tier})")
    plan = calc.Plan(effort=effort, tier=tier)  # type: ignore[arg-type]
    cost = calc.scenario_cost(dataset.current_listing(model).model, dataset.scenario(scenario), plan)
    if cost.unsupported:
        raise ValueError(f"{model} cannot take the {cost.unsupported} the {scenario} scenario sends")
    if not cost.tier_offered:
        raise ValueError(f"{model} has no {tier} prices")
    return cost


def inline_cost(dataset: Dataset, links: Links, scenario: str, model: str, volume: int | None = None,
                tier: str = "standard", effort: str | None = None) -> str:
    """The cost of one interaction (or of `volume` a month) in running text, by the model's own billing rules, linked
    and dated; the link's title says which thinking and caching it assumed."""
    cost = _cost(dataset, scenario, model, tier, effort)
    text = fmt.money(cost.total) if volume is None else fmt.money(calc.monthly_cost(cost.total, volume))
    return render("inline_cost.html", text=text, cost=cost, scenario=dataset.scenario(scenario),
                  listing=dataset.current_listing(model), links=links)


def inline_range(dataset: Dataset, links: Links, scenario: str, model: str) -> str:
    """The cost of one interaction from the least to the most thinking the model lets a request choose."""
    listing = dataset.current_listing(model)
    spread = calc.cost_range(listing.model, dataset.scenario(scenario))
    if spread is None:
        raise ValueError(f"{model} offers no choice of thinking effort")
    text = f"{fmt.money(spread.low.total)} to {fmt.money(spread.high.total)}"
    return render("inline.html", text=text, listing=listing, links=links)


def cache_payoff(dataset: Dataset, links: Links, model: str) -> str:
    """When an explicit prompt cache pays on a model, from its write, read and input prices: "on the first reuse"."""
    listing = dataset.current_listing(model)
    reuses = calc.cache_reuses_to_pay(listing.model.prices)
    if reuses is None:
        raise ValueError(f"{model} lists no cache write and read prices, or its cache never pays")
    text = "on the first reuse" if reuses == 1 else f"after {fmt.count(reuses)} reuses"
    return render("inline.html", text=text, listing=listing, links=links)


def caching_rule(dataset: Dataset, links: Links, model: str) -> str:
    """How one model's prompt cache works, in words, from its own rules in the data: whether it is automatic or marked
    by the request, and what a write costs. A sentence about a provider's caching never holds for all its models."""
    listing = dataset.current_listing(model)
    caching, write = listing.model.caching, listing.model.prices.cache_write_mtok
    if caching is None or caching.mode == "unknown":
        text = "its caching rules are not published"
    elif caching.mode == "none":
        text = "there is no prompt caching"
    elif caching.mode == "automatic":
        text = "the provider caches repeated prefixes by itself, with no write fee"
    elif write is None:
        text = "the request marks what to cache, and no write price is listed"
    else:
        text = f"the request marks what to cache and pays {fmt.price(write)} per million tokens to write it"
    return render("inline.html", text=text, listing=listing, links=links)


def inline_ratio(dataset: Dataset, links: Links, scenario: str, cheaper: str, dearer: str) -> str:
    """How many times one model's cost for a scenario is another's, each by its own billing rules; where either is
    free, no ratio exists, and the text says which one is free. A cost that leaves out a fee is never compared."""
    low_cost, high_cost = (_cost(dataset, scenario, model, "standard", None) for model in (cheaper, dearer))
    for model, cost in ((cheaper, low_cost), (dearer, high_cost)):
        if not rows.complete(cost):
            raise ValueError(f"{model}'s cost for {scenario} leaves out a fee that is not published, so it cannot be "
                             "compared; choose another model")
    low, high = low_cost.total, high_cost.total
    free = [dataset.listing(model).model.name for model, cost in ((cheaper, low), (dearer, high)) if cost == 0]
    if free:
        text = f"cannot compare: {' and '.join(free)} {'is' if len(free) == 1 else 'are both'} free"
    else:
        text = fmt.ratio(high / low)
    return render("inline.html", text=text, listing=dataset.current_listing(dearer), links=links)


def inline_observation(dataset: Dataset, links: Links, obs_id: str) -> str:
    """One current published latency figure in running text, rounded for people, with its source and date."""
    return render("inline_observation.html", obs=dataset.current_observation(obs_id), links=links)


def inline_wait(dataset: Dataset, links: Links, scenario: str, ttft: str, speed: str, streaming: bool = True,
                network: str | None = None, effort: str | None = None) -> str:
    """Seconds to the first word (streaming) or to the whole answer, computed from two current observations of one
    source, with the model's thinking (at its default, or at `effort`) where the first-token figure leaves it out;
    with `network`, its round trip too. The text says which figures it was computed from."""
    chosen = dataset.scenario(scenario)
    first, rate = dataset.current_observation(ttft), dataset.current_observation(speed)
    if first.metric != "ttft_s" or rate.metric != "output_tokens_per_s":
        raise ValueError("wait takes a ttft_s observation and then an output_tokens_per_s one")
    if (first.model, first.served_by, first.source) != (rate.model, rate.served_by, rate.source):
        raise ValueError(f"{ttft} and {speed} come from different sources or hosts; a wait never mixes them")
    listing = dataset.listing(first.model) if dataset.has_model(first.model) else None
    item = waits.Evidence(first, rate, listing)
    profile = dataset.network_profile(network) if network else None
    thinking = waits.thinking_basis(item, chosen, effort)[1]
    trips = dataset.connection.request_round_trips
    result = calc.wait(first.value, rate.value, chosen.output_tokens, thinking,
                       calc.network_seconds(profile.rtt_ms, trips) if profile else Decimal(0))
    seconds = result.first_word if streaming else result.not_streaming
    return render("inline_wait.html", obs=first, speed=rate, text=f"{fmt.seconds(seconds)} s", profile=profile, links=links)


def figures_dated(dataset: Dataset, links: Links, *observation_ids: str) -> str:
    """When the speed figures a section cites (by observation id) were published: said once per section, since each
    figure in running text gives its source and date only on hover and through its link."""
    if not observation_ids:
        raise ValueError("figures_dated names the observations its section cites")
    return render("inline_dated.html", observations=[dataset.current_observation(i) for i in observation_ids])


def threshold(dataset: Dataset, links: Links, threshold_id: str) -> str:
    """A published response-time threshold in running text, linked to its source on the latency page."""
    found = dataset.thresholds.get(threshold_id)
    if found is None:
        raise KeyError(f"no threshold with id '{threshold_id}' in data/targets.yaml")
    return render("inline_threshold.html", threshold=found, links=links)


def target_reach(dataset: Dataset, links: Links, scenario: str, network: str = "slow-4g", streaming: bool = True,
                 ) -> str:
    """On how many of the verdict table's models the first visible word meets the scenario's target ("on 3 of the 18
    models"), counted from the same rows the table shows, so the sentence cannot drift from it."""
    chosen = dataset.scenario(scenario)
    found = waits.verdict_rows(dataset, chosen, dataset.network_profile(network))
    if waits.targets_for(dataset, chosen).first_word is None:
        raise ValueError(f"the {scenario} scenario's use case has no first-word target")
    met = sum(1 for row in found if (row.streaming if streaming else row.not_streaming).meets_first)
    return render("inline_reach.html", met=met, total=len(found), links=links)


def round_trip(dataset: Dataset, links: Links, profile_id: str) -> str:
    """A network profile's round-trip time in running text, linked to its row in the network table."""
    profile = dataset.network_profile(profile_id)
    return render("inline_network.html", profile=profile, links=links)


def fact(dataset: Dataset, links: Links, model: str, field: str) -> str:
    """A model's limit in running text, linked to its row: "caching.min_tokens", "context_window" and "max_output" in
    tokens, "caching.lifetime_minutes" in minutes."""
    listing = dataset.current_listing(model)
    value: object = listing.model
    for part in field.split("."):
        value = getattr(value, part, None)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{model} has no whole number at {field}")
    unit = "minutes" if field.endswith("_minutes") else "tokens"
    return render("inline.html", text=f"{fmt.count(value)} {unit}", listing=listing, links=links)


def tokens(dataset: Dataset, links: Links, scenario: str, field: str = "input_tokens") -> str:
    """A scenario's token count in running text; `field` may be thinking_tokens.low, .medium or .high."""
    value: object = dataset.scenario(scenario)
    for part in field.split("."):
        value = getattr(value, part)
    if not isinstance(value, int):
        raise ValueError(f"{field} is not a token count")
    return fmt.count(value)
