"""Rate limits and capacity (docs/capacity.md, macros/render/capacity.py, data/capacity.yaml): every figure in the
sizing table is worked out again by hand here, every fact in the other tables is the data's, and where the data has
nothing the tables say that no source read gives it."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros import calc
from macros import formatting as fmt
from macros.data import load_dataset
from macros.data.dataset import Dataset
from macros.data.models import ServiceTiers, TierPrices
from macros.render import Links, capacity

LINKS = Links()
NONE = "no source read gives this"


@pytest.fixture(scope="module")
def real(root: Path) -> Dataset:
    return load_dataset(root / "data")


def with_priority(d: Dataset) -> Dataset:
    """The dataset with a priority price on Acme Large (twice its standard prices), so the priority table has a row.
    Built without validation, so that a hostile dataset's text still reaches the template."""
    providers = []
    for p in d.providers:
        models = []
        for m in p.models:
            if m.id == "acme-large":
                tiers = m.service_tiers or ServiceTiers.model_construct(source="https://example.com/tiers")
                priority = TierPrices.model_construct(input_mtok=Decimal("2.50"), output_mtok=Decimal("20.00"),
                                                      cached_input_mtok=Decimal("0.25"))
                m = m.model_copy(update={"service_tiers": tiers.model_copy(update={"priority": priority})})
            models.append(m)
        providers.append(p.model_copy(update={"models": models}))
    return replace(d, providers=providers)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def body_rows(html: str) -> dict[str, dict[str, str]]:
    """Each body row by its id: the row header's text under "", and each cell's text under its data-label."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = {}
    for row_id, row in re.findall(r'<tr id="([^"]+)">(.*?)</tr>', body, re.S):
        cells = {"": _text(re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1))}  # type: ignore[union-attr]
        cells |= {label: _text(cell) for label, cell in re.findall(r'<td[^>]*data-label="([^"]+)">(.*?)</td>', row, re.S)}
        found[row_id] = cells
    return found


# --- the sizing arithmetic, by hand ----------------------------------------------------------------------------------


def test_a_month_is_43200_minutes() -> None:
    assert calc.MINUTES_PER_MONTH == 30 * 24 * 60 == 43_200


def test_the_fixture_load_worked_out_by_hand(fixture_data: Dataset) -> None:
    """432,000 a month is 10 a minute; the busiest hour at 2.5 times is 25. The chat scenario sends 2,500 input tokens,
    1,500 of them a prefix found in the cache 9 times in 10 (1,150 not from the cache), and 300 output tokens, 1,300
    with 1,000 of medium thinking."""
    load = calc.load(fixture_data.scenario("chat"), 432_000, Decimal("2.5"))
    assert (load.average_rpm, load.peak_rpm) == (10, 25)
    assert (load.input_tpm, load.uncached_input_tpm) == (62_500, 28_750)
    assert (load.output_tpm, load.thinking_output_tpm) == (7_500, 32_500)


def test_the_real_chat_reply_load_worked_out_by_hand(real: Dataset) -> None:
    """1,000,000 a month over 43,200 minutes is 23.148 a minute, 69.444 in a busiest hour three times as busy; at
    2,500 input tokens that is 173,611 a minute, 79,861 of them (1,150 a request) not from the cache; 300 output
    tokens make 20,833, and 1,300 with medium thinking 90,278."""
    sizing = real.capacity_facts.sizing
    assert (sizing.monthly_interactions, sizing.busiest_hour_multiple) == (1_000_000, 3)
    row = body_rows(capacity.sizing_table(real, LINKS))["capacity-chat-reply"]
    assert row["Input tokens per minute, busiest hour"] == "173,611 79,861 not read from the cache"
    assert row["Output tokens per minute, busiest hour"] == "20,833 90,278 with thinking at medium effort"
    assert "23 a minute on average, and 69 a minute in the busiest hour" in _text(capacity.sizing_table(real, LINKS))


@pytest.mark.parametrize("which", ["fixture_data", "real"])
def test_every_sizing_figure_is_the_formula_on_the_scenarios_tokens(which: str, request: pytest.FixtureRequest) -> None:
    dataset: Dataset = request.getfixturevalue(which)
    sizing = dataset.capacity_facts.sizing
    html = capacity.sizing_table(dataset, LINKS)
    found = body_rows(html)
    assert len(found) == len(dataset.scenarios)
    peak = Decimal(sizing.monthly_interactions) / 43_200 * sizing.busiest_hour_multiple
    for s in dataset.scenarios:
        row = found[f"capacity-{s.id}"]
        inputs = fmt.per_minute(peak * s.input_tokens)
        if s.cacheable_prefix_tokens:
            inputs += f" {fmt.per_minute(peak * (s.input_tokens - s.cacheable_prefix_tokens * s.cache_hit_rate))}" \
                      " not read from the cache"
        assert row["Input tokens per minute, busiest hour"] == inputs
        assert row["Output tokens per minute, busiest hour"] == (
            f"{fmt.per_minute(peak * s.output_tokens)} "
            f"{fmt.per_minute(peak * (s.output_tokens + s.thinking_tokens.medium))} with thinking at medium effort")
    text = _text(html)
    assert f"{fmt.count(sizing.monthly_interactions)} interactions ÷ 43,200 minutes in a 30-day month" in text
    assert f"Busiest hour = average × {fmt.measured(sizing.busiest_hour_multiple)}" in text
    assert sizing.basis in text


@pytest.mark.parametrize(("value", "shown"), [(Decimal("0.23148"), "0.2"), (Decimal("7.45"), "7.5"),
                                              (Decimal("69.444"), "69"), (Decimal("173611.1"), "173,611")])
def test_a_rate_per_minute_is_rounded_for_people(value: Decimal, shown: str) -> None:
    assert fmt.per_minute(value) == shown


# --- the published limits and billing facts --------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["fixture_data", "real"])
def test_the_limits_table_shows_each_providers_facts_or_says_no_source_gives_them(which: str,
                                                                                 request: pytest.FixtureRequest) -> None:
    dataset: Dataset = request.getfixturevalue(which)
    found = body_rows(capacity.limits_table(dataset, LINKS))
    entries = dataset.capacity_facts.providers
    assert len(found) == len(entries)
    for entry in entries:
        row = found[f"limits-{entry.provider}"]
        assert row["What is limited"].startswith(entry.limited_by)
        cached = {"yes": "yes", "no": "no", "unknown": NONE}[entry.cached_tokens_count]
        assert f"Cached tokens count: {cached}." in row["What is limited"]
        where = {"published": "published on the page", "console": "only in your account's console",
                 "unknown": NONE}[entry.per_model_limits]
        assert f"Each model's figures: {where}." in row["What is limited"]
        tiers = row["Usage tiers"]
        if entry.tiers:
            for tier in entry.tiers:
                assert tier.name in tiers
                assert tier.spend_cap is None or f"Spending cap: {tier.spend_cap}." in tiers
        else:
            assert tiers == ("none: no fixed limit" if entry.no_fixed_limit else NONE)
        assert row["Checked"] == fmt.date(entry.checked)


def test_a_provider_without_an_entry_reads_no_source_in_every_cell(fixture_data: Dataset) -> None:
    bare = replace(fixture_data, capacity=fixture_data.capacity_facts.model_copy(update={"providers": []}))
    with pytest.raises(ValueError, match="none of these providers"):
        capacity.limits_table(bare, LINKS, ["acme"])
    other = fixture_data.capacity_facts.providers[0].model_copy(update={"provider": "zeta"})
    names = fixture_data.providers[0].model_copy(update={"id": "zeta", "name": "Zeta"})
    both = replace(fixture_data, providers=[*fixture_data.providers, names],
                   capacity=fixture_data.capacity_facts.model_copy(update={"providers": [other]}))
    row = body_rows(capacity.limits_table(both, LINKS, ["acme", "zeta"]))["limits-acme"]
    assert [row[k] for k in ("What is limited", "Usage tiers")] == [NONE] * 2
    assert row["Checked"] == "not read"


def test_the_billing_table_shows_free_use_and_paying_or_no_source(real: Dataset) -> None:
    found = body_rows(capacity.billing_table(real, LINKS))
    for entry in real.capacity_facts.providers:
        row = found[f"billing-{entry.provider}"]
        assert row["Free use"] == (entry.free_tier or NONE)
        assert row["How paying works"] == (entry.paying or NONE)


@pytest.mark.parametrize("kind", ["provisioned", "priority"])
def test_the_offer_tables_list_each_offer_of_their_kind(real: Dataset, kind: str) -> None:
    found = body_rows(capacity.offers_table(real, LINKS, kind))
    offers = [o for o in real.capacity_facts.offers if o.kind == kind]
    assert len(found) == len(offers) >= 2
    for offer in offers:
        row = found[f"offer-{kind}-{offer.provider}"]
        assert row[""].startswith(offer.name)
        assert row["How it is billed"].startswith(offer.billing)
        assert row["Commitment"] == (offer.commitment or NONE)


def test_the_priority_table_compares_each_models_standard_and_priority_cost(real: Dataset) -> None:
    scenario = real.scenario("chat-reply")
    found = body_rows(capacity.priority_table(real, LINKS, "chat-reply"))
    priced = [x for x in real.current_listings if x.model.service_tiers and x.model.service_tiers.priority]
    assert len(found) == len(priced) > 0
    for listing in priced:
        standard = calc.scenario_cost(listing.model, scenario).total
        priority = calc.scenario_cost(listing.model, scenario, calc.Plan(tier="priority")).total
        row = found[f"priority-{listing.model.id}"]
        assert (row["Standard (USD)"], row["Priority (USD)"]) == (fmt.money(standard), fmt.money(priority))
        assert row["Priority costs"] == f"{fmt.ratio(priority / standard)} standard"
        assert priority > standard


def test_the_priority_table_on_the_fixture_doubles_a_price_list_that_doubles(fixture_data: Dataset) -> None:
    row = body_rows(capacity.priority_table(with_priority(fixture_data), LINKS, "chat"))["priority-acme-large"]
    assert row["Priority costs"] == "2.0× standard"


def test_a_page_calling_a_capacity_table_without_data_capacity_yaml_stops_with_the_file_named(
        fixture_data: Dataset) -> None:
    with pytest.raises(KeyError, match="data/capacity.yaml"):
        capacity.sizing_table(replace(fixture_data, capacity=None), LINKS)


OWN_DOMAINS = {"openai": ("openai.com",), "anthropic": ("claude.com", "anthropic.com"), "google": ("ai.google.dev",),
               "mistral": ("mistral.ai",), "deepseek": ("deepseek.com",), "xai": ("x.ai",), "groq": ("groq.com",),
               "azure": ("microsoft.com",), "amazon-bedrock": ("aws.amazon.com",),
               "google-vertex": ("cloud.google.com",)}


def test_every_fact_in_the_real_data_comes_from_the_providers_own_pages(real: Dataset) -> None:
    """Third-party blogs are not sources: every link is on a domain of the provider it is about."""
    entries = [(e.provider, [e.source, *e.also_read]) for e in real.capacity_facts.providers]
    entries += [(o.provider, [o.source]) for o in real.capacity_facts.offers]
    for provider, urls in entries:
        for url in urls:
            host = urlsplit(url).hostname or ""
            assert any(host == d or host.endswith("." + d) for d in OWN_DOMAINS[provider]), (provider, url)


def test_deepseek_is_shown_with_no_fixed_limit_as_its_page_says(real: Dataset) -> None:
    row = body_rows(capacity.limits_table(real, LINKS))["limits-deepseek"]
    assert row["Usage tiers"] == "none: no fixed limit"


def test_the_built_page_shows_every_table_and_says_where_no_source_gives_a_fact(built_site: Path) -> None:
    html = (built_site / "capacity" / "index.html").read_text(encoding="utf-8")
    captions = re.findall(r"<caption>(.*?)</caption>", html, re.S)
    for start in ("The load of", "Published rate limits", "Reserved (provisioned) throughput", "Priority tiers",
                  "Chat reply: one interaction at standard and at priority", "Free use and paying"):
        assert any(caption.startswith(start) for caption in captions), start
    assert NONE in _text(html)


def test_the_page_can_choose_scenarios_and_models_and_a_wrong_id_stops_the_build(real: Dataset) -> None:
    found = body_rows(capacity.sizing_table(real, LINKS, ["agent-step", "chat-reply"]))
    assert list(found) == ["capacity-agent-step", "capacity-chat-reply"]
    rows = body_rows(capacity.priority_table(real, LINKS, "chat-reply", ["gpt-5.4", "nova-pro"]))
    assert set(rows) == {"priority-gpt-5.4", "priority-nova-pro"}
    with pytest.raises(KeyError):
        capacity.sizing_table(real, LINKS, ["no-such-scenario"])
    with pytest.raises(ValueError, match="no current priority price for claude-sonnet-4-6"):
        capacity.priority_table(real, LINKS, "chat-reply", ["gpt-5.4", "claude-sonnet-4-6"])
