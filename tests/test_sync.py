"""`python -m macros sync` on the committed fixtures: the report a maintainer reads, the edits --write makes, and
bad upstream input, which is reported and changes nothing (issue 22, parts 1 and 6)."""

from __future__ import annotations

import difflib
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sync_fixtures import FIXTURES, LITELLM_SHA256, fixture_options

from macros.data.validate import load_dataset
from macros.escape import inert
from macros.sync.run import Options, run
from macros.sync.upstream import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of data/ with the fixtures' five-entry mapping."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    shutil.copy(FIXTURES / "upstream.yaml", target / "upstream.yaml")
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def sync(options: Options, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = run(options)
    out = capsys.readouterr()
    return status, out.out, out.err


def row(report: str, entry: str, field: str) -> str:
    return next(line for line in report.splitlines() if line.startswith(f"| `{entry}` |") and f"| `{field}` |" in line)


def test_report_lists_drift_deprecations_drops_and_candidates(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(data)
    status, report, _ = sync(fixture_options(data), capsys)
    assert status == 0
    assert snapshot(data) == before, "without --write nothing changes"
    assert row(report, "command-r-08-2024", "input_mtok").endswith("| 0.15 | 0.2 | 0.2 | yes | write with --write |")
    assert row(report, "gemini-2.5-flash-lite", "input_mtok").endswith(
        "| 0.10 | 0.1 | 0.12 | no | for a person: the datasets disagree |")
    assert "| `gpt-4o` | OpenAI | litellm | `gpt-4o` | 2027-01-14 |" in report
    assert "| `magistral-medium-latest` | Mistral AI | genai-prices | `mistral:magistral-medium` | deprecated |" in report
    assert "| `llama-3.1-8b-groq` | Groq | litellm | `groq/llama-3.1-8b-instant` |" in report
    assert "`openai:gpt-6`" in report
    assert "`azure/gpt-4o` (litellm; 2.5 / 10), **same id as our `gpt-4o`**" in report
    assert "text-embedding-3-small" not in report, "only text models are candidates"


def test_write_edits_only_what_both_datasets_agree_on(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gemini_before = (data / "providers" / "google.yaml").read_bytes()
    cohere_before = (data / "providers" / "cohere.yaml").read_text(encoding="utf-8")
    status, report, _ = sync(fixture_options(data, write=True), capsys)
    assert status == 0, report
    assert "**Written** to `data/providers/cohere.yaml`, `data/providers/mistral.yaml`" in report
    assert (data / "providers" / "google.yaml").read_bytes() == gemini_before, "a disagreement is left for a person"
    model = load_dataset(data).listing("command-r-08-2024").model
    assert (str(model.prices.input_mtok), str(model.prices.output_mtok)) == ("0.20", "0.80")
    assert model.source == "https://pypi.org/project/genai-prices/9.9.9/"
    assert (model.source_kind, model.second_dataset, str(model.verified)) == ("dataset", "agrees", "2026-12-01")
    assert [(r.dataset, r.release, r.key, str(r.input_mtok)) for r in model.readings] == [
        ("genai-prices", "9.9.9", "cohere:command-r", "0.20"), ("litellm", "9.9.9", "command-r-08-2024", "0.20")]
    assert (str(model.history[0].until), str(model.history[0].input_mtok)) == ("2026-11-30", "0.15")
    # Only the lines that change: every other line, comments included, is as it was.
    after = (data / "providers" / "cohere.yaml").read_text(encoding="utf-8").splitlines()
    removed = [line[2:] for line in difflib.ndiff(cohere_before.splitlines(), after) if line.startswith("- ")]
    assert removed == [
        "      input_mtok: 0.15", "      output_mtok: 0.60", "    source: https://pypi.org/project/litellm/1.110.2/",
        "    verified: 2026-11-20"]
    magistral = load_dataset(data).listing("magistral-medium-latest").model
    assert [str(h.until) for h in magistral.history] == ["2026-11-30", "2026-07-01"], "the new history item goes first"


def test_the_release_date_is_the_verified_date_not_today(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sync(fixture_options(data, write=True, genai_date="2026-12-03"), capsys)
    assert str(load_dataset(data).listing("command-r-08-2024").model.verified) == "2026-12-03"


def test_a_mapping_is_the_only_way_an_upstream_id_becomes_ours(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (data / "upstream.yaml").read_text(encoding="utf-8").replace('litellm: "command-r-08-2024"', "")
    (data / "upstream.yaml").write_text(text, encoding="utf-8")
    status, report, _ = sync(fixture_options(data, write=True), capsys)
    assert status == 0
    assert "`command-r-08-2024` (litellm; 0.2 / 0.8)" in report, "an unmapped upstream id is a candidate"
    assert "for a person: only one dataset lists it" in row(report, "command-r-08-2024", "input_mtok")


# Bad upstream input: each is reported, and nothing under data/ changes even with --write.

def _rewrite_litellm(tmp_path: Path, text: str | bytes) -> tuple[Path, str]:
    path = tmp_path / "litellm.json"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


def _litellm_with(tmp_path: Path, key: str, **fields: object) -> tuple[Path, str]:
    raw = (FIXTURES / "litellm.json").read_text(encoding="utf-8")
    entries = json.loads(raw)
    entries[key].update(fields)
    return _rewrite_litellm(tmp_path, json.dumps(entries).replace('"__1e400__"', "1e400"))


def _genai_with(tmp_path: Path, name: str | None = None, **prices: object) -> Path:
    shape = json.loads((FIXTURES / "genai-prices.json").read_text(encoding="utf-8"))
    model = shape["providers"][0]["models"][0]  # cohere:command-r, whose new price both datasets agree on
    if name is not None:
        model["name"] = name
    model["prices"].update(prices)
    path = tmp_path / "genai-prices.json"
    path.write_text(json.dumps(shape), encoding="utf-8")
    return path


def _cut(tmp_path: Path) -> tuple[Path, str]:
    raw = (FIXTURES / "litellm.json").read_text(encoding="utf-8")
    return _rewrite_litellm(tmp_path, raw[: len(raw) // 2])


def _huge(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "litellm.json"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # 50 MB, sparse: refused by its size before it is hashed or parsed
    return path, "0" * 64


BAD_LITELLM = {
    "a corrupt file": (lambda tmp: _rewrite_litellm(tmp, b"\x89PNG\r\n\x1a\n\x00\x00garbage{"), "must be UTF-8 text"),
    "a truncated file": (_cut, "is not valid JSON, perhaps corrupt or cut short"),
    "a 50 MB file": (_huge, f"is larger than {MAX_BYTES:,} bytes, so it was not read (got 52,428,800)"),
    "an id given twice": (lambda tmp: _rewrite_litellm(tmp, '{"gpt-4o": {"mode": "chat"}, "gpt-4o": {"mode": "chat"}}'),
                          "the key 'gpt-4o' is given twice"),
}


@pytest.mark.parametrize("case", sorted(BAD_LITELLM))
def test_a_bad_litellm_file_is_refused_and_changes_nothing(case: str, data: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    make, message = BAD_LITELLM[case]
    path, digest = make(tmp_path)
    before = snapshot(data)
    status, report, err = sync(fixture_options(data, write=True, litellm=path, litellm_sha256=digest), capsys)
    assert status == 1
    assert snapshot(data) == before
    assert inert(message) in report and message in err
    assert "no price is written from either dataset" in report


def test_a_litellm_file_that_is_not_the_pinned_one_is_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(data)
    status, report, _ = sync(fixture_options(data, write=True, litellm_sha256=None, litellm_release="1.110.2"), capsys)
    assert status == 1 and snapshot(data) == before
    assert "its sha256 is not the pinned one for litellm 1.110.2" in report and LITELLM_SHA256 in report


BAD_PRICES = {
    "a negative price": ({"input_cost_per_token": -2e-07}, {"input_mtok": -0.2}, "is not a price from 0 to 100,000"),
    "1e400": ({"input_cost_per_token": "__1e400__"}, {"input_mtok": "__1e400__"}, "is not a price from 0 to 100,000"),
    "a missing price": ({"output_cost_per_token": None}, {"output_mtok": None}, "has a missing price"),
    "a price as text": ({"input_cost_per_token": "0.0000002"}, {"input_mtok": "0.2"}, "is not a number"),
}


@pytest.mark.parametrize("case", sorted(BAD_PRICES))
@pytest.mark.parametrize("dataset", ["litellm", "genai-prices"])
def test_a_bad_price_is_reported_and_its_entry_is_not_changed(case: str, dataset: str, data: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    litellm_fields, genai_fields, message = BAD_PRICES[case]
    if dataset == "litellm":
        path, digest = _litellm_with(tmp_path, "command-r-08-2024", **litellm_fields)
        options = fixture_options(data, write=True, litellm=path, litellm_sha256=digest)
    else:
        genai = _genai_with(tmp_path, **genai_fields)
        genai.write_text(genai.read_text(encoding="utf-8").replace('"__1e400__"', "1e400"), encoding="utf-8")
        options = fixture_options(data, write=True, genai=genai)
    cohere = (data / "providers" / "cohere.yaml").read_bytes()
    status, report, _ = sync(options, capsys)
    assert (data / "providers" / "cohere.yaml").read_bytes() == cohere
    first = next(line for line in report.splitlines() if line.startswith("| `command-r-08-2024` |"))
    assert "| for a person: " in first
    assert inert(message) in report
    assert status == 0, "the other entries are still compared"


def test_a_name_with_control_characters_is_refused(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    genai = _genai_with(tmp_path, name="Command R\x1b[31m\n::error::forged")
    cohere = (data / "providers" / "cohere.yaml").read_bytes()
    _, report, _ = sync(fixture_options(data, write=True, genai=genai), capsys)
    assert (data / "providers" / "cohere.yaml").read_bytes() == cohere
    assert "name must be one line of plain text" in report
    assert "\x1b" not in report and "\n::error" not in report


def test_a_name_with_markup_reaches_the_report_escaped(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, report, _ = sync(fixture_options(data), capsys)
    assert "<img" not in report and "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in report


def add_mapping(data: Path, item: str) -> None:
    path = data / "upstream.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("ignored: []", item + "ignored: []"), encoding="utf-8")


def test_an_upstream_id_mapped_to_two_entries_stops_sync(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_mapping(data, '  - id: command-a-03-2025\n    litellm: "command-r-08-2024"\n')
    before = snapshot(data)
    status, report, err = sync(fixture_options(data, write=True), capsys)
    assert status == 1 and report == "" and snapshot(data) == before
    assert ("data/upstream.yaml:20: mappings[5].litellm: an upstream id maps to one entry only; already mapped at "
            "line 6 (got command-r-08-2024)") in err


def test_a_mapping_to_an_entry_we_do_not_list_stops_sync(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_mapping(data, '  - id: gpt-9\n    litellm: "gpt-9"\n')
    status, _, err = sync(fixture_options(data, write=True), capsys)
    assert status == 1
    assert "data/upstream.yaml:19: mappings[5].id: names no entry in data/providers (got gpt-9)" in err


def test_written_data_that_fails_validation_is_put_back(data: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Both datasets agreeing on a price a thousandfold off ours: the edit fails validation, so every file goes back."""
    litellm, digest = _litellm_with(tmp_path, "command-r-08-2024", input_cost_per_token=0.00015)
    genai = _genai_with(tmp_path, input_mtok=150)
    before = snapshot(data)
    status, report, _ = sync(fixture_options(data, write=True, litellm=litellm, litellm_sha256=digest, genai=genai), capsys)
    assert status == 1 and snapshot(data) == before
    assert "**Nothing was written.**" in report and "is 1,000× the previous 0.15" in report


def test_a_litellm_price_by_prompt_length_reads_its_first_band(data: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    bands = [{"input_cost_per_token": 2e-07, "output_cost_per_token": 8e-07, "range": [0, 32000]},
             {"input_cost_per_token": 4e-07, "output_cost_per_token": 1.6e-06, "range": [32000, 128000]}]
    raw = json.loads((FIXTURES / "litellm.json").read_text(encoding="utf-8"))
    raw["command-r-08-2024"] = {"litellm_provider": "cohere_chat", "mode": "chat", "tiered_pricing": bands}
    path, digest = _rewrite_litellm(tmp_path, json.dumps(raw))
    _, report, _ = sync(fixture_options(data, litellm=path, litellm_sha256=digest), capsys)
    assert row(report, "command-r-08-2024", "input_mtok").endswith("| 0.15 | 0.2 | 0.2 | yes | write with --write |")
