"""mkdocs-macros entry point: registers the macros and variables, nothing else (the work is in macros.site).

Engine-neutral on purpose: only define_env with env.macro, env.variables, env.conf and
env.project_dir, so MkDocs, ProperDocs and Zensical all run it unchanged. on_post_build is the macros plugin's own
hook, not an engine's: after a bare MkDocs or ProperDocs build, and under `serve`, it writes the pages' Markdown
copies. An engine that never calls it loses nothing under `make build`, whose builder writes them itself.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# Zensical runs this file without the project folder on sys.path; the imports below need it there.
_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

from macros.data import DataError  # noqa: E402
from macros.formatting import counted  # noqa: E402
from macros.site import MACROS, Build, write_copies  # noqa: E402

try:  # MkDocs prints this exception's message alone, without a traceback, and stops the build.
    from mkdocs.exceptions import PluginError as BuildError
except ImportError:  # pragma: no cover - another engine running define_env
    BuildError = RuntimeError  # type: ignore[misc,assignment]


def define_env(env: Any) -> None:
    """Load the dataset once (a data error stops the build here) and register the macros."""
    project = Path(env.project_dir)
    try:
        build = Build.start(project, project / env.conf["site_dir"], env.conf.get("site_url"))
    except DataError as exc:
        raise BuildError(f"{counted(len(exc.problems), 'problem')} in data/, so no site was written:\n{exc}") from None
    for name in MACROS:
        env.macro(build.bind(name), name)
    env.variables.update(build.variables())


def on_post_build(env: Any) -> None:
    """Write the pages' Markdown copies and llms.txt from the pages just built (macros.copies)."""
    project = Path(env.project_dir)
    write_copies(project, project / env.conf["site_dir"], env.conf.get("site_url"))
