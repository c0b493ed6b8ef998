"""The stages import only the stages before them, so the flow in CONTRIBUTING.md stays one-way.

    formatting, escape, cores, collector -> data -> handoff -> calc, currency -> rows, chart, waits -> export -> render
    -> report -> sync -> copies -> site, commands

A lower stage importing a higher one fails here, naming both modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "macros"

STAGES = [
    ("formatting, escaping, both cores and the collector",
     ["macros.formatting", "macros.escape", "macros.cores", "macros.collector"]),
    ("data", ["macros.data"]),
    ("the builder's handoff", ["macros.handoff"]),
    ("calc", ["macros.calc", "macros.currency"]),
    ("rows", ["macros.rows", "macros.chart", "macros.waits"]),
    ("export", ["macros.export"]),
    ("render", ["macros.render"]),
    ("report", ["macros.report"]),
    ("sync", ["macros.sync"]),
    ("the pages' Markdown copies", ["macros.copies"]),
    ("entry points", ["macros.site", "macros.commands", "macros.__main__", "macros"]),
]


def stage_of(module: str) -> int:
    """The index in STAGES of the stage that holds `module` (the longest matching prefix wins)."""
    best, length = -1, -1
    for index, (_, prefixes) in enumerate(STAGES):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > length:
                best, length = index, len(prefix)
    if best < 0:
        raise LookupError(f"{module} belongs to no stage: add it to STAGES")
    return best


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """The macros modules a file imports, absolute names only (the project uses no relative imports)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.relative_to(ROOT)}: relative import; use absolute ones"
            if node.module and node.module.split(".")[0] == "macros":
                for alias in node.names:  # `from macros.render import tables` imports macros.render.tables
                    folder = PACKAGE.joinpath(*node.module.split(".")[1:])
                    submodule = (folder / alias.name).is_dir() or (folder / f"{alias.name}.py").is_file()
                    found.add(f"{node.module}.{alias.name}" if submodule else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "macros")
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_stage() -> None:
    for path in MODULES:
        stage_of(module_name(path))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_a_later_stage(path: Path) -> None:
    name = module_name(path)
    own = stage_of(name)
    later = sorted(m for m in imported(path) if stage_of(m) > own)
    assert not later, f"{name} ({STAGES[own][0]}) imports a later stage: " + ", ".join(
        f"{m} ({STAGES[stage_of(m)][0]})" for m in later)


def test_the_check_catches_a_back_edge(tmp_path: Path) -> None:
    """The data stage importing the report, or calc importing render, is what this file exists to catch."""
    probe = tmp_path / "probe.py"
    probe.write_text("from macros.report.diff import compare\nimport macros.render.tables\n", encoding="utf-8")
    assert {"macros.report.diff", "macros.render.tables"} <= imported(probe)
    assert stage_of("macros.data.rules") < stage_of("macros.report.diff")
    assert stage_of("macros.calc") < stage_of("macros.render.tables")
