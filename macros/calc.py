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


DAYS_PER_MONTH = 30
"""A month, when a volume is counted per day."""


@dataclass(frozen=True)
class Conversation:
    """One interaction as the calculator prices it: its tokens, how many turns it takes, how many are retried."""

    usage: Usage
    turns: int = 1
    retry_percent: Decimal = Decimal(0)


def turn_usage(usage: Usage, turn: int) -> Usage:
    """The tokens of turn `turn` (counted from 0). Each turn resends the history: the earlier turns' uncached
    input and their output join the input, uncached; the cached part stays the same."""
    grown = usage.input + turn * (usage.input - usage.cached_input + usage.output)
    return Usage(grown, usage.output, usage.cached_input, usage.reasoning)


def conversation_cost(prices: Prices, conversation: Conversation, batch: bool = False) -> Decimal:
    """USD for every turn of the conversation, each at the band its own input reaches, then the retried share
    paid again in full."""
    turns = sum(interaction_cost(prices, turn_usage(conversation.usage, k), batch) for k in range(conversation.turns))
    return Decimal(turns) * (1 + conversation.retry_percent / 100)


def interactions_per_month(volume: int, per: str) -> int:
    """A volume counted per day or per month, as interactions a month."""
    if per not in ("day", "month"):
        raise ValueError(f"per must be day or month (got {per})")
    return volume * DAYS_PER_MONTH if per == "day" else volume


def per_thousand_users(per_interaction: Decimal, interactions_per_user_per_month: int) -> Decimal:
    """USD a month for 1,000 users who each have this many interactions a month."""
    return per_interaction * interactions_per_user_per_month * 1000


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
