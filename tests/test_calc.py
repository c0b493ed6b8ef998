"""Cost and wait arithmetic against cases worked out by hand."""

import datetime as dt
from decimal import Decimal as D

import pytest

from macros import calc
from macros.data.models import Model, Prices, Tier

AUTO_CACHE = {"mode": "automatic", "min_tokens": 1, "source": "https://example.com/c"}


def prices(**fields: object) -> Prices:
    return Prices.model_validate({"input_mtok": D("3"), "output_mtok": D("15"), **fields})


def cost(prices: Prices, input: int, output: int, cached: int = 0, thinking: int = 0,
         tier: calc.ServiceTier = "standard") -> calc.Cost:
    """One request on a model with these prices whose cache (automatic, from one token) holds the first `cached` tokens."""
    model = Model.model_validate({"id": "m", "name": "M", "open_weights": False, "size_class": "large",
                                  "prices": prices.model_dump(), "caching": AUTO_CACHE,
                                  "source": "https://example.com/p", "verified": dt.date(2026, 11, 1)})
    return calc.request_cost(model, calc.Request(input, output, thinking, prefix=cached, hit_rate=D(1)), tier)


def test_input_and_output_only() -> None:
    # 1,000 x $3 + 500 x $15 = $10,500 per million = $0.0105
    assert cost(prices(), 1000, 500).total == D("0.0105")


def test_cached_input_is_part_of_input() -> None:
    # (2,500 - 1,500) x 3 + 1,500 x 0.30 + 300 x 15 = 3,000 + 450 + 4,500 = 7,950 per million
    assert cost(prices(cached_input_mtok=D("0.30")), 2500, 300, cached=1500).total == D("0.00795")


def test_cached_input_without_a_cache_price_pays_the_input_price() -> None:
    found = cost(prices(), 2500, 300, cached=1500)
    assert (found.total, found.cache) == (D("0.012"), "no cache price")


def test_thinking_tokens_are_billed_as_output() -> None:
    # 1,000 x 2 + (250 + 2,000) x 10 = 2,000 + 22,500 = 24,500 per million
    assert cost(Prices(input_mtok=D("2"), output_mtok=D("10")), 1000, 250, thinking=2000).total == D("0.0245")


LONG = Prices(
    input_mtok=D("1.25"), output_mtok=D("10"), cached_input_mtok=D("0.125"),
    batch_input_mtok=D("0.625"), batch_output_mtok=D("5"),
    tiers=[Tier(above_input_tokens=200_000, input_mtok=D("2.50"), output_mtok=D("15"), cached_input_mtok=D("0.25"))],
)


def test_long_context_tier_bills_the_whole_request_at_the_higher_band() -> None:
    # 250,000 x 2.50 + 1,000 x 15 = 625,000 + 15,000 = 640,000 per million
    found = cost(LONG, 250_000, 1000)
    assert (found.total, found.band) == (D("0.64"), 200_000)


def test_tier_threshold_is_exclusive() -> None:
    # exactly 200,000: 200,000 x 1.25 + 1,000 x 10 = 260,000 per million
    found = cost(LONG, 200_000, 1000)
    assert (found.total, found.band) == (D("0.26"), None)


def test_tier_uses_its_own_cached_price() -> None:
    # (300,000 - 100,000) x 2.50 + 100,000 x 0.25 + 0 = 500,000 + 25,000
    assert cost(LONG, 300_000, 0, cached=100_000).total == D("0.525")


def test_highest_passed_tier_wins() -> None:
    banded = Prices(
        input_mtok=D("1.2"), output_mtok=D("6"),
        tiers=[
            Tier(above_input_tokens=32_000, input_mtok=D("2.4"), output_mtok=D("12")),
            Tier(above_input_tokens=128_000, input_mtok=D("3"), output_mtok=D("15")),
        ],
    )
    # 100,000 x 2.4 + 1,000 x 12 = 252,000; 200,000 x 3 + 1,000 x 15 = 615,000
    assert cost(banded, 100_000, 1000).total == D("0.252")
    assert cost(banded, 200_000, 1000).total == D("0.615")


def test_batch_prices_on_request() -> None:
    # 1,000 x 0.625 + 1,000 x 5 = 5,625 per million
    found = cost(LONG, 1000, 1000, tier="batch")
    assert (found.total, found.tier) == (D("0.005625"), "batch")


def test_batch_on_a_long_prompt_discounts_the_long_band() -> None:
    # batch halves both prices, so the 2.50 / 15 band becomes 1.25 / 7.5: 250,000 x 1.25 + 1,000 x 7.5
    assert cost(LONG, 250_000, 1000, tier="batch").total == D("0.32")


def test_batch_without_batch_prices_falls_back_to_standard_and_says_so() -> None:
    found = cost(prices(), 1000, 500, tier="batch")
    assert (found.total, found.tier, found.asked_tier) == (D("0.0105"), "standard", "batch")


def test_money_stays_exact() -> None:
    # 0.1 + 0.2 in binary floats is 0.30000000000000004; in the calculation it is 0.3 exactly
    assert cost(Prices(input_mtok=D("0.1"), output_mtok=D("0.2")), 1_000_000, 1_000_000).total == D("0.3")


def test_monthly_cost() -> None:
    assert calc.monthly_cost(D("0.00795"), 1_000_000) == D("7950")


def test_wait_with_and_without_streaming() -> None:
    # first token at 0.5 s; 300 tokens at 100 tokens/s take 3 s more
    result = calc.wait(D("0.5"), D("100"), output_tokens=300)
    assert (result.first_word, result.full_answer, result.not_streaming) == (D("0.5"), D("3.5"), D("3.5"))


def test_hidden_thinking_delays_the_first_visible_word() -> None:
    # 2,000 thinking tokens at 100 tokens/s add 20 s before the first word
    result = calc.wait(D("0.5"), D("100"), output_tokens=300, thinking_tokens=2000)
    assert (result.first_word, result.full_answer, result.thinking) == (D("20.5"), D("23.5"), D("20"))


def test_the_network_adds_its_round_trips_first_and_the_download_without_streaming() -> None:
    # 150 ms x 3 round trips = 0.45 s; 300 tokens x 4 characters x 8 bits at 1,600 kbit/s = 9,600 / 1,600,000 = 0.006 s
    network = calc.network_seconds(D("150"), 3)
    download = calc.download_seconds(300, D("4"), D("1600"))
    result = calc.wait(D("0.5"), D("100"), 300, network_s=network, download_s=download)
    assert (network, download) == (D("0.45"), D("0.006"))
    assert (result.first_word, result.full_answer, result.not_streaming) == (D("0.95"), D("3.95"), D("3.956"))


BANDS = [calc.Band("feels instant", D("0.1")), calc.Band("keeps flow", D("1")),
         calc.Band("needs a progress state", D("10")), calc.Band("needs a background job", None)]


@pytest.mark.parametrize(("seconds", "words"), [
    ("0", "feels instant"), ("0.1", "feels instant"), ("0.1001", "keeps flow"), ("1", "keeps flow"),
    ("1.01", "needs a progress state"), ("10", "needs a progress state"), ("10.001", "needs a background job"),
    ("600", "needs a background job"),
])
def test_a_wait_at_a_band_s_end_is_in_that_band(seconds: str, words: str) -> None:
    assert BANDS[calc.band_index(D(seconds), BANDS)].words == words


def test_meeting_a_target_includes_the_target_itself() -> None:
    assert (calc.meets(D("1"), D("1")), calc.meets(D("1.001"), D("1")), calc.meets(D("5"), None)) == (True, False, None)


def test_wait_needs_a_positive_speed() -> None:
    with pytest.raises(ValueError):
        calc.wait(D("0.5"), D("0"), output_tokens=1)
