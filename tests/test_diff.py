"""`python -m macros diff`: the change report a pull request gets, run on real git repositories in tmp_path."""

from __future__ import annotations

import datetime as dt
import html
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from macros.data import rules
from macros.data.dataset import Listing
from macros.data.models import Provider
from macros.formatting import percent
from macros.report import diff

ROOT = Path(__file__).resolve().parent.parent
ACME = (Path(__file__).parent / "fixtures" / "data" / "providers" / "acme.yaml").read_text(encoding="utf-8")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def commit(repo: Path, text: str, message: str) -> None:
    (repo / "data" / "providers" / "acme.yaml").write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the fixture provider, committed once."""
    (tmp_path / "data" / "providers").mkdir(parents=True)
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "test@example.com")
    git(tmp_path, "config", "user.name", "Test")
    commit(tmp_path, ACME, "base")
    return tmp_path


def run_diff(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "macros", "diff", *args], cwd=repo, env=env,
                          capture_output=True, text=True)


def table_rows(markdown: str, heading: str) -> list[str]:
    """The body rows of the table under a ### heading, with character references shown as GitHub shows them."""
    section = markdown.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0]
    return [html.unescape(line) for line in section.splitlines() if line.startswith("| ")][2:]


def test_reports_changed_added_and_removed_models_between_two_commits(repo: Path) -> None:
    changed = ACME.replace("input_mtok: 1.25", "input_mtok: 1.50").replace("      cached_input_mtok: 0.125\n", "")
    small = changed.index("  - id: acme-small")
    changed = changed[:small] + changed[small:].replace("id: acme-small", "id: acme-mini").replace(
        "name: Acme Small", "name: Acme Mini")
    commit(repo, changed, "raise a price, drop the cached price, replace the small model")

    result = run_diff(repo, "HEAD~1", "HEAD")

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("## Price data: `HEAD~1` (")
    assert "2 price(s) changed, 1 model(s) added, 1 model(s) removed." in out
    assert table_rows(out, "Prices changed") == [
        "| <b>x|y</b> (`acme-large`) | Acme & Sons | `input_mtok` | 1.25 | 1.50 | +20% |",
        "| <b>x|y</b> (`acme-large`) | Acme & Sons | `cached_input_mtok` | 0.125 | not listed | n/a |",
    ]
    assert table_rows(out, "Models added") == [
        r"| Acme Mini (`acme-mini`) | Acme & Sons | 0.0375 | 0.15 | [2026-07-01](https://example.com/pricing#small) |",
    ]
    assert table_rows(out, "Models removed") == [r"| Acme Small (`acme-small`) | Acme & Sons | 0.0375 | 0.15 |"]


def test_without_head_compares_with_the_uncommitted_working_tree(repo: Path) -> None:
    (repo / "data" / "providers" / "acme.yaml").write_text(ACME.replace("output_mtok: 0.15", "output_mtok: 0.12"),
                                                           encoding="utf-8")
    result = run_diff(repo, "HEAD")
    assert result.returncode == 0, result.stderr
    assert "→ the working tree" in result.stdout
    assert table_rows(result.stdout, "Prices changed") == [
        r"| Acme Small (`acme-small`) | Acme & Sons | `output_mtok` | 0.15 | 0.12 | -20% |",
    ]


def test_no_change_says_so(repo: Path) -> None:
    result = run_diff(repo, "HEAD")
    assert result.returncode == 0
    assert "No model was added or removed, and no price changed." in result.stdout
    assert "###" not in result.stdout


def test_a_price_entered_per_thousand_tokens_fails_with_a_hint(repo: Path) -> None:
    commit(repo, ACME.replace("output_mtok: 0.15", "output_mtok: 0.00015"), "per-thousand slip")
    result = run_diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 1
    [row] = table_rows(result.stdout, "Check before merging")
    assert row.startswith("| error | `acme-small` | `prices.output_mtok` | is 1/1,000 of the previous 0.15: ")
    assert "not per thousand" in row
    assert "acme-small: prices.output_mtok: is 1/1,000" in result.stderr


def test_a_model_id_given_to_another_model_fails_with_a_hint(repo: Path) -> None:
    commit(repo, ACME.replace("name: Acme Small", "name: Zenith Tiny"), "reuse an id")
    result = run_diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 1
    [row] = table_rows(result.stdout, "Check before merging")
    assert row.startswith("| error | `acme-small` | `name` | this id was 'Acme Small' and now names 'Zenith Tiny': ")
    assert "an id stays with one model for good" in row


def test_a_small_rename_of_the_same_model_is_not_an_error(repo: Path) -> None:
    commit(repo, ACME.replace("name: Acme Small", "name: Acme small (2026)"), "tidy the name")
    result = run_diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 0, result.stdout
    assert "Check before merging" not in result.stdout


def test_an_old_revision_that_fails_todays_checks_is_reported_and_left_out(repo: Path) -> None:
    # The base holds a field today's models reject; the later commit fixes it and changes another price.
    old = ACME.replace("    verified: 2026-07-01", "    verified: 2026-07-01\n    discontinued: false")
    commit(repo, old, "an old shape")
    commit(repo, ACME.replace("input_mtok: 1.25", "input_mtok: 1.00"), "fix the shape, cut a price")

    result = run_diff(repo, "HEAD~1", "HEAD")

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "### Entries that fail today's checks in `HEAD~1` (" in out
    assert "data/providers/acme.yaml:63: models[1].discontinued: unknown field (got False)" in html.unescape(out)
    assert "Models added" not in out  # acme-small could not be read at the base: not called new
    assert [row.split(" | ")[2] for row in table_rows(out, "Prices changed")] == ["`input_mtok`"]


def test_an_unknown_revision_exits_2_and_says_why(repo: Path) -> None:
    result = run_diff(repo, "no-such-branch")
    assert result.returncode == 2
    assert "no-such-branch is not a commit" in result.stderr
    assert result.stdout == ""


def test_repo_option_reads_another_repository(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    commit(repo, ACME.replace("output_mtok: 0.15", "output_mtok: 0.30"), "double a price")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "macros", "diff", "--repo", str(repo), "HEAD~1", "HEAD"],
                            cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "| 0.15 | 0.30 | +100% |" in result.stdout


def _listing(provider: str, model_id: str, name: str, **prices: object) -> Listing:
    data = {
        "id": provider, "name": provider.title(), "pricing_page": "https://example.com",
        "models": [{"id": model_id, "name": name, "open_weights": False, "size_class": "small",
                    "prices": {"input_mtok": 1, "output_mtok": 2, **prices},
                    "source": "https://example.com", "verified": dt.date(2026, 1, 1)}],
    }
    p = Provider.model_validate(data)
    return Listing(p, p.models[0])


def test_compare_covers_long_context_bands_and_skips_unknown_ids() -> None:
    tier = {"above_input_tokens": 200000, "input_mtok": 2, "output_mtok": 4}
    base = {"m": _listing("p", "m", "M", tiers=[tier]), "gone": _listing("p", "gone", "Gone")}
    head = {"m": _listing("p", "m", "M", tiers=[{**tier, "output_mtok": 6}])}
    result = diff.compare(base, head, unknown={"gone"})
    assert result.removed == []
    [change] = result.changes
    assert (change.price, change.above_input_tokens, change.old, change.new) == ("output_mtok", 200000, 4, 6)
    assert change.percent == 50


@pytest.mark.parametrize(("old", "new", "hint"), [
    ("0.30", "300", "is 1,000× the previous 0.30"),
    ("0.30", "0.0003", "is 1/1,000 of the previous 0.30"),
    ("0.30", "3", None),
    ("0.30", "90", None),
])
def test_unit_slip_flags_only_thousandfold_changes(old: str, new: str, hint: str | None) -> None:
    found = rules.unit_slip(Decimal(old), Decimal(new))
    assert (found or "").startswith(hint or "") and (found is None) == (hint is None)


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("300"), "+300%"), (Decimal("-50"), "-50%"), (Decimal("2.54"), "+2.5%"),
    (Decimal("0.254"), "+0.25%"), (Decimal("1248.7"), "+1,249%"), (Decimal(0), "0%"),
])
def test_percent_is_signed_and_rounded_for_reading(value: Decimal, text: str) -> None:
    assert percent(value) == text


def test_a_thousandfold_slip_in_a_long_context_band_names_the_band() -> None:
    tier = {"above_input_tokens": 200000, "input_mtok": 2, "output_mtok": 4}
    base = {"m": _listing("p", "m", "M", tiers=[tier])}
    head = {"m": _listing("p", "m", "M", tiers=[{**tier, "input_mtok": 2000}])}
    [finding] = diff.compare(base, head).findings
    assert (finding.field, finding.severity) == ("prices.input_mtok above 200,000 input tokens", "error")
    assert finding.message.startswith("is 1,000× the previous 2:")
