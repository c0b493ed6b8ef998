"""A superseded model: still served and listed, marked, and left out of the guide's comparisons and examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixture_ids import FIXTURE_CHAT
from test_canon import HOST, MODELS
from test_validation import make_project, problems

from macros import export, rows
from macros.data.validate import load_dataset
from macros.render import Links, tables

NEWER = """\
  - id: acme-next
    name: Acme Next
    creator: acme
    open_weights: true
"""

SUPERSEDED = """\
    superseded:
      by: {by}
      says: "labelled Legacy; Acme Next named as current"
      source: https://example.com/legacy
"""


def project(tmp_path: Path, by: str = "acme-next") -> Path:
    models = MODELS + SUPERSEDED.format(by=by) + NEWER
    files = {"data/models.yaml": models}
    for name, model in (("north", "acme-base"), ("south", "acme-next")):
        files[f"data/providers/{name}.yaml"] = HOST.format(host=name, host_name=name.title(), model=model, extra="")
    return make_project(tmp_path, files)


def test_a_superseded_model_stays_on_its_providers_page_marked_and_leaves_every_other_table(tmp_path: Path) -> None:
    dataset = load_dataset(project(tmp_path))
    old, new = dataset.listing("acme-base-north"), dataset.listing("acme-base-south")
    assert dataset.is_superseded(old) and not dataset.is_superseded(new)
    compared = [listing.model.id for listing in rows.select(dataset)]
    assert "acme-base-south" in compared and "acme-base-north" not in compared
    assert [listing.model.id for listing in rows.select(dataset, models=["acme-base-north", "acme-base-south"])] == [
        "acme-base-south"]
    assert rows.select(dataset, provider="north") == [old]
    with pytest.raises(ValueError, match=r"every model named \(acme-base-north\) is retired or superseded"):
        tables.cost_table(dataset, Links(), "chat", models=["acme-base-north"])
    html = tables.price_table(dataset, Links(), provider="north", **FIXTURE_CHAT)
    row = html.split('id="model-acme-base-north"', 1)[1].split("</th>", 1)[0]
    assert 'Superseded by <a href="/providers/south/#model-acme-base-south">Acme Base on South</a>' in row
    assert 'href="/retirements/#superseded-models"' in row


def test_a_page_example_cannot_rest_on_a_superseded_model(tmp_path: Path) -> None:
    dataset = load_dataset(project(tmp_path))
    with pytest.raises(ValueError, match="acme-base-north is superseded .* such as acme-next"):
        dataset.current_listing("acme-base-north")
    assert dataset.current_listing("acme-base-south").model.name == "Acme Base on South"


def test_the_superseded_table_names_the_model_in_its_place_and_the_makers_words(tmp_path: Path) -> None:
    dataset = load_dataset(project(tmp_path))
    html = tables.superseded_table(dataset, Links())
    assert '<a href="/providers/north/#model-acme-base-north">Acme Base on North</a><br><small>served by 1 host</small>' in html
    assert '<td data-label="In its place"><a href="/providers/south/#model-acme-base-south">Acme Base on South</a></td>' in html
    assert '<a href="https://example.com/legacy" rel="external">Labelled Legacy; Acme Next named as current</a>.' in html


def test_the_explorer_and_calculator_data_keep_a_superseded_model_and_say_so(tmp_path: Path) -> None:
    dataset = load_dataset(project(tmp_path))
    explorer = {m["id"]: m["superseded"] for m in export.models_document(dataset)["models"]}
    assert (explorer["acme-base-north"], explorer["acme-base-south"]) == (True, False)
    prices = json.loads(json.dumps(export.provider_document(dataset, "north"), default=str))
    assert prices["models"][0]["superseded"]["by"] == "acme-next"


@pytest.mark.parametrize("by", ["acme-later", "acme-base"])
def test_superseded_by_must_name_another_known_model(tmp_path: Path, by: str) -> None:
    found = problems(project(tmp_path, by=by))
    assert f"data/models.yaml:15: models[0].superseded.by: must be the id of another model in models (got {by})" in found


def test_real_superseded_models_name_a_successor_that_is_served_and_not_superseded(root: Path) -> None:
    dataset = load_dataset(root / "data")
    marked = [m for m in dataset.facts.models if m.superseded]
    assert len(marked) >= 10
    for facts in marked:
        assert facts.superseded.source.startswith("https://")
        if facts.superseded.by:
            assert dataset.hosts_of(facts.superseded.by), f"{facts.id}: nobody here serves {facts.superseded.by}"
    headline = {listing.model.model for listing in dataset.headline_listings}
    assert not headline & {m.id for m in marked}
