"""One build as an engine runs it: the dataset loaded once, the exports written once, the macros bound to both.

Engines differ in how often they call `define_env`: MkDocs (and ProperDocs) once per build, Zensical
once per page. So the dataset is cached by the state of data/ (a change under `serve` reloads it),
and every macro call makes sure the exports exist in the site being built: the first page rendered
writes them, whichever page it is, after MkDocs has emptied the site folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from macros import assets, copies, export, handoff, rows, waits
from macros.data import Dataset, load_dataset, rules
from macros.render import (
    Links,
    agents,
    capacity,
    charts,
    context,
    figures,
    latency,
    media,
    privacy,
    providers,
    selfhosting,
    tables,
    tools,
)
from macros.render.environment import warm_up

MACROS: dict[str, Callable[..., str]] = {
    "price_table": tables.price_table,
    "cost_table": tables.cost_table,
    "scale_table": tables.scale_table,
    "scenario_table": tables.scenario_table,
    "latency_table": latency.latency_table,
    "verdict_table": latency.verdict_table,
    "verdict_tables": latency.verdict_tables,
    "targets_table": latency.targets_table,
    "thresholds_table": latency.thresholds_table,
    "network_table": tables.network_table,
    "price_changes": tables.price_changes,
    "exports_table": tables.exports_table,
    "currency_table": tables.currency_table,
    "retirement_table": tables.retirement_table,
    "superseded_table": tables.superseded_table,
    "provider_summary": providers.provider_summary,
    "provider_prices": providers.provider_prices,
    "provider_costs": providers.provider_costs,
    "provider_speed": providers.provider_speed,
    "provider_index": providers.provider_index,
    "model_directory": providers.model_directory,
    "price": figures.inline_price,
    "cost": figures.inline_cost,
    "cost_range": figures.inline_range,
    "cost_ratio": figures.inline_ratio,
    "cache_payoff": figures.cache_payoff,
    "caching_rule": figures.caching_rule,
    "observation": figures.inline_observation,
    "wait": figures.inline_wait,
    "figures_dated": figures.figures_dated,
    "tokens": figures.tokens,
    "fact": figures.fact,
    "threshold": figures.threshold,
    "round_trip": figures.round_trip,
    "target_reach": figures.target_reach,
    "cost_speed_chart": charts.cost_speed_chart,
    "tool": tools.tool,
    "shortlists": tools.shortlists,
    "long_context_bands": context.long_context_bands,
    "conversation_growth": context.conversation_growth,
    "cache_storage": context.cache_storage,
    "embedding_table": media.embedding_table,
    "transcription_table": media.transcription_table,
    "speech_table": media.speech_table,
    "image_generation_table": media.image_generation_table,
    "image_input_table": media.image_input_table,
    "privacy_table": privacy.privacy_table,
    "uplift_table": privacy.uplift_table,
    "retention_span": privacy.retention_span,
    "sizing_table": capacity.sizing_table,
    "limits_table": capacity.limits_table,
    "billing_table": capacity.billing_table,
    "capacity_offers": capacity.offers_table,
    "priority_table": capacity.priority_table,
    "gpu_price_table": selfhosting.gpu_price_table,
    "throughput_table": selfhosting.throughput_table,
    "busy_share_table": selfhosting.busy_table,
    "break_even_table": selfhosting.break_even_table,
    "break_even_summary": selfhosting.break_even_summary,
    "task_steps": agents.task_steps,
    "task_cost": agents.task_total,
    "task_assumptions": agents.task_assumptions,
}
"""Every macro a page can call, by name; each takes the Dataset and the build's Links first."""

LATER: dict[str, Callable[..., str]] = {
    "price_rows": tables.price_rows,
}
"""Parts of a macro's output that the builder renders, not the engine (macros.render.environment.later): no page
calls them."""

Fingerprint = tuple[tuple[str, int, int], ...]
_LOADED: dict[Path, tuple[Fingerprint, Dataset]] = {}


def _fingerprint(data_dir: Path) -> Fingerprint:
    """Every file under data_dir with its size and modification time, without following links."""
    found = []
    for folder, dirs, files in os.walk(data_dir):
        dirs.sort()
        for name in sorted(files):
            stat = os.lstat(os.path.join(folder, name))
            found.append((os.path.join(folder, name), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def dataset_for(data_dir: Path) -> Dataset:
    """The checked dataset under data_dir, loaded again only when a file there changed."""
    key = data_dir.resolve()
    state = _fingerprint(key)
    cached = _LOADED.get(key)
    if cached is None or cached[0] != state:
        _LOADED[key] = (state, load_dataset(key))
    return _LOADED[key][1]


def robots_txt(site_url: str) -> str:
    """robots.txt, naming the sitemap at its full address (a static template would reach Zensical unrendered)."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def links_for(site_url: str | None) -> Links:
    """Links from the root path of `site_url`, so that a site published under /repo/ links within /repo/."""
    base = urlsplit(site_url or "/").path or "/"
    return Links(base if base.endswith("/") else base + "/")


def site_files(dataset: Dataset, project_dir: Path, site_url: str | None) -> dict[str, str]:
    """Every file a build writes beside the pages, by its path under the site: the exports, the stylesheet and
    robots.txt."""
    return {**data_files(dataset, project_dir), **address_files(site_url)}


def data_files(dataset: Dataset, project_dir: Path) -> dict[str, str]:
    """The files of site_files that the site's address does not change: the exports and the stylesheet."""
    return {**export.texts(dataset), **assets.stylesheet(project_dir)}


def address_files(site_url: str | None) -> dict[str, str]:
    """The file of site_files made from the site's address: robots.txt."""
    url = site_url or "/"
    return {"robots.txt": robots_txt(url if url.endswith("/") else url + "/")}


def write_copies(project_dir: Path, site_dir: Path, site_url: str | None) -> None:
    """Write the pages' Markdown copies and llms.txt once the engine has built every page (macros.copies). Under the
    builder, nothing: its pages still hold the blocks it fills in, and it writes the copies once it has."""
    if handoff.folder() is None:
        export.write(copies.files(site_dir, project_dir, site_url), site_dir)


def renderer(dataset: Dataset) -> handoff.Render:
    """How the builder renders a call the engine set aside: the macro the page named, or the part of one the macro
    left to it (LATER), with this dataset."""
    def render(name: str, args: list[Any], kwargs: dict[str, Any], site_url: str) -> str:
        return (MACROS[name] if name in MACROS else LATER[name])(dataset, links_for(site_url), *args, **kwargs)
    return render


@dataclass
class Build:
    """The dataset, the links and the site folder of one build, and where it hands work to the builder, if anywhere."""

    dataset: Dataset
    project_dir: Path
    site_dir: Path
    site_url: str | None
    links: Links
    notes: Path | None
    """The builder's handoff folder (macros.handoff); None when the engine runs on its own, as under `make serve`."""
    written: bool = False

    @classmethod
    def start(cls, project_dir: Path, site_dir: Path, site_url: str | None) -> Build:
        """Take the builder's dataset (handoff.shared), or load (or reuse) it; raises DataError listing every problem in
        data/."""
        notes = handoff.folder()
        if notes is not None:
            handoff.note_site_url(notes, site_url)
        dataset = handoff.shared(warm_up())
        if dataset is None:
            dataset = dataset_for(project_dir / "data")
        return cls(dataset, project_dir, site_dir, site_url, links_for(site_url), notes)

    def ensure_exports(self) -> None:
        """Write the exports, the stylesheet and robots.txt into the site being built, once per build: `make serve`
        rebuilds into the same folder, where last build's files would otherwise stay. Under the builder, which
        writes them itself, nothing."""
        if not self.written and self.notes is None:
            export.write(site_files(self.dataset, self.project_dir, self.site_url), self.site_dir)
            self.written = True

    def bind(self, name: str) -> Callable[..., str]:
        """The macro a page calls as `name`: without the Dataset and Links, which this build supplies. Under the
        builder, the exports table is left to it (macros.handoff), which renders the same MACROS entry by name."""
        function = MACROS[name]

        def macro(*args: Any, **kwargs: Any) -> str:
            if self.notes is not None and name in handoff.CALLS:
                return handoff.set_aside_call(self.notes, name, args, kwargs)
            self.ensure_exports()
            return function(self.dataset, self.links, *args, **kwargs)
        macro.__name__ = function.__name__
        macro.__doc__ = function.__doc__
        return macro

    def variables(self) -> dict[str, object]:
        """Counts and dates a page may show in running text."""
        return {
            "as_of": self.dataset.as_of.isoformat(),
            "oldest_check": self.dataset.oldest_check.isoformat(),
            "model_count": len(self.dataset.listings),
            "provider_count": len(self.dataset.providers),
            "scenario_count": len(self.dataset.scenarios),
            "observation_count": len(self.dataset.observations),
            "current_observation_count": len(self.dataset.current_observations),
            "current_since": rules.current_since(self.dataset.as_of).isoformat(),
            "current_months": rules.CURRENT_MONTHS,
            "stale_after_days": rules.STALE_AFTER_DAYS,
            "retiring_within_days": rows.RETIRING_WITHIN_DAYS,
            "new_connection_round_trips": self.dataset.connection.new_connection_round_trips,
            "timed_model_count": len({e.ttft.model for e in waits.evidence(self.dataset)}),
        }
