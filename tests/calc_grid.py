"""A grid of calculator cases generated from the real data, each with the figures macros.calc and
macros.formatting give for it: every model with every scenario, long-context bands crossed from
below and above (also by later turns of a conversation), batch prices with and without a batch
price listed, turns, retries, and volumes per day and per month.

tests/test_calculator_grid.py runs every case through the calculator's own JavaScript and requires
the same three figures: per interaction, per month and per 1,000 users.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from macros import calc
from macros import formatting as fmt
from macros.data.dataset import Dataset, Listing


@dataclass(frozen=True)
class GridCase:
    """One model and one set of calculator inputs, as the calculator's compute() takes them."""

    model: str
    input: int
    cached: int
    output: int
    reasoning: int
    turns: int
    retry: str
    batch: bool
    volume: int
    per: str
    perUser: int  # noqa: N815 - the name the script reads

    def inputs(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if k != "model"}


def expected(listing: Listing, case: GridCase) -> list[str]:
    """The three figures the calculator must show for `case`, from macros.calc and macros.formatting."""
    prices = listing.model.prices
    batch = case.batch and prices.batch_input_mtok is not None and prices.batch_output_mtok is not None
    usage = calc.Usage(case.input, case.output, case.cached, case.reasoning)
    each = calc.conversation_cost(prices, calc.Conversation(usage, case.turns, Decimal(case.retry)), batch)
    month = calc.monthly_cost(each, calc.interactions_per_month(case.volume, case.per))
    return [fmt.money(each), fmt.money(month), fmt.money(calc.per_thousand_users(each, case.perUser))]


RETRIES = ("0", "2.5", "10", "0.1")
VOLUMES = ((1, "day"), (1_234, "day"), (100_000, "month"), (7, "month"), (2_500_000, "month"))


def cases(dataset: Dataset) -> list[GridCase]:
    """At least a thousand cases, the same ones on every run."""
    found: list[GridCase] = []
    for m, listing in enumerate(dataset.listings):
        model = listing.model.id
        for s, scenario in enumerate(dataset.scenarios):
            volume, per = VOLUMES[(m + s) % len(VOLUMES)]
            base = dict(model=model, input=scenario.input_tokens, cached=scenario.cached_input_tokens,
                        output=scenario.output_tokens, reasoning=scenario.reasoning_tokens, volume=volume, per=per)
            found.append(GridCase(**base, turns=1, retry="0", batch=False, perUser=30))
            found.append(GridCase(**base, turns=1 + (m + s) % 5, retry=RETRIES[(m + s) % len(RETRIES)], batch=True,
                                  perUser=1 + (m * 7 + s) % 90))
            # the same tokens with nothing cached and twice the reasoning, over two turns
            found.append(GridCase(**{**base, "cached": 0, "reasoning": 2 * scenario.reasoning_tokens + 100}, turns=2,
                                  retry="0.1", batch=False, perUser=60))
        for tier in listing.model.prices.tiers:
            edge = tier.above_input_tokens
            for given in (edge, edge + 1, edge - 5_000):
                found.append(GridCase(model, given, 0, 500, 0, 1, "0", False, 1_000, "month", 30))
                found.append(GridCase(model, given, min(given // 4, 50_000), 800, 200, 1, "0", True, 1_000, "month", 30))
            # a conversation whose later turns cross into the band
            found.append(GridCase(model, edge // 3, 1_000, 2_000, 0, 4, "5", False, 10_000, "day", 12))
    return found
