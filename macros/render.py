"""Render tables and inline figures through Jinja templates. Every string from data is escaped."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from macros import calc, export, fmt, freshness, rows
from macros.dataset import Dataset

TEMPLATES = Path(__file__).parent / "templates"

METRICS = {
    "ttft_s": ("Time to first token", "s"),
    "output_tokens_per_s": ("Output speed", "tokens/s"),
}
SIZE_CLASSES = ("small", "medium", "large")


@dataclass(frozen=True)
class Links:
    """Relative links from the page being rendered, so the site works under any base path."""

    page_url: str

    def to(self, target: str) -> str:
        """`target` is a site path such as 'pricing/#model-x'."""
        depth = self.page_url.strip("/").count("/") + 1 if self.page_url.strip("/") else 0
        return "../" * depth + target

    def model(self, model_id: str) -> str:
        """The price row of a model."""
        return self.to(f"pricing/#model-{model_id}")

    @property
    def methodology(self) -> str:
        """The page that explains every number."""
        return self.to("methodology/")


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        money=fmt.money, price=fmt.price, count=fmt.count, seconds=fmt.seconds,
        measured=fmt.measured, ratio=fmt.ratio, date=fmt.date,
    )
    env.filters["days_before"] = freshness.age_days
    env.globals.update(metrics=METRICS, stale_after_days=freshness.STALE_AFTER_DAYS)
    return env


def _render(template: str, **context: Any) -> str:
    # Raw HTML blocks in Markdown end at a blank line, so the output has none.
    html = _environment().get_template(template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


def price_table(dataset: Dataset, links: Links, provider: str | None = None, size_class: str | None = None) -> str:
    """Every matching model's list prices, one anchored row each."""
    if size_class is not None and size_class not in SIZE_CLASSES:
        raise ValueError(f"size_class must be one of {', '.join(SIZE_CLASSES)} (got {size_class})")
    listings = rows.select(dataset, provider=provider, size_class=size_class)
    if not listings:
        raise ValueError(f"no models match provider={provider!r} size_class={size_class!r}")
    # Only the full table carries the model-<id> anchors, so every anchor exists once on the site.
    anchored = provider is None and size_class is None
    return _render("price_table.html", listings=listings, as_of=rows.as_of(listings), newest=dataset.as_of,
                   links=links, anchored=anchored)


def cost_table(dataset: Dataset, links: Links, scenario: str, models: list[str] | None = None,
               batch: bool = False) -> str:
    """One scenario's cost per interaction across models, cheapest first."""
    chosen = dataset.scenario(scenario)
    cost_rows = rows.cost_rows(dataset, chosen, rows.select(dataset, models=models), batch)
    return _render("cost_table.html", scenario=chosen, rows=cost_rows, batch=batch,
                   as_of=rows.as_of(r.listing for r in cost_rows), links=links)


def cost_matrix(dataset: Dataset, links: Links, provider: str | None = None) -> str:
    """Every model's cost per interaction for every scenario: one row per model, one column per scenario."""
    listings = rows.select(dataset, provider=provider)
    return _render("cost_matrix.html", scenarios=dataset.scenarios, rows=rows.matrix_rows(dataset, listings),
                   as_of=rows.as_of(listings), links=links)


def scale_table(dataset: Dataset, links: Links, scenario: str, models: list[str] | None = None) -> str:
    """One scenario's monthly cost at each volume in data/scenarios.yaml."""
    chosen = dataset.scenario(scenario)
    cost_rows = rows.cost_rows(dataset, chosen, rows.select(dataset, models=models))
    return _render("scale_table.html", scenario=chosen, rows=cost_rows, volumes=dataset.monthly_volumes,
                   as_of=rows.as_of(r.listing for r in cost_rows), links=links)


def scenario_table(dataset: Dataset, links: Links) -> str:
    """The scenarios and where their token counts come from."""
    return _render("scenario_table.html", scenarios=dataset.scenarios, links=links)


def latency_table(dataset: Dataset, links: Links, metric: str | None = None, model: str | None = None) -> str:
    """Published observations, with their statistic, conditions, source and date."""
    if metric is not None and metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)} (got {metric})")
    found = rows.observations(dataset, metric, model)
    if not found:
        return _render("no_observations.html", model=model, links=links)
    return _render("latency_table.html", observations=found, metric=metric, dataset=dataset, links=links)


def wait_table(dataset: Dataset, links: Links, scenario: str) -> str:
    """How long a user waits for one scenario's answer, with and without streaming."""
    chosen = dataset.scenario(scenario)
    return _render("wait_table.html", scenario=chosen, rows=rows.wait_rows(dataset, chosen), dataset=dataset, links=links)


def network_table(dataset: Dataset, links: Links) -> str:
    """The published network presets: round-trip time and download speed, with their source."""
    return _render("network_table.html", profiles=dataset.network_profiles, links=links)


def inline_price(dataset: Dataset, links: Links, model: str, field: str = "input_mtok") -> str:
    """One list price in running text, linked to its row and dated."""
    listing = dataset.listing(model)
    value = getattr(listing.model.prices, field)
    if value is None:
        raise ValueError(f"{model} has no {field} price")
    return _render("inline.html", text=f"{fmt.price(value)} per million tokens", listing=listing, links=links)


def inline_cost(dataset: Dataset, links: Links, scenario: str, model: str, volume: int | None = None,
                batch: bool = False) -> str:
    """The cost of one interaction (or of `volume` a month) in running text, linked and dated."""
    listing = dataset.listing(model)
    cost = calc.interaction_cost(listing.model.prices, calc.Usage.of(dataset.scenario(scenario)), batch)
    text = fmt.money(cost) if volume is None else fmt.money(calc.monthly_cost(cost, volume))
    return _render("inline.html", text=text, listing=listing, links=links)


def inline_ratio(dataset: Dataset, links: Links, scenario: str, cheaper: str, dearer: str) -> str:
    """How many times one model's cost for a scenario is another's."""
    usage = calc.Usage.of(dataset.scenario(scenario))
    low = calc.interaction_cost(dataset.listing(cheaper).model.prices, usage)
    high = calc.interaction_cost(dataset.listing(dearer).model.prices, usage)
    return _render("inline.html", text=fmt.ratio(high / low), listing=dataset.listing(dearer), links=links)


def inline_observation(dataset: Dataset, links: Links, obs_id: str) -> str:
    """One published latency figure in running text, with its source and date."""
    return _render("inline_observation.html", obs=dataset.observation(obs_id), links=links)


def inline_wait(dataset: Dataset, links: Links, scenario: str, ttft: str, speed: str, streaming: bool = True) -> str:
    """Seconds to the first word (streaming) or to the full answer, from two observations."""
    chosen = dataset.scenario(scenario)
    first, rate = dataset.observation(ttft), dataset.observation(speed)
    if first.metric != "ttft_s" or rate.metric != "output_tokens_per_s":
        raise ValueError("inline_wait takes a ttft_s observation and then an output_tokens_per_s one")
    result = calc.wait(first.value, rate.value, chosen.output_tokens, chosen.reasoning_tokens)
    seconds = result.first_word_streaming if streaming else result.full_answer
    return _render("inline_observation.html", obs=first, text=f"{fmt.seconds(seconds)} s", links=links)


def exports_table(dataset: Dataset, links: Links, files: dict[str, Path]) -> str:
    """The downloads written for this build, with what each holds and its size."""
    listed = [
        {"url": url, "about": export.ABOUT[url.rsplit("/", 1)[-1]], "size": path.stat().st_size}
        for url, path in files.items()
    ]
    return _render("exports_table.html", files=listed, as_of=dataset.as_of, links=links)


def tokens(dataset: Dataset, scenario: str, field: str = "input_tokens") -> str:
    """A scenario's token count in running text."""
    value = getattr(dataset.scenario(scenario), field)
    if not isinstance(value, int):
        raise ValueError(f"{field} is not a token count")
    return fmt.count(value)

