"""Rendered tables: golden files from a fixed dataset, escaping, and the shape readers see.

Set UPDATE_GOLDEN=1 to rewrite tests/golden/ after an intended change, then review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fixture_ids import FIXTURE_CHAT

from macros import formatting as fmt
from macros import rows, waits
from macros.data.dataset import Dataset
from macros.data.models import Confirmation
from macros.render import Links, agents, capacity, context, figures, latency, media, privacy, providers, selfhosting, tables

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"



LINKS = Links()

CASES = {
    "price_table": lambda d: tables.price_table(d, LINKS, **FIXTURE_CHAT),
    "price_table_small": lambda d: tables.price_table(d, LINKS, size_class="small", **FIXTURE_CHAT),
    "cost_table": lambda d: tables.cost_table(d, LINKS, "chat"),
    "cost_table_batch": lambda d: tables.cost_table(d, LINKS, "chat", tier="batch"),
    "scale_table": lambda d: tables.scale_table(d, LINKS, "think"),
    "scenario_table": lambda d: tables.scenario_table(d, LINKS),
    "latency_table": lambda d: latency.latency_table(d, LINKS),
    "latency_table_history": lambda d: latency.latency_table(d, LINKS, section="history"),
    "latency_table_missing": lambda d: latency.latency_table(replace(d, observations=[]), LINKS),
    "verdict_table": lambda d: latency.verdict_table(d, LINKS, "chat", network="fast"),
    "targets_table": lambda d: latency.targets_table(d, LINKS),
    "cost_table_speed": lambda d: tables.cost_table(d, LINKS, "chat", network="fast"),
    "inline_cost": lambda d: figures.inline_cost(d, LINKS, "chat", "acme-large"),
    "inline_observation": lambda d: figures.inline_observation(d, LINKS, "lat-a"),
    "inline_wait": lambda d: figures.inline_wait(d, LINKS, "chat", "lat-a", "lat-b", network="fast"),
    "network_table": lambda d: tables.network_table(d, LINKS),
    "currency_table": lambda d: tables.currency_table(d, LINKS),
    "cache_storage": lambda d: context.cache_storage(d, LINKS, scenario="chat"),
    "media_embeddings": lambda d: media.embedding_table(d, LINKS),
    "media_transcription": lambda d: media.transcription_table(d, LINKS),
    "media_speech": lambda d: media.speech_table(d, LINKS, scenario="chat"),
    "media_images": lambda d: media.image_generation_table(d, LINKS),
    "media_image_input": lambda d: media.image_input_table(d, LINKS),
    "privacy_table": lambda d: privacy.privacy_table(d, LINKS),
    "privacy_uplift": lambda d: privacy.uplift_table(d, LINKS, scenario="chat"),
    "privacy_span": lambda d: privacy.retention_span(d, LINKS),
    "capacity_sizing": lambda d: capacity.sizing_table(d, LINKS),
    "capacity_limits": lambda d: capacity.limits_table(d, LINKS),
    "capacity_billing": lambda d: capacity.billing_table(d, LINKS),
    "capacity_provisioned": lambda d: capacity.offers_table(d, LINKS, "provisioned"),
    "capacity_priority_offers": lambda d: capacity.offers_table(d, LINKS, "priority"),
    "selfhosting_gpus": lambda d: selfhosting.gpu_price_table(d, LINKS),
    "selfhosting_throughput": lambda d: selfhosting.throughput_table(d, LINKS),
    "selfhosting_busy": lambda d: selfhosting.busy_table(d, LINKS),
    "selfhosting_break_even": lambda d: selfhosting.break_even_table(d, LINKS),
    "selfhosting_answer": lambda d: selfhosting.break_even_summary(d, LINKS),
    "task_steps": lambda d: agents.task_steps(d, LINKS, "research", "acme-large"),
    "task_assumptions": lambda d: agents.task_assumptions(d, LINKS, "research"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, fixture_data: Dataset) -> None:
    html = CASES[name](fixture_data) + "\n"
    golden = GOLDEN / f"{name}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), f"{name} differs from {golden}; UPDATE_GOLDEN=1 rewrites it"


class Cells(HTMLParser):
    """Counts the cells of each body row and collects the text a reader sees."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[int] = []
        self.text: list[str] = []
        self.in_body = False
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append(0)
        elif tag in ("td", "th") and self.in_body:
            self.rows[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self.in_body = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_markup_in_data_is_shown_as_text(fixture_data: Dataset) -> None:
    html = tables.price_table(fixture_data, LINKS, **FIXTURE_CHAT)
    assert "&lt;b&gt;x&#124;y&lt;/b&gt;" in html
    assert "<b>" not in html and "<i>" not in html
    parser = Cells()
    parser.feed(html)
    assert "<b>x|y</b>" in "".join(parser.text)
    assert "b" not in parser.tags and "i" not in parser.tags
    # the pipe in the name does not split the row: every row has the header's 4 cells
    assert parser.rows == [4, 4]


def test_every_model_row_has_an_anchor_source_and_date(fixture_data: Dataset) -> None:
    html = tables.price_table(fixture_data, LINKS, **FIXTURE_CHAT)
    for model_id, source, date in [
        ("acme-large", "https://example.com/pricing#large", "2026-11-20"),
        ("acme-small", "https://example.com/pricing#small", "2026-07-01"),
    ]:
        assert f'<tr id="model-{model_id}">' in html
        row = html.split(f'<tr id="model-{model_id}">', 1)[1].split("</tr>", 1)[0]
        assert f'<a href="{source}" rel="external">a dataset release</a>, checked {date}' in row or (
            f'<a href="{source}" rel="external">the provider\'s page</a>, {date}' in row)


def test_tables_state_units_as_of_and_methodology(fixture_data: Dataset) -> None:
    for build in (CASES["price_table"], CASES["cost_table"], CASES["scale_table"]):
        html = build(fixture_data)
        assert "US dollars" in html
        assert "as of 2026-11-20" in html
        assert 'href="/methodology/"' in html or 'href="/methodology/#how-a-cost-is-computed"' in html


def test_cost_table_is_cheapest_first_with_ratios(fixture_data: Dataset) -> None:
    html = tables.cost_table(fixture_data, LINKS, "chat")
    # Acme Small never thinks and lists no cache price: 2,500 x 0.0375 + 300 x 0.15 = 138.75 per million.
    # The large model thinks by default at medium (1,000 tokens) and caches the 1,500-token prefix explicitly:
    # 1,000 x 1.25 + 1,500 x (0.9 x 0.125 + 0.1 x 1.5625) + (300 + 1,000) x 10 = 1,250 + 403.125 + 13,000 = 14,653.125
    assert html.index("Acme Small") < html.index("&lt;b&gt;x&#124;y&lt;/b&gt;")
    assert "$0.00014" in html and "$0.015" in html
    assert '<td data-label="× cheapest">1.0×</td>' in html and '<td data-label="× cheapest">106×</td>' in html
    assert "Medium effort, its published default (Acme calls its default level STANDARD): 1,000 thinking tokens; 90% of " \
           "requests read the 1,500-token prefix" in html


def test_a_providers_summary_names_its_cheapest_and_soonest_answering_model_and_what_sets_it_apart(
        fixture_data: Dataset) -> None:
    html = providers.provider_summary(fixture_data, LINKS, "acme", **FIXTURE_CHAT)
    costs = rows.default_costs(fixture_data)
    cheapest = min(("acme-small", "acme-large"), key=lambda m: costs[m, "chat"].total)
    assert cheapest == "acme-small"
    least = fmt.money(costs[cheapest, "chat"].total)
    assert f'<a href="/providers/acme/#model-acme-small">Acme Small</a> costs least: {least}.' in html
    timed = waits.verdicts_by_model(fixture_data, fixture_data.scenario("chat"), fixture_data.network_profile("fast"))
    assert set(timed) == {"acme-large"}
    assert (f'Only <a href="/providers/acme/#model-acme-large">&lt;b&gt;x&#124;y&lt;/b&gt;</a> has a current speed '
            f'figure: its first word comes after {fmt.seconds(timed["acme-large"].wait.first_word)} s') in html
    assert "1 model caches a repeated prompt start by itself; 1 model caches it when the request asks." in html
    assert "the standard tier, and also a batch API and off-peak prices for some or all of its models." in html
    assert "1 model charges more for the whole request once a prompt passes a set length." in html
    assert "1 model retires within 90 days" in html and "1 model was last checked more than 90 days" in html
    assert "1 models" not in html


def test_links_start_at_the_sites_root_path() -> None:
    assert Links().provider("acme") == "/providers/acme/"
    assert Links("/guide/").methodology == "/guide/methodology/"


def test_missing_latency_says_so_and_offers_the_formula(fixture_data: Dataset) -> None:
    html = latency.latency_table(replace(fixture_data, observations=[]), LINKS)
    assert "No published latency figure" in html and "tokens per second" in html


def test_unknown_names_fail_loudly(fixture_data: Dataset) -> None:
    with pytest.raises(KeyError, match="no-such-model"):
        figures.inline_cost(fixture_data, LINKS, "chat", "no-such-model")
    with pytest.raises(KeyError, match="no-such-scenario"):
        tables.cost_table(fixture_data, LINKS, "no-such-scenario")
    with pytest.raises(ValueError, match="size_class"):
        tables.price_table(fixture_data, LINKS, size_class="huge", **FIXTURE_CHAT)


def test_rendered_blocks_have_no_blank_lines(fixture_data: Dataset) -> None:
    # Markdown ends a raw HTML block at a blank line; a blank line would spill the table into text.
    for build in CASES.values():
        assert "\n\n" not in build(fixture_data)


def _row(html: str, model_id: str) -> str:
    start = html.index(f'id="model-{model_id}"')
    return html[start:html.index("</tr>", start)]


def test_a_row_says_which_datasets_its_prices_come_from_and_shows_each_value_where_they_disagree(
        fixture_data: Dataset) -> None:
    row = _row(tables.price_table(fixture_data, LINKS, **FIXTURE_CHAT), "acme-small")
    assert ("checked 2026-07-01: the datasets disagree: genai-prices 0.2.5 (acme:small) shows $0.0375 input, $0.15 "
            "output; LiteLLM 1.110.2 (acme/small) shows $0.04 input, $0.15 output.") in row


def test_a_row_says_when_the_datasets_agree_and_when_the_providers_page_confirms(fixture_data: Dataset) -> None:
    listing = fixture_data.listing("acme-small")
    first, second = listing.model.readings
    agreeing = listing.model.model_copy(update={"readings": [first, second.model_copy(update={"input_mtok": first.input_mtok})]})
    provider = listing.provider.model_copy(update={"models": [agreeing if m.id == "acme-small" else m
                                                              for m in listing.provider.models]})
    row = _row(tables.price_table(replace(fixture_data, providers=[provider]), LINKS, **FIXTURE_CHAT), "acme-small")
    assert "checked 2026-07-01: genai-prices 0.2.5 and LiteLLM 1.110.2 agree." in row
    assert "disagree" not in row
    own_page = _row(tables.price_table(fixture_data, LINKS, **FIXTURE_CHAT), "acme-large")
    assert "Prices read on <a href=\"https://example.com/pricing#large\" rel=\"external\">the provider's page</a>" in own_page
    check = Confirmation(page="https://example.com/pricing", read=dt.date(2026, 11, 1), fields=["input_mtok", "output_mtok"])
    confirmed = agreeing.model_copy(update={"confirmed": check})
    provider = listing.provider.model_copy(update={"models": [confirmed if m.id == "acme-small" else m
                                                              for m in listing.provider.models]})
    row = _row(tables.price_table(replace(fixture_data, providers=[provider]), LINKS, **FIXTURE_CHAT), "acme-small")
    assert "page</a>, read 2026-11-01: input, output. Prices from" in row
