"""macros.loader: duplicate keys are refused, every key knows its line, and numbers stay exact."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from fresh import run_fresh

from macros.data import validate
from macros.data.problems import DataError, Problem
from macros.data.reader import Document, _careful_load, _quick_load, load_file, load_text


def problems_of(text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_text(text, "x.yaml")
    return [str(problem) for problem in caught.value.problems]


# Duplicate keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "x.yaml:3: a: duplicate key, first given on line 1 (got a second 'a')"),
        ("a:\n  b: 1\n  b: 2\n", "x.yaml:3: a.b: duplicate key, first given on line 2 (got a second 'b')"),
        ("xs:\n  - k: 1\n  - k: 2\n    j: 0\n    k: 3\n",
         "x.yaml:5: xs[1].k: duplicate key, first given on line 3 (got a second 'k')"),
        ("xs:\n  - p:\n      - {q: 1, q: 2}\n",
         "x.yaml:3: xs[0].p[0].q: duplicate key, first given on line 3 (got a second 'q')"),
    ],
    ids=["top-level", "nested mapping", "list item", "flow mapping deep in lists"],
)
def test_duplicate_key_is_reported_at_any_depth(text: str, expected: str) -> None:
    assert problems_of(text) == [expected]


def test_every_duplicate_key_is_reported_in_one_run() -> None:
    assert problems_of("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n") == [
        "x.yaml:2: a: duplicate key, first given on line 1 (got a second 'a')",
        "x.yaml:5: b.c: duplicate key, first given on line 4 (got a second 'c')",
    ]


def test_same_key_in_different_list_items_is_not_a_duplicate() -> None:
    assert load_text("xs:\n  - id: a\n  - id: b\n", "x.yaml").value == {"xs": [{"id": "a"}, {"id": "b"}]}


# Lines


def test_lines_are_one_based_and_point_at_the_key() -> None:
    text = "# a comment\n\nname: Acme\nmodels:\n  - id: one\n    prices:\n      input: 1\n  - id: two\n"
    doc = load_text(text, "x.yaml")
    assert doc.lines[("name",)] == 3
    assert doc.lines[("models",)] == 4
    assert doc.lines[("models", 0)] == 5
    assert doc.lines[("models", 0, "id")] == 5
    assert doc.lines[("models", 0, "prices", "input")] == 7
    assert doc.lines[("models", 1)] == 8


def test_first_line_is_line_one() -> None:
    assert load_text("a: 1\n", "x.yaml").lines[("a",)] == 1


def test_line_of_a_missing_key_falls_back_to_its_parent() -> None:
    doc = load_text("a: 1\nb:\n  c: 2\n", "x.yaml")
    assert doc.line_of(("b", "missing", "deeper")) == 2
    assert doc.line_of(("nowhere",)) == 1


def test_flow_sequence_items_have_lines() -> None:
    doc = load_text("a: 1\nxs: [1,\n  2]\n", "x.yaml")
    assert (doc.lines[("xs", 0)], doc.lines[("xs", 1)]) == (2, 3)


# Values


def test_floats_load_as_exact_decimals() -> None:
    value = load_text("a: 0.1\nb: 0.2\nc: -1.25\nd: 1000.5\n", "x.yaml").value
    assert all(isinstance(v, Decimal) for v in value.values())
    assert value["a"] + value["b"] == Decimal("0.3")
    assert (value["c"], value["d"]) == (Decimal("-1.25"), Decimal("1000.5"))


def test_ints_stay_ints() -> None:
    value = load_text("a: 3\nb: -1\nc: 0\nd: 1000\n", "x.yaml").value
    assert value == {"a": 3, "b": -1, "c": 0, "d": 1000}
    assert all(type(v) is int for v in value.values())


def test_dates_load_as_dates() -> None:
    value = load_text("a: 2026-11-28\n", "x.yaml").value
    assert type(value["a"]) is dt.date
    assert value["a"] == dt.date(2026, 11, 28)


def test_quoted_values_stay_strings() -> None:
    assert load_text("a: '2026-11-28'\nb: \"0.5\"\nc: 'true'\n", "x.yaml").value == {"a": "2026-11-28", "b": "0.5", "c": "true"}


def test_booleans_and_null() -> None:
    assert load_text("a: true\nb: false\nc: null\nd:\n", "x.yaml").value == {"a": True, "b": False, "c": None, "d": None}


# Merge keys


def test_merge_key_supplies_defaults_without_a_duplicate_report() -> None:
    doc = load_text("base: &b {k: 1, j: 1}\nz:\n  <<: *b\n  j: 2\n", "x.yaml")
    assert doc.value["z"] == {"k": 1, "j": 2}


def test_merge_of_several_mappings_lets_the_first_win() -> None:
    doc = load_text("a: &a {k: 1}\nb: &b {k: 2, j: 2}\nz:\n  <<: [*a, *b]\n", "x.yaml")
    assert doc.value["z"] == {"k": 1, "j": 2}


# Whole-file problems


def test_syntax_error_names_its_line_and_quotes_it() -> None:
    assert problems_of("a: 1\nb: c: d\n") == [
        "x.yaml:2: not valid YAML: mapping values are not allowed in this context (got 'b: c: d')"
    ]


def test_empty_file_and_comment_only_file_are_reported() -> None:
    expected = ["x.yaml:1: file is empty (got no YAML document)"]
    assert problems_of("") == expected
    assert problems_of("# only a comment\n") == expected


def test_second_document_is_reported() -> None:
    assert problems_of("a: 1\n---\nb: 2\n") == ["x.yaml:1: holds more than one YAML document (got a second '---')"]


def test_problem_prints_as_path_line_field_message() -> None:
    assert str(Problem("data/x.yaml", 4, "models[0].id", "bad (got X)")) == "data/x.yaml:4: models[0].id: bad (got X)"
    assert str(Problem("data/x.yaml", 1, "", "file is empty")) == "data/x.yaml:1: file is empty"


def test_load_file_uses_the_display_path(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_file(file, "data/x.yaml")
    assert [p.path for p in caught.value.problems] == ["data/x.yaml"]


@pytest.mark.parametrize("text", ["a: *nowhere\n", "a: b\x01c\n"], ids=["undefined alias", "control character"])
def test_bad_input_is_a_data_error_not_a_crash(text: str) -> None:
    with pytest.raises(DataError):
        load_text(text, "x.yaml")


def test_impossible_date_is_left_for_validation_or_reported() -> None:
    try:
        value = load_text("a: 2026-02-30\n", "x.yaml").value
    except DataError:
        return
    assert value == {"a": "2026-02-30"}  # kept as text, so the model rejects it at its line


def test_file_that_is_not_utf8_is_a_data_error(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_bytes("name: Caf\u00e9\n".encode("latin-1"))
    with pytest.raises(DataError):
        load_file(file, "x.yaml")


# The fast path: it takes only what the careful reader takes without a word, and reads it the same way

BAD_DATA = sorted((Path(__file__).parent / "bad_data").glob("*.yaml"))
REFUSED = {
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "duplicate key in a flow mapping deep in lists": "xs:\n  - p:\n      - {q: 1, q: 2}\n",
    "duplicate key with the same value": "a: 1\na: 1\n",
    "duplicate key, quoted the second time": "a: 1\n'a': 2\n",
    "hexadecimal": "a: 0x1F\n",
    "exponent": "a: 1.0e+5\n",
    "underscores": "a: 1_000\n",
    "infinity": "a: .inf\n",
    "not a number": "a: .nan\n",
    "negative zero": "a: -0\n",
    "negative zero with a point": "a: -0.0\n",
    "leading zero": "a: 007\n",
    "5,000 digits": "a: " + "1" * 5000 + "\n",
    "tag on a scalar": "a: !!binary aGk=\n",
    "tag asking for text": "a: !!str 1\n",
    "custom tag": "a: !thing x\n",
    "tag on a mapping": "a: !!map {b: 1}\n",
    "tag on a key": "!!str a: 1\n",
    "list as a key": "? [a]\n: 1\n",
    "undefined alias": "a: *nowhere\n",
    "alias bomb": "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 7)),
    "more values than a file may hold": "xs: [" + ", ".join(["1"] * 200_001) + "]\n",
    "deep nesting": "a: " + "[" * 40 + "]" * 40 + "\n",
    "empty file": "",
    "comment only": "# nothing here\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "syntax error": "a: [1,\n",
    "control character": "a: b\x01c\n",
}
TAKEN_SLOWLY = {
    "alias": "a: &x 1\nb: *x\n",
    "merge key": "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n",
    "anchor on a key": "&k a: 1\n",
}
"""What the careful reader takes and the fast path leaves to it: no data file needs these."""


def careful(text: str) -> tuple[str, dict[tuple[str | int, ...], int], list[str]]:
    """What the line-aware reader alone makes of `text`: its value (repr, so 1 and Decimal('1') differ), lines and
    problems; a file it stops at gives its problems only."""
    try:
        doc = _careful_load(text, "x.yaml", keep_going=True)
    except DataError as exc:
        return "", {}, [str(p) for p in exc.problems]
    return repr(doc.value), doc.lines, [str(p) for p in doc.problems]


@pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED)
def test_fast_path_leaves_every_refusal_to_the_careful_reader(text: str) -> None:
    assert careful(text)[2]
    assert _quick_load(text) is None


@pytest.mark.parametrize("text", TAKEN_SLOWLY.values(), ids=TAKEN_SLOWLY)
def test_fast_path_leaves_anchors_and_merge_keys_to_the_careful_reader(text: str) -> None:
    assert _quick_load(text) is None
    assert load_text(text, "x.yaml").value == _careful_load(text, "x.yaml", keep_going=False).value


@pytest.mark.parametrize("file", BAD_DATA, ids=[f.stem for f in BAD_DATA])
def test_fast_path_takes_a_bad_file_only_when_the_reader_finds_nothing_wrong_with_it(file: Path) -> None:
    """The schema and the rules find what is wrong with these; the reader itself must not have, or the fast path
    would have hidden it."""
    text = file.read_text(encoding="utf-8")
    quick = _quick_load(text)
    value, lines, problems = careful(text)
    if quick is not None:
        assert not problems
        assert (repr(quick[0]), Document("x.yaml", quick[0], text=quick[1]).lines) == (value, lines)


def test_fast_path_reads_every_real_file_as_the_careful_reader_does(root: Path) -> None:
    for file in sorted((root / "data").rglob("*.yaml")):
        text = file.read_text(encoding="utf-8")
        quick = _quick_load(text)
        assert quick is not None, file
        fast = Document(str(file), quick[0], text=quick[1])
        slow = _careful_load(text, str(file), keep_going=False)
        assert repr(fast.value) == repr(slow.value), file
        assert fast.lines == slow.lines, file


def test_fast_path_keeps_prices_exact_dates_as_dates_and_words_as_words() -> None:
    quick = _quick_load("a: 0.30\nb: 2026-02-17\nc: off\nd: yes\ne: true\nf: null\ng: '1'\nh: 7\ni: 2026-02-30\n")
    assert quick is not None
    assert [(type(v), v) for v in quick[0].values()] == [
        (Decimal, Decimal("0.30")), (dt.date, dt.date(2026, 2, 17)), (str, "off"), (str, "yes"), (bool, True),
        (type(None), None), (str, "1"), (int, 7), (str, "2026-02-30")]
    assert str(quick[0]["a"]) == "0.30"


# Reading on both cores


def _alone(function, items):  # type: ignore[no-untyped-def]
    return map(function, items)


def loads_alike() -> None:
    """Run by run_fresh, in a process of one thread, where loading reads on two cores: the dataset is what one core
    loads. The real data has enough files for the second core to read some."""
    assert validate.cores._single_threaded(), "the fresh process runs more than one thread"
    data = Path(__file__).resolve().parent.parent / "data"
    shared = validate.load_dataset(data, build_date=dt.date(2026, 12, 1))
    validate.cores.ahead = _alone
    alone = validate.load_dataset(data, build_date=dt.date(2026, 12, 1))
    assert [p.model_dump() for p in shared.providers] == [p.model_dump() for p in alone.providers]
    assert (shared.facts, shared.scenarios, shared.observations, shared.network, shared.targets, shared.media) == (
        alone.facts, alone.scenarios, alone.observations, alone.network, alone.targets, alone.media)


def test_reading_on_two_cores_loads_what_one_core_loads() -> None:
    run_fresh("test_loader", "loads_alike")


def reports_alike(folder: str) -> None:
    """Run by run_fresh: errors in several files, one the fast path leaves to the line-aware reader and one not
    UTF-8, come out the same and in the same order on two cores as on one."""
    assert validate.cores._single_threaded(), "the fresh process runs more than one thread"
    project = Path(folder)
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", project / "data")
    providers = sorted((project / "data" / "providers").glob("*.yaml"))
    first, middle, last = providers[0], providers[len(providers) // 2], providers[-1]
    first.write_text(first.read_text().replace("verified: ", "verified: 1999-01-01 #", 1))
    middle.write_text(middle.read_text() + "id: again\n")  # a duplicate key: only the line-aware reader names it
    last.write_bytes(last.read_bytes() + b"\xff")  # not UTF-8
    shared = validate.review_dataset(project / "data")[1]
    validate.cores.ahead = _alone
    alone = validate.review_dataset(project / "data")[1]
    assert [str(p) for p in shared] == [str(p) for p in alone]
    assert {p.path for p in shared if p.severity == "error"} >= {f"data/providers/{f.name}" for f in (first, middle, last)}


def test_reading_on_two_cores_reports_what_one_core_reports(tmp_path: Path) -> None:
    run_fresh("test_loader", "reports_alike", str(tmp_path))
