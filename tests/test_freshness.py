"""Freshness: the site marks prices due for a check against the data's newest check; validate counts from today."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from fixture_ids import FIXTURE_CHAT

from macros.data import rules as freshness
from macros.data.dataset import Dataset
from macros.render import Links, tables

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "data"
LINKS = Links()



def with_small_checked(dataset: Dataset, verified: dt.date) -> Dataset:
    """The fixture dataset with acme-small checked on another date."""
    provider = dataset.providers[0]
    models = [m.model_copy(update={"verified": verified}) if m.id == "acme-small" else m for m in provider.models]
    return replace(dataset, providers=[provider.model_copy(update={"models": models})])


def small_row(html: str) -> str:
    return html.split('<tr id="model-acme-small">', 1)[1].split("</tr>", 1)[0]


@pytest.mark.parametrize(("days", "due"), [(0, False), (90, False), (91, True), (400, True)])
def test_a_price_is_due_after_90_days(days: int, due: bool) -> None:
    reference = dt.date(2026, 11, 20)
    assert freshness.age_days(reference - dt.timedelta(days=days), reference) == days
    assert freshness.is_due(reference - dt.timedelta(days=days), reference) is due


def test_the_table_counts_age_from_the_newest_check_not_from_the_build_date(fixture_data: Dataset) -> None:
    # Newest check 2026-11-20, acme-small checked 2026-07-01: 142 days, whatever the date of the build.
    html = tables.price_table(fixture_data, LINKS, **FIXTURE_CHAT)
    marked = "<p><strong>May be out of date:</strong> last checked 2026-07-01, 142 days before the newest prices here.</p>"
    assert marked in small_row(html)
    large = html.split('<tr id="model-acme-large">', 1)[1].split("</tr>", 1)[0]
    assert "days before" not in large and "May be out of date" not in large
    assert '"May be out of date" marks a price last checked more than 90 days before the newest ones' in html


@pytest.mark.parametrize(("days", "marked"), [(freshness.STALE_AFTER_DAYS, False), (freshness.STALE_AFTER_DAYS + 1, True)])
def test_the_table_uses_the_same_limit_as_validate(fixture_data: Dataset, days: int, marked: bool) -> None:
    dataset = with_small_checked(fixture_data, fixture_data.as_of - dt.timedelta(days=days))
    html = tables.price_table(dataset, LINKS, **FIXTURE_CHAT)
    row = small_row(html)
    assert (f"{days} days before the newest prices" in row) is marked
    assert ("<strong>May be out of date:</strong>" in row) is marked
    assert ('"May be out of date" marks' in html) is marked


def test_a_table_with_every_price_checked_on_the_same_day_shows_no_age(fixture_data: Dataset) -> None:
    html = tables.price_table(with_small_checked(fixture_data, fixture_data.as_of), LINKS, **FIXTURE_CHAT)
    assert "days before the newest" not in html and "Check due" not in html


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


def checked_days_ago(data: Path, large: int, small: int) -> Path:
    """Set both fixture models' check dates relative to today, as a contributor's clock sees them."""
    provider = data / "providers" / "acme.yaml"
    today = dt.date.today()
    text = provider.read_text(encoding="utf-8")
    text = text.replace("verified: 2026-11-20", f"verified: {today - dt.timedelta(days=large)}")
    text = text.replace("verified: 2026-07-01", f"verified: {today - dt.timedelta(days=small)}")
    provider.write_text(text, encoding="utf-8")
    return provider


def run_validate(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "macros", "validate", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_validate_warns_about_prices_older_than_90_days_and_exits_0(data: Path) -> None:
    checked_days_ago(data, large=0, small=100)
    result = run_validate(data.parent, "data/providers/acme.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"data/providers/acme.yaml:59: warning: models[1].verified: was checked 100 days ago, more than 90: "
        f"read the source again, then update the prices and this date (got {dt.date.today() - dt.timedelta(days=100)})"
    ]
    assert run_validate(data.parent, "--max-age", "180", "data/providers/acme.yaml").returncode == 0


def test_max_age_fails_and_lists_every_price_older_than_the_limit(data: Path) -> None:
    checked_days_ago(data, large=100, small=200)
    result = run_validate(data.parent, "--max-age", "180", "data/providers/acme.yaml")
    assert result.returncode == 1
    assert [line.split(": read the source")[0] for line in result.stderr.splitlines()] == [
        "data/providers/acme.yaml:59: models[1].verified: was checked 200 days ago, more than 180",
        "data/providers/acme.yaml:25: warning: models[0].verified: was checked 100 days ago, more than 90",
        "1 problem found, 1 warning",
    ]


def test_max_age_must_be_a_number_of_days(data: Path) -> None:
    result = run_validate(data.parent, "--max-age", "-1")
    assert result.returncode == 2
    assert "must be 0 or more days (got -1)" in result.stderr
