"""The real site built from data a stranger's pull request could send: hostile strings that pass validation
are shown as text on every page, in the search index and in the exports, and nothing they hold runs in
chromium.

The payloads try what broke before (a Markdown image that closed a title attribute and put a handler
with autofocus on three pages) and its relatives; each one, if it worked, would set window.__pwned.
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile import visible
from playwright.sync_api import Browser, Page
from serve import serving
from test_copies import github
from test_hostile_render import shape

ROOT = Path(__file__).resolve().parent.parent

# (file, a line pattern whose first match gets the payload as its value, payload). Each payload is valid data.
INJECTIONS = [
    # The attack that happened: Markdown turns the image into <img alt="...">, whose quote closes the title
    # attribute of an inline figure, so the alt text becomes attributes of the link.
    ("providers/openai.yaml", r"^    name: .*$", "![autofocus onfocus=window.__pwned=1 x](y)"),
    ("providers/anthropic.yaml", r"^name: .*$", "<script>window.__pwned=2</script><img src=x onerror=window.__pwned=3>"),
    ("providers/google.yaml", r"^    name: .*$", '=HYPERLINK("https://evil.example","click")'),
    ("providers/xai.yaml", r"^    name: .*$", "@SUM(1+1) *[TTFT]: hijacked"),
    ("providers/deepseek.yaml", r"^    name: .*$", '{: onclick="window.__pwned=4" } **bold** `code`'),
    ("latency.yaml", r"^    conditions: .*$", "[link](javascript:window.__pwned=5) <b onmouseover=window.__pwned=6>x</b>"),
    ("latency.yaml", r"^    publisher: .*$", "\" onmouseover=\"window.__pwned=7\" x=\""),
    ("scenarios.yaml", r"^    name: .*$", "-2+3 <svg onload=window.__pwned=8>"),
    ("scenarios.yaml", r"^    description: .*$", "' onfocus='window.__pwned=9' autofocus x='"),
    ("network.yaml", r"^    name: .*$", '--8<-- "/etc/passwd" <iframe src=javascript:window.__pwned=10>'),
    ("media.yaml", r"^    name: .*$", "<details open ontoggle=window.__pwned=11>x</details> | --- |"),
    ("privacy.yaml", r"^      note: .*$", "<img src=x onerror=window.__pwned=12> [x](javascript:window.__pwned=13) *[AI]: x"),
    ("capacity.yaml", r"^    notes: .*$", "<a href=javascript:window.__pwned=14>x</a> ~~~ {{ 7*7 }}"),
]
PAYLOADS = [payload for _, _, payload in INJECTIONS]


def inject(data: Path) -> None:
    for name, pattern, payload in INJECTIONS:
        path = data / name
        text = path.read_text(encoding="utf-8")
        line = re.search(pattern, text, flags=re.MULTILINE)
        assert line, f"{name}: nothing matches {pattern}"
        key = line.group(0).split(":", 1)[0]
        text = text[:line.start()] + f"{key}: {json.dumps(payload)}" + text[line.end():]
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile") / "project"
    for name in ("docs", "macros", "data", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    inject(project / "data")
    check = subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 0, f"the hostile data must be valid data:\n{check.stderr}"
    site = project / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return site


class Elements(HTMLParser):
    """Every element's tag and attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(path: Path) -> Elements:
    parsed = Elements()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def test_no_page_holds_an_injected_element_or_handler(hostile_site: Path) -> None:
    for path in sorted(hostile_site.rglob("*.html")):
        for tag, attrs in elements(path).found:
            where = f"{path.relative_to(hostile_site)}: <{tag}>"
            assert not [name for name in attrs if name.startswith("on")], f"{where} has an event handler: {attrs}"
            assert tag not in {"iframe", "svg"} or "onload" not in attrs, where
            assert not (tag == "img" and attrs.get("src") in {"x", "y"}), f"{where} was injected"
            assert not (tag == "script" and not attrs.get("src") and "__pwned" in str(attrs)), where
        html = path.read_text(encoding="utf-8")
        assert "root:x:0:0" not in html, f"{path}: a snippet include ran"


def test_every_payload_is_shown_as_written(hostile_site: Path) -> None:
    pages = " ".join(" ".join(elements(path).text) for path in hostile_site.rglob("*.html"))
    for payload in PAYLOADS:
        assert payload in pages, f"{payload!r} is not shown as text anywhere"
    provider = elements(hostile_site / "providers" / "openai" / "index.html")
    rows = [attrs.get("id") for tag, attrs in provider.found if tag == "tr"]
    assert "model-gpt-5.5" in rows


def test_the_search_index_holds_the_payloads_as_escaped_text(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    assert "<script>window.__pwned" not in text and "<img src=x" not in text
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in text


@pytest.mark.parametrize("export", ["prices.csv", "costs.csv"])
def test_spreadsheet_cells_never_start_a_formula(hostile_site: Path, export: str) -> None:
    with (hostile_site / "data" / export).open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert "'=HYPERLINK(\"https://evil.example\",\"click\")" in cells
    assert "'@SUM(1+1) *[TTFT]: hijacked" in cells
    risky = [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not _number(cell))]
    assert not risky


def test_the_markdown_copies_and_llms_txt_show_the_payloads_as_text(hostile_site: Path) -> None:
    """An assistant that reads a page's copy, or GitHub showing it, gets each payload as text and no element from it."""
    copies = {path: path.read_text(encoding="utf-8") for path in sorted(hostile_site.rglob("index.md"))}
    copies[hostile_site / "llms.txt"] = (hostile_site / "llms.txt").read_text(encoding="utf-8")
    shown = []
    for path, markdown in copies.items():
        where = path.relative_to(hostile_site)
        assert "{{" not in markdown and "{%" not in markdown, where
        found = shape(github(markdown))
        for tag, names in found.elements:
            assert tag in {"h1", "h2", "h3", "h4", "p", "a", "ul", "ol", "li", "strong", "em", "br", "table", "thead",
                           "tbody", "tr", "th", "td", "blockquote", "code"}, f"{where}: <{tag}>"
            assert not [name for name in names if name.startswith("on")], f"{where}: <{tag} {names}>"
        links = re.findall(r'href="([^"]*)"', github(markdown))
        assert all(link.startswith(("https://", "http://")) for link in links), where
        shown.append(" ".join(found.shown))
    text = visible(" ".join(shown))
    for payload in PAYLOADS:
        assert visible(payload) in text, f"{payload!r} is not shown as text in any copy"


def _number(cell: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", cell) is not None


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serving(hostile_site) as url:
        yield url


@pytest.mark.browser
def test_nothing_injected_runs_in_chromium(hostile_site: Path, hostile_url: str, browser: Browser) -> None:
    pages = sorted(path.relative_to(hostile_site).parent.as_posix() for path in hostile_site.rglob("index.html"))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script("window.alert = window.confirm = window.prompt = () => { window.__pwned = 'dialog'; };")
    page = context.new_page()
    for name in pages:
        page.goto(f"{hostile_url}{'' if name == '.' else name + '/'}")
        page.wait_for_load_state("load")
        page.keyboard.press("Tab")  # a focus handler, if one got in, would run now
        page.mouse.move(200, 300)
        page.wait_for_timeout(50)
        assert page.evaluate("window.__pwned") is None, f"{name}: an injected script ran"
        handlers = page.evaluate("""[...document.querySelectorAll('*')].flatMap((el) =>
            [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => el.tagName + ' ' + a.name))""")
        assert handlers == [], f"{name}: {handlers}"
    page.goto(f"{hostile_url}providers/openai/")
    assert page.locator("tr#model-gpt-5\\.5 th a").first.text_content() == PAYLOADS[0]
    context.close()


def _copied(page: Page, which: str) -> str:
    page.click(f"[data-ifg-explorer] [data-copy-as={which}]")
    page.wait_for_function("document.querySelector('[data-ifg-explorer] [data-copied]').textContent.startsWith('Copied')")
    text = page.evaluate("navigator.clipboard.readText()")
    page.evaluate("document.querySelector('[data-ifg-explorer] [data-copied]').textContent = ''")
    return text


@pytest.mark.browser
def test_a_copied_shortlist_holds_the_payloads_as_text_in_markdown_and_in_spreadsheet_cells(
        hostile_url: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=hostile_url.rstrip("/"))
    page = context.new_page()
    for provider, payload in (("openai", PAYLOADS[0]), ("google", PAYLOADS[2]), ("xai", PAYLOADS[3])):
        page.goto(f"{hostile_url}pricing/?provider={provider}&sort=name", wait_until="networkidle")
        page.wait_for_selector("[data-ifg-explorer] tbody tr")
        if page.locator("[data-more]").is_visible():
            page.click("[data-more]")
        markdown = _copied(page, "md")
        table = [line for line in markdown.splitlines() if line.startswith("| ")]
        cells = [line[2:-2].split(" | ") for line in table]
        assert {len(row) for row in cells} == {8}, markdown  # no payload added or split a cell
        assert not re.search(r"!\[|\]\(|<[a-z/]|\*\*|`|\{:", markdown), markdown  # no Markdown or HTML structure
        assert html.unescape(cells[0][2]) == f"{PAYLOADS[7]} (USD)"  # the scenario's name, as written
        assert payload in [html.unescape(row[0]) for row in cells[2:]]
        rows = [line.split("\t") for line in _copied(page, "tsv").splitlines()]
        assert {len(row) for row in rows} == {8}
        assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "@") or
                    (cell[:1] == "-" and not _number(cell))]
        assert rows[0][2] == f"'{PAYLOADS[7]} (USD per interaction)"
        assert (f"'{payload}" if payload[0] in "=@" else payload) in [row[0] for row in rows[1:]]
    context.close()


@pytest.mark.browser
def test_a_copied_calculation_holds_the_payloads_as_text_in_markdown_and_in_spreadsheet_cells(
        hostile_url: str, browser: Browser) -> None:
    """The first model of OpenAI, Google and xAI and a model of Anthropic (whose provider name is hostile), in the first
    scenario on the first network profile: every payload in them copies as text, in its own cell."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=hostile_url.rstrip("/"))
    page = context.new_page()
    page.goto(f"{hostile_url}calculator/?models=gpt-5.5,gemini-3.5-flash,grok-4.3,claude-opus-5-5&scenario=chat-reply"
              "&network=desktop-dense-4g", wait_until="networkidle")
    page.wait_for_selector("[data-ifg-calculator] [data-results] tbody tr")
    rows_shown = page.locator("[data-results] tbody tr").count()
    page.click("[data-ifg-calculator] [data-copy-as=md]")
    page.wait_for_function("document.querySelector('[data-ifg-calculator] [data-copied]').textContent.startsWith('Copied')")
    markdown = page.evaluate("navigator.clipboard.readText()")
    table = [line for line in markdown.splitlines() if line.startswith("| ")]
    cells = [line[2:-2].split(" | ") for line in table]
    assert len(cells) == 2 + rows_shown and {len(row) for row in cells} == {13}, markdown  # no payload split a cell
    assert not re.search(r"!\[|\]\(|<[a-z/]|\*\*|`|\{:", markdown), markdown  # no Markdown or HTML structure
    names = [html.unescape(row[0]) for row in cells[2:]]
    assert {PAYLOADS[0], PAYLOADS[2], PAYLOADS[3]} <= set(names), names
    assert PAYLOADS[1] in [html.unescape(row[1]) for row in cells[2:]]  # the provider's name
    lead = html.unescape(" ".join(markdown.splitlines()[:2]))
    assert lead.startswith(PAYLOADS[7]) and PAYLOADS[9] in lead  # the scenario's and the network's names
    page.evaluate("document.querySelector('[data-ifg-calculator] [data-copied]').textContent = ''")
    page.click("[data-ifg-calculator] [data-copy-as=tsv]")
    page.wait_for_function("document.querySelector('[data-ifg-calculator] [data-copied]').textContent.startsWith('Copied')")
    rows = [line.split("\t") for line in page.evaluate("navigator.clipboard.readText()").splitlines()]
    assert len(rows) == 1 + rows_shown and {len(row) for row in rows} == {13}
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not _number(cell))]
    assert f"'{PAYLOADS[2]}" in [row[0] for row in rows[1:]]
    context.close()
