"""The real site: strict build, every model on the pricing page, exports equal to the data, links that resolve."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ENGINE

from macros import builder
from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.data.fields import money_fields
from macros.data.validate import load_dataset
from macros.render.links import Links


@pytest.fixture(scope="module")
def dataset(root: Path) -> Dataset:
    return load_dataset(root / "data")


class Page(HTMLParser):
    """Collects ids, links and the rows of the pricing table from one built page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.row_ids: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
            if tag == "tr":
                self.row_ids.append(found["id"] or "")
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        if tag == "link" and found.get("rel") == "stylesheet" and found.get("href"):
            self.links.append(found["href"] or "")
        if tag == "script" and found.get("src"):
            self.scripts.append(found)
            self.links.append(found["src"] or "")


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def provider_page(built_site: Path, provider_id: str) -> Path:
    return built_site / "providers" / provider_id / "index.html"


def test_every_model_has_a_row_on_its_providers_page(built_site: Path, dataset: Dataset) -> None:
    for provider in dataset.providers:
        page = parse(provider_page(built_site, provider.id))
        model_rows = [row for row in page.row_ids if row.startswith("model-")]
        current = [f"model-{listing.model.id}" for listing in dataset.current_listings if listing.provider is provider]
        assert sorted(model_rows) == sorted(current), provider.id
        assert len(model_rows) == len(set(model_rows)), "a model anchor appears twice"


def test_a_retired_model_keeps_its_address_on_its_providers_page_but_leaves_its_tables(built_site: Path,
                                                                                       dataset: Dataset) -> None:
    """Retired means retired as of the build: gemini-2.5-pro retired on 2026-12-01, and the build counts from the
    later of the build date and the data's as-of date (2026-11-20), so it has no price row, only its anchored entry."""
    retired = [listing for listing in dataset.listings if dataset.is_retired(listing)]
    assert {"gemini-2.5-pro", "gemini-2.5-flash", "llama-3.3-70b-together"} <= {r.model.id for r in retired}
    for listing in retired:
        html = provider_page(built_site, listing.provider.id).read_text(encoding="utf-8")
        entry = html.split(f'<li id="model-{listing.model.id}">', 1)[1].split("</li>", 1)[0]
        assert "Retire" in entry and listing.model.lifecycle.retires.isoformat() in entry, listing.model.id
        for page in ("cost-per-interaction", "cost", "choosing-a-model", "cost-vs-speed", "latency", "calculator"):
            text = (built_site / page / "index.html").read_text(encoding="utf-8")
            offered = f'#model-{listing.model.id}"' in text or f'value="{listing.model.id}"' in text
            assert not offered, (page, listing.model.id)


def test_every_models_old_pricing_anchor_still_resolves(built_site: Path, dataset: Dataset) -> None:
    """Links from design docs to /pricing/#model-x keep landing on that model's entry, which links on."""
    page = parse(built_site / "pricing" / "index.html")
    html = (built_site / "pricing" / "index.html").read_text(encoding="utf-8")
    for listing in dataset.listings:
        assert f"model-{listing.model.id}" in page.ids, listing.model.id
        entry = html.split(f'id="model-{listing.model.id}"', 1)[1].split("</li>", 1)[0]
        assert f'providers/{listing.provider.id}/#model-{listing.model.id}">' in entry, listing.model.id


def test_each_providers_page_shows_each_source_and_date(built_site: Path, dataset: Dataset) -> None:
    for listing in dataset.current_listings:
        html = provider_page(built_site, listing.provider.id).read_text(encoding="utf-8")
        row = unescape(html.split(f'id="model-{listing.model.id}"', 1)[1].split("</tr>", 1)[0])
        assert f'href="{listing.model.source}" rel="external">' in row, listing.model.id
        assert f"checked {listing.model.verified.isoformat()}" in row or f"{listing.model.verified.isoformat()}." in row
        summary = unescape(html.split('<h2 id="prices"', 1)[0])  # the answer-first paragraph links it for every row
        assert f'href="{listing.provider.pricing_page}" rel="external"' in summary, "the provider's own pricing page"


def test_json_export_equals_the_data(built_site: Path, dataset: Dataset) -> None:
    exported = json.loads((built_site / "data" / "prices.json").read_text(encoding="utf-8"))
    assert exported["as_of"] == dataset.as_of.isoformat()
    by_id = {m["id"]: m for m in exported["models"]}
    assert set(by_id) == {listing.model.id for listing in dataset.listings}
    for listing in dataset.listings:
        entry, model = by_id[listing.model.id], listing.model
        assert entry["provider"] == listing.provider.id
        assert entry["verified"] == model.verified.isoformat()
        assert entry["source"] == model.source
        for field, value in model.prices.model_dump(exclude={"tiers"}, exclude_none=True).items():
            assert Decimal(str(entry["prices"][field])) == value, (model.id, field)
        assert len(entry["prices"].get("tiers", [])) == len(model.prices.tiers)
    assert [s["id"] for s in exported["scenarios"]] == [s.id for s in dataset.scenarios]
    assert exported["monthly_volumes"] == dataset.monthly_volumes


def test_csv_export_equals_the_data(built_site: Path, dataset: Dataset) -> None:
    with (built_site / "data" / "prices.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["model_id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {listing.model.id for listing in dataset.listings}
    for listing in dataset.listings:
        row, prices = rows[listing.model.id], listing.model.prices
        assert Decimal(row["input_mtok"]) == prices.input_mtok
        assert Decimal(row["output_mtok"]) == prices.output_mtok
        assert (Decimal(row["cached_input_mtok"]) if row["cached_input_mtok"] else None) == prices.cached_input_mtok
        assert row["verified"] == listing.model.verified.isoformat()


def test_every_price_reads_the_same_on_the_page_in_the_json_and_in_the_csv(built_site: Path, dataset: Dataset) -> None:
    """Three readings of one value: the provider page's cell, the JSON number and the CSV text."""
    exported = {m["id"]: m for m in json.loads((built_site / "data" / "prices.json").read_text(encoding="utf-8"))["models"]}
    with (built_site / "data" / "prices.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["model_id"]: row for row in csv.DictReader(handle)}
    for listing in dataset.current_listings:
        prices, model_id = listing.model.prices, listing.model.id
        page = provider_page(built_site, listing.provider.id).read_text(encoding="utf-8")
        row = page.split(f'id="model-{model_id}"', 1)[1].split("</tr>", 1)[0]
        for name in money_fields(type(prices)):
            value = getattr(prices, name)
            if value is None:
                continue
            assert Decimal(str(exported[model_id]["prices"][name])) == value, (model_id, name, "JSON")
            assert Decimal(rows[model_id][name]) == value, (model_id, name, "CSV")
        shown = f"{fmt.price(prices.input_mtok)} / {fmt.price(prices.output_mtok)}"
        cell = f'<td data-label="In / out ($/1M)" data-prices>{shown}<br>'
        assert cell in row, (model_id, "page")
        for name in ("input_mtok", "output_mtok"):
            assert Decimal(fmt.price(getattr(prices, name)).lstrip("$").replace(",", "")) == getattr(prices, name)


def test_exported_schemas_match_the_committed_ones(built_site: Path, root: Path) -> None:
    for committed in (root / "data" / "schema").glob("*.json"):
        assert (built_site / "data" / "schema" / committed.name).read_bytes() == committed.read_bytes()


def _target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    # The 404 page uses links from the site root, since it is served at any depth.
    base = site.resolve() if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path).lstrip("/")).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    pages = {path.resolve(): parse(path) for path in built_site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for href in page.links:
            found = _target(built_site, path, href)
            if found is None:
                continue
            target, fragment = found
            if not target.exists():
                broken.append(f"{path.relative_to(built_site.resolve())}: {href} (no file)")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(built_site.resolve())}: {href} (no #{fragment})")
    assert not broken, "\n".join(broken)


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for marker in ('src="http', "src='http", "@import url(http", "fonts.googleapis", "fonts.gstatic"):
            assert marker not in html, f"{path.relative_to(built_site)} loads from another host: {marker}"
        for tag in ("<link", "<script"):
            for chunk in html.split(tag)[1:]:
                head = chunk.split(">", 1)[0]
                if 'rel="stylesheet"' in head or tag == "<script":
                    assert "http://" not in head and "https://" not in head, f"{path.relative_to(built_site)}: {head}"


def test_no_script_holds_up_the_first_paint(built_site: Path) -> None:
    """A script without defer at the end of <body> stops the parser until it has downloaded and run. A module
    script waits like a deferred one without saying so."""
    blocking = [f"{path.relative_to(built_site)}: {script['src']}"
                for path in built_site.rglob("*.html") for script in parse(path).scripts
                if "defer" not in script and script.get("type") != "module"]
    assert not blocking, "scripts without defer:\n" + "\n".join(blocking)


MATERIAL = re.compile(r'<script type="text/plain" data-ifg-material data-src="([^"]+/bundle\.[0-9a-f]+\.min\.js)">')


def test_materials_script_is_kept_for_the_readers_first_action(built_site: Path) -> None:
    """No page loads Material's script with it; each names it, inert, for material-on-demand.js to load later."""
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "Moved:" in html[:600]:
            continue  # a redirect page loads no theme
        where = path.relative_to(built_site)
        assert not [s for s in parse(path).scripts if "/bundle." in str(s["src"])], f"{where} loads Material's script"
        kept = MATERIAL.search(html)
        assert kept, f"{where}: Material's script is missing"
        address = kept[1]
        bundle = built_site / address[1:] if address.startswith("/") else path.parent / address
        assert bundle.resolve().is_file(), f"{where}: {address} is not in the site"
        assert "material-on-demand.js" in str(parse(path).scripts), f"{where}: nothing loads Material's script"


def _project_copy(root: Path, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("docs", "macros", "data", "overrides"):
        shutil.copytree(root / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(root / "mkdocs.yml", project / "mkdocs.yml")
    return project


def test_bad_data_stops_the_build_and_writes_no_site(root: Path, tmp_path: Path) -> None:
    project = _project_copy(root, tmp_path)
    provider = project / "data" / "providers" / "openai.yaml"
    lines = provider.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if "input_mtok:" in line)
    lines[number] = lines[number].split(":")[0] + ": -1"
    provider.write_text("\n".join(lines) + "\n", encoding="utf-8")
    site = tmp_path / "site"
    result = builder.build(project, site, ENGINE)
    assert result.returncode != 0
    assert f"data/providers/openai.yaml:{number + 1}: models[0].prices.input_mtok: must be >= 0 (got -1)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()
    assert not list(project.glob(".site-*")), "the half-built site was left behind"


def test_a_failed_build_keeps_the_previous_site(root: Path, tmp_path: Path) -> None:
    project = _project_copy(root, tmp_path)
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    (project / "data" / "latency.yaml").write_text("observations: []\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "build", "--engine", ENGINE], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(project)})
    assert result.returncode != 0
    assert "so site was left as it was" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"


def test_an_interrupted_build_keeps_the_previous_site(root: Path, tmp_path: Path) -> None:
    project = _project_copy(root, tmp_path)
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-m", "macros", "build", "--engine", ENGINE], cwd=project,
                             env={**os.environ, "PYTHONPATH": str(project)}, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(p.is_dir() and any(p.iterdir()) for p in project.glob(".site-build-*")):
        assert build.poll() is None and time.monotonic() < deadline, "the build ended before it could be interrupted"
        time.sleep(0.01)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_build_stopped_by_a_signal_keeps_the_site_and_leaves_no_build_folder(root: Path, tmp_path: Path,
                                                                              stop: signal.Signals) -> None:
    """As when CI cancels a job (SIGTERM to the process group) or someone presses Ctrl-C (SIGINT)."""
    project = _project_copy(root, tmp_path)
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-m", "macros", "build", "--engine", ENGINE], cwd=project,
                             env={**os.environ, "PYTHONPATH": str(project)}, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(p.is_dir() and any(p.iterdir()) for p in project.glob(builder.BUILD_PREFIX + "*")):
        assert build.poll() is None and time.monotonic() < deadline, "the build ended before it could be interrupted"
        time.sleep(0.01)
    os.killpg(build.pid, stop)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 128 + stop, stderr
    assert "build was stopped, so site was left as it was" in stderr
    assert "Traceback" not in stderr
    assert not list(project.glob(".site-*")), "the half-built site was left behind"
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"


def test_a_build_sweeps_away_the_folders_of_builds_killed_outright(tmp_path: Path) -> None:
    """SIGKILL leaves a build no way to clean up; the next build removes what it left, and nothing of a running build."""
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    killed = [tmp_path / f"{builder.BUILD_PREFIX}{finished.pid}-abc", tmp_path / f"{builder.OLD_PREFIX}{finished.pid}-def",
              tmp_path / f"{builder.BUILD_PREFIX}k2j4_x"]  # named before the process id was part of the name
    running = [tmp_path / f"{builder.BUILD_PREFIX}{os.getpid()}-ghi", tmp_path / "site", tmp_path / ".site-notes"]
    for folder in killed + running:
        (folder / "assets").mkdir(parents=True)
    assert sorted(builder.sweep(tmp_path)) == sorted(killed)
    assert sorted(p for p in tmp_path.iterdir()) == sorted(running)


def test_a_good_build_replaces_the_previous_site(root: Path, tmp_path: Path) -> None:
    project = _project_copy(root, tmp_path)
    site = project / "site"
    site.mkdir()
    (site / "stale.html").write_text("from an old build", encoding="utf-8")
    result = builder.build(project, site, ENGINE)
    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists() and (site / "pricing" / "index.html").is_file()


def test_every_provider_has_a_page_titled_with_its_name_and_every_page_a_provider(root: Path, built_site: Path,
                                                                                   dataset: Dataset) -> None:
    """A contributor who adds data/providers/<id>.yaml adds docs/providers/<id>.md too (CONTRIBUTING.md says how)."""
    pages = {p.stem for p in (root / "docs" / "providers").glob("*.md")}
    assert pages == {provider.id for provider in dataset.providers}
    for provider in dataset.providers:
        html = provider_page(built_site, provider.id).read_text(encoding="utf-8")
        title = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", html, re.S)
        assert title, provider.id
        assert unescape(re.sub(r"<[^>]+>", "", title.group(1))).strip() == provider.name


def test_every_models_name_is_in_the_search_index_though_its_rows_are_not(built_site: Path, dataset: Dataset) -> None:
    """Tables with a row per model stay out of the index, which would grow with the data; each model's name is still
    found, in the pricing page's list of every model."""
    material, zensical = built_site / "search" / "search_index.json", built_site / "search.json"
    index = json.loads((material if material.is_file() else zensical).read_text(encoding="utf-8"))
    docs = index.get("docs") or index["items"]  # Material's index, or Zensical's
    directory = " ".join(d["text"] for d in docs if d["location"].startswith("pricing/"))
    provider_pages = " ".join(d["text"] for d in docs if d["location"].startswith("providers/"))
    for listing in dataset.listings:
        assert unescape(listing.model.name) in unescape(directory), listing.model.id
    assert "$/1M tokens" not in provider_pages, "a provider's price table is in the search index"


LONG_TABLE_ROWS = 10
_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_BODY_ROW = re.compile(r"<tbody\b.*?</tbody>", re.S)


def test_no_long_table_is_on_two_pages(built_site: Path) -> None:
    """Each table of ten rows or more has one home, which other pages link to: a reader who meets the same long table
    twice scrolls past it twice, and a design doc should link to one place."""
    homes: dict[tuple[str, ...], str] = {}
    repeated = []
    for page in sorted(built_site.rglob("index.html")):
        for table in _TABLE.findall(page.read_text(encoding="utf-8")):
            body = "".join(_BODY_ROW.findall(table))
            rows = tuple(" ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in body.split("</tr>")[:-1])
            if len(rows) < LONG_TABLE_ROWS:
                continue
            where = page.parent.relative_to(built_site).as_posix()
            if rows in homes and homes[rows] != where:
                repeated.append(f"{homes[rows]} and {where}: {rows[0][:60]}")
            homes.setdefault(rows, where)
    assert not repeated, repeated


def test_the_explorers_links_are_each_models_home(built_site: Path, dataset: Dataset) -> None:
    """models.json names each model's page itself (the explorer's script adds the site's root): it must be the
    address every table links to, Links.model, and that row must exist."""
    entries = {m["id"]: m for m in json.loads((built_site / "data" / "models.json").read_text(encoding="utf-8"))["models"]}
    assert set(entries) == {listing.model.id for listing in dataset.current_listings}
    for listing in dataset.current_listings:
        page = entries[listing.model.id]["page"]
        assert Links("/").model(listing) == "/" + page
        assert f'id="model-{listing.model.id}"' in provider_page(built_site, listing.provider.id).read_text(encoding="utf-8")


def test_the_reserved_names_cover_every_name_at_the_top_of_the_site_and_docs(root: Path, built_site: Path) -> None:
    """An id may not take a name the site uses (rules.SITE_NAMES); this keeps that list whole as pages are added."""
    from macros.data import rules
    used = {p.name.split(".")[0] for p in built_site.iterdir()} | {p.name.split(".")[0] for p in (root / "docs").iterdir()}
    used |= {p.name.split(".")[0] for p in (built_site / "data").iterdir()}
    assert used <= rules.SITE_NAMES, f"add to rules.SITE_NAMES: {sorted(used - rules.SITE_NAMES)}"


def test_the_schema_folder_may_hold_exactly_the_generated_schemas() -> None:
    from macros.data.files import SCHEMA_FILES
    from macros.export import SCHEMAS
    assert set(SCHEMA_FILES) == set(SCHEMAS)


DATA_ANCHOR = re.compile(r"(model|lat|l[0-9]{2}|scenario|network|use-case|threshold|directory)-")
"""The namespaces of the ids data makes: model-<id>, an observation's lat-… or l26-…, scenario-<id> and so on."""
ELEMENT_ID = re.compile(r'<(\w+)\b[^>]*?\sid="([^"]+)"')


def test_data_made_ids_keep_to_their_namespace_on_every_page(built_site: Path) -> None:
    """No page holds an id twice, and where a page shows rows made from data, nothing else on it (a heading, a tool)
    has an id in that row's namespace: so no id in data/ can ever equal one the page has itself."""
    failures = []
    for page in sorted(built_site.rglob("*.html")):
        found = ELEMENT_ID.findall(page.read_text(encoding="utf-8"))
        ids = [i for _, i in found]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            failures.append(f"{page.relative_to(built_site)}: ids used twice: {twice}")
        made = {m.group(1) for tag, i in found if tag in ("tr", "li") and (m := DATA_ANCHOR.match(i))}
        made.add("directory")  # the pricing page's directory headings, one per provider
        clash = [f"<{tag} id={i}>" for tag, i in found
                 if tag not in ("tr", "li") and (m := DATA_ANCHOR.match(i)) and m.group(1) in made
                 and not (tag == "h3" and m.group(1) == "directory")]
        if clash:
            failures.append(f"{page.relative_to(built_site)}: ids in a data namespace on elements data did not make: {clash}")
    assert not failures, "\n".join(failures)
