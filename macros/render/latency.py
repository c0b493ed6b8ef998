"""Latency on the pages: published observations (current and past), targets, and the verdict per model."""

from __future__ import annotations

from macros import rows, waits
from macros.data import rules
from macros.data.dataset import Dataset
from macros.render.environment import render
from macros.render.links import Links

SECTIONS = ("current", "history")
FILTERED = ("ifg-figures-current", "ifg-figures-history")
"""The ids of the two sections' lists of figures, which the filter above the current ones narrows together."""


def latency_table(dataset: Dataset, links: Links, section: str = "current") -> str:
    """Published observations grouped by model, each with its host, source, date and how it was measured: the
    current ones under a filter by provider and metric, or (section="history") those older than the age rule
    allows, undated or set aside, closed in a disclosure, each saying why."""
    if section not in SECTIONS:
        raise ValueError(f"section must be one of {', '.join(SECTIONS)} (got {section})")
    groups = rows.observation_groups(dataset, current=section == "current")
    if not groups:
        return render("no_observations.html", links=links)
    return render("latency_table.html", groups=groups, section=section, links=links, filtered=FILTERED,
                  hosts=sorted({o.served_by for o in dataset.observations}, key=str.casefold),
                  figures=sum(len(g.rows) for g in groups), since=rules.current_since(dataset.as_of),
                  months=rules.CURRENT_MONTHS, as_of=dataset.as_of)


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
