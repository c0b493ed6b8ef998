"""Latency on the pages: published observations (current and past), targets, and the verdict per model."""

from __future__ import annotations

from markupsafe import Markup

from macros import rows, waits
from macros.data import rules
from macros.data.dataset import Dataset
from macros.data.models import NetworkProfile, Scenario
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
    that means for the scenario's use case with and without streaming, with the figures it rests on; then the models
    it leaves out, and why."""
    found = _verdict_table(dataset, links, dataset.scenario(scenario), dataset.network_profile(network), models)
    if found is None:
        raise ValueError(f"no current pair of figures for {models or 'any model'}")
    return found


def verdict_tables(dataset: Dataset, links: Links, network: str = "slow-4g", skip: tuple[str, ...] = ()) -> str:
    """The verdict table of every scenario but those in `skip`, each in a closed disclosure named by the scenario and
    its use case's targets, so that a page shows them all and stays short: a reader opens the one they build. The
    models a table leaves out, and who served each row's figures and where they come from, are the same for every
    scenario, so only the table in the page's text lists and cites them. Ten tables that cited them again cost a
    phone's browser 200 ms of blocking time on the latency page (Lighthouse's mobile run), and its score fell to 97."""
    profile = dataset.network_profile(network)
    found = []
    for scenario in dataset.scenarios:
        table = None if scenario.id in skip else _verdict_table(dataset, links, scenario, profile, None, leftovers=False)
        if table is not None:
            found.append((scenario, waits.targets_for(dataset, scenario), Markup(table)))
    return render("verdict_tables.html", found=found)


def _verdict_table(dataset: Dataset, links: Links, chosen: Scenario, profile: NetworkProfile, models: list[str] | None,
                   leftovers: bool = True) -> str | None:
    """One scenario's verdict table, or None when no model has a current pair of figures. Without `leftovers`, it
    neither lists the models it leaves out nor names who served each row's figures and where they come from
    (verdict_tables)."""
    found = waits.verdict_rows(dataset, chosen, profile, models)
    if not found:
        return None
    connection = dataset.connection
    covered = {r.evidence.ttft.model for r in found}
    partial = [e for e in waits.first_token_only(dataset) if models is None or e.ttft.model in models]
    missing = [] if models is not None else waits.models_without_evidence(dataset)
    mismatched = [(e, waits.default_effort(e.listing)) for e in waits.mismatched_evidence(dataset)
                  if e.listing and waits.headline(e) and e.ttft.model not in covered
                  and (models is None or e.ttft.model in models)]
    goal = waits.targets_for(dataset, chosen)
    return render("verdict_table.html", scenario=chosen, profile=profile, rows=found, goal=goal,
                  advice=waits.advice_shown(dataset, goal.use_case, [j for r in found for j in (r.streaming, r.not_streaming)]),
                  bands=waits.bands(dataset), thresholds=dataset.thresholds, verdicts=dataset.verdict_bands,
                  trips=connection.request_round_trips, links=links,
                  partial=[e for e in partial if e.ttft.model not in covered] if leftovers else [],
                  missing=missing if leftovers else [], mismatched=mismatched if leftovers else [], sources=leftovers)


def targets_table(dataset: Dataset, links: Links) -> str:
    """Each use case with the seconds its first visible word and its whole answer should come within, and why."""
    thresholds = dataset.thresholds
    cases = [(case, thresholds.get(case.first_word or ""), thresholds.get(case.full_answer or ""))
             for case in dataset.targets.use_cases]
    return render("targets_table.html", cases=cases, links=links)


def thresholds_table(dataset: Dataset, links: Links) -> str:
    """The published thresholds behind the targets, each with its source and how strong its evidence is."""
    return render("thresholds_table.html", thresholds=dataset.targets.thresholds, links=links)
