"""Figures in running text: one price, cost, ratio, latency figure, wait or token count, each linked and dated."""

from __future__ import annotations

from macros import calc
from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.render.environment import render
from macros.render.links import Links


def inline_price(dataset: Dataset, links: Links, model: str, field: str = "input_mtok") -> str:
    """One list price in running text, linked to its row and dated."""
    listing = dataset.listing(model)
    value = getattr(listing.model.prices, field)
    if value is None:
        raise ValueError(f"{model} has no {field} price")
    return render("inline.html", text=f"{fmt.price(value)} per million tokens", listing=listing, links=links)


def inline_cost(dataset: Dataset, links: Links, scenario: str, model: str, volume: int | None = None,
                batch: bool = False) -> str:
    """The cost of one interaction (or of `volume` a month) in running text, linked and dated."""
    listing = dataset.listing(model)
    cost = calc.interaction_cost(listing.model.prices, calc.Usage.of(dataset.scenario(scenario)), batch)
    text = fmt.money(cost) if volume is None else fmt.money(calc.monthly_cost(cost, volume))
    return render("inline.html", text=text, listing=listing, links=links)


def inline_ratio(dataset: Dataset, links: Links, scenario: str, cheaper: str, dearer: str) -> str:
    """How many times one model's cost for a scenario is another's."""
    usage = calc.Usage.of(dataset.scenario(scenario))
    low = calc.interaction_cost(dataset.listing(cheaper).model.prices, usage)
    high = calc.interaction_cost(dataset.listing(dearer).model.prices, usage)
    return render("inline.html", text=fmt.ratio(high / low), listing=dataset.listing(dearer), links=links)


def inline_observation(dataset: Dataset, links: Links, obs_id: str) -> str:
    """One published latency figure in running text, with its source and date."""
    return render("inline_observation.html", obs=dataset.observation(obs_id), links=links)


def inline_wait(dataset: Dataset, links: Links, scenario: str, ttft: str, speed: str, streaming: bool = True) -> str:
    """Seconds to the first word (streaming) or to the full answer, from two observations."""
    chosen = dataset.scenario(scenario)
    first, rate = dataset.observation(ttft), dataset.observation(speed)
    if first.metric != "ttft_s" or rate.metric != "output_tokens_per_s":
        raise ValueError("inline_wait takes a ttft_s observation and then an output_tokens_per_s one")
    result = calc.wait(first.value, rate.value, chosen.output_tokens, chosen.reasoning_tokens)
    seconds = result.first_word_streaming if streaming else result.full_answer
    return render("inline_observation.html", obs=first, text=f"{fmt.seconds(seconds)} s", links=links)


def tokens(dataset: Dataset, links: Links, scenario: str, field: str = "input_tokens") -> str:
    """A scenario's token count in running text."""
    value = getattr(dataset.scenario(scenario), field)
    if not isinstance(value, int):
        raise ValueError(f"{field} is not a token count")
    return fmt.count(value)
