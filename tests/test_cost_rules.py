"""Every cost follows the provider's documented rule, or says it cannot (issue 20), on the real data and the site.

Each test names the rule it holds and the figure that was wrong before it: an unknown cache minimum counted as
zero, thinking-mode output prices, published default efforts, retirement as of the build, fees left out but
ranked, off-peak hours, first-token figures at another effort, and rules stated per model.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from decimal import Decimal as D
from html import unescape
from pathlib import Path

import pytest

from macros import calc, chart, rows, waits
from macros import formatting as fmt
from macros.data.dataset import Dataset, build_day
from macros.data.validate import load_dataset
from macros.render import Links, figures, latency, tables

LINKS = Links()


@pytest.fixture(scope="module")
def real(root: Path) -> Dataset:
    return load_dataset(root / "data")


def cost(real: Dataset, scenario: str, model: str, **plan: object) -> calc.Cost:
    return calc.scenario_cost(real.listing(model).model, real.scenario(scenario), calc.Plan(**plan))  # type: ignore[arg-type]


def text(html: str) -> str:
    """What a reader sees, roughly: tags dropped (a line break between cells becomes a space), entities read."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<br>|</t[dh]>", " ", re.sub(r"<(?!br>|/t[dh]>)[^>]+>", "", html)))).strip()


# --- 1. an unknown cache minimum is not zero -------------------------------------------------------------------

def test_a_model_that_caches_with_no_published_minimum_gets_no_discount_and_says_so(real: Dataset) -> None:
    # Gemini 3.1 Flash-Lite caches automatically; Google publishes no minimum for it. Chat reply, thinking at its
    # published default (low, 300 tokens): 2,500 x 0.25 + (300 + 300) x 1.50 = 625 + 900 = 1,525 per million.
    found = cost(real, "chat-reply", "gemini-3.1-flash-lite")
    assert (found.cache, found.total) == ("minimum unknown", D("0.001525"))
    # Gemini 3.1 Flash-Lite is superseded, so no cost table shows it; Gemini 2.5 Flash-Lite follows the same rule.
    html = tables.cost_table(real, LINKS, "chat-reply", models=["gemini-2.5-flash-lite"])
    assert "minimum not published: no cache discount counted" in html


def test_the_tagging_gap_uses_the_documented_minimums(real: Dataset) -> None:
    # Gemini 2.5 Flash-Lite publishes no minimum, so its 300-token prefix is plain input: 400 x 0.10 + 15 x 0.40 = 46
    # per million; before, a 90% cache read made it 21.7, and Claude Opus 4.8 "109 times" dearer instead of about 52.
    flash_lite, opus = cost(real, "tag-short-text", "gemini-2.5-flash-lite"), cost(real, "tag-short-text", "claude-opus-4-8")
    assert flash_lite.total == D("0.000046") and round(opus.total / flash_lite.total) == 52


def test_recorded_minimums_carry_what_each_source_says(real: Dataset) -> None:
    for model_id, tokens in (("nova-lite", 1024), ("deepseek-v4-flash", 64), ("qwen-plus", 1024), ("gemini-2.5-pro", 4096),
                             ("gemini-2.5-flash", 1024)):
        caching = real.listing(model_id).model.caching
        assert caching is not None and caching.min_tokens == tokens and caching.min_tokens_basis, model_id


def test_no_scenario_claims_a_prefix_is_too_short_and_the_table_counts_it_from_the_data(real: Dataset) -> None:
    assert not [s.id for s in real.scenarios if s.cache_basis and "cacheable prefix" in s.cache_basis]
    reach = rows.cache_reach(real, real.scenario("tag-short-text"))
    reasons = [cost(real, "tag-short-text", listing.model.id).cache for listing in real.headline_listings]
    assert (reach.discounted, reach.below_minimum, reach.minimum_unknown) == (
        reasons.count("applied"), reasons.count("below minimum"), reasons.count("minimum unknown"))
    assert reach.discounted == 2  # DeepSeek's 64-token unit: the only caches a 300-token prefix reaches
    row = tables.scenario_table(real, LINKS).split('id="scenario-tag-short-text"', 1)[1].split("</tr>", 1)[0]
    assert f"the prefix earns a discount on {reach.discounted}; it is under the published minimum on {reach.below_minimum}" in row


def test_the_cache_reason_alone_is_the_one_every_cost_gives(real: Dataset) -> None:
    """The scenario table counts caches by calc.cache_reason, which skips the rest of the bill: it must say what the
    full cost says, for every model and scenario."""
    pairs = [(listing.model, scenario) for listing in real.listings for scenario in real.scenarios]
    differ = [(m.id, s.id) for m, s in pairs if calc.cache_reason(m, s) != calc.scenario_cost(m, s).cache]
    assert len(pairs) > 3000 and not differ, differ[:5]


def test_default_costs_hold_each_current_model_and_scenario_worked_out_when_read(real: Dataset) -> None:
    """Every table and export reads one mapping, whose figures are each model's own scenario_cost, worked out the first
    time a page or export asks and the same object after."""
    fresh = rows.DefaultCosts(real)
    current = [listing.model.id for listing in real.current_listings]
    assert list(fresh) == [(m, s.id) for m in current for s in real.scenarios] and len(fresh) == len(list(fresh))
    first = fresh[current[0], "chat-reply"]
    assert first == calc.scenario_cost(real.listing(current[0]).model, real.scenario("chat-reply"))
    assert fresh[current[0], "chat-reply"] is first
    retired = [listing.model.id for listing in real.listings if real.is_retired(listing)]
    assert retired and (retired[0], "chat-reply") not in fresh and (current[0], "no-such-scenario") not in fresh
    assert rows.default_costs(real) is rows.default_costs(real)


# --- 2. thinking-mode output prices ---------------------------------------------------------------------------

def test_thinking_bills_all_output_at_the_thinking_mode_price(real: Dataset) -> None:
    # Qwen Plus at high effort: 2,500 x 0.40 + (300 + 3,000) x 4.00 = 1,000 + 13,200 = 14,200 per million ($0.0050
    # before, at the $1.20 output price). Thinking off keeps $1.20: 1,000 + 300 x 1.20 = 1,360.
    high, off = cost(real, "chat-reply", "qwen-plus", effort="high"), cost(real, "chat-reply", "qwen-plus", effort="off")
    assert (high.total, high.thinking_output_mtok) == (D("0.0142"), D("4.00"))
    assert (off.total, off.thinking_output_mtok) == (D("0.00136"), None)
    html = tables.cost_table(real, LINKS, "chat-reply", models=["qwen-plus"])
    assert "$0.0014 to $0.014" in text(html)
    assert "thinking_output_mtok" in json.loads((Path(__file__).parent.parent / "data" / "schema" /
                                                 "provider.schema.json").read_text(encoding="utf-8"))["$defs"]["Prices"]["properties"]


# --- 3. default effort as published ---------------------------------------------------------------------------

def test_a_published_default_effort_is_used_and_its_dispute_shown(real: Dataset) -> None:
    found = cost(real, "chat-reply", "gemini-3.1-flash-lite")
    assert (found.effort, found.thinking) == ("low", "default")
    # Gemini 3.1 Flash-Lite is superseded, so no cost table shows it; DeepSeek V4.1 Flash also publishes its default.
    cell = text(tables.cost_table(real, LINKS, "chat-reply", models=["deepseek-v4.1-flash-azure"]))
    assert "High effort, its published default (DeepSeek's thinking guide; it treats a request for medium as high)" in cell
    assert "medium assumed" not in cell


def test_a_model_with_effort_levels_but_an_unknown_thinking_mode_shows_its_range(real: Dataset) -> None:
    model = real.listing("gemini-3.5-flash").model
    assert model.reasoning is not None and model.reasoning.mode == "unknown"
    spread = calc.cost_range(model, real.scenario("chat-reply"))
    assert spread is not None and (spread.low.effort, spread.high.effort) == ("low", "high")
    # Gemini 3.5 Flash is superseded, so no cost table shows it; gpt-oss-120b's thinking mode is unknown too.
    html = text(tables.cost_table(real, LINKS, "chat-reply", models=["gpt-oss-120b-amazon-bedrock"]))
    assert "whether its thinking can be turned off is not published" in html and "(low to high effort)" in html


# --- 4. retired as of the build -------------------------------------------------------------------------------

def test_retirement_counts_from_the_later_of_the_build_date_and_the_as_of_date(root: Path) -> None:
    before = load_dataset(root / "data", build_date=dt.date(2026, 11, 1))
    after = load_dataset(root / "data", build_date=dt.date(2026, 12, 6))
    assert before.today == before.as_of and after.today == dt.date(2026, 12, 6)
    pro = after.listing("gemini-2.5-pro")
    assert not before.is_retired(before.listing("gemini-2.5-pro")) and after.is_retired(pro)
    assert "gemini-2.5-pro" not in {listing.model.id for listing in rows.select(after)}
    assert "gemini-2.5-pro" not in {listing.model.id for listing in rows.select(after, models=["gemini-2.5-pro", "gpt-5.5"])}
    with pytest.raises(ValueError, match="retired on 2026-12-01"):
        figures.inline_cost(after, LINKS, "chat-reply", "gemini-2.5-pro")


def test_the_build_date_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764979200")  # 2025-12-06 00:00 UTC
    assert build_day() == dt.date(2025, 12, 6)


def test_the_retirements_page_counts_from_the_build_not_the_as_of_date(root: Path) -> None:
    data = load_dataset(root / "data", build_date=dt.date(2026, 12, 6))
    page = text(tables.retirement_table(data, LINKS))
    assert "2026-12-01 retired 5 days before 2026-12-06" in page and "days after the data's as-of date" not in page
    assert "by 2026-12-01 retired; the provider's page, read that day, gives no date" in page  # Claude Opus 4.1
    assert "Magistral Medium (latest alias) (Mistral AI, deprecated 2026-05-22; replacement named: Mistral Medium 3.5)" in page


# --- 5. fees left out are never ranked ------------------------------------------------------------------------

def test_a_cost_without_its_published_fee_is_shown_but_never_ranked(real: Dataset) -> None:
    found, _ = rows.cost_rows(real, real.scenario("web-search-answer"),
                              [real.listing(m) for m in ("grok-4.3", "gpt-5.4-mini", "gpt-5.5", "gpt-4o", "gpt-4o-mini")])
    ranked = [r.listing.model.id for r in found if r.ranked]
    assert ranked == ["gpt-5.4-mini", "gpt-4o-mini", "gpt-5.5"] and found[0].times_cheapest == 1
    assert {r.listing.model.id for r in found if not r.ranked} == {"grok-4.3", "gpt-4o"}
    html = tables.cost_table(real, LINKS, "web-search-answer", models=["grok-4.3", "gpt-5.4-mini"])
    assert "not ranked: fee not published" in html and html.index("GPT-5.4 mini") < html.index("Grok 4.3")
    with pytest.raises(ValueError, match="leaves out a fee"):
        figures.inline_ratio(real, LINKS, "web-search-answer", "grok-4.3", "gpt-5.5")


# --- 6. off-peak hours ----------------------------------------------------------------------------------------

def test_off_peak_hours_are_a_sourced_tier_shown_beside_the_peak_headline(real: Dataset) -> None:
    peak, off = cost(real, "chat-reply", "deepseek-v4-flash"), cost(real, "chat-reply", "deepseek-v4-flash", tier="off_peak")
    assert (off.tier, off.total * 2) == ("off_peak", peak.total)  # every DeepSeek off-peak price is half the peak one
    html = tables.cost_table(real, LINKS, "chat-reply", models=["deepseek-v4-flash"])
    assert f"Off-peak hours: {fmt.money(off.total)}" in text(html) and "Saturday and Sunday all day" in html


# --- 7. latency matched to effort -----------------------------------------------------------------------------

def test_a_first_token_time_at_another_effort_is_not_paired_with_a_default_cost(real: Dataset) -> None:
    # l26-022 measured GPT-5.5 at xhigh, thinking included; its costs use medium, its default.
    mismatched = {e.ttft.id for e in waits.mismatched_evidence(real)}
    assert {"l26-022", "l26-024"} <= mismatched
    chat = waits.verdicts_by_model(real, real.scenario("chat-reply"), real.network_profile("slow-4g"))
    assert not {row.evidence.ttft.id for row in chat.values()} & mismatched
    assert chat["gpt-5.5"].evidence.ttft.id == "l26-046"  # a figure whose effort its source does not state
    assert not {p.observation.id for p in chart.cost_speed(real, "chat-reply").points} & mismatched
    # With only the xhigh figure, GPT-5.5 is left out of the verdicts, and the table says why.
    alone = replace(real, observations=[o for o in real.observations if o.id not in ("l26-046", "l26-047")])
    html = text(latency.verdict_table(alone, LINKS, "chat-reply"))
    assert "GPT-5.5 (11 s at an effort above high, Eye2.AI blog; its default is medium effort)" in html


def test_the_sentence_about_a_verdict_table_is_counted_from_that_table(real: Dataset) -> None:
    verdicts = waits.verdict_rows(real, real.scenario("voice-turn"), real.network_profile("slow-4g"))
    met = sum(1 for r in verdicts if r.streaming.meets_first)
    words = text(figures.target_reach(real, LINKS, "voice-turn"))
    assert words == (f"on none of the {len(verdicts)} models" if met == 0 else f"on {met} of the {len(verdicts)} models")


# --- 9 and 10. rules stated per model, and on the methodology page ------------------------------------------------

def test_a_sentence_about_caching_follows_the_models_own_rules(real: Dataset) -> None:
    assert text(figures.caching_rule(real, LINKS, "gpt-5.5")) == (
        "the provider caches repeated prefixes by itself, with no write fee")
    assert text(figures.caching_rule(real, LINKS, "claude-opus-5-5")) == (
        "the request marks what to cache and pays $5.00 per million tokens to write it")


def test_the_site_states_the_rules_a_reader_cannot_otherwise_reproduce(built_site: Path) -> None:
    method = text((built_site / "methodology" / "index.html").read_text(encoding="utf-8"))
    for rule in ("takes no tier's discount or premium", "the previous message's whole prompt is read from the cache",
                 "a miss pays the write price", "an unknown minimum is never taken as zero", "Off-peak hours."):
        assert rule in method, rule
    cheaper = text((built_site / "faster-and-cheaper" / "index.html").read_text(encoding="utf-8"))
    assert "OpenAI's cache is automatic" not in cheaper
    for page in built_site.rglob("*.html"):
        assert "within hours" not in page.read_text(encoding="utf-8"), page


def test_every_cost_in_the_export_carries_the_assumptions_it_used(built_site: Path) -> None:
    entries = json.loads((built_site / "data" / "costs.json").read_text(encoding="utf-8"))["costs"]
    for key in ("cache", "cache_min_tokens", "cache_write_mtok", "cache_history", "thinking_output_mtok", "effort_basis",
                "thinking_mode_known", "search_fee_included", "off_peak_usd", "off_peak_hours_utc"):
        assert all(key in entry for entry in entries), key
    qwen = next(e for e in entries if (e["model_id"], e["scenario_id"]) == ("qwen-plus", "chat-reply"))
    assert qwen["range_high_usd"] == 0.0142
    assert not [e for e in entries if e["model_id"] == "gemini-2.5-pro"], "a retired model has no cost"


# --- 11. data settled -----------------------------------------------------------------------------------------

def test_the_disputed_data_is_settled_as_the_sources_say(real: Dataset) -> None:
    coder = real.listing("qwen3-coder-plus").model.prices
    assert coder.cached_input_mtok == coder.input_mtok * D("0.2")  # implicit cache reads, per Alibaba
    together = real.listing("llama-3.3-70b-together").model
    assert not together.history and "$0.88" in (together.notes or "")  # a disagreement, not an invented price change
    magistral = real.listing("magistral-medium-latest").model.lifecycle
    assert magistral is not None and magistral.deprecated == dt.date(2026, 5, 22) and magistral.retires is None


def test_the_explorers_copied_assumptions_say_unknown_where_no_source_gives_the_rule(real: Dataset) -> None:
    """A cost that counts no thinking or no cache discount because the rule is unpublished says so in a copied row,
    instead of reading as if the model had none."""
    from macros import export

    known = rows.default_costs(real)
    said = {m["id"]: m["costs"] for m in export.models_document(real)["models"]}
    checked = 0
    for (model_id, scenario_id), cost in known.items():
        text = (said.get(model_id, {}).get(scenario_id) or [None, None, None])[2]
        if text is None:
            continue
        checked += 1
        unknown_thinking = cost.thinking in ("default unknown", "not recorded") and not cost.thinking_tokens
        assert ("thinking not published" in text) == unknown_thinking, (model_id, scenario_id, text)
        unknown_cache = cost.cache in ("not recorded", "rules unknown", "minimum unknown", "batch unknown")
        assert ("cache rules not published" in text) == unknown_cache, (model_id, scenario_id, text)
    assert checked > 100
