"""Every page's macros, rendered from a Dataset without an engine: what `define_env` would give MkDocs, page by page.

A whole MkDocs build takes seconds; this takes a fraction of one, so a property test can run it on many generated
datasets. The pages' Markdown is rendered as Jinja templates, as mkdocs-macros does, with the build's macros and
variables (macros.site), and the exports are made in memory as a build makes them.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, StrictUndefined

from macros import export
from macros.data.dataset import Dataset
from macros.render import Links
from macros.site import MACROS, Build

ROOT = Path(__file__).resolve().parent.parent
PAGES = {path.relative_to(ROOT / "docs").as_posix(): path.read_text(encoding="utf-8")
         for path in sorted((ROOT / "docs").rglob("*.md"))}


def render_pages(dataset: Dataset, site_dir: Path) -> dict[str, str]:
    """Each page's Markdown after its macros ran, by path under docs/; the exports as a build makes them."""
    export.texts(dataset)
    build = Build(dataset, ROOT, site_dir, None, Links(), notes=None, written=True)
    env = Environment(undefined=StrictUndefined, autoescape=False)
    env.globals.update(build.variables())
    env.globals.update({name: build.bind(name) for name in MACROS})
    return {name: env.from_string(text).render() for name, text in PAGES.items()}
