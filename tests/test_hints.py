"""Mistakes contributors make, caught by `validate` with a hint; warnings print but never fail."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from macros.data.problems import DataError, Problem
from macros.data.validate import check_files, load_dataset, review_files

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "data"
TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the fixture data to break."""
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


def edit(data: Path, old: str, new: str) -> Path:
    provider = data / "providers" / "acme.yaml"
    text = provider.read_text(encoding="utf-8")
    assert old in text
    provider.write_text(text.replace(old, new, 1), encoding="utf-8")
    return provider


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_a_cached_price_above_the_input_price_is_an_error(data: Path) -> None:
    provider = edit(data, "cached_input_mtok: 0.125", "cached_input_mtok: 12.5")
    problems = check_files([provider], data.parent, TODAY)
    assert messages(problems) == [
        f"data/providers/acme.yaml:{line_of(provider, '12.5')}: models[0].prices.cached_input_mtok: must not exceed "
        "input_mtok, 1.25: a cache read costs less than a fresh input token, so check the two are not swapped (got 12.5)"
    ]
    with pytest.raises(DataError, match="cached_input_mtok: must not exceed input_mtok"):
        load_dataset(data, TODAY)


def test_a_cached_price_above_the_input_price_in_a_long_context_band_is_an_error(data: Path) -> None:
    provider = edit(data, "cached_input_mtok: 0.25", "cached_input_mtok: 25")
    [problem] = check_files([provider], data.parent, TODAY)
    assert problem.field == "models[0].prices.tiers[0].cached_input_mtok"


def test_output_cheaper_than_input_is_a_warning_that_does_not_stop_the_build(data: Path) -> None:
    provider = edit(data, "output_mtok: 0.15", "output_mtok: 0.015")
    assert check_files([provider], data.parent, TODAY) == []
    [warning] = [p for p in review_files([provider], data.parent, TODAY) if p.field.endswith("output_mtok")]
    assert warning.severity == "warning"
    assert str(warning) == (
        f"data/providers/acme.yaml:{line_of(provider, '0.015')}: warning: models[1].prices.output_mtok: is below "
        "input_mtok, 0.0375: output almost always costs more than input, so check the two are not swapped (got 0.015)"
    )
    assert load_dataset(data, TODAY).listing("acme-small").model.prices.output_mtok == Decimal("0.015")


@pytest.mark.parametrize(("new", "hint"), [
    ("0.000435", "is 1/1,000 of the previous 0.435: prices are per million tokens, not per thousand; "
                 "multiply a per-thousand price by 1,000 (got 0.000435)"),
    ("435", "is 1,000× the previous 0.435: prices are per million tokens; "
            "if the source already quotes per million, copy its number without multiplying (got 435)"),
])
def test_a_price_a_thousandfold_off_its_newest_history_entry_is_an_error(data: Path, new: str, hint: str) -> None:
    provider = edit(data, "input_mtok: 1.25", f"input_mtok: {new}")
    problems = [p for p in check_files([provider], data.parent, TODAY) if p.field == "models[0].prices.input_mtok"]
    assert messages(problems) == [f"data/providers/acme.yaml:{line_of(provider, new)}: models[0].prices.input_mtok: {hint}"]


def test_an_ordinary_price_rise_over_history_passes(data: Path) -> None:
    provider = edit(data, "input_mtok: 1.25", "input_mtok: 4.35")
    assert check_files([provider], data.parent, TODAY) == []


def run_validate(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "macros", "validate", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_cli_prints_warnings_and_exits_0_but_exits_1_on_errors(data: Path) -> None:
    provider = edit(data, "output_mtok: 0.15", "output_mtok: 0.015")
    # dates in the fixture would also draw age warnings; keep this test about the hint alone
    for old in ("verified: 2026-11-20", "verified: 2026-07-01"):
        edit(data, old, f"verified: {dt.date.today().isoformat()}")
    warned = run_validate(data.parent, "data/providers/acme.yaml")
    assert warned.returncode == 0, warned.stderr
    assert "warning: models[1].prices.output_mtok: is below input_mtok" in warned.stderr
    assert warned.stdout == "1 file valid, 1 warning\n"

    edit(data, "cached_input_mtok: 0.125", "cached_input_mtok: 12.5")
    failed = run_validate(data.parent, str(provider))
    assert failed.returncode == 1
    assert "models[0].prices.cached_input_mtok: must not exceed input_mtok" in failed.stderr
    assert failed.stderr.rstrip().endswith("1 problem found, 1 warning")
