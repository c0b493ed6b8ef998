"""Hostile files under data/: links, folders, stray and oversized files each give one bounded path:line error.

Where the catalogue in tests/bad_data/ is about what a file says, these cases are about what is on
disk: a pull request can add a symbolic link to a system file, a link that points at itself, a
folder where a file belongs, or a provider file saved as .yml. None may be followed, printed or
silently left out, and none may end in a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from test_validation import COMPANIONS, TODAY, make_project, problems

from macros.data.validate import review_files

ROOT = Path(__file__).resolve().parent.parent
PROVIDER = COMPANIONS["data/providers/base.yaml"].replace("id: base\n", "id: acme\n").replace("base-model", "acme-model")


def _link_outside(data: Path) -> None:
    outside = data.parent.parent / "outside.yaml"
    outside.write_text(PROVIDER, encoding="utf-8")
    os.symlink(outside, data / "providers" / "acme.yaml")


def _link_to_system_file(data: Path) -> None:
    os.symlink("/etc/passwd", data / "providers" / "acme.yaml")


def _link_loop(data: Path) -> None:
    os.symlink(data / "providers" / "acme.yaml", data / "providers" / "acme.yaml")


def _folder_for_a_file(data: Path) -> None:
    (data / "latency.yaml").unlink()
    (data / "latency.yaml").mkdir()


def _yml(data: Path) -> None:
    (data / "providers" / "acme.yml").write_text(PROVIDER, encoding="utf-8")


def _stray_in_providers(data: Path) -> None:
    (data / "providers" / "notes.txt").write_text("a reviewer would not look here\n", encoding="utf-8")


def _stray_in_data(data: Path) -> None:
    (data / "extra.yaml").write_text("prices: {}\n", encoding="utf-8")


def _latency_as_yml(data: Path) -> None:
    (data / "latency.yaml").rename(data / "latency.yml")


def _providers_folder_is_a_link(data: Path) -> None:
    elsewhere = data.parent.parent / "elsewhere"
    shutil.move(str(data / "providers"), elsewhere)
    os.symlink(elsewhere, data / "providers")


def _upper_case_name(data: Path) -> None:
    (data / "providers" / "Acme.yaml").write_text(PROVIDER, encoding="utf-8")


def _oversized(data: Path) -> None:
    (data / "providers" / "acme.yaml").write_text(PROVIDER + "# " + "x" * 5_000_000 + "\n", encoding="utf-8")


def _nul_byte(data: Path) -> None:
    (data / "providers" / "acme.yaml").write_bytes(PROVIDER.replace("Base Model", "Acme\x00Model").encode())


def _stray_in_schema(data: Path) -> None:
    (data / "schema").mkdir()
    (data / "schema" / "provider.schema.json").write_text("{}\n", encoding="utf-8")
    (data / "schema" / "notes.md").write_text("an editor would load whatever is here\n", encoding="utf-8")


def _provider_without_page(data: Path) -> None:
    """A project with docs/: base has its page, acme has none."""
    (data.parent / "docs" / "providers").mkdir(parents=True)
    (data.parent / "docs" / "providers" / "base.md").write_text("# Base\n", encoding="utf-8")
    (data / "providers" / "acme.yaml").write_text(PROVIDER, encoding="utf-8")


CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "a stray file among the schemas": (_stray_in_schema, [
        "data/schema/notes.md:1: is not a generated schema: schema/ holds only provider.schema.json, "
        "scenarios.schema.json, latency.schema.json, network.schema.json, targets.schema.json, "
        "models.schema.json, upstream.schema.json, media.schema.json, privacy.schema.json, capacity.schema.json, "
        "selfhosting.schema.json (got notes.md)"]),
    "a provider without its page": (_provider_without_page, [
        "data/providers/acme.yaml:1: id: has no page: add docs/providers/acme.md as CONTRIBUTING.md's "
        "'Add a provider' says (got no docs/providers/acme.md)"]),
    "a link to a file outside the repository": (_link_outside, [
        "data/providers/acme.yaml:1: must be a file, not a link: links are never followed (got a symbolic link)"]),
    "a link to a system file": (_link_to_system_file, [
        "data/providers/acme.yaml:1: must be a file, not a link: links are never followed (got a symbolic link)"]),
    "a link that points at itself": (_link_loop, [
        "data/providers/acme.yaml:1: must be a file, not a link: links are never followed (got a symbolic link)"]),
    "a folder where a file belongs": (_folder_for_a_file, ["data/latency.yaml:1: must be a file (got a folder)"]),
    "a provider file saved as .yml": (_yml, [
        "data/providers/acme.yml:1: data files end in .yaml; rename it (got acme.yml)"]),
    "a stray file among the providers": (_stray_in_providers, [
        "data/providers/notes.txt:1: data files end in .yaml; rename it (got notes.txt)"]),
    "a stray file in data/": (_stray_in_data, [
        "data/extra.yaml:1: is not a data file: data/ holds providers/, schema/, scenarios.yaml, latency.yaml, "
        "network.yaml, targets.yaml, models.yaml, upstream.yaml, media.yaml, privacy.yaml, capacity.yaml "
        "and selfhosting.yaml (got extra.yaml)"]),
    "a data file saved as .yml": (_latency_as_yml, [
        "data/latency.yaml:1: file is missing (got no file)",
        "data/latency.yml:1: is not a data file: data/ holds providers/, schema/, scenarios.yaml, latency.yaml, "
        "network.yaml, targets.yaml, models.yaml, upstream.yaml, media.yaml, privacy.yaml, capacity.yaml "
        "and selfhosting.yaml; did you mean latency.yaml? (got latency.yml)"]),
    "the providers folder as a link": (_providers_folder_is_a_link, [
        "data/providers:1: must be a folder (got a link)"]),
    "a provider file name in upper case": (_upper_case_name, [
        "data/providers/Acme.yaml:1: must be named <provider-id>.yaml in lower case (got Acme.yaml)"]),
    "a file larger than any provider's": (_oversized, [
        "data/providers/acme.yaml:1: is larger than 5,000,000 bytes (got 5,000,277)"]),
    "a NUL byte in the file": (_nul_byte, [
        "data/providers/acme.yaml:6: not valid YAML: control characters are not allowed (got 'name: Acme\\x00Model')"]),
}


def hostile_project(root: Path, name: str) -> Path:
    data = make_project(root / "project", {})
    CASES[name][0](data)
    return data


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_file_gives_exactly_its_error(name: str, tmp_path: Path) -> None:
    data = hostile_project(tmp_path, name)
    assert problems(data) == sorted(CASES[name][1])


def test_a_link_passed_on_the_command_line_is_not_followed(tmp_path: Path) -> None:
    os.symlink("/etc/passwd", tmp_path / "acme.yaml")
    found = review_files([tmp_path / "acme.yaml"], tmp_path, today=TODAY)
    assert [str(p) for p in found] == [
        "acme.yaml:1: must be a file, not a link: links are never followed (got a symbolic link)"]


def test_the_command_line_prints_only_bounded_one_line_errors(tmp_path: Path) -> None:
    """Every hostile file at once, through `python -m macros validate` as CI runs it."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    data = make_project(project, {
        "data/providers/bidi.yaml": PROVIDER.replace("id: acme", "id: bidi").replace("acme-model", "bidi-model")
        .replace("name: Base Model", 'name: "::error file=x.py::forged \\u202e"'),
        "data/providers/long.yaml": PROVIDER.replace("id: acme", "id: long").replace("acme-model", "long-model")
        .replace("name: Base Model", "name: " + "B" * 200_000),
    })
    _link_to_system_file(data)
    _folder_for_a_file(data)
    _stray_in_providers(data)
    result = subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(project)}, timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output and "root:" not in output
    lines = output.splitlines()
    assert lines[-1].startswith("5 problems found")
    for line in lines:
        assert line.startswith("data/") or line == lines[-1], line
        assert len(line) < 400, line[:100]
    assert not any(line.startswith("::") for line in lines)
    assert "\\u202e" in output and "\u202e" not in output
