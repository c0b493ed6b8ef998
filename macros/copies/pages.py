"""Which pages get a Markdown copy, in which section of /llms.txt, with which one-line summary.

The answers come from mkdocs.yml (the menu's order and sections, the pages left out of the site) and from each page's
front matter (its `description`, which is also the page's meta description), read as any engine reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

NO_SECTION = "Other pages"
"""The llms.txt section of a page neither in the menu nor in a folder of its own."""


def front_matter(text: str) -> tuple[dict[str, object], dict[str, int]]:
    """A page's front matter and the line of each top-level key; empty when the page has none."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, {}
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return {}, {}
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError:
        return {}, {}  # the engine reports it
    key_lines = {line.split(":", 1)[0]: i + 2 for i, line in enumerate(lines[1:end]) if ":" in line and line[:1] != " "}
    return (meta if isinstance(meta, dict) else {}), key_lines


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's own tags (`!ENV`) read as nothing: only the menu, the name and the left-out pages matter here."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def config(project: Path) -> dict[str, Any]:
    """mkdocs.yml as data."""
    loaded = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a safe loader
    return loaded if isinstance(loaded, dict) else {}


@dataclass(frozen=True)
class Page:
    """A page of the site: its Markdown source under docs/, its section in llms.txt and its one-line summary."""

    source: str
    section: str
    description: str

    @property
    def folder(self) -> str:
        """The page's address under the site root: '' for the home page, 'cost/' for cost.md."""
        stem = self.source.removesuffix(".md")
        return "" if stem == "index" else stem.removesuffix("/index") + "/"

    @property
    def html(self) -> str:
        return self.folder + "index.html"

    @property
    def copy(self) -> str:
        """The stable address of the page's Markdown copy, beside its HTML: cost/index.md, index.md for the home page."""
        return self.folder + "index.md"


def _menu(entries: object, section: str) -> list[tuple[str, str]]:
    """(section, source) for each page of the menu, in its order; a page in a subsection keeps its top section."""
    found: list[tuple[str, str]] = []
    for entry in entries if isinstance(entries, list) else []:
        items = entry.items() if isinstance(entry, dict) else [(None, entry)]
        for title, value in items:
            if isinstance(value, str) and value.endswith(".md"):
                found.append((section, value))
            elif isinstance(value, list):
                found += _menu(value, section if section != NO_SECTION else str(title))
    return found


def _excluded(source: str, patterns: object) -> bool:
    """Whether mkdocs.yml's exclude_docs leaves `source` out of the site (folders and files named in full)."""
    lines = [line.strip().lstrip("/") for line in str(patterns or "").splitlines() if line.strip()]
    return any(source.startswith(line) if line.endswith("/") else source == line for line in lines)


def pages(project: Path) -> list[Page]:
    """Every page of the site but moved ones (redirects): the menu's in its order, then the others by folder."""
    conf = config(project)
    docs = project / str(conf.get("docs_dir") or "docs")
    menu = _menu(conf.get("nav"), NO_SECTION)
    listed = {source for _, source in menu}
    rest = [(source.split("/")[0].replace("-", " ").capitalize() if "/" in source else NO_SECTION, source)
            for source in sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
            if source not in listed and not _excluded(source, conf.get("exclude_docs"))]
    found = []
    for section, source in menu + sorted(rest, key=lambda entry: (entry[0] == NO_SECTION, entry)):
        meta, _ = front_matter((docs / source).read_text(encoding="utf-8"))
        if "redirect_to" not in meta and meta.get("template") != "redirect.html":
            found.append(Page(source, section, str(meta.get("description") or "").strip()))
    return found
