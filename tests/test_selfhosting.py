"""Self-hosting versus an API (docs/self-hosting.md, macros/render/selfhosting.py, data/selfhosting.yaml): each figure
the page shows is the data's, or the break-even arithmetic of macros.calc checked here against a hand calculation."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest

from macros import calc
from macros import formatting as fmt
from macros.data import load_dataset
from macros.data.dataset import Dataset
from macros.render import Links, selfhosting

LINKS = Links()


@pytest.fixture(scope="module")
def real(root: Path) -> Dataset:
    return load_dataset(root / "data")


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _words(html: str) -> str:
    """The text of inline markup as a reader sees it: tags dropped without a space in their place."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def body_rows(html: str) -> dict[str, dict[str, str]]:
    """Each body row by its id: the row header's text under "", and each cell's text under its data-label."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = {}
    for row_id, row in re.findall(r'<tr id="([^"]+)">(.*?)</tr>', body, re.S):
        cells = {"": _text(re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1))}  # type: ignore[union-attr]
        cells |= {unescape(label): _text(cell) for label, cell in re.findall(r'<td data-label="([^"]+)">(.*?)</td>', row, re.S)}
        found[row_id] = cells
    return found


# --- the arithmetic, by hand -----------------------------------------------------------------------------------------


def test_a_month_of_rent_is_720_hours_the_30_day_month_the_guide_counts_volumes_in() -> None:
    assert calc.HOURS_PER_MONTH == calc.DAYS_PER_MONTH * 24 == 720
    assert calc.monthly_rent(Decimal(20)) == Decimal(14_400)


def test_the_cost_of_a_million_output_tokens_is_the_hourly_price_over_the_hours_output() -> None:
    """$10 an hour, 1,000 tokens a second, a quarter busy: 900,000 tokens an hour, so $11.11 per million."""
    assert calc.self_hosted_mtok(Decimal(10), Decimal(1000), Decimal("0.25")) == Decimal(10) / Decimal(900_000) * 1_000_000
    assert fmt.money(calc.self_hosted_mtok(Decimal(10), Decimal(1000), Decimal("0.25"))) == "$11.11"
    # the form: price per GPU-hour times GPUs over tokens a second times 3,600 times the busy share
    per_gpu_hour, gpus = Decimal(5), 2
    assert calc.self_hosted_mtok(per_gpu_hour * gpus, Decimal(1000), Decimal("0.25")) == \
        per_gpu_hour * gpus / (Decimal(1000) * 3600 * Decimal("0.25")) * 1_000_000


def test_one_request_costs_its_output_tokens_at_the_self_hosted_rate() -> None:
    assert calc.self_hosted_request(Decimal(10), Decimal(1000), Decimal("0.25"), 300) == \
        Decimal(10) / Decimal(900_000) * 300


def test_a_month_holds_the_requests_the_server_finishes_at_its_busy_share() -> None:
    """1,000 tokens a second for 720 hours is 2,592,000,000 tokens; a quarter of that in 300-token answers."""
    assert calc.monthly_requests(Decimal(1000), Decimal("0.25"), 300) == Decimal(2_160_000)


def test_break_even_is_the_months_rent_over_the_api_price_of_one_request() -> None:
    """$7,200 of rent over $0.0125 a request: 576,000 requests; the server finishes 8,640,000 a month never idle,
    so it must be busy a fifteenth of the time."""
    assert calc.break_even_requests(Decimal(10), Decimal("0.0125")) == Decimal(576_000)
    assert calc.break_even_share(Decimal(10), Decimal(1000), 300, Decimal("0.0125")) == Decimal(576_000) / Decimal(8_640_000)


def test_the_gpu_hour_price_that_breaks_even_is_what_the_api_charges_for_an_hours_requests_per_gpu() -> None:
    """Half busy at 1,000 tokens a second is 6,000 answers of 300 tokens an hour; at $0.0125 each, $75 an hour, or
    $37.50 for each of 2 GPUs."""
    assert calc.break_even_gpu_hour(Decimal("0.0125"), Decimal(1000), Decimal("0.5"), 300, 2) == Decimal("37.5")


def test_a_busy_share_reads_as_a_whole_percentage() -> None:
    assert [fmt.share(Decimal(v)) for v in ("0.3", "1.015", "4.6", "0.004")] == ["30%", "102%", "460%", "0.4%"]


# --- the tables show the data, or the arithmetic on it -----------------------------------------------------------------


@pytest.mark.parametrize("which", ["fixture_data", "real"])
def test_the_gpu_price_table_shows_each_offer_per_hour_per_gpu_hour_and_for_a_month(which: str, request) -> None:
    dataset: Dataset = request.getfixturevalue(which)
    html = selfhosting.gpu_price_table(dataset, LINKS)
    found = body_rows(html)
    assert len(found) == len(dataset.self_hosting.gpu_offers)
    for offer in dataset.self_hosting.gpu_offers:
        row = found[f"gpu-{offer.id}"]
        assert row["GPUs"] == f"{offer.gpus} × {offer.gpu}"
        assert row["Per hour (USD)"] == fmt.price(offer.usd_per_hour)
        assert row["Per GPU-hour (USD)"] == fmt.price(offer.usd_per_hour / offer.gpus)
        assert row["A month, always on (USD)"] == fmt.money(offer.usd_per_hour * 720)
        assert row["Checked"] == fmt.date(offer.checked)
        assert row[""].startswith(f"{offer.name} {offer.seller}. {offer.terms}")
        assert f'<a href="{offer.source}" rel="external">{fmt.date(offer.checked)}</a>' in html


def test_the_gpu_price_table_counts_a_month_in_the_guides_720_hours(fixture_data: Dataset) -> None:
    """The fixture's pair at $10 an hour: $7,200 a month; the single at $4.50: $3,240."""
    found = body_rows(selfhosting.gpu_price_table(fixture_data, LINKS))
    assert found["gpu-rent-pair"]["A month, always on (USD)"] == "$7,200"
    assert found["gpu-rent-one"]["A month, always on (USD)"] == "$3,240"
    assert found["gpu-rent-pair"]["Per GPU-hour (USD)"] == "$5.00"


@pytest.mark.parametrize("which", ["fixture_data", "real"])
def test_the_throughput_table_shows_each_figure_with_its_conditions(which: str, request) -> None:
    dataset: Dataset = request.getfixturevalue(which)
    html = selfhosting.throughput_table(dataset, LINKS)
    found = body_rows(html)
    assert len(found) == len(dataset.self_hosting.throughput)
    for figure in dataset.self_hosting.throughput:
        row = found[f"throughput-{figure.id}"]
        assert row[""] == f"{dataset.model_facts(figure.model).name} {figure.gpus} × {figure.gpu}"
        assert row["Requests at once"] == fmt.count(figure.concurrency)
        assert row["Output tokens per second"] == fmt.measured(figure.output_tokens_per_s)
        assert row["First token (s)"] == (fmt.seconds(figure.ttft_s) if figure.ttft_s is not None else "not published")
        assert row["Conditions"].startswith(f"{fmt.count(figure.input_tokens)} tokens in, "
                                            f"{fmt.count(figure.output_tokens)} out; {figure.precision}; {figure.server}")
        assert row["Checked"] == f"{fmt.date(figure.checked)} {figure.publisher}"


def test_a_figure_whose_source_gives_no_first_token_time_says_so(fixture_data: Dataset) -> None:
    row = body_rows(selfhosting.throughput_table(fixture_data, LINKS))["throughput-bench-c1"]
    assert row["First token (s)"] == "not published"


def test_the_busy_share_table_matches_the_hand_calculation(fixture_data: Dataset) -> None:
    """The fixture pairs $10 an hour with 1,000 tokens a second; a chat reply writes 300 tokens."""
    html = selfhosting.busy_table(fixture_data, LINKS)
    found = body_rows(html)
    assert list(found) == ["busy-25", "busy-50", "busy-100"]
    assert found["busy-25"] == {"": "25%", "Requests a month": "2,160,000", "Per 1M output tokens (USD)": "$11.11",
                                "Per request (USD)": "$0.0033"}
    assert found["busy-100"] == {"": "100%", "Requests a month": "8,640,000", "Per 1M output tokens (USD)": "$2.78",
                                 "Per request (USD)": "$0.00083"}
    text = _text(html)
    assert "$10.00 an hour, $7,200 a month of 720 hours" in text
    assert "The busy shares are examples to compare, not measurements." in text
    assert fixture_data.self_hosting.break_even.basis in text


def test_the_break_even_table_matches_the_hand_calculation(fixture_data: Dataset) -> None:
    """Acme Large's chat reply costs $0.014653125 by the API: $7,200 of rent buys 491,363 of them (491,362.76), 6% of the
    8,640,000 the server finishes never idle; half busy, its 3,000 replies an hour cost $43.96 per GPU by the API."""
    scenario = fixture_data.scenario("chat")
    api = calc.scenario_cost(fixture_data.listing("acme-large").model, scenario).total
    assert api == Decimal("0.014653125")
    html = selfhosting.break_even_table(fixture_data, LINKS)
    row = body_rows(html)["break-even-acme-large"]
    assert row["API, per request (USD)"] == fmt.money(api) == "$0.015"
    assert row["Break-even requests a month"] == "491,363"
    assert row["Busy share needed"] == "6%"
    assert row["GPU-hour price that breaks even at 50% busy (USD)"] == "$43.96"
    assert "finishes 8,640,000 requests a month" in _text(html)


def test_every_current_api_host_of_the_measured_model_is_compared_cheapest_first(real: Dataset) -> None:
    paired = selfhosting.pairing(real)
    html = selfhosting.break_even_table(real, LINKS)
    found = body_rows(html)
    hosts = real.hosts_of(paired.figure.model)
    assert len(found) == len(hosts) >= 3
    costs = []
    for listing in hosts:
        api = calc.scenario_cost(listing.model, paired.scenario).total
        row = found[f"break-even-{listing.model.id}"]
        assert row[""] == listing.provider.name
        assert row["API, per request (USD)"] == fmt.money(api)
        rent = paired.offer.usd_per_hour * 720
        assert row["Break-even requests a month"] == fmt.count(int((rent / api).to_integral_value()))
        capacity = paired.figure.output_tokens_per_s * 3600 * 720 / paired.scenario.output_tokens
        share = rent / api / capacity
        assert row["Busy share needed"].startswith(fmt.share(share))
        assert row["Busy share needed"].endswith("more than one server can do") == (share > 1)
        costs.append(api)
    shown = [re.search(r'id="break-even-([^"]+)"', line).group(1)  # type: ignore[union-attr]
             for line in html.splitlines() if 'id="break-even-' in line]
    assert [calc.scenario_cost(real.listing(i).model, paired.scenario).total for i in shown] == sorted(costs)


def test_the_answer_states_the_rent_and_the_busy_share_the_dearest_and_cheapest_host_need(real: Dataset) -> None:
    """The real pairing by hand: $20 an hour is $14,400 a month; NVIDIA's 814.37 tokens a second make 7,036,157
    chat replies a month never idle; Amazon Bedrock's $0.002016 reply breaks even at 7,142,857, about 102%."""
    html = selfhosting.break_even_summary(real, LINKS)
    text = _words(html)
    assert text.startswith("In short: at the prices of Hugging Face Inference Endpoints, the only rental prices this guide "
                           "could read, renting 2 NVIDIA H100 GPUs costs $14,400 a month.")
    rows = selfhosting.host_rows(real)
    dearest, cheapest = rows[-1], rows[0]
    dearest_words = f"dearest API host of Llama 3.3 70B, {dearest.listing.provider.name}, only when busy"
    assert f"{dearest_words} {fmt.share(dearest.share)}" in text
    assert f"the cheapest, {cheapest.listing.provider.name}, only when busy {fmt.share(cheapest.share)}." in text
    assert ("Even never idle, it costs more per request than every API host." in text) == (dearest.share > 1)
    assert 'href="#gpu-hf-gcp-h100-x2"' in html


def test_the_answer_says_nothing_of_never_idle_when_the_server_can_pay_for_itself(fixture_data: Dataset) -> None:
    text = _words(selfhosting.break_even_summary(fixture_data, LINKS))
    assert "only when busy 6% of the time" in text and "never idle" not in text


def test_a_page_calling_a_self_hosting_table_without_the_data_file_stops_with_the_file_named(fixture_data: Dataset) -> None:
    with pytest.raises(KeyError, match="data/selfhosting.yaml"):
        selfhosting.gpu_price_table(replace(fixture_data, selfhosting=None), LINKS)


# --- the real data ---------------------------------------------------------------------------------------------------


def test_the_real_data_is_read_on_its_owners_pages_and_dated(real: Dataset) -> None:
    hosting = real.self_hosting
    today = dt.date.today()
    for offer in hosting.gpu_offers:
        assert offer.source.startswith("https://huggingface.co/docs/inference-endpoints/") and offer.checked <= today
    for figure in hosting.throughput:
        assert figure.source.startswith("https://docs.nvidia.com/nim/") and figure.checked <= today
        assert figure.publisher == "NVIDIA" and real.hosts_of(figure.model)
    paired = selfhosting.pairing(real)
    assert (paired.offer.gpu, paired.offer.gpus) == (paired.figure.gpu, paired.figure.gpus)
    assert real.model_facts(paired.figure.model).open_weights is True


def test_the_built_page_opens_with_the_answer_and_shows_every_table(built_site: Path) -> None:
    html = (built_site / "self-hosting" / "index.html").read_text(encoding="utf-8")
    assert '<p class="ifg-answer"><strong>In short:</strong> at ' in html
    captions = [_text(c) for c in re.findall(r"<caption>(.*?)</caption>", html, re.S)]
    for start in ("Rented GPU servers", "Published serving throughput", "Llama 3.3 70B on nvidia-h100 x2",
                  "Llama 3.3 70B: when nvidia-h100 x2"):
        assert any(caption.startswith(start) for caption in captions), start
    text = _text(html)
    assert "no source read gives a bare server's price here" in text


@pytest.mark.parametrize("table", [selfhosting.busy_table, selfhosting.break_even_table])
def test_the_worked_tables_link_the_price_and_the_throughput_they_rest_on_with_their_dates(table, real: Dataset) -> None:
    paired = selfhosting.pairing(real)
    html = table(real, LINKS)
    for source in (paired.offer.source, paired.figure.source):
        assert f'<a href="{source}" rel="external">' in html
    text = _words(html)
    assert f"Hourly price read {fmt.date(paired.offer.checked)}" in text
    assert f"throughput read {fmt.date(paired.figure.checked)}" in text
