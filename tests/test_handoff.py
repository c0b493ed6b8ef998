"""The builder's handoff (macros/handoff.py): a table no search index holds skips the engine's Markdown and is written
in by the builder, which also makes the exports while the engine builds the pages. The site must come out the same,
byte for byte, as a bare engine build writes it, and the handoff must work under every engine the builder runs."""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench import make_project
from pages import render_pages

from macros import builder, export, handoff, site
from macros.data import Dataset, load_dataset
from macros.render import tables

REGION = re.compile(r'<div class="ifg-table" role="region" aria-label="List prices per million tokens".*?</table>\s*</div>',
                    re.S)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_builder_writes_the_same_site_as_a_bare_engine_build(root: Path, built_site: Path, tmp_path: Path) -> None:
    """Pages, search index, sitemap and exports: what a reader or a tool gets does not depend on the handoff."""
    if (os.environ.get("IFG_ENGINE") or "mkdocs") != "mkdocs":
        pytest.skip("compared with a bare MkDocs build")
    bare = tmp_path / "bare"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", builder.SITE_DIR_VARIABLE: str(bare)}
    env.pop(handoff.VARIABLE, None)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=root, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    handed, alone = _files(built_site), _files(bare)
    assert sorted(handed) == sorted(alone)
    differ = [name for name in handed if handed[name] != alone[name]]
    assert not differ, f"these files differ between the builder's site and a bare build: {differ[:10]}"
    assert b"data-ifg-block" not in handed["providers/openai/index.html"]


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_engine_hands_its_tables_to_the_builder(root: Path, built_site: Path, tmp_path: Path, engine: str) -> None:
    """Each engine leaves a placeholder that survives its Markdown and theme, so the builder fills every one: the
    price table on a provider page is the one the MkDocs build has, and the exports table gives each file's size."""
    site = tmp_path / "site"
    result = builder.build(root, site, engine)
    assert result.returncode == 0, result.stderr
    left = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if "data-ifg-block" in p.read_text(encoding="utf-8")]
    assert not left, f"placeholders left unfilled under {engine}: {left}"
    page = (site / "providers" / "openai" / "index.html").read_text(encoding="utf-8")
    reference = (built_site / "providers" / "openai" / "index.html").read_text(encoding="utf-8")
    assert REGION.search(page) and REGION.search(page).group(0) == REGION.search(reference).group(0)  # type: ignore[union-attr]
    exports = (site / "methodology" / "index.html").read_text(encoding="utf-8")
    size = (site / "data" / "costs.csv").stat().st_size
    assert "<code>data/costs.csv</code>" in exports and f"{size:,}" in exports
    # Each page's Markdown copy is made from the filled-in page, and the page links to it, whatever the engine.
    assert {p.parent for p in site.rglob("index.md")} == {p.parent for p in site.rglob("index.html")}
    assert 'href="index.md"' in page and "data-ifg-block" not in (site / "providers" / "openai" / "index.md").read_text()
    assert (site / "llms.txt").read_text(encoding="utf-8").count("/index.md): ") == len(list(site.rglob("index.md")))


def test_a_block_comes_back_exactly_as_the_engine_left_it(tmp_path: Path) -> None:
    """Whatever a block holds (escaped data, line separators, another placeholder's text), it is written in as it
    was noted, with only the search plugin's attribute gone, as Material removes it from every page it indexes."""
    notes, site = tmp_path / "notes", tmp_path / "site"
    notes.mkdir()
    (site / "page").mkdir(parents=True)
    block = ('<div class="ifg-table" data-search-exclude="per-model"><p>&lt;script&gt; \u2028 \\1 '
             '&lt;div data-ifg-block="0123456789abcdef"&gt;&lt;/div&gt; é</p></div>')
    placeholder = handoff.set_aside(notes, block)
    call = handoff.set_aside_call(notes, "exports_table", (), {})
    handoff.note_site_url(notes, "https://example.com/guide/")
    (site / "page" / "index.html").write_text(f"<main>{placeholder}\n{call}\n{placeholder}</main>", encoding="utf-8")
    seen: list[tuple[str, str]] = []

    def render(name: str, args: list[object], kwargs: dict[str, object], url: str) -> str:
        seen.append((name, url))
        return "<p>rendered</p>"

    assert handoff.fill(site, notes, render) == 3
    expected = block.replace(' data-search-exclude="per-model"', "")
    assert (site / "page" / "index.html").read_text(encoding="utf-8") == f"<main>{expected}\n<p>rendered</p>\n{expected}</main>"
    assert seen == [("exports_table", "https://example.com/guide/")]


def test_a_placeholder_without_its_note_stops_the_build_naming_its_page(tmp_path: Path) -> None:
    (tmp_path / "site" / "pricing").mkdir(parents=True)
    (tmp_path / "notes").mkdir()
    (tmp_path / "site" / "pricing" / "index.html").write_text('<div data-ifg-block="0123456789abcdef"></div>',
                                                             encoding="utf-8")
    with pytest.raises(LookupError, match="pricing/index.html: no note for block 0123456789abcdef"):
        handoff.fill(tmp_path / "site", tmp_path / "notes", lambda *call: "")


def test_under_the_builder_the_engine_leaves_a_price_tables_rows_to_it(fixture_data: Dataset, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows of a price table (one per model) are neither rendered nor read by the engine under the builder: the
    engine notes the call, and the builder's rendering of it is the table a bare build has in its place."""
    links = site.links_for("https://example.com/guide/")
    alone = tables.price_table(fixture_data, links, provider="acme", scenario="chat", network="fast")
    monkeypatch.setenv(handoff.VARIABLE, str(tmp_path))
    handoff.note_site_url(tmp_path, "https://example.com/guide/")
    left = tables.price_table(fixture_data, links, provider="acme", scenario="chat", network="fast")
    keys = re.findall(r'<div data-ifg-block="([0-9a-f]{16})"></div>', left)
    assert len(keys) == 1 and REGION.search(alone) and not REGION.search(left)
    note = json.loads((tmp_path / f"{keys[0]}.json").read_text(encoding="utf-8"))
    assert note["macro"] == "price_rows" and "html" not in note
    monkeypatch.delenv(handoff.VARIABLE)
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(left, encoding="utf-8")
    assert handoff.fill(tmp_path / "page", tmp_path, site.renderer(fixture_data)) == 1
    assert (tmp_path / "page" / "index.html").read_text(encoding="utf-8") == handoff._SEARCH_ATTRIBUTES.sub("", alone)


def test_as_the_data_grows_only_the_list_of_every_model_grows_what_the_engine_reads(root: Path, tmp_path: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Under the builder, every table and list with a row per model, and every copy of a table, skips the engine's
    Markdown (and the search index), so what the engine reads stays the same however many models there are. The one
    exception, by design, is the pricing page's list of every model, which keeps each name findable in search: about
    150 bytes a model. Measured on each page's Markdown as the macros leave it, with the real data and with the real
    data grown to 1,000 models (tests/bench.py makes them as for `make bench`)."""
    (tmp_path / "notes").mkdir()
    monkeypatch.setenv(handoff.VARIABLE, str(tmp_path / "notes"))
    real = load_dataset(root / "data")
    grown = load_dataset(make_project(tmp_path / "grown", 1000) / "data")
    before, after = render_pages(real, tmp_path / "real"), render_pages(grown, tmp_path / "grown" / "site")
    added = len(grown.listings) - len(real.listings)
    assert added > 500
    per_model = {page: (len(after[page]) - len(before[page])) / added for page in before}
    assert 100 < per_model.pop("pricing.md") < 200
    growing = {page: round(size, 1) for page, size in per_model.items() if size >= 10}
    assert not growing, f"bytes of the engine's Markdown per model added, on pages that grow with the data: {growing}"


def test_the_builder_renders_each_call_once_as_soon_as_it_is_noted(tmp_path: Path) -> None:
    """While the engine builds, the builder renders each call it has noted (handoff.Early), skipping the blocks noted
    whole, and fill renders only the calls noted after the last look."""
    notes, site_dir = tmp_path / "notes", tmp_path / "site"
    notes.mkdir()
    (site_dir / "page").mkdir(parents=True)
    seen: list[object] = []

    def render(name: str, args: list[object], kwargs: dict[str, object], url: str) -> str:
        seen.append(kwargs["n"])
        return f"<p>call {kwargs['n']} for {url}</p>"

    early = handoff.Early(notes, render)
    first = handoff.set_aside_call(notes, "exports_table", (), {"n": 1})
    assert not early.render_next() and seen == []  # the engine has not noted the site's address yet
    handoff.note_site_url(notes, "https://example.com/guide/")
    block = handoff.set_aside(notes, "<p>block</p>")
    second = handoff.set_aside_call(notes, "exports_table", (), {"n": 2})
    assert early.render_next() and len(seen) == 1  # one at a time, so the builder sees the engine end between two
    assert early.render_next() and not early.render_next() and sorted(seen) == [1, 2]
    third = handoff.set_aside_call(notes, "exports_table", (), {"n": 3})
    (site_dir / "page" / "index.html").write_text(f"{first}\n{block}\n{second}\n{third}", encoding="utf-8")
    assert handoff.fill(site_dir, notes, render, early.made) == 4
    assert sorted(seen) == [1, 2, 3] and len(seen) == 3
    assert (site_dir / "page" / "index.html").read_text(encoding="utf-8") == "\n".join(
        [f"<p>call {n} for https://example.com/guide/</p>" for n in (1,)] + ["<p>block</p>"] +
        [f"<p>call {n} for https://example.com/guide/</p>" for n in (2, 3)])


def test_the_engine_takes_the_dataset_the_builder_checked(fixture_data: Dataset, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The builder shares the dataset it loaded, and the engine reads it back rather than load and check it again;
    without a builder, the engine loads it itself."""
    monkeypatch.delenv(handoff.SHARED, raising=False)
    assert handoff.shared() is None
    path = tmp_path / "dataset.pickle"
    monkeypatch.setenv(handoff.SHARED, str(path))
    handoff.share(fixture_data, path)
    try:
        shared = handoff.shared()
    finally:
        gc.unfreeze()  # the engine keeps the dataset out of its collections for good; this process gives it back
    assert isinstance(shared, Dataset) and shared is not fixture_data
    assert [x.model for x in shared.listings] == [x.model for x in fixture_data.listings]
    assert shared.as_of == fixture_data.as_of and shared.today == fixture_data.today
    assert [p.name for p in tmp_path.iterdir()] == ["dataset.pickle"]  # written whole under another name, then renamed
    path.write_bytes(b"\x80\x05N.")  # a pickle of None
    with pytest.raises(TypeError, match="holds no dataset"):
        handoff.shared()


def test_the_engine_stops_waiting_when_the_builder_is_gone(tmp_path: Path) -> None:
    """A builder that finds bad data stops the engine; one killed outright leaves it an orphan, which gives up."""
    waiting = ("import os, sys, time\n"
               f"os.environ['{handoff.BUILDER}'] = str(os.getpid())\n"  # this process plays the builder
               "if os.fork():\n"
               "    time.sleep(0.3)\n"  # and dies before it shares anything
               "    os._exit(0)\n"
               "from macros import handoff\n"
               "try:\n"
               "    handoff.shared()\n"
               "except RuntimeError as exc:\n"
               "    open(sys.argv[1], 'w').write(str(exc))\n")
    said = tmp_path / "said.txt"
    env = {**os.environ, handoff.SHARED: str(tmp_path / "never.pickle")}
    subprocess.run([sys.executable, "-c", waiting, str(said)], cwd=Path(__file__).parent.parent, env=env, check=True,
                   timeout=60)
    for _ in range(500):
        if said.is_file() and said.read_text():
            break
        time.sleep(0.02)
    assert "the builder stopped before it shared the dataset" in said.read_text()


def test_the_exports_written_aside_move_into_the_finished_site(tmp_path: Path) -> None:
    """The builder writes the exports aside while the engine builds, then moves each into the site, replacing any
    file of the same name there."""
    staged, site_dir = tmp_path / "staged", tmp_path / "site"
    export.write({"data/prices.json": "{}\n", "robots.txt": "new\n"}, staged)
    (site_dir / "data").mkdir(parents=True)
    (site_dir / "robots.txt").write_text("old\n", encoding="utf-8")
    (site_dir / "index.html").write_text("<p>page</p>", encoding="utf-8")
    export.move(staged, site_dir)
    assert _files(site_dir) == {"data/prices.json": b"{}\n", "index.html": b"<p>page</p>", "robots.txt": b"new\n"}
    assert not [p for p in staged.rglob("*") if p.is_file()]


def test_while_the_engine_waits_for_the_dataset_it_compiles_the_templates(tmp_path: Path) -> None:
    """With 10,000 models the builder shares the data a few tenths of a second after the engine is ready for it: the
    engine uses the wait to compile the templates its pages need, rather than sleep and compile them later."""
    waiting = ("import os, sys, time\n"
               f"os.environ['{handoff.BUILDER}'] = str(os.getpid())\n"  # this process plays the builder
               "from macros import handoff\n"
               "from macros.data import load_dataset\n"
               "from macros.render import environment\n"
               "dataset = load_dataset(__import__('pathlib').Path(sys.argv[2]))\n"
               "if os.fork():\n"
               "    time.sleep(2)\n"  # the data takes a while to check, then it is shared
               "    handoff.share(dataset, __import__('pathlib').Path(sys.argv[3]))\n"
               "    os.wait()\n"
               "    sys.exit(0)\n"
               "shared = handoff.shared(environment.warm_up())\n"
               "compiled = {name for _, name in environment._environment().cache}\n"
               "open(sys.argv[1], 'w').write(f'{type(shared).__name__} {len(compiled)}')\n"
               "os._exit(0)\n")
    said = tmp_path / "said.txt"
    shared = tmp_path / "dataset.pickle"
    env = {**os.environ, handoff.SHARED: str(shared)}
    data = Path(__file__).parent / "fixtures" / "data"
    subprocess.run([sys.executable, "-c", waiting, str(said), str(data), str(shared)],
                   cwd=Path(__file__).parent.parent, env=env, check=True, timeout=120)
    kind, compiled = said.read_text().split()
    templates = sorted((Path(__file__).parent.parent / "macros" / "render" / "templates").glob("*.html"))
    assert (kind, int(compiled)) == ("Dataset", len(templates))
