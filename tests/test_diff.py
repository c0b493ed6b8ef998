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
from pydantic import create_model

from macros.data import rules
from macros.data.dataset import Listing
from macros.data.models import Caching, Model, Provider, UnitPrices
from macros.data.types import Price
from macros.formatting import percent
from macros.report import diff

ROOT = Path(__file__).resolve().parent.parent
ACME = (Path(__file__).parent / "fixtures" / "data" / "providers" / "acme.yaml").read_text(encoding="utf-8")
MODELS = (Path(__file__).parent / "fixtures" / "data" / "models.yaml").read_text(encoding="utf-8")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def commit(repo: Path, text: str, message: str, models: str = MODELS) -> None:
    (repo / "data" / "providers" / "acme.yaml").write_text(text, encoding="utf-8")
    (repo / "data" / "models.yaml").write_text(models, encoding="utf-8")
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


def table_rows(markdown: str, heading: str, level: str = "###") -> list[str]:
    """The body rows of the table under a heading, with character references shown as GitHub shows them."""
    section = html.unescape(markdown).split(f"\n{level} {heading}\n", 1)[1].split("\n#", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ")][2:]


def changed_rows(markdown: str, group: str) -> list[str]:
    """The rows of one model's or file's table of changed fields."""
    return table_rows(markdown, group, "####")


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
    assert "2 fields changed, 2 of them prices; 1 model added, 1 model removed." in out
    assert changed_rows(out, "<b>x|y</b> (`acme-large`), Acme & Sons") == [
        "| `prices.input_mtok` | 1.25 | 1.50 | +20% |",
        "| `prices.cached_input_mtok` | 0.125 | not listed |  |",
    ]
    assert table_rows(out, "Models added") == [
        r"| Acme Mini (`acme-mini`) | Acme & Sons | 0.0375 | 0.15 | [2026-07-01](https://example.com/pricing#small) |",
    ]
    assert table_rows(out, "Models removed") == [r"| Acme Small (`acme-small`) | Acme & Sons | 0.0375 | 0.15 |"]


def test_without_head_compares_with_the_uncommitted_working_tree(repo: Path) -> None:
    (repo / "data" / "providers" / "acme.yaml").write_text(ACME.replace("output_mtok: 0.15", "output_mtok: 0.12", 1),
                                                           encoding="utf-8")
    result = run_diff(repo, "HEAD")
    assert result.returncode == 0, result.stderr
    assert "→ the working tree" in result.stdout
    assert changed_rows(result.stdout, "Acme Small (`acme-small`), Acme & Sons") == [
        "| `prices.output_mtok` | 0.15 | 0.12 | -20% |",
    ]


def test_no_change_says_so(repo: Path) -> None:
    result = run_diff(repo, "HEAD")
    assert result.returncode == 0
    assert "No model was added or removed, and no field changed." in result.stdout
    assert "###" not in result.stdout


def test_a_price_entered_per_thousand_tokens_fails_with_a_hint(repo: Path) -> None:
    commit(repo, ACME.replace("output_mtok: 0.15", "output_mtok: 0.00015", 1), "per-thousand slip")
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
    assert "data/providers/acme.yaml:60: models[1].discontinued: unknown field (got False)" in html.unescape(out)
    assert "Models added" not in out  # acme-small could not be read at the base: not called new
    assert out.count("\n#### ") == 1
    assert changed_rows(out, "<b>x|y</b> (`acme-large`), Acme & Sons") == ["| `prices.input_mtok` | 1.25 | 1.00 | -20% |"]


def test_an_unknown_revision_exits_2_and_says_why(repo: Path) -> None:
    result = run_diff(repo, "no-such-branch")
    assert result.returncode == 2
    assert "no-such-branch is not a commit" in result.stderr
    assert result.stdout == ""


def test_repo_option_reads_another_repository(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    commit(repo, ACME.replace("output_mtok: 0.15", "output_mtok: 0.30", 1), "double a price")
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
    assert (change.field, change.old, change.new) == ("prices.tiers[200000].output_mtok", 4, 6)
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
    assert (finding.field, finding.severity) == ("prices.tiers[200000].input_mtok", "error")
    assert finding.message.startswith("is 1,000× the previous 2:")


TIERS_AND_UNITS = """      priority:
        input_mtok: 2.50
        output_mtok: 20.00
    unit_prices:
      web_search_per_1k_calls: 10.00
      source: https://example.com/tools
"""


def test_links_tiers_unit_prices_and_behaviour_changes_all_reach_the_report(repo: Path) -> None:
    # The attack from issue 21: every link to another host and a thousandfold priority-tier price and
    # web-search fee, which the report used to sum up as "no price changed".
    # The fixture's acme-large has an off-peak tier already: the priority tier joins it, then unit prices follow.
    tiers_source = "      source: https://example.com/pricing#off-peak\n"
    assert tiers_source in ACME
    base = ACME.replace(tiers_source, TIERS_AND_UNITS.replace("    unit_prices:", tiers_source + "    unit_prices:"), 1)
    commit(repo, base, "add tiers and unit prices")
    head = (base.replace("https://example.com/", "https://example.net/")
            .replace("input_mtok: 2.50\n        output_mtok: 20.00", "input_mtok: 2500\n        output_mtok: 20000")
            .replace("web_search_per_1k_calls: 10.00", "web_search_per_1k_calls: 10000")
            .replace("      mode: explicit", "      mode: automatic")
            .replace("retires: 2026-12-31", "retires: 2027-06-30")
            .replace('notes: "Prices <i>may</i> change & often do."', 'notes: "[click](https://evil.example/)"'))
    # A fact of the model, written once in data/models.yaml, changes too.
    commit(repo, head, "move every link, multiply the tier and unit prices",
           MODELS.replace("      default: on", "      default: off"))

    result = run_diff(repo, "HEAD~1", "HEAD")

    assert result.returncode == 1
    out = result.stdout
    assert changed_rows(out, "`data/models.yaml`") == ["| `models[acme-large].reasoning.default` | on | off |  |"]
    rows = changed_rows(out, "<b>x|y</b> (`acme-large`), Acme & Sons")
    for row in [
        "| `source` | https://example.com/pricing#large | https://example.net/pricing#large |  |",
        "| `caching.mode` | explicit | automatic |  |",
        "| `service_tiers.priority.input_mtok` | 2.50 | 2500 | +99,900% |",
        "| `unit_prices.web_search_per_1k_calls` | 10.00 | 10000 | +99,900% |",
        "| `lifecycle.retires` | 2026-12-31 | 2027-06-30 |  |",
        "| `history[2026-08-16].source` | https://example.com/old | https://example.net/old |  |",
    ]:
        assert row in rows
    assert changed_rows(out, "Acme & Sons (`data/providers/acme.yaml`)") == [
        "| `pricing_page` | https://example.com/pricing | https://example.net/pricing |  |",
    ]
    findings = table_rows(out, "Check before merging")
    errors = {row.split(" | ")[2] for row in findings if row.startswith("| error |")}
    assert errors == {"`service_tiers.priority.input_mtok`", "`service_tiers.priority.output_mtok`",
                      "`unit_prices.web_search_per_1k_calls`"}
    warned = {row.split(" | ")[2] for row in findings if row.startswith("| warning |")}
    assert {"`pricing_page`", "`source`", "`caching.source`", "`history[2026-08-16].source`"} <= warned
    assert "| warning | `data/providers/acme.yaml` | `pricing_page` | the link moves to another host " \
           "(example.com → example.net)" in "\n".join(findings)
    # A data string changed in a pull request is still inert in the report: no link, no markup.
    assert "[click](https" not in out and "&#91;click&#93;&#40;https" in out


def test_changes_to_scenarios_latency_targets_and_network_are_reported(repo: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "data"
    names = ("scenarios.yaml", "latency.yaml", "targets.yaml", "network.yaml")
    for name in names:
        (repo / "data" / name).write_text((fixtures / name).read_text(encoding="utf-8"), encoding="utf-8")
    commit(repo, ACME, "the other data files")
    edits = {
        "scenarios.yaml": ("cache_hit_rate: 0.9", "cache_hit_rate: 0.5"),
        "latency.yaml": ("value: 0.5", "value: 0.05"),
        "targets.yaml": ("seconds: 0.1", "seconds: 10"),
        "network.yaml": ("rtt_ms: 40", "rtt_ms: 4"),
    }
    for name, (old, new) in edits.items():
        path = repo / "data" / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    result = run_diff(repo, "HEAD")

    assert result.returncode == 0, result.stderr
    assert "4 fields changed, 0 of them prices" in result.stdout
    assert changed_rows(result.stdout, "`data/scenarios.yaml`") == ["| `scenarios[chat].cache_hit_rate` | 0.9 | 0.5 |  |"]
    assert len(changed_rows(result.stdout, "`data/latency.yaml`")) == 1
    assert changed_rows(result.stdout, "`data/targets.yaml`")[0].endswith("| 0.1 | 10 |  |")
    assert changed_rows(result.stdout, "`data/network.yaml`")[0].endswith("| 40 | 4 |  |")


def test_a_field_added_to_a_nested_model_reaches_the_report_with_its_checks() -> None:
    # A contributor adds a per-call price to UnitPrices and a count to Caching; nothing else is edited.
    units = create_model("VideoUnitPrices", __base__=UnitPrices,
                         video_per_1k_calls=(Price | None, None))
    caching = create_model("BreakpointCaching", __base__=Caching, max_breakpoints=(int | None, None))
    model = create_model("WiderModel", __base__=Model, unit_prices=(units | None, None), caching=(caching | None, None))

    def listing(video: str, breakpoints: int) -> Listing:
        plain = _listing("p", "m", "M")
        wider = model(**{**plain.model.model_dump(),
                         "unit_prices": {"video_per_1k_calls": Decimal(video), "source": "https://example.com/u"},
                         "caching": {"mode": "explicit", "max_breakpoints": breakpoints, "source": "https://example.com/c"}})
        return Listing(plain.provider, wider)

    result = diff.compare({"m": listing("0.40", 4)}, {"m": listing("400", 8)})

    assert [(c.field, c.old, c.new) for c in result.changes] == [
        ("caching.max_breakpoints", 4, 8), ("unit_prices.video_per_1k_calls", Decimal("0.40"), Decimal("400"))]
    [finding] = result.findings
    assert (finding.field, finding.severity) == ("unit_prices.video_per_1k_calls", "error")


def test_a_change_to_a_media_price_is_reported(repo: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "data"
    (repo / "data" / "media.yaml").write_text((fixtures / "media.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    commit(repo, ACME, "media prices")
    path = repo / "data" / "media.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("input_mtok: 0.13", "input_mtok: 0.14", 1), encoding="utf-8")

    result = run_diff(repo, "HEAD")

    assert result.returncode == 0, result.stderr
    rows = changed_rows(result.stdout, "`data/media.yaml`")
    assert rows == ["| `embeddings[acme-embed].input_mtok` | 0.13 | 0.14 | +7.7% |"]  # a price: its change in percent
    assert "1 field changed, 1 of them a price;" in result.stdout


def test_a_change_to_a_privacy_fact_is_reported(repo: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "data"
    (repo / "data" / "privacy.yaml").write_text((fixtures / "privacy.yaml").read_text(encoding="utf-8"),
                                                encoding="utf-8")
    commit(repo, ACME, "privacy facts")
    path = repo / "data" / "privacy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("days: 30", "days: 45", 1), encoding="utf-8")

    result = run_diff(repo, "HEAD")

    assert result.returncode == 0, result.stderr
    rows = changed_rows(result.stdout, "`data/privacy.yaml`")
    assert rows == ["| `providers[acme].retention.days` | 30 | 45 |  |"]  # named by provider; days, not a price
    assert "1 field changed" in result.stdout
