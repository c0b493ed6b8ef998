"""`make bench`: time loading and building with the real dataset and synthetic ones of 1,000 and 10,000 models,
and weigh every page of a 2,000-model build.

Prints times and the ratios between them, all measured in this one run on this machine. The real build and the
10,000-model build are each the best of three runs, taken in turn; the real build is compared with the build before
December in two more runs, taken in turn with it.
Targets: `make sync` on the fixtures (tests/fixtures/upstream) in under 5 s; the real build in under twice the
build before the December 2026 data (BEFORE_DECEMBER, built from git history); load and validate 10,000 models in
under 1 s; a full build with 10,000 models in
under 3 times the real build; with 2,000 models (about LiteLLM's size), every page's first load within the
page budget (tests/page_budget.json), counted as the gzipped bytes of its HTML and of every stylesheet and
script it loads from this site. Also printed: the time `make serve` takes to rebuild after one data edit (aim: under
3 s).
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from audit import page_budget  # noqa: E402
from sync_fixtures import LITELLM as SYNC_LITELLM  # noqa: E402
from sync_fixtures import OPTIONS as SYNC_OPTIONS  # noqa: E402

from macros.data.reader import load_file  # noqa: E402
from macros.data.validate import load_dataset  # noqa: E402

MODELINE = "# yaml-language-server: $schema=../schema/provider.schema.json\n"


class Dumper(yaml.SafeDumper):
    """Writes the reader's exact decimals back as the plain numbers they were read from, and every value in full:
    a contributor writes no anchors or aliases, which the reader's fast path leaves to its slower line-aware one."""

    def ignore_aliases(self, data: object) -> bool:
        return True


Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value)))


def make_project(target: Path, models: int | None) -> Path:
    """Copy the project; with `models`, add synthetic models cloned from the real ones until there are that many,
    in providers of 100 models, each with its page (as a contributor adds one, from an existing page)."""
    for name in ("docs", "macros", "data", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if models is None:
        return target
    # The project's own reader, so values stay what the build reads (YAML 1.1 would turn `off` into False).
    real = [load_file(p).value for p in sorted((ROOT / "data" / "providers").glob("*.yaml"))]
    page = (ROOT / "docs" / "providers" / "openai.md").read_text(encoding="utf-8")
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
        (providers / f"{pid}.yaml").write_text(MODELINE + yaml.dump(document, Dumper=Dumper, sort_keys=False), encoding="utf-8")
        text = page.replace("openai", pid).replace("OpenAI", f"Synthetic provider {pid}")
        (target / "docs" / "providers" / f"{pid}.md").write_text(text, encoding="utf-8")
    return target


def timed(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def build(project: Path) -> float:
    """Seconds `make build` takes in `project`: the builder with MkDocs, as CI and the deploy run it, without a site
    from an earlier run to remove (as in CI's clean clone)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "macros", "build", "--site-dir", str(project / "site")]
    shutil.rmtree(project / "site", ignore_errors=True)

    def run() -> None:
        subprocess.run(command, cwd=project, check=True, env=env, capture_output=True)

    return timed(run)


ROUNDS = 3
"""How many times the real and the 10,000-model builds are each taken, in turn, for the ratio between them."""


def best_in_turn(first: Path, second: Path, rounds: int = ROUNDS) -> tuple[float, float]:
    """The best of `rounds` builds of each project, taken in turn, so that both see the machine as it is: a shared
    machine runs faster and slower by a quarter from one minute to the next. Each side gets the same number of tries,
    since the best of more tries is lower by chance alone."""
    runs = [(build(first), build(second)) for _ in range(rounds)]
    return min(a for a, _ in runs), min(b for _, b in runs)


ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')


def first_load(site: Path, page: Path) -> int:
    """Gzipped bytes of a page and the stylesheets and scripts it loads from the site (images and data the tools
    fetch later are not counted; the explorer fetches its data only on first use past 300 models)."""
    total = len(gzip.compress(page.read_bytes(), 6))
    for address in set(ASSET.findall(page.read_text(encoding="utf-8"))):
        if "://" in address:
            continue
        asset = (page.parent / address.split("?")[0]).resolve()
        if site.resolve() in asset.parents and asset.is_file():
            total += len(gzip.compress(asset.read_bytes(), 6))
    return total


def weigh(project: Path) -> list[tuple[str, int]]:
    """Every page's first load, heaviest first."""
    site = project / "site"
    sizes = [(str(p.relative_to(site).parent), first_load(site, p)) for p in site.rglob("index.html")]
    return sorted(sizes, key=lambda item: -item[1])


def sync_on_fixtures() -> float:
    """Seconds `make sync` takes on the fixtures: a fresh interpreter, the report only (the install step skipped)."""
    start = time.perf_counter()
    subprocess.run(["make", "-s", "-o", ".venv/.installed-from-lock", "sync", f"LITELLM={SYNC_LITELLM}",
                    f"SYNC_ARGS={' '.join(SYNC_OPTIONS)}"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


SERVE_REBUILD = """
import pathlib, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config("mkdocs.yml", site_dir="site-serve"))
edited = pathlib.Path(sys.argv[1])
edited.write_text(edited.read_text(encoding="utf-8").replace(sys.argv[2], sys.argv[3], 1), encoding="utf-8")
start = time.perf_counter()
build(load_config("mkdocs.yml", site_dir="site-serve"))
print(time.perf_counter() - start)
"""
"""What `make serve` does after an edit: in the process that built the site once, load the configuration again and
rebuild everything (MkDocs 1.6 serve rebuilds the whole site; the macros read data/ afresh)."""


def serve_rebuild(project: Path) -> float:
    """Seconds `make serve` takes to rebuild after one data edit: a model's check date in data/providers/openai.yaml."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-c", SERVE_REBUILD, "data/providers/openai.yaml",
                           "    verified: 2026-11-20", "    verified: 2026-11-19"],
                          cwd=project, env=env, check=True, capture_output=True, text=True)
    return float(done.stdout.split()[-1])


BEFORE_DECEMBER = "150d58f"
"""The last commit before the December 2026 data (315 new entries): the build the larger data is measured against."""


def build_at(revision: str, target: Path) -> float | None:
    """Seconds to build the project as it was at `revision` (its own code, pages and data); None without history."""
    added = subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(target), revision], cwd=ROOT,
                           capture_output=True)
    if added.returncode:
        return None
    try:
        return build(target)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(target)], cwd=ROOT, capture_output=True)


def main() -> None:
    sync_seconds = min(sync_on_fixtures() for _ in range(3))
    print(f"make sync on the fixtures: {sync_seconds:.3f} s (target < 5 s): {'met' if sync_seconds < 5 else 'MISSED'}")
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        real = make_project(base / "real", None)
        rows.append(("load + validate, real data", min(timed(lambda: load_dataset(real / "data")) for _ in range(3))))
        projects = {n: make_project(base / f"n{n}", n) for n in (1000, 10000)}
        for n, project in projects.items():
            best = min(timed(lambda p=project: load_dataset(p / "data")) for _ in range(3))
            rows.append((f"load + validate, {n:,} models", best))
        december = build(real)
        before = build_at(BEFORE_DECEMBER, base / "before")
        december = min(december, build(real))  # the two builds alternate, so both see the same machine
        rebuild = serve_rebuild(real)
        thousand = build(projects[1000])
        real_build, build_10k = best_in_turn(real, projects[10000])
        rows += [("full build, real data", real_build), ("full build, 1,000 models", thousand),
                 ("full build, 10,000 models", build_10k)]
        weights = {"real data": weigh(real)}
        typical = make_project(base / "n2000", 2000)
        build(typical)
        weights["2,000 models"] = weigh(typical)
    width = max(len(name) for name, _ in rows)
    load_real = rows[0][1]
    print(f"{'what':<{width}}  {'seconds':>8}  {'x real':>7}")
    for name, seconds in rows:
        reference = real_build if name.startswith("full build") else load_real
        print(f"{name:<{width}}  {seconds:8.3f}  {seconds / reference:7.2f}")
    load_10k = rows[2][1]
    print()
    print(f"load + validate 10,000 models: {load_10k:.3f} s (target < 1 s): {'met' if load_10k < 1 else 'MISSED'}")
    print(f"build with 10,000 models: {build_10k / real_build:.2f} x the real build (target < 3): "
          f"{'met' if build_10k < 3 * real_build else 'MISSED'}")
    if before is None:
        print(f"real build against the data before December ({BEFORE_DECEMBER}): no git history to build it from")
    else:
        print(f"real build with December's data: {december / before:.2f} x the build at {BEFORE_DECEMBER}, "
              f"{before:.3f} s (target < 2): {'met' if december < 2 * before else 'MISSED'}")
    print(f"make serve, rebuild after one data edit: {rebuild:.3f} s (aim < 3 s): {'met' if rebuild < 3 else 'MISSED'}")
    budget = page_budget()
    for name, sizes in weights.items():
        over = [f"{page} ({size / 1024:.1f} KB)" for page, size in sizes if size > budget]
        heaviest = ", ".join(f"{page} {size / 1024:.1f} KB" for page, size in sizes[:3])
        print(f"pages with {name}: {len(sizes)}, heaviest {heaviest}; budget {budget / 1024:.1f} KB: "
              f"{'met' if not over else 'MISSED: ' + ', '.join(over)}")


if __name__ == "__main__":
    main()
