"""Build the site with any of the engines that read mkdocs.yml, and replace the old site only on success.

An engine empties its output folder first, so a build that fails or is interrupted half-way would
leave no site, or half of one. Here the engine writes into a fresh folder inside the project (Zensical
accepts no output folder outside it), chosen through IFG_SITE_DIR, which mkdocs.yml reads; only when
the engine succeeds does that folder take the place of the old site.

The data is checked before any engine starts, so bad data stops every engine the same way: with
`path:line: field: what is wrong (got X)` and no traceback (Zensical prints one for any error raised
while it renders a page, define_env's included).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.data import DataError, load_dataset

ENGINES: dict[str, list[str]] = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict"],
    "properdocs": [sys.executable, "-m", "properdocs", "build", "--strict"],
    "zensical": [sys.executable, "-m", "zensical", "build", "--strict"],
}
"""Each engine's build command. MkDocs 1.6 with Material is the reference; the others must match its pages."""
SITE_DIR_VARIABLE = "IFG_SITE_DIR"


def build(project: Path, site_dir: Path, engine: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """Build `project` with `engine` into `site_dir`; on failure `site_dir` is left as it was."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)} (got {engine})")
    try:
        load_dataset(project / "data")
    except DataError as exc:
        message = f"{len(exc.problems)} problem(s) in data/, so no site was written:\n{exc}\n"
        return subprocess.CompletedProcess(ENGINES[engine], 1, "", message)
    fresh = Path(tempfile.mkdtemp(prefix=".site-build-", dir=project))
    env = {**os.environ, SITE_DIR_VARIABLE: str(fresh), "NO_MKDOCS_2_WARNING": "1",
           # Zensical runs define_env without the project on sys.path; macros/__init__.py copes, this is belt and braces.
           "PYTHONPATH": os.pathsep.join(filter(None, [str(project), os.environ.get("PYTHONPATH")]))}
    try:
        result = subprocess.run(ENGINES[engine], cwd=project, env=env, capture_output=True, text=True)
        if result.returncode == 0:
            _replace(site_dir, fresh)
        return result
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _replace(site_dir: Path, fresh: Path) -> None:
    """Put `fresh` where `site_dir` is, removing the old site only once the new one is in place."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
        site_dir.rename(old / "site")
    shutil.move(str(fresh), str(site_dir))
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
