"""Numbers formatted for people."""

import datetime as dt
from decimal import Decimal as D

import pytest

from macros import formatting as fmt


@pytest.mark.parametrize(("value", "shown"), [
    ("0.0042", "$0.0042"),
    ("4.2", "$4.20"),
    ("4200", "$4,200"),
    ("0.30000000000000004", "$0.30"),
    ("0.00795", "$0.0080"),
    ("0.000012345", "$0.000012"),
    ("0.996", "$1.00"),
    ("99.996", "$100"),
    ("123456.7", "$123,457"),
    ("0", "free"),
])
def test_money(value: str, shown: str) -> None:
    assert fmt.money(D(value)) == shown


@pytest.mark.parametrize(("value", "shown"), [
    ("3.00", "$3.00"), ("3", "$3.00"), ("0.0375", "$0.0375"), ("3.125", "$3.125"), ("0.00875", "$0.00875"),
    ("1250", "$1,250.00"), ("0", "free"), ("0.00", "free"),
])
def test_list_prices_are_exact(value: str, shown: str) -> None:
    assert fmt.price(D(value)) == shown


@pytest.mark.parametrize(("value", "shown"), [("0.745", "0.75"), ("3.456", "3.5"), ("42.5", "43"), ("1234", "1,234")])
def test_seconds(value: str, shown: str) -> None:
    assert fmt.seconds(D(value)) == shown


def test_measured_figures_keep_their_digits() -> None:
    assert fmt.measured(D("0.597")) == "0.597"
    assert fmt.measured(D("2.4E+3")) == "2,400"
    assert fmt.measured(D("204.5")) == "204.5"


def test_counts_ratios_and_dates() -> None:
    assert fmt.count(1_000_000) == "1,000,000"
    assert fmt.ratio(D("250.4")) == "250×"
    assert fmt.ratio(D("1.55")) == "1.6×"
    assert fmt.date(dt.date(2026, 11, 20)) == "2026-11-20"
