"""Pure, exact arithmetic on the dataset: money in Decimal, no formatting, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from macros.data.models import Prices, Scenario

MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Usage:
    """Tokens in one interaction. `cached_input` is the part of `input` read from the prompt cache."""

    input: int
    output: int
    cached_input: int = 0
    reasoning: int = 0

    @classmethod
    def of(cls, scenario: Scenario) -> Usage:
        """The usage a scenario describes."""
        return cls(scenario.input_tokens, scenario.output_tokens, scenario.cached_input_tokens, scenario.reasoning_tokens)


@dataclass(frozen=True)
class Rates:
    """The per-million-token prices that apply to one request."""

    input: Decimal
    output: Decimal
    cached_input: Decimal


def rates_for(prices: Prices, input_tokens: int, batch: bool = False) -> Rates:
    """Pick the prices one request pays.

    The highest long-context tier whose threshold the input passes replaces the base prices.
    Batch prices apply on request, where the provider lists them; a cached-input price that is
    not listed falls back to the input price, since the cache then saves nothing.
    """
    input_rate, output_rate, cached_rate = prices.input_mtok, prices.output_mtok, prices.cached_input_mtok
    for tier in prices.tiers:
        if input_tokens > tier.above_input_tokens:
            input_rate, output_rate, cached_rate = tier.input_mtok, tier.output_mtok, tier.cached_input_mtok
    if batch:
        if prices.batch_input_mtok is None or prices.batch_output_mtok is None:
            raise ValueError("no batch prices listed for this model")
        # Batch discounts scale whichever band applies.
        input_rate = input_rate * prices.batch_input_mtok / prices.input_mtok if prices.input_mtok else prices.batch_input_mtok
        output_rate = (
            output_rate * prices.batch_output_mtok / prices.output_mtok if prices.output_mtok else prices.batch_output_mtok
        )
    return Rates(input_rate, output_rate, cached_rate if cached_rate is not None else input_rate)


def interaction_cost(prices: Prices, usage: Usage, batch: bool = False) -> Decimal:
    """USD for one interaction: fresh input, cached input, and output plus reasoning at the output price."""
    if usage.cached_input > usage.input:
        raise ValueError("cached input tokens cannot exceed input tokens")
    rates = rates_for(prices, usage.input, batch)
    fresh = usage.input - usage.cached_input
    total = fresh * rates.input + usage.cached_input * rates.cached_input + (usage.output + usage.reasoning) * rates.output
    return total / MILLION


def monthly_cost(per_interaction: Decimal, interactions_per_month: int) -> Decimal:
    """USD per month at a volume."""
    return per_interaction * interactions_per_month


@dataclass(frozen=True)
class Wait:
    """Seconds a user waits, with and without streaming."""

    first_word_streaming: Decimal
    full_answer: Decimal


def wait(ttft_s: Decimal, tokens_per_s: Decimal, output_tokens: int, reasoning_tokens: int = 0) -> Wait:
    """Time to the first visible word with streaming, and to the full answer without it.

    Hidden reasoning tokens are generated before the first visible word, at the same speed.
    Without streaming nothing shows until the last token: ttft + all tokens / speed.
    """
    if tokens_per_s <= 0:
        raise ValueError("tokens per second must be positive")
    first = ttft_s + Decimal(reasoning_tokens) / tokens_per_s
    return Wait(first, first + Decimal(output_tokens) / tokens_per_s)


def percent_change(old: Decimal | None, new: Decimal | None) -> Decimal | None:
    """(new - old) / old in percent; None when it cannot be computed."""
    if old is None or new is None or old == 0:
        return None
    return (new - old) / old * 100
