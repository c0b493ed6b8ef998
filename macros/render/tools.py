"""Render the markup of the interactive tools through Jinja templates.

The tools' markup is a plain form that the page's own script brings to life; with JavaScript off
it stays hidden and a note says so. Every value a script needs comes from the data, here, as
data attributes: nothing is typed into the Markdown.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from macros import rows
from macros.data.dataset import Dataset
from macros.render.environment import render
from macros.render.links import Links

TOOLS = ("calculator", "streaming-demo")
SCRIPTS = {"calculator": "assets/javascripts/calculator.js", "streaming-demo": "assets/javascripts/streaming-demo.js"}


def tool(dataset: Dataset, links: Links, name: str, **options: Any) -> str:
    """The markup of one interactive tool: 'calculator' or 'streaming-demo'."""
    if name == "calculator":
        return _calculator(dataset, links, **options)
    if name == "streaming-demo":
        return _streaming_demo(dataset, links, **options)
    raise ValueError(f"tool must be one of {', '.join(TOOLS)} (got {name})")


TIER_CHOICES = (("standard", "Standard"), ("batch", "Batch (answers within a day)"), ("flex", "Flex (may wait)"),
                ("priority", "Priority"), ("fast", "Fast mode"))


def _calculator(dataset: Dataset, links: Links, models: list[str] | None = None, scenario: str = "chat-reply",
                users: int = 10_000, per_user: int = 3) -> str:
    """The cost calculator's form; its script reads prices from the JSON export written by the same build.

    The volume starts as `users` users with `per_user` interactions each a day."""
    chosen = dataset.scenario(scenario)
    defaults = rows.select(dataset, models=models) if models else dataset.listings[:3]
    providers = [
        (provider, list(listings))
        for provider, listings in groupby(dataset.listings, key=lambda listing: listing.provider)
    ]
    return render(
        "calculator.html", links=links, providers=providers, scenarios=dataset.scenarios, scenario=chosen,
        model_count=len(dataset.listings), as_of=dataset.as_of, tiers=TIER_CHOICES,
        defaults=defaults, default_models=",".join(listing.model.id for listing in defaults),
        users=users, per_user=per_user,
        prices_url=links.to("data/prices.json"), script_url=links.to(SCRIPTS["calculator"]),
    )


def _streaming_demo(dataset: Dataset, links: Links, scenario: str = "chat-reply", ttft: str = "lat-022",
                    speed: str = "lat-021", network: str = "typical-mobile") -> str:
    """The streaming demo's form, its defaults from two published observations and a network profile."""
    chosen = dataset.scenario(scenario)
    first, rate = dataset.observation(ttft), dataset.observation(speed)
    if first.metric != "ttft_s" or rate.metric != "output_tokens_per_s":
        raise ValueError("the streaming demo takes a ttft_s observation and then an output_tokens_per_s one")
    if network not in {p.id for p in dataset.network_profiles}:
        raise ValueError(f"no network profile with id '{network}' in data/network.yaml")
    pairs = rows.wait_rows(dataset, chosen)
    if not any(row.ttft.id == ttft and row.speed.id == speed for row in pairs):
        pairs.insert(0, rows.wait_row(dataset, first, rate, chosen))
    return render(
        "calculator_streaming.html", links=links, scenario=chosen, ttft=first, speed=rate,
        pairs=pairs, profiles=dataset.network_profiles, network=network, script_url=links.to(SCRIPTS["streaming-demo"]),
    )
