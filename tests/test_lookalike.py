"""Names and ids a reader cannot tell apart fold to one skeleton; real names and real scripts stay apart (issue 21, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_validation import COMPANIONS, make_project, problems

from macros.data.lookalike import MAX_MARKS, skeleton, stacked_marks


@pytest.mark.parametrize("twin", ["ＧＰＴ-5.5", "GРТ-5.5", "GΡΤ-5.5", "gpt-5.5", "GPT\u200b-5.5", "GPT\u20115.5", "GPT–5.5",
                                  "GPT-5.５"])
def test_look_alikes_of_a_name_share_its_skeleton(twin: str) -> None:
    assert skeleton(twin) == skeleton("GPT-5.5")


@pytest.mark.parametrize(("one", "other"), [("GPT-5", "GPT-5.5"), ("Claude Opus 4.1", "Claude Opus 4.5"),
                                            ("Mistral Medium", "Mistral Small"), ("o3", "o4")])
def test_different_names_stay_apart(one: str, other: str) -> None:
    assert skeleton(one) != skeleton(other)


def test_every_real_model_has_a_skeleton_of_its_own(root: Path) -> None:
    """No two models in data/ look alike unless they are one model at two hosts (the same name)."""
    from macros.data.validate import load_dataset
    names: dict[str, set[str]] = {}
    ids: dict[str, set[str]] = {}
    for listing in load_dataset(root / "data").listings:
        names.setdefault(skeleton(listing.model.name), set()).add(listing.model.name)
        ids.setdefault(skeleton(listing.model.id), set()).add(listing.model.id)
    assert all(len(spellings) == 1 for spellings in names.values())
    assert all(len(spellings) == 1 for spellings in ids.values())


def test_the_same_name_at_two_providers_is_one_model_at_two_hosts(tmp_path: Path) -> None:
    other = COMPANIONS["data/providers/base.yaml"].replace("id: base\n", "id: zeta\n").replace("base-model", "zeta-model")
    assert problems(make_project(tmp_path, {"data/providers/zeta.yaml": other})) == []


@pytest.mark.parametrize("text", ["Việt", "Nguyễn", "Ǘ", "Ελληνικά", "Москва", "naïve café"])
def test_real_writing_has_no_more_than_two_marks_on_a_letter(text: str) -> None:
    assert stacked_marks(text) <= MAX_MARKS


def test_zalgo_text_has_more() -> None:
    assert stacked_marks("Z\u0351\u0352\u0353a") == 3


def test_ascii_text_needs_no_unicode_folding() -> None:
    """skeleton and stacked_marks skip Unicode's tables for ASCII text; this is why that gives the same answer."""
    import unicodedata
    for ch in map(chr, range(128)):
        assert unicodedata.normalize("NFKC", ch) == unicodedata.normalize("NFD", ch) == ch
        assert unicodedata.category(ch) not in ("Cf", "Mn", "Me") and not unicodedata.combining(ch)
    assert skeleton("GPT-4o mini") == skeleton("ＧＰＴ-4o mini") == "gpt-4o mini"
    assert stacked_marks("Z\u0351\u0352\u0353a plain tail") == 3
