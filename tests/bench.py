"""`make bench`: time loading and building with the real dataset and synthetic ones of 1,000 and 10,000 models.

Prints times and the ratios between them, all measured in this one run on this machine.
Targets: load and validate 10,000 models in under 1 s; a full build with 10,000 models in
under 3 times the real build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.data.validate import load_dataset  # noqa: E402

MODELINE = "# yaml-language-server: $schema=../schema/provider.schema.json\n"


def make_project(target: Path, models: int | None) -> Path:
    """Copy the project; with `models`, add synthetic models cloned from the real ones until there are that many."""
    for name in ("docs", "macros", "data", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if models is None:
        return target
    real = [yaml.safe_load(p.read_text()) for p in sorted((ROOT / "data" / "providers").glob("*.yaml"))]
    templates = [model for provider in real for model in provider["models"]]
    providers = target / "data" / "providers"
    per_file = 100
    extra = models - len(templates)
    for start in range(0, extra, per_file):
        batch = []
        for i in range(start, min(start + per_file, extra)):
            model = dict(templates[i % len(templates)])
            model["id"] = f"synthetic-{i:05d}"
            model["name"] = f"Synthetic model {i:05d}"
            batch.append(model)
        pid = f"synthetic-{start // per_file:03d}"
        document = {"id": pid, "name": f"Synthetic provider {pid}", "pricing_page": "https://example.com/", "models": batch}
        (providers / f"{pid}.yaml").write_text(MODELINE + yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return target


def timed(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def build(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(project / "site")]

    def run() -> None:
        subprocess.run(command, cwd=project, check=True, env=env)

    return timed(run)


def main() -> None:
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        real = make_project(base / "real", None)
        rows.append(("load + validate, real data", min(timed(lambda: load_dataset(real / "data")) for _ in range(3))))
        projects = {n: make_project(base / f"n{n}", n) for n in (1000, 10000)}
        for n, project in projects.items():
            best = min(timed(lambda p=project: load_dataset(p / "data")) for _ in range(3))
            rows.append((f"load + validate, {n:,} models", best))
        real_build = build(real)
        rows.append(("full build, real data", real_build))
        for n, project in projects.items():
            rows.append((f"full build, {n:,} models", build(project)))
    width = max(len(name) for name, _ in rows)
    load_real, build_real = rows[0][1], real_build
    print(f"{'what':<{width}}  {'seconds':>8}  {'x real':>7}")
    for name, seconds in rows:
        reference = build_real if name.startswith("full build") else load_real
        print(f"{name:<{width}}  {seconds:8.3f}  {seconds / reference:7.2f}")
    load_10k = rows[2][1]
    build_10k = rows[-1][1]
    print()
    print(f"load + validate 10,000 models: {load_10k:.3f} s (target < 1 s): {'met' if load_10k < 1 else 'MISSED'}")
    print(f"build with 10,000 models: {build_10k / build_real:.2f} x the real build (target < 3): "
          f"{'met' if build_10k < 3 * build_real else 'MISSED'}")


if __name__ == "__main__":
    main()
