"""Bad data is reported with the exact message a contributor needs; good data passes.

The catalogue in tests/bad_data/ holds one mistake per file; see tests/bad_data/README.md.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.data import types
from macros.data.problems import DataError
from macros.data.validate import load_dataset

ROOT = Path(__file__).resolve().parent.parent
BAD_DATA = Path(__file__).resolve().parent / "bad_data"
TODAY = dt.date(2026, 11, 28)

# Small valid files that make a complete project around one bad file. base.yaml's model id is on line 5.
COMPANIONS = {
    "data/providers/base.yaml": """\
id: base
name: Base
pricing_page: https://example.com/pricing
models:
  - id: base-model
    name: Base Model
    open_weights: false
    size_class: small
    prices:
      input_mtok: 1
      output_mtok: 2
    source: https://example.com/pricing
    verified: 2026-11-01
""",
    "data/scenarios.yaml": """\
scenarios:
  - id: chat
    name: Chat
    description: A reply.
    input_tokens: 1000
    output_tokens: 300
    thinking_tokens: {low: 100, medium: 300, high: 900}
    thinking_basis: Assumed for the tests.
    basis: Assumed for the tests.
    use_case: chat
monthly_volumes: [1000, 10000]
""",
    "data/latency.yaml": """\
observations:
  - id: lat-a
    model: base-model
    served_by: Base
    route: direct
    metric: ttft_s
    value: 0.5
    statistic: median
    includes_thinking: "no"
    conditions: Not stated
    source: https://example.com/bench
    publisher: Bench
    source_type: independent_benchmark
    observed: "2026-06"
    date_precision: month
""",
    "data/network.yaml": """\
profiles:
  - id: fast
    name: Fast
    description: A test profile.
    rtt_ms: 40
    downlink_kbps: 10240
    preset: testFast
    source: https://example.com/presets
    publisher: Example
    checked: 2026-11-01
connection:
  request_round_trips: 1
  new_connection_round_trips: 2
  basis: Assumed for the tests.
  sources:
    - https://example.com/tcp
  checked: 2026-11-01
text:
  characters_per_token: 4
  source: https://example.com/tokens
  publisher: Example
  checked: 2026-11-01
""",
    "data/targets.yaml": """\
thresholds:
  - id: flow
    name: Keeps flow
    seconds: 1
    meaning: The limit before thought breaks.
    source: https://example.com/limits
    publisher: Limits
    evidence: moderate
    evidence_note: An expert guideline.
    checked: 2026-11-01
verdicts:
  - words: keeps flow
    threshold: flow
  - words: needs a progress state
use_cases:
  - id: chat
    name: Chat
    description: A reply.
    first_word: flow
    basis: Assumed for the tests.
    advice:
      - verdict: keeps flow
        do: Fine.
      - verdict: needs a progress state
        do: Show progress.
""",
}


@dataclass
class Case:
    """One file of the catalogue: its text, where it goes in the project, and what it must report."""

    name: str
    text: str
    target: str
    expect: list[str]
    xfail: str | None


def read_case(path: Path) -> Case:
    text = path.read_text(encoding="utf-8")
    header = dict.fromkeys(("as", "xfail"))
    expect = []
    for key, value in re.findall(r"^# (as|xfail|expect): (.+)$", text, flags=re.MULTILINE):
        if key == "expect":
            expect.append(value)
        else:
            header[key] = value
    return Case(path.stem, text, header["as"], expect, header["xfail"])


CASES = [read_case(path) for path in sorted(BAD_DATA.glob("*.yaml"))]


def make_project(root: Path, files: dict[str, str]) -> Path:
    """Write the companions, then `files` over them; return the data folder."""
    for name, text in {**COMPANIONS, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root / "data"


def problems(data_dir: Path) -> list[str]:
    """Every problem load_dataset reports, as printed, sorted."""
    try:
        load_dataset(data_dir, today=TODAY)
    except DataError as exc:
        return sorted(str(problem) for problem in exc.problems)
    return []


def test_companions_alone_are_valid(tmp_path: Path) -> None:
    assert problems(make_project(tmp_path, {})) == []


def test_catalogue_is_complete() -> None:
    assert len(CASES) >= 24
    for case in CASES:
        assert case.target and case.target.startswith("data/"), f"{case.name}: no '# as: data/...' line"
        assert case.expect, f"{case.name}: no '# expect:' line"
        assert case.text.startswith("# "), f"{case.name}: must start with a comment saying what it tests"


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(reason=c.xfail, strict=True)) if c.xfail else c for c in CASES],
    ids=[c.name for c in CASES],
)
def test_bad_data_reports_exactly_the_expected_problems(case: Case, tmp_path: Path) -> None:
    data_dir = make_project(tmp_path, {case.target: case.text})
    assert problems(data_dir) == sorted(case.expect)


def test_one_run_reports_every_problem_in_a_file(tmp_path: Path) -> None:
    case = read_case(BAD_DATA / "several_problems.yaml")
    with pytest.raises(DataError) as caught:
        load_dataset(make_project(tmp_path, {case.target: case.text}), today=TODAY)
    fields = [problem.field for problem in caught.value.problems]
    assert sorted(fields) == ["models[0].prices.output_mtok", "models[0].size_class", "models[0].source"]


def test_one_run_reports_problems_in_several_files(tmp_path: Path) -> None:
    files = {name: read_case(BAD_DATA / f"{name}.yaml") for name in ("negative_price", "latency_value_zero")}
    data_dir = make_project(tmp_path, {case.target: case.text for case in files.values()})
    assert problems(data_dir) == sorted(line for case in files.values() for line in case.expect)


def test_duplicate_key_names_the_line_of_its_first_occurrence(tmp_path: Path) -> None:
    text = COMPANIONS["data/providers/base.yaml"].replace("    source:", "    name: Again\n    source:")
    with pytest.raises(DataError) as caught:
        load_dataset(make_project(tmp_path, {"data/providers/base.yaml": text}), today=TODAY)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (12, "models[0].name")
    assert "first given on line 6" in problem.message


def test_real_data_is_valid_and_complete(root: Path) -> None:
    today = dt.date.today()
    dataset = load_dataset(root / "data", today=today)
    assert len(dataset.listings) >= 50
    assert len(dataset.providers) >= 9
    for listing in dataset.listings:
        assert listing.model.source.startswith("https://"), listing.model.id
        assert listing.model.verified <= today, listing.model.id


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m macros validate ARGS` from `cwd`. It checks against the real date, so the cases used
    here must not depend on today, and a price-age warning may appear beside the expected lines."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "macros", "validate", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_cli_fails_with_the_message_on_a_bad_file(tmp_path: Path) -> None:
    case = read_case(BAD_DATA / "negative_price.yaml")
    make_project(tmp_path, {case.target: case.text})
    result = run_cli(str(tmp_path / case.target), cwd=tmp_path)
    assert result.returncode == 1
    assert case.expect[0] in result.stderr.splitlines()
    assert "1 problem found" in result.stderr


def test_cli_passes_good_files(tmp_path: Path) -> None:
    make_project(tmp_path, {})
    result = run_cli(*COMPANIONS, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "5 files valid" in result.stdout


def test_cli_passes_the_real_data(root: Path) -> None:
    result = run_cli(cwd=root)
    assert result.returncode == 0, result.stderr
    assert "data/ is valid" in result.stdout


def test_the_first_day_of_the_date_range_is_accepted(tmp_path: Path) -> None:
    """types.EARLIEST_DATE itself is a valid date: the range is inclusive (the cases in bad_data/ check the other side)."""
    text = COMPANIONS["data/providers/base.yaml"].replace("verified: 2026-11-01", f"verified: {types.EARLIEST_DATE}")
    assert problems(make_project(tmp_path, {"data/providers/base.yaml": text})) == []
