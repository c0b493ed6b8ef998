"""Latency on the pages: published observations (current and past), targets, and the verdict per model."""

from __future__ import annotations

from macros import rows, waits
from macros.data import rules
from macros.data.dataset import Dataset
from macros.render.environment import METRICS, render
from macros.render.links import Links

SECTIONS = ("current", "history")


def latency_table(dataset: Dataset, links: Links, metric: str | None = None, model: str | None = None,
                  section: str = "current") -> str:
    """Published observations with their statistic, conditions, route, thinking, source and date: the current ones,
    or (section="history") those older than the age rule allows, undated or set aside, each saying why."""
    if metric is not None and metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)} (got {metric})")
    if section not in SECTIONS:
        raise ValueError(f"section must be one of {', '.join(SECTIONS)} (got {section})")
    found = rows.observations(dataset, metric, model, current=section == "current")
    if not found:
        return render("no_observations.html", model=model, links=links)
    return render("latency_table.html", observations=found, metric=metric, section=section, links=links,
                  since=rules.current_since(dataset.as_of), months=rules.CURRENT_MONTHS, as_of=dataset.as_of)


def verdict_table(dataset: Dataset, links: Links, scenario: str, network: str = "slow-4g",
                  models: list[str] | None = None) -> str:
    """For one scenario on one network profile: each model's wait to the first word and the whole answer, and what
    that means for the scenario's use case with and without streaming, with the figures it rests on."""
    chosen = dataset.scenario(scenario)
    profile = dataset.network_profile(network)
    found = waits.verdict_rows(dataset, chosen, profile, models)
    if not found:
        raise ValueError(f"no current pair of figures for {models or 'any model'}")
    connection = dataset.connection
    covered = {r.evidence.ttft.model for r in found}
    partial = [e for e in waits.first_token_only(dataset) if models is None or e.ttft.model in models]
    missing = [] if models is not None else waits.models_without_evidence(dataset)
    return render("verdict_table.html", scenario=chosen, profile=profile, rows=found, goal=waits.targets_for(dataset, chosen),
                  bands=waits.bands(dataset), thresholds=dataset.thresholds, verdicts=dataset.verdict_bands,
                  trips=connection.request_round_trips, partial=[e for e in partial if e.ttft.model not in covered],
                  missing=missing, links=links, mismatched=[
                      (e, waits.default_effort(e.listing)) for e in waits.mismatched_evidence(dataset)
                      if e.listing and waits.headline(e) and e.ttft.model not in covered
                      and (models is None or e.ttft.model in models)])


def targets_table(dataset: Dataset, links: Links) -> str:
    """Each use case with the seconds its first visible word and its whole answer should come within, and why."""
    thresholds = dataset.thresholds
    cases = [(case, thresholds.get(case.first_word or ""), thresholds.get(case.full_answer or ""))
             for case in dataset.targets.use_cases]
    return render("targets_table.html", cases=cases, links=links)


def thresholds_table(dataset: Dataset, links: Links) -> str:
    """The published thresholds behind the targets, each with its source and how strong its evidence is."""
    return render("thresholds_table.html", thresholds=dataset.targets.thresholds, links=links)
