"""One model, many hosts: each entry names its model, whose facts are written once in data/models.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_validation import make_project, problems

from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

MODELS = """\
creators:
  - id: acme
    name: Acme Labs
models:
  - id: acme-base
    name: Acme Base
    creator: acme
    released: 2026-03-01
    open_weights: true
    reasoning:
      mode: none
      default: off
      source: https://example.com/r
"""

HOST = """\
id: {host}
name: {host_name}
pricing_page: https://example.com/{host}
models:
  - id: acme-base-{host}
    name: Acme Base on {host_name}
    model: {model}
    size_class: small
    prices:
      input_mtok: 1
      output_mtok: 2
    source: https://example.com/{host}
    verified: 2026-11-01
{extra}"""


def host(name: str, model: str = "acme-base", extra: str = "") -> dict[str, str]:
    return {f"data/providers/{name}.yaml": HOST.format(host=name, host_name=name.title(), model=model, extra=extra)}


def test_each_host_entry_takes_its_models_facts_from_models_yaml(tmp_path: Path) -> None:
    data = make_project(tmp_path, {"data/models.yaml": MODELS, **host("north"), **host("south")})
    dataset = load_dataset(data)
    north, south = dataset.listing("acme-base-north").model, dataset.listing("acme-base-south").model
    assert (north.creator, north.open_weights, str(north.released), north.reasoning and north.reasoning.mode) == (
        "acme", True, "2026-03-01", "none")
    assert north.reasoning == south.reasoning
    assert [listing.provider.id for listing in dataset.hosts_of("acme-base")] == ["north", "south"]
    assert dataset.creator_name("acme") == "Acme Labs"


@pytest.mark.parametrize(("extra", "expected"), [
    ("    open_weights: false\n",
     "data/providers/north.yaml:14: models[0].open_weights: is a fact of the model, written once in data/models.yaml "
     "under acme-base; remove it here (got False)"),
    ("    creator: other\n",
     "data/providers/north.yaml:14: models[0].creator: comes from the model in data/models.yaml (acme); "
     "remove it here (got other)"),
])
def test_a_host_entry_that_repeats_a_fact_of_its_model_is_an_error(tmp_path: Path, extra: str, expected: str) -> None:
    data = make_project(tmp_path, {"data/models.yaml": MODELS, **host("north", extra=extra)})
    assert expected in problems(data)


def test_an_entry_naming_an_unknown_model_or_a_creator_nobody_lists_is_an_error(tmp_path: Path) -> None:
    data = make_project(tmp_path, {"data/models.yaml": MODELS.replace("creator: acme", "creator: nobody"),
                                   **host("north", model="acme-turbo")})
    found = problems(data)
    assert "data/providers/north.yaml:7: models[0].model: must be the id of a model in data/models.yaml (got acme-turbo)" in found
    assert "data/models.yaml:7: models[0].creator: must be the id of one of creators: acme (got nobody)" in found


def test_every_real_entry_names_its_model_and_creator(root: Path) -> None:
    dataset: Dataset = load_dataset(root / "data")
    unnamed = [listing.model.id for listing in dataset.listings if not listing.model.model or not listing.model.creator]
    assert not unnamed
    hosted = {listing.model.model for listing in dataset.listings}
    assert hosted == {m.id for m in dataset.facts.models}, "every model in data/models.yaml is served somewhere"
    assert len(dataset.hosts_of("llama-3.3-70b", current=False)) >= 2


def test_a_models_row_names_its_other_hosts_and_compares_them_in_the_calculator(root: Path) -> None:
    from macros.render import Links, tables, tools

    dataset = load_dataset(root / "data")
    most = dataset.hosts_of("gpt-oss-120b")
    assert len(most) >= 5, "the most-hosted open model is on at least five hosts"
    # A model on a few hosts links each (on many, the explorer: tests/test_provider_pages.py).
    hosts = next(found for m in dataset.facts.models if 2 < len(found := dataset.hosts_of(m.id)) <= tables.HOSTS_LISTED + 1)
    html = tables.price_table(dataset, Links(), provider=hosts[0].provider.id)
    row = html.split(f'id="model-{hosts[0].model.id}"', 1)[1].split("</tr>", 1)[0]
    for other in hosts[1:]:
        assert f'href="/providers/{other.provider.id}/#model-{other.model.id}"' in row
    assert f"{len(hosts)} hosts in all" in row
    assert f'href="/calculator/?models={hosts[0].model.id},{hosts[1].model.id},' in row
    explorer = tools.tool(dataset, Links(), "explorer")
    assert '<select id="ifg-x-creator" name="creator">' in explorer and '<option value="openai">OpenAI</option>' in explorer
    assert f'<option value="gpt-oss-120b">gpt-oss-120b ({len(most)} hosts)</option>' in explorer


def test_an_entry_whose_inputs_no_source_gives_is_not_said_to_refuse_images(root: Path) -> None:
    from macros import calc
    from macros.render import Links, tables

    dataset = load_dataset(root / "data")
    unknown = next(listing for listing in dataset.current_listings if listing.model.inputs is None)
    photo = dataset.scenario("describe-photo")
    assert calc.scenario_cost(unknown.model, photo).unsupported == "images not recorded"
    html = tables.cost_table(dataset, Links(), "describe-photo", models=[unknown.model.id, "gpt-5.4-mini"])
    assert f"{unknown.model.name} ({unknown.provider.name}), since no source read says whether they take images" in html


def test_a_row_whose_size_class_no_source_gives_leaves_it_out(root: Path) -> None:
    from macros.render import Links, tables

    dataset = load_dataset(root / "data")
    assert dataset.listing("claude-haiku-5-5").model.size_class is None
    html = tables.price_table(dataset, Links(), provider="anthropic")
    row = html.split('id="model-claude-haiku-5-5"', 1)[1].split("</th>", 1)[0]
    assert "<small>Anthropic, 1M context, " in row and "None" not in row
