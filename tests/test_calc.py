"""Cost and wait arithmetic against cases worked out by hand."""

from decimal import Decimal as D

import pytest

from macros import calc
from macros.data.models import Prices, Tier


def prices(**fields: object) -> Prices:
    return Prices.model_validate({"input_mtok": D("3"), "output_mtok": D("15"), **fields})


def test_input_and_output_only() -> None:
    # 1,000 x $3 + 500 x $15 = $10,500 per million = $0.0105
    assert calc.interaction_cost(prices(), calc.Usage(input=1000, output=500)) == D("0.0105")


def test_cached_input_is_part_of_input() -> None:
    # (2,500 - 1,500) x 3 + 1,500 x 0.30 + 300 x 15 = 3,000 + 450 + 4,500 = 7,950 per million
    p = prices(cached_input_mtok=D("0.30"))
    assert calc.interaction_cost(p, calc.Usage(input=2500, output=300, cached_input=1500)) == D("0.00795")


def test_cached_input_without_a_cache_price_pays_the_input_price() -> None:
    assert calc.interaction_cost(prices(), calc.Usage(input=2500, output=300, cached_input=1500)) == D("0.012")


def test_reasoning_tokens_are_billed_as_output() -> None:
    # 1,000 x 2 + (250 + 2,000) x 10 = 2,000 + 22,500 = 24,500 per million
    p = Prices(input_mtok=D("2"), output_mtok=D("10"))
    assert calc.interaction_cost(p, calc.Usage(input=1000, output=250, reasoning=2000)) == D("0.0245")


LONG = Prices(
    input_mtok=D("1.25"), output_mtok=D("10"), cached_input_mtok=D("0.125"),
    batch_input_mtok=D("0.625"), batch_output_mtok=D("5"),
    tiers=[Tier(above_input_tokens=200_000, input_mtok=D("2.50"), output_mtok=D("15"), cached_input_mtok=D("0.25"))],
)


def test_long_context_tier_bills_the_whole_request_at_the_higher_band() -> None:
    # 250,000 x 2.50 + 1,000 x 15 = 625,000 + 15,000 = 640,000 per million
    assert calc.interaction_cost(LONG, calc.Usage(input=250_000, output=1000)) == D("0.64")


def test_tier_threshold_is_exclusive() -> None:
    # exactly 200,000: 200,000 x 1.25 + 1,000 x 10 = 260,000 per million
    assert calc.interaction_cost(LONG, calc.Usage(input=200_000, output=1000)) == D("0.26")


def test_tier_uses_its_own_cached_price() -> None:
    # (300,000 - 100,000) x 2.50 + 100,000 x 0.25 + 0 = 500,000 + 25,000
    assert calc.interaction_cost(LONG, calc.Usage(input=300_000, output=0, cached_input=100_000)) == D("0.525")


def test_highest_passed_tier_wins() -> None:
    banded = Prices(
        input_mtok=D("1.2"), output_mtok=D("6"),
        tiers=[
            Tier(above_input_tokens=32_000, input_mtok=D("2.4"), output_mtok=D("12")),
            Tier(above_input_tokens=128_000, input_mtok=D("3"), output_mtok=D("15")),
        ],
    )
    # 100,000 x 2.4 + 1,000 x 12 = 252,000; 200,000 x 3 + 1,000 x 15 = 615,000
    assert calc.interaction_cost(banded, calc.Usage(input=100_000, output=1000)) == D("0.252")
    assert calc.interaction_cost(banded, calc.Usage(input=200_000, output=1000)) == D("0.615")


def test_batch_prices_on_request() -> None:
    # 1,000 x 0.625 + 1,000 x 5 = 5,625 per million
    assert calc.interaction_cost(LONG, calc.Usage(input=1000, output=1000), batch=True) == D("0.005625")


def test_batch_on_a_long_prompt_discounts_the_long_band() -> None:
    # batch halves both prices, so the 2.50 / 15 band becomes 1.25 / 7.5: 250,000 x 1.25 + 1,000 x 7.5
    assert calc.interaction_cost(LONG, calc.Usage(input=250_000, output=1000), batch=True) == D("0.32")


def test_batch_without_batch_prices_is_an_error() -> None:
    with pytest.raises(ValueError, match="no batch prices"):
        calc.interaction_cost(prices(), calc.Usage(input=1, output=1), batch=True)


def test_cached_cannot_exceed_input() -> None:
    with pytest.raises(ValueError):
        calc.interaction_cost(prices(), calc.Usage(input=10, output=1, cached_input=11))


def test_money_stays_exact() -> None:
    # 0.1 + 0.2 in binary floats is 0.30000000000000004; in the calculation it is 0.3 exactly
    p = Prices(input_mtok=D("0.1"), output_mtok=D("0.2"))
    assert calc.interaction_cost(p, calc.Usage(input=1_000_000, output=1_000_000)) == D("0.3")


def test_monthly_cost() -> None:
    assert calc.monthly_cost(D("0.00795"), 1_000_000) == D("7950")


def test_wait_with_and_without_streaming() -> None:
    # first token at 0.5 s; 300 tokens at 100 tokens/s take 3 s more
    result = calc.wait(D("0.5"), D("100"), output_tokens=300)
    assert (result.first_word_streaming, result.full_answer) == (D("0.5"), D("3.5"))


def test_hidden_reasoning_delays_the_first_visible_word() -> None:
    result = calc.wait(D("0.5"), D("100"), output_tokens=300, reasoning_tokens=2000)
    assert (result.first_word_streaming, result.full_answer) == (D("20.5"), D("23.5"))


def test_wait_needs_a_positive_speed() -> None:
    with pytest.raises(ValueError):
        calc.wait(D("0.5"), D("0"), output_tokens=1)
