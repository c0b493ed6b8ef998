"""Numbers for people: money, prices, token counts, seconds, dates. Pure functions, no markup."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _significant(value: Decimal, digits: int) -> Decimal:
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


@lru_cache(maxsize=1 << 14)
def money(value: Decimal) -> str:
    """A cost in USD, as precise as a reader needs: $0.0042, $4.20, $4,200; "free" for nothing at all.

    Remembered, as `price` is: equal amounts always read the same whatever their trailing zeros, and a build writes
    the same few thousand amounts many times over (every host of a model, every table and export that shows it)."""
    if value < 0:
        return "-" + money(-value)
    if value == 0:
        return "free"
    if value >= 1:
        cents = _round(value, 2)
        return f"${_round(value, 0):,.0f}" if cents >= 100 else f"${cents:,.2f}"
    small = _significant(value, 2)
    if small >= 1:  # 0.996 rounds up to 1.0
        return money(small)
    places = max(2, -small.adjusted() + 1)
    return f"${small:.{places}f}"


def money_in(value: Decimal, symbol: str, minor: int) -> str:
    """A cost in another currency by `money`'s rule, as the pages' script writes it with Intl.NumberFormat("en"): two
    significant digits below one unit, `minor` decimal places (the currency's minor unit: 2, or 0 for yen) below 100,
    whole units above; a symbol of letters (CHF) takes a no-break space. money_in(v, "$", 2) is money(v)."""
    if value == 0:
        return "free"
    symbol += "\u00a0" if symbol[-1].isalpha() else ""
    if value < 1:
        small = _significant(value, 2)
        if small < 1:
            return f"{symbol}{small:.{max(2, -small.adjusted() + 1)}f}"
        value = small
    places = minor if _round(value, minor) < 100 else 0
    return f"{symbol}{_round(value, places):,.{places}f}"


@lru_cache(maxsize=1 << 14)
def price(value: Decimal) -> str:
    """A list price per million tokens, exact as published, never fewer than two decimals: $3.00, $0.0375; "free"
    for a price of 0."""
    if value == 0:
        return "free"
    exact = value.normalize()
    places = max(2, -exact.as_tuple().exponent) if exact.as_tuple().exponent < 0 else 2
    return f"${value:,.{places}f}"


def count(value: int) -> str:
    """A whole number with thousands separators: 1,000,000."""
    return f"{value:,}"


def plural(value: int | Decimal, one: str, many: str | None = None) -> str:
    """The word that goes with a count: `one` for exactly 1, else `many` (by default `one` + "s"): model, models.
    Also picks a verb that agrees with the count: plural(n, "has", "have")."""
    return one if value == 1 else many or one + "s"


def counted(value: int, one: str, many: str | None = None) -> str:
    """A count with its noun, singular for one: 1 model, 2 models, 1,024 tokens, 0 searches (with many="searches")."""
    return f"{count(value)} {plural(value, one, many)}"


def tokens_short(value: int) -> str:
    """A token count in three significant figures, for a line too short for every digit: 1,048,576 is 1.05M and
    262,144 is 262K; a count under 1,000 stays whole."""
    for step, unit in ((1_000_000, "M"), (1_000, "K")):
        if value >= step:
            shown = _significant(Decimal(value) / step, 3).normalize()
            return f"{shown:f}{unit}"
    return str(value)


def seconds(value: Decimal) -> str:
    """A duration in seconds, or a published figure, rounded for people, without the unit (tables put it in
    the header): 0.74, 3.5, 42 (a source's 6.065 s reads 6.1; its 204.5 tokens/s reads 205)."""
    if value < 1:
        return f"{_round(value, 2)}"
    if value < 10:
        return f"{_round(value, 1)}"
    return f"{_round(value, 0):,.0f}"


def measured(value: Decimal) -> str:
    """A published figure, shown as the source gave it, without float noise."""
    text = f"{value.normalize():f}"
    whole, _, frac = text.partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


def ratio(value: Decimal) -> str:
    """How many times larger: 1.5×, 12×, 250×."""
    if value < 10:
        return f"{_round(value, 1)}×"
    return f"{_round(value, 0):,.0f}×"


def per_minute(value: Decimal) -> str:
    """A rate per minute worked out from a volume, rounded for people: 0.2, 7.5, 69, 173,611."""
    if value < 10:
        return f"{_round(value, 1)}"
    return f"{_round(value, 0):,.0f}"


def date(value: dt.date) -> str:
    """ISO dates everywhere: unambiguous in every locale."""
    return value.isoformat()


def percent(value: Decimal) -> str:
    """A change for people, always signed: +300%, -50%, +2.5%, +0.25%."""
    if value == 0:
        return "0%"
    places = 0 if abs(value) >= 10 else 1 if abs(value) >= 1 else 2
    return f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):+,f}%"


def share(value: Decimal) -> str:
    """A share of a whole (0.3 for three in ten) as a whole percentage, unsigned: 30%, 104%; under 1%, one decimal."""
    shown = value * 100
    return f"{_round(shown, 0 if shown >= 1 else 1):,f}%"


def plain(value: Decimal) -> str:
    """A number as a form field or a script reads it: no thousands separators, no exponent, no float noise."""
    return f"{value.normalize():f}"
