"""The JSON Schema editors use is generated from the models and committed; it must not go stale."""

from pathlib import Path

import pytest

from macros.export import SCHEMAS, schema_text

MODELINE = "# yaml-language-server: $schema=../schema/provider.schema.json"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_current(root: Path, name: str) -> None:
    committed = (root / "data" / "schema" / name).read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name]), f"data/schema/{name} is stale: run `make schema` and commit it"


def test_every_provider_file_points_editors_at_the_schema(root: Path) -> None:
    for path in sorted((root / "data" / "providers").glob("*.yaml")):
        assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE, path.name


def test_schema_describes_every_field(root: Path) -> None:
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        definitions = [schema, *schema.get("$defs", {}).values()]
        for definition in definitions:
            for field, spec in definition.get("properties", {}).items():
                assert spec.get("description"), f"{name}: {field} has no description"
            assert definition.get("additionalProperties") is False, f"{name}: unknown fields must be rejected"
