"""Issue 25: a verdict tells the designer what to do for the feature at hand. "Needs a background job" is how a wait
feels; for a chat reply the reader must also read what to do instead, and for a background job that it is fine.

The real data, with every first-token time made a minute slower, puts every model's wait in the slowest band for
every scenario: each use case's advice for that band must then show wherever the verdict does, in the table, in its
copies and in the JSON the calculator and the explorer read."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from macros import export, waits
from macros.data.dataset import Dataset
from macros.data.validate import load_dataset
from macros.render import Links, latency, tables, tools

LINKS = Links()
ROOT = Path(__file__).resolve().parent.parent
SLOWEST = "needs a background job"


@pytest.fixture(scope="module")
def real() -> Dataset:
    return load_dataset(ROOT / "data")


@pytest.fixture(scope="module")
def slow(real: Dataset) -> Dataset:
    """The real data with a minute added to every first-token time."""
    later = [o.model_copy(update={"value": o.value + 60}) if o.metric == "ttft_s" else o for o in real.observations]
    return replace(real, observations=later)


def advice_for(dataset: Dataset, use_case: str, band: str) -> str:
    case = dataset.use_case(use_case)
    return next(a.do for a in case.advice if a.verdict == band)


def text(page: str) -> str:
    """What a reader sees of some HTML, in one line."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_every_use_case_has_its_own_advice_for_every_band(real: Dataset) -> None:
    words = [band.words for band in real.verdict_bands]
    for case in real.targets.use_cases:
        assert [a.verdict for a in case.advice] == words, case.id
    slowest = {advice_for(real, case.id, SLOWEST) for case in real.targets.use_cases}
    assert len(slowest) == len(real.targets.use_cases), "two use cases share the advice for the slowest band"


def test_the_advice_names_no_figure(real: Dataset) -> None:
    """The advice is our guidance, not a sourced number: a figure in it would be one no source backs."""
    for case in real.targets.use_cases:
        for advice in case.advice:
            assert not re.search(r"\d", advice.do), (case.id, advice.do)


@pytest.mark.parametrize("use_case", ["autocomplete", "chat", "voice", "document", "background"])
def test_a_slow_models_verdict_shows_its_use_cases_advice_in_the_table_and_its_copies(slow: Dataset, use_case: str) -> None:
    chosen = next(s for s in slow.scenarios if s.use_case == use_case)
    page = latency.verdict_table(slow, LINKS, chosen.id)
    wanted = advice_for(slow, use_case, SLOWEST)
    seen = text(page)
    assert f"Needs a background job (over 10 s): {wanted}" in seen
    others = {advice_for(slow, c.id, SLOWEST) for c in slow.targets.use_cases if c.id != chosen.use_case}
    assert not [o for o in others if o in seen], "another use case's advice is on this table"
    md, tsv = re.search(r'data-md="([^"]*)" data-tsv="([^"]*)"', page).groups()
    assert f"- Needs a background job (over 10 s): {wanted}" in html.unescape(md).replace("\\", "")
    header, *rows = html.unescape(tsv).splitlines()
    columns = header.split("\t")
    for row in rows:
        cells = dict(zip(columns, row.split("\t"), strict=True))
        assert (cells["With streaming"], cells["What to do, with streaming"]) == (SLOWEST, wanted)
        assert (cells["Without streaming"], cells["What to do, without streaming"]) == (SLOWEST, wanted)


def test_a_chat_reply_is_never_told_only_that_it_needs_a_background_job(slow: Dataset) -> None:
    page = text(latency.verdict_table(slow, LINKS, "chat-reply"))
    assert "Too slow for a chat reply" in page
    costs = text(tables.cost_table(slow, LINKS, "chat-reply", network="slow-4g"))
    assert "Needs a background job" in costs
    assert f"Needs a background job (over 10 s): {advice_for(slow, 'chat', SLOWEST)}" in costs
    prices = text(tables.price_table(slow, LINKS, provider="openai"))
    assert "Needs a background job, streamed" in prices
    assert f"Needs a background job (over 10 s): {advice_for(slow, 'chat', SLOWEST)}" in prices


def test_the_advice_lists_only_the_bands_a_table_shows(real: Dataset) -> None:
    chosen = real.scenario("chat-reply")
    found = waits.verdict_rows(real, chosen, real.network_profile("slow-4g"))
    shown = {j.words for r in found for j in (r.streaming, r.not_streaming)}
    listed = [a.band.words for a in waits.advice_shown(real, real.use_case(chosen.use_case),
                                                       [j for r in found for j in (r.streaming, r.not_streaming)])]
    assert set(listed) == shown and listed == [b.words for b in real.verdict_bands if b.words in shown]


def test_each_judgement_carries_its_bands_advice(real: Dataset) -> None:
    """The advice is chosen by the wait's band, for the scenario's use case, with and without streaming."""
    profile = real.network_profile("slow-4g")
    bands = [b.words for b in real.verdict_bands]
    for scenario in real.scenarios:
        advice = [a.do for a in real.use_case(scenario.use_case).advice]
        for row in waits.verdict_rows(real, scenario, profile):
            for j in (row.streaming, row.not_streaming):
                assert j.advice == advice[bands.index(j.words)], (scenario.id, row.evidence.name)


def test_the_calculator_and_the_explorer_get_each_use_cases_advice_by_band(slow: Dataset) -> None:
    calculator = json.loads(json.dumps(export.calculator_document(slow), default=str))
    explorer = export.models_document(slow)
    bands = [b["words"] for b in calculator["latency"]["bands"]]
    for case in slow.targets.use_cases:
        given = calculator["latency"]["use_cases"][case.id]["advice"]
        assert [a["verdict"] for a in given] == bands
        assert given[-1]["do"] == advice_for(slow, case.id, SLOWEST) and {"md", "tsv"} <= set(given[-1])
    for scenario in explorer["scenarios"]:
        use_case = slow.scenario(scenario["id"]).use_case
        assert [a["do"] for a in scenario["advice"]] == [a.do for a in slow.use_case(use_case).advice]
    timed = [m for m in explorer["models"] if m["waits"]["chat-reply"]]
    assert timed and all(m["waits"]["chat-reply"]["band"] == len(bands) - 1 for m in timed)
    chat = next(s for s in explorer["scenarios"] if s["id"] == "chat-reply")
    assert chat["advice"][-1]["do"].startswith("Too slow for a chat reply")


def test_a_wait_at_a_bands_end_gets_that_bands_advice(real: Dataset) -> None:
    scale = waits.bands(real)
    chat = real.use_case("chat")
    for i, band in enumerate(scale[:-1]):
        assert waits.judge(band.up_to_s, scale, chat) == (band.words, chat.advice[i].do)
        assert waits.judge(band.up_to_s + Decimal("0.001"), scale, chat)[1] == chat.advice[i + 1].do


def test_the_streaming_demo_gives_each_band_with_its_scenarios_advice(real: Dataset) -> None:
    """The demo's script judges the waits a reader types in; each band it can pick carries what to do about it."""
    model = next(e for e in waits.headline_evidence(real) if e.speed is not None).ttft.model
    for scenario, use_case in (("chat-reply", "chat"), ("summarise-document", "document")):
        page = tools.tool(real, LINKS, "streaming-demo", scenario=scenario, model=model)
        given = [html.unescape(a) for a in re.findall(r'<li[^>]* data-advice="([^"]*)"', page)]
        assert given == [a.do for a in real.use_case(use_case).advice]
