"""A scenario's cost on a model follows the model's own rules: thinking, caching, tiers, images and searches.

Every expected figure is worked out by hand in the comment above it, from the prices in MODEL
(USD per million tokens: input 3, output 15, cache read 0.30, cache write 3.75) and the scenario in
SCENARIO (2,500 input tokens of which a 1,500-token prefix, 300 output, thinking 300 / 1,000 / 3,000).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest

from macros import calc
from macros.data.models import Model, Scenario

BASE: dict[str, Any] = {
    "id": "m", "name": "M", "open_weights": False, "size_class": "large",
    "prices": {"input_mtok": D("3"), "output_mtok": D("15"), "cached_input_mtok": D("0.30"), "cache_write_mtok": D("3.75"),
               "batch_input_mtok": D("1.5"), "batch_output_mtok": D("7.5")},
    "source": "https://example.com/p", "verified": dt.date(2026, 11, 1),
}
EXPLICIT = {"mode": "explicit", "min_tokens": 1024, "with_batch": True, "source": "https://example.com/c"}


def model(**changes: Any) -> Model:
    return Model.model_validate({**BASE, **changes})


SCENARIO = Scenario.model_validate({
    "id": "s", "name": "S", "description": "A reply.", "input_tokens": 2500, "cacheable_prefix_tokens": 1500,
    "cache_hit_rate": D("0.9"), "cache_basis": "Assumed.", "output_tokens": 300,
    "thinking_tokens": {"low": 300, "medium": 1000, "high": 3000}, "thinking_basis": "Assumed.", "basis": "Assumed.",
    "use_case": "chat",
})
NO_CACHE = SCENARIO.model_copy(update={"cacheable_prefix_tokens": 0, "cache_hit_rate": D(0)})


def thinks(mode: str, default: str, default_effort: str | None = None, efforts: tuple[str, ...] = ()) -> dict[str, Any]:
    found: dict[str, Any] = {"mode": mode, "default": default, "efforts": list(efforts), "source": "https://example.com/r"}
    if default_effort:
        found["default_effort"] = default_effort
    return found


# --- thinking ----------------------------------------------------------------------------------------------------

def test_a_model_that_thinks_by_default_thinks_at_its_default_effort() -> None:
    # 2,500 x 3 + (300 + 3,000) x 15 = 7,500 + 49,500 = 57,000 per million
    cost = calc.scenario_cost(model(reasoning=thinks("always", "on", "high", ("low", "medium", "high"))), NO_CACHE)
    assert (cost.total, cost.thinking_tokens, cost.effort, cost.thinking) == (D("0.057"), 3000, "high", "default")


def test_an_unpublished_default_effort_is_taken_as_medium_and_said() -> None:
    # 2,500 x 3 + (300 + 1,000) x 15 = 7,500 + 19,500 = 27,000 per million
    cost = calc.scenario_cost(model(reasoning=thinks("always", "on")), NO_CACHE)
    assert (cost.total, cost.effort, cost.thinking) == (D("0.027"), "medium", "default assumed")


def test_a_model_that_thinks_only_when_asked_does_not_by_default_and_shows_the_range() -> None:
    # off: 2,500 x 3 + 300 x 15 = 12,000; high: 7,500 + 3,300 x 15 = 57,000
    m = model(reasoning=thinks("optional", "off", "high", ("low", "medium", "high")))
    cost = calc.scenario_cost(m, NO_CACHE)
    assert (cost.total, cost.thinking_tokens, cost.thinking) == (D("0.012"), 0, "off by default")
    spread = calc.cost_range(m, NO_CACHE)
    assert spread is not None and (spread.low.total, spread.high.total) == (D("0.012"), D("0.057"))


def test_a_model_that_always_thinks_ranges_from_its_lowest_effort() -> None:
    # low: 7,500 + 600 x 15 = 16,500 per million
    spread = calc.cost_range(model(reasoning=thinks("always", "on", "medium", ("low", "medium", "high"))), NO_CACHE)
    assert spread is not None and (spread.low.total, spread.low.effort) == (D("0.0165"), "low")
    with pytest.raises(ValueError, match="cannot be turned off"):
        calc.scenario_cost(model(reasoning=thinks("always", "on")), NO_CACHE, calc.Plan(effort="off"))


def test_no_thinking_is_counted_where_none_is_known() -> None:
    for reasoning, why in ((thinks("none", "off"), "never"), (None, "not recorded"),
                           (thinks("unknown", "unknown"), "not recorded"), (thinks("optional", "unknown"), "default unknown")):
        cost = calc.scenario_cost(model(reasoning=reasoning), NO_CACHE)
        assert (cost.total, cost.thinking) == (D("0.012"), why)
    assert calc.cost_range(model(reasoning=thinks("none", "off")), NO_CACHE) is None


def test_a_chosen_effort_wins() -> None:
    cost = calc.scenario_cost(model(reasoning=thinks("optional", "off")), NO_CACHE, calc.Plan(effort="low"))
    assert (cost.thinking_tokens, cost.thinking, cost.total) == (300, "chosen", D("0.0165"))


# --- caching -----------------------------------------------------------------------------------------------------

def test_an_explicit_cache_reads_hits_and_writes_misses() -> None:
    # 1,000 x 3 + 1,500 x (0.9 x 0.30 + 0.1 x 3.75) + 300 x 15 = 3,000 + 967.5 + 4,500 = 8,467.5 per million
    cost = calc.scenario_cost(model(caching=EXPLICIT), SCENARIO)
    assert (cost.total, cost.cache, cost.hit_rate) == (D("0.0084675"), "applied", D("0.9"))


def test_an_automatic_cache_charges_misses_the_input_price() -> None:
    # 3,000 + 1,500 x (0.9 x 0.30 + 0.1 x 3) + 4,500 = 3,000 + 855 + 4,500 = 8,355 per million
    cost = calc.scenario_cost(model(caching={**EXPLICIT, "mode": "automatic"}), SCENARIO)
    assert (cost.total, cost.cache) == (D("0.008355"), "applied")


def test_a_prefix_below_the_minimum_gets_no_discount() -> None:
    # 2,500 x 3 + 300 x 15 = 12,000 per million
    cost = calc.scenario_cost(model(caching={**EXPLICIT, "min_tokens": 4096}), SCENARIO)
    assert (cost.total, cost.cache, cost.cache_min_tokens) == (D("0.012"), "below minimum", 4096)


def test_without_caching_rules_there_is_no_discount() -> None:
    for caching, why in ((None, "not recorded"), ({**EXPLICIT, "mode": "unknown"}, "rules unknown"),
                         ({"mode": "none", "source": "https://example.com/c"}, "not offered")):
        prices = {**BASE["prices"], "cached_input_mtok": None} if caching and caching["mode"] == "none" else BASE["prices"]
        cost = calc.scenario_cost(model(caching=caching, prices=prices), SCENARIO)
        assert (cost.total, cost.cache) == (D("0.012"), why)


def test_an_explicit_cache_without_a_write_price_prices_misses_as_input_and_says_so() -> None:
    prices = {**BASE["prices"], "cache_write_mtok": None}
    cost = calc.scenario_cost(model(caching=EXPLICIT, prices=prices), SCENARIO)
    assert (cost.total, cost.cache_write_listed) == (D("0.008355"), False)


def test_a_hit_rate_can_be_chosen() -> None:
    # every request hits: 3,000 + 1,500 x 0.30 + 4,500 = 7,950 per million
    cost = calc.scenario_cost(model(caching=EXPLICIT), SCENARIO, calc.Plan(cache_hit_rate=D(1)))
    assert cost.total == D("0.00795")


# --- tiers -------------------------------------------------------------------------------------------------------

def test_batch_halves_the_prices_and_keeps_the_cache_where_it_combines() -> None:
    # 1,000 x 1.5 + 1,500 x (0.9 x 0.15 + 0.1 x 1.875) + 300 x 7.5 = 1,500 + 483.75 + 2,250 = 4,233.75 per million
    cost = calc.scenario_cost(model(caching=EXPLICIT), SCENARIO, calc.Plan(tier="batch"))
    assert (cost.total, cost.tier, cost.cache) == (D("0.00423375"), "batch", "applied")


def test_batch_drops_the_cache_where_the_two_do_not_combine() -> None:
    # 2,500 x 1.5 + 300 x 7.5 = 3,750 + 2,250 = 6,000 per million
    for with_batch, why in ((False, "not with batch"), (None, "batch unknown")):
        caching = {**EXPLICIT, "with_batch": with_batch} if with_batch is not None else {
            k: v for k, v in EXPLICIT.items() if k != "with_batch"}
        cost = calc.scenario_cost(model(caching=caching), SCENARIO, calc.Plan(tier="batch"))
        assert (cost.total, cost.cache) == (D("0.006"), why)


def test_a_service_tier_uses_its_own_prices_and_a_missing_one_falls_back_to_standard() -> None:
    tiers = {"flex": {"input_mtok": D("1.5"), "output_mtok": D("7.5"), "cached_input_mtok": D("0.15")},
             "source": "https://example.com/t"}
    # flex, automatic cache: 1,000 x 1.5 + 1,500 x (0.9 x 0.15 + 0.1 x 1.5) + 300 x 7.5 = 1,500 + 427.5 + 2,250
    m = model(service_tiers=tiers, caching={**EXPLICIT, "mode": "automatic"})
    flex = calc.scenario_cost(m, SCENARIO, calc.Plan(tier="flex"))
    assert (flex.total, flex.tier, flex.tier_offered) == (D("0.0041775"), "flex", True)
    fast = calc.scenario_cost(m, SCENARIO, calc.Plan(tier="fast"))
    assert (fast.tier, fast.asked_tier, fast.tier_offered) == ("standard", "fast", False)
    assert fast.total == calc.scenario_cost(m, SCENARIO).total


def test_a_tier_scales_the_long_context_band() -> None:
    prices = {**BASE["prices"], "tiers": [{"above_input_tokens": 2000, "input_mtok": D("6"), "output_mtok": D("22.5")}]}
    tiers = {"priority": {"input_mtok": D("6"), "output_mtok": D("30")}, "source": "https://example.com/t"}
    # the band doubles input and raises output 1.5 times; priority doubles both: 2,500 x 12 + 300 x 45 = 43,500
    cost = calc.scenario_cost(model(prices=prices, service_tiers=tiers), NO_CACHE, calc.Plan(tier="priority"))
    assert (cost.total, cost.band) == (D("0.0435"), 2000)


# --- images and searches -----------------------------------------------------------------------------------------

def test_an_image_is_billed_at_the_image_price_and_needs_a_model_that_takes_images() -> None:
    photo = NO_CACHE.model_copy(update={"image_tokens": 1600})
    units = {"image_input_mtok": D("1.25"), "source": "https://example.com/u"}
    # 900 x 3 + 1,600 x 1.25 + 300 x 15 = 2,700 + 2,000 + 4,500 = 9,200 per million
    cost = calc.scenario_cost(model(inputs=["text", "image"], unit_prices=units), photo)
    assert (cost.total, cost.unsupported) == (D("0.0092"), None)
    assert calc.scenario_cost(model(inputs=["text"]), photo).unsupported == "images"
    # Where no source says what a model takes, the cost says so, rather than that it cannot take images.
    assert calc.scenario_cost(model(), photo).unsupported == "images not recorded"


def test_a_web_search_adds_its_fee_or_says_none_is_listed() -> None:
    search = NO_CACHE.model_copy(update={"web_searches": 2})
    units = {"web_search_per_1k_calls": D("10"), "source": "https://example.com/u"}
    # 12,000 per million = 0.012, plus 2 x 10 / 1,000 = 0.02
    assert calc.scenario_cost(model(unit_prices=units), search).total == D("0.032")
    unlisted = calc.scenario_cost(model(), search)
    assert (unlisted.total, unlisted.search_fee_listed) == (D("0.012"), False)


# --- conversations -----------------------------------------------------------------------------------------------

def test_each_turn_resends_the_history_and_retries_are_paid_again() -> None:
    explicit = model(caching=EXPLICIT)
    request = calc.Request(2500, 300, 0, 1500, D(1))
    # turn 0: 1,000 x 3 + 1,500 x 0.30 + 4,500 = 7,950; turn 1 adds 1,000 + 300 plain: 2,300 x 3 + 450 + 4,500 = 11,850
    assert calc.turn_request(request, 1).input == 3800
    total = calc.conversation_cost(explicit, calc.Conversation(request, turns=2, retry_percent=D(10)))
    assert total == (D("7950") + D("11850")) / 1_000_000 * D("1.1")


def test_an_automatic_cache_serves_the_earlier_turns_of_a_conversation() -> None:
    automatic = model(caching={**EXPLICIT, "mode": "automatic"})
    request = calc.Request(2500, 300, 0, 1500, D(1))
    # turn 1 reads turn 0's whole 2,500-token prompt from the cache: 1,300 x 3 + 2,500 x 0.30 + 300 x 15 = 9,150
    assert calc.turn_request(request, 1, history_cached=True).prefix == 2500
    total = calc.conversation_cost(automatic, calc.Conversation(request, turns=2, retry_percent=D(10)))
    assert total == (D("7950") + D("9150")) / 1_000_000 * D("1.1")
