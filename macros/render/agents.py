"""Agent tasks: what a multi-step task costs per completed task, step by step, as the model bills its growing history,
its searches and its retries (macros.calc.task_cost)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from macros import calc, currency
from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.render.environment import render
from macros.render.links import Links


@dataclass(frozen=True)
class StepRow:
    """One step of a task: what it sends, what of it the cache serves on average, and what it costs."""

    step: int
    input_tokens: int
    cached_tokens: int
    """Input tokens billed at the cached price on an average step: the cacheable part times the hit rate."""
    cost: Decimal


def task_steps(dataset: Dataset, links: Links, task: str, model: str) -> str:
    """One agent task on one model, step by step: each step's input, what the cache serves, its cost with its searches,
    then the retries and the cost per completed task."""
    listing = dataset.current_listing(model)
    chosen = dataset.task(task)
    found = calc.task_cost(listing.model, chosen)
    steps = [StepRow(k + 1, s.request.input, int(s.request.prefix * s.cost.hit_rate) if s.cost.cache == "applied" else 0,
                     s.cost.total) for k, s in enumerate(found.steps)]
    first = found.steps[0].request
    added = first.output + (first.thinking if chosen.steps.history_includes_thinking else 0) + chosen.steps.tool_result_tokens
    fee = listing.model.unit_prices.web_search_per_1k_calls if listing.model.unit_prices else None
    share = chosen.steps.retry_percent / 100
    sent, cached = sum(row.input_tokens for row in steps), sum(row.cached_tokens for row in steps)
    retried = (int(sent * share), int(cached * share))  # tokens the retries resend, on average
    return render("task_steps.html", listing=listing, task=chosen, rows=steps, found=found, first=found.first,
                  added=added, fee=fee, links=links, as_of=listing.model.verified, sent=sent, cached=cached,
                  retried=retried,
                  currencies=currency.rates(dataset.today))


def task_total(dataset: Dataset, links: Links, task: str, model: str) -> str:
    """The cost of one completed agent task in running text, linked and dated; its title says what it assumed."""
    listing = dataset.current_listing(model)
    chosen = dataset.task(task)
    found = calc.task_cost(listing.model, chosen)
    return render("inline_cost.html", text=fmt.money(found.total), cost=found.first, scenario=chosen, listing=listing,
                  links=links)


def task_assumptions(dataset: Dataset, links: Links, task: str) -> str:
    """What an agent task assumes, each count with where it comes from, as data/scenarios.yaml states it."""
    return render("task_assumptions.html", task=dataset.task(task), links=links)
