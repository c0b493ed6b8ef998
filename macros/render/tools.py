"""Render the markup of the interactive tools through Jinja templates.

The tools' markup is a plain form that the page's own script brings to life; with JavaScript off
it stays hidden and a note says so. Every value a script needs comes from the data, here, as
data attributes: nothing is typed into the Markdown.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any, get_args

from macros import currency, export, rows, waits
from macros.data.dataset import Dataset
from macros.data.fields import choices
from macros.data.models import Modality, Model
from macros.render.environment import render
from macros.render.links import Links

TOOLS = ("calculator", "streaming-demo", "explorer")
SCRIPTS = {"calculator": "assets/javascripts/calculator.js", "streaming-demo": "assets/javascripts/streaming-demo.js",
           "explorer": "assets/javascripts/explorer.js"}


def tool(dataset: Dataset, links: Links, name: str, **options: Any) -> str:
    """The markup of one interactive tool: 'calculator' or 'streaming-demo'."""
    if name == "calculator":
        return _calculator(dataset, links, **options)
    if name == "streaming-demo":
        return _streaming_demo(dataset, links, **options)
    if name == "explorer":
        return _explorer(dataset, links, **options)
    raise ValueError(f"tool must be one of {', '.join(TOOLS)} (got {name})")


TIER_CHOICES = (("standard", "Standard"), ("batch", "Batch (answers within 24 hours)"), ("flex", "Flex (may wait)"),
                ("priority", "Priority"), ("fast", "Fast mode"), ("off_peak", "Off-peak hours"))


def _calculator(dataset: Dataset, links: Links, models: list[str] | None = None, scenario: str = "chat-reply",
                users: int = 10_000, per_user: int = 3, network: str = "slow-4g") -> str:
    """The cost calculator's form; its script reads prices from the JSON export written by the same build.

    The volume starts as `users` users with `per_user` interactions each a day."""
    chosen = dataset.scenario(scenario)
    defaults = rows.select(dataset, models=models) if models else dataset.headline_listings[:3]
    providers = [
        (provider, list(listings))
        for provider, listings in groupby(dataset.current_listings, key=lambda listing: listing.provider)
    ]
    return render(
        "calculator.html", links=links, providers=providers, scenarios=dataset.scenarios, tasks=dataset.tasks,
        scenario=chosen,
        model_count=len(dataset.current_listings), as_of=dataset.as_of, tiers=TIER_CHOICES,
        defaults=defaults, default_models=",".join(listing.model.id for listing in defaults),
        users=users, per_user=per_user, use_cases=dataset.targets.use_cases, profiles=dataset.network_profiles,
        network=network,
        src=links.to("data/calculator.json"), prices_base=links.to(export.PROVIDER_FILES),
        currencies=currency.rates(dataset.today),
        script_url=links.to(SCRIPTS["calculator"]),
    )


def _streaming_demo(dataset: Dataset, links: Links, scenario: str = "chat-reply", model: str = "claude-sonnet-4-6",
                    network: str = "slow-4g") -> str:
    """The streaming demo's form. Its presets are the current pairs of figures (one per model, as the verdicts use
    them), its default the given model's; the network profiles, round trips and targets come from data/ too."""
    chosen = dataset.scenario(scenario)
    profile = dataset.network_profile(network)
    presets = [e for e in waits.headline_evidence(dataset) if e.speed is not None]
    default = next((e for e in presets if e.ttft.model == model), None)
    if default is None:
        raise ValueError(f"{model} has no current first-token time and speed from one source; choose one that has")
    thinking = {e.ttft.id: waits.thinking_basis(e, chosen) for e in presets}
    goal = waits.targets_for(dataset, chosen)
    return render(
        "calculator_streaming.html", links=links, scenario=chosen, presets=presets, default=default, thinking=thinking,
        profiles=dataset.network_profiles, network=profile.id, connection=dataset.connection,
        characters_per_token=dataset.text_size.characters_per_token,
        goal=goal, bands=waits.bands(dataset), advice=waits.advice(goal.use_case),
        script_url=links.to(SCRIPTS["streaming-demo"]),
    )


def _explorer(dataset: Dataset, links: Links) -> str:
    """The pricing page's filters and order over data/models.json; it loads with the page while the data is small."""
    modalities = [kind for kind in get_args(Modality) if kind != "text"]
    return render(
        "explorer.html", links=links, providers=dataset.providers, sizes=choices(Model, "size_class"),
        creators=sorted(dataset.facts.creators, key=lambda c: c.name.casefold()),
        models=[(m, len(dataset.hosts_of(m.id))) for m in sorted(dataset.facts.models, key=lambda m: m.name.casefold())
                if dataset.hosts_of(m.id)],
        modalities=modalities, scenarios=dataset.scenarios, within=rows.RETIRING_WITHIN_DAYS, as_of=dataset.as_of,
        currencies=currency.rates(dataset.today),
        src=links.to("data/models.json"), autoload=len(dataset.current_listings) <= export.EXPLORER_AUTOLOAD_MODELS,
        verdicts=[band.words for band in dataset.verdict_bands], network=export.explorer_profile(dataset),
        script_url=links.to(SCRIPTS["explorer"]),
    )


SHORTLIST_FEATURES = {"thinking": ("thinking", "can", "thinking"), "images": ("takes", "image", "image input"),
                      "open weights": ("open", "1", "open weights")}
"""What a shortlist may require: the explorer's field and value for each, and the words the link says it with."""
SHORTLIST_SIZE = 5
"""How many models a shortlist shows: enough to compare, few enough to paste into a design doc."""


Shortlist = tuple[str, str, int, int, tuple[str, ...]]
"""One shortlist: the scenario, the verdict its first word must reach or beat, the budget in US dollars a month, the
interactions a month, and the features it needs."""


def shortlists(dataset: Dataset, links: Links, *wanted: Shortlist) -> str:
    """A list of links into the pricing explorer, each opening a shortlist: the scenario's SHORTLIST_SIZE cheapest
    models whose first word, with streaming, reaches the verdict or a faster one, that fit the budget at the volume,
    and that have every feature named. Each link says every condition it sets, so a reader knows what they will see.
    A block, not a link in a sentence: the names in it are data, which stays out of Markdown's inline processing."""
    verdicts = [band.words for band in dataset.verdict_bands]
    items = []
    for scenario, wait, budget, volume, needs in wanted:
        chosen = dataset.scenario(scenario)
        if wait not in verdicts[:-1]:
            raise ValueError(f"wait must be one of {', '.join(verdicts[:-1])} (got {wait})")
        if [need for need in needs if need not in SHORTLIST_FEATURES] or budget <= 0 or volume <= 0:
            raise ValueError(f"needs must be among {', '.join(SHORTLIST_FEATURES)} and budget and volume above 0 "
                             f"(got {needs}, {budget}, {volume})")
        query = {"scenario": chosen.id, "wait": verdicts.index(wait), "budget": budget, "volume": volume,
                 **{SHORTLIST_FEATURES[need][0]: SHORTLIST_FEATURES[need][1] for need in needs}, "top": SHORTLIST_SIZE}
        items.append({"scenario": chosen, "wait": wait, "budget": budget, "volume": volume, "query": query,
                      "needs": [SHORTLIST_FEATURES[need][2] for need in needs]})
    return render("shortlists.html", links=links, items=items, size=SHORTLIST_SIZE)
