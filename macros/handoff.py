"""What the engine leaves to the builder: the tables no search index holds, and the exports.

Under `python -m macros build` (`make build`, the tests, CI and the deploy), a table with a row per model does not go
through the engine's Markdown. Python-Markdown reads every tag of a raw HTML block to find where it ends, and
Material's search plugin reads it all again only to leave it out of the index: with 10,000 models, that was a third
of the build. So the engine writes a placeholder where such a table goes and notes the table's HTML; once every page
is built, the builder writes each table in place of its placeholder (`fill`). A price table's rows, the largest such
table, are not even rendered by the engine: it notes the call (macros.render.environment.later), and the builder
renders the calls: each as soon as it is noted, once the exports are made (`Early`), and any left on both cores once
the engine is done. The builder makes the exports first, while the engine builds the pages, on the machine's other
core; the one table that lists their sizes is noted as a macro call, which the builder renders once it has them.

Without the builder (`make serve`, a bare `mkdocs build`), everything renders in place and the macros write the
exports. tests/test_handoff.py holds both builds to the same bytes, search index included, and builds through the
handoff under MkDocs, ProperDocs and Zensical: the engine's side is a template's output and files in a folder named
by an environment variable, which every engine that runs `define_env` supports alike.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from macros import collector
from macros.cores import map_on_cores
from macros.data.dataset import Dataset

VARIABLE = "IFG_HANDOFF_DIR"
"""The folder, set by the builder, where the engine notes what it leaves; unset, everything renders in place."""
CALLS = frozenset({"exports_table"})
"""Macros the builder renders itself: the exports table gives the size of each export, which the builder makes."""
_PLACEHOLDER = re.compile(r'<div data-ifg-block="([0-9a-f]{16})"></div>')
_SITE_URL = "site-url.txt"
_SEARCH_ATTRIBUTES = re.compile(r'\s?data-search-\w+="[^"]+"')
"""What Material's search plugin removes from every page it indexes (on_page_context); a block filled in here never
passed through it."""

Render = Callable[[str, list[Any], dict[str, Any], str], str]
"""Renders one noted call: macro name, arguments, keyword arguments and the site's address."""


def folder() -> Path | None:
    """The handoff folder of the build running now, or None when no builder started it."""
    value = os.environ.get(VARIABLE)
    return Path(value) if value else None


SHARED = "IFG_SHARED_DATASET"
"""Where the builder puts the dataset it has loaded and checked, for the engine to use rather than load it again; unset,
the engine loads it itself."""
BUILDER = "IFG_BUILDER_PID"
"""The builder's process id: while the engine's parent is that process, the builder is still checking the data."""
_WAIT = 0.01
"""Seconds between the engine's looks for the shared dataset."""


def share(dataset: Dataset, path: Path) -> None:
    """Put the checked dataset where the engine waits for it (`shared`). Loading and checking 10,000 models takes a
    second on both cores; reading them back from here takes a tenth of that, and leaves the cores to the build."""
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    part.write_bytes(pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL))
    part.replace(path)


def shared(meanwhile: Iterator[object] | None = None) -> Dataset | None:
    """The dataset the builder shares (`share`), once it is there; None when no builder offers one. While the data is
    checked, this waits: a builder that finds an error stops the engine, and one that is gone stops the wait. A step of
    `meanwhile` is taken in place of each pause, until none is left: work the engine would do later anyway, such as
    compiling the templates (with 10,000 models, the builder takes a few tenths of a second longer to share the data
    than the engine takes to start)."""
    value = os.environ.get(SHARED)
    if not value:
        return None
    path, builder = Path(value), os.environ.get(BUILDER, "")
    steps = meanwhile or iter(())
    while not path.is_file():
        if str(os.getppid()) != builder:
            raise RuntimeError(f"the builder stopped before it shared the dataset at {path}")
        if next(steps, _DONE) is _DONE:
            time.sleep(_WAIT)
    with collector.paused():
        loaded = pickle.loads(path.read_bytes())
    if not isinstance(loaded, Dataset):
        raise TypeError(f"{path} holds no dataset (got {type(loaded).__name__})")
    # An engine started by the builder builds once and exits, and the dataset stays alive to the end: its collections
    # need not walk it (gc.freeze), which at 10,000 models saved three walks of a tenth of a second each.
    gc.freeze()
    return loaded


_DONE = object()
"""What `next` gives once `meanwhile` has no step left."""


def set_aside(into: Path, html: str) -> str:
    """Note a block of HTML for the builder to write in; return its placeholder."""
    return _note(into, {"html": html})


def set_aside_call(into: Path, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """Note a macro call for the builder to render; return its placeholder."""
    return _note(into, {"macro": name, "args": list(args), "kwargs": kwargs})


def _note(into: Path, note: dict[str, Any]) -> str:
    """A note's key is a hash of it, so two pages leaving the same block share it, and an engine that renders pages at
    once in threads writes the same bytes."""
    text = json.dumps(note, sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    _write(into / f"{key}.json", text)
    return f'<div data-ifg-block="{key}"></div>'


def note_site_url(into: Path, site_url: str | None) -> None:
    """Record the site's address from the engine's configuration, which the builder does not read itself."""
    _write(into / _SITE_URL, site_url or "")


def site_url(into: Path) -> str | None:
    """The address the engine built for; None where the configuration gives none (or the engine never started)."""
    path = into / _SITE_URL
    return (path.read_text(encoding="utf-8") or None) if path.is_file() else None


def _write(path: Path, text: str) -> None:
    """Write through a temporary name of this process and thread, so that a reader never sees half a file."""
    part = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    part.write_text(text, encoding="utf-8")
    part.replace(path)


class Early:
    """The calls the engine has noted so far, rendered in this process while it builds the rest of the pages: MkDocs
    renders every page's Markdown before it writes any, so most calls are noted seconds before it ends, and the
    builder, done with the exports, has the other core. `fill` then renders the calls still missing on both cores."""

    def __init__(self, notes: Path, render: Render) -> None:
        self.notes = notes
        self.render = render
        self.made: dict[str, str] = {}
        """Each rendered call's HTML, by its note's key."""
        self._read: set[str] = set()
        self._waiting: list[tuple[str, dict[str, Any]]] = []

    def render_next(self) -> bool:
        """Render one call noted and not yet rendered; False when there is none. One at a time, so that the builder
        sees the engine end between two, and leaves the rest to `fill`. A note is in place whole or not at all
        (`_write`), and the site's address is noted before any page is (macros.site.Build.start)."""
        if not self._waiting:
            self._look()
        if not self._waiting:
            return False
        key, note = self._waiting.pop(0)
        self.made[key] = self.render(note["macro"], note["args"], note["kwargs"], site_url(self.notes) or "")
        return True

    def _look(self) -> None:
        """Queue the calls noted since the last look."""
        if not (self.notes / _SITE_URL).is_file():
            return
        for path in sorted(self.notes.glob("*.json")):
            if path.stem not in self._read:
                self._read.add(path.stem)
                note = json.loads(path.read_text(encoding="utf-8"))
                if "html" not in note:
                    self._waiting.append((path.stem, note))


def fill(site: Path, notes: Path, render: Render, made: dict[str, str] | None = None) -> int:
    """Write each noted block, or the HTML of each noted call, in place of its placeholder in every page of `site`;
    return how many were filled. `made` holds calls rendered already (Early.made); the rest are rendered on both
    cores (macros.cores). A placeholder without its note stops the build with the page it is on."""
    global _RENDER
    url = site_url(notes) or ""
    made = dict(made or {})
    pages = {page: text for page in sorted(site.rglob("*.html"))
             if 'data-ifg-block="' in (text := page.read_text(encoding="utf-8"))}
    found: dict[str, dict[str, Any]] = {}
    for page, text in pages.items():
        for key in _PLACEHOLDER.findall(text):
            note = notes / f"{key}.json"
            if key not in found:
                if not note.is_file():
                    raise LookupError(f"{page.relative_to(site)}: no note for block {key}")
                found[key] = json.loads(note.read_text(encoding="utf-8"))
    calls = [key for key, note in found.items() if "html" not in note and key not in made]
    _RENDER = render
    try:
        made.update(zip(calls, map_on_cores(_render_call, [(found[key], url) for key in calls]), strict=True))
    finally:
        _RENDER = None
    rendered = {key: _SEARCH_ATTRIBUTES.sub("", note["html"] if "html" in note else made[key]) for key, note in found.items()}
    count = 0
    for page, text in pages.items():
        filled, placed = _PLACEHOLDER.subn(lambda match: rendered[match.group(1)], text)
        page.write_text(filled, encoding="utf-8")
        count += placed
    return count


_RENDER: Render | None = None
"""The renderer of the fill under way, where the worker processes it forks find it (a closure cannot be sent to them)."""


def _render_call(job: tuple[dict[str, Any], str]) -> str:
    note, url = job
    assert _RENDER is not None, "only fill() renders calls"
    return _RENDER(note["macro"], note["args"], note["kwargs"], url)
