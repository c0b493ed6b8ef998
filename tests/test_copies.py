"""Every page's Markdown copy and /llms.txt (macros/copies), as a reader's assistant fetches them from the built site:
every page listed with a one-line summary and a link that resolves, each copy with the figures its page shows and no
macro call left, its tables valid GitHub tables, and each page linking to its copy."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from macros import builder
from macros.copies import convert, pages
from macros.copies.pages import config

SITE_URL = "https://inference-field-guide.github.io/"
"""mkdocs.yml's site_url, where the tests build without SITE_URL set."""
LISTED = re.compile(r"^- \[(?P<title>.+?)\]\((?P<url>[^)\s]+)\): (?P<summary>.+)$")
_ESCAPED = re.compile(r"\\(.)")
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\([^)\s]*\)")


def github(markdown: str) -> str:
    """`markdown` as GitHub shows it: CommonMark with its tables and strikethrough."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def _pages(site: Path) -> list[str]:
    """Every page the site built from docs/, as its folder ('' for the home page)."""
    return sorted(p.relative_to(site).parent.as_posix().removeprefix(".") + "/"
                  for p in site.rglob("index.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


def _llms(built_site: Path) -> list[re.Match[str]]:
    lines = (built_site / "llms.txt").read_text(encoding="utf-8").splitlines()
    return [m for line in lines if (m := LISTED.match(line))]


def test_llms_txt_lists_every_page_with_a_summary_and_a_link_to_its_copy(built_site: Path, root: Path) -> None:
    text = (built_site / "llms.txt").read_text(encoding="utf-8")
    name = config(root)["site_name"]
    assert text.startswith(f"# {name}\n\n> ") and "\n## Understand\n" in text and "\n## Providers\n" in text
    listed = _llms(built_site)
    addresses = [m["url"].removeprefix(SITE_URL) for m in listed]
    assert sorted(addresses) == sorted(f"{folder.lstrip('/')}index.md" for folder in _pages(built_site))
    for match in listed:
        assert match["url"].startswith(SITE_URL), match["url"]
        assert (built_site / match["url"].removeprefix(SITE_URL)).is_file(), match["url"]
        assert len(match["summary"].split()) >= 8, f"{match['url']}: the summary says too little: {match['summary']}"


def test_llms_txt_follows_the_menu_in_its_order(built_site: Path, root: Path) -> None:
    listed = [m["url"].removeprefix(SITE_URL) for m in _llms(built_site)]
    menu = [page.copy for page in pages(root) if page.section != "Providers"]
    assert listed[:len(menu)] == menu
    assert listed[0] == "index.md" and listed[len(menu)].startswith("providers/")


def test_every_page_has_a_copy_with_its_title_and_no_macro_left(built_site: Path) -> None:
    for folder in _pages(built_site):
        where = f"{folder}index.md"
        copy = (built_site / folder.lstrip("/") / "index.md").read_text(encoding="utf-8")
        html = (built_site / folder.lstrip("/") / "index.html").read_text(encoding="utf-8")
        heading = convert.find(convert.parse(html), "h1")
        assert heading is not None
        title = re.sub(r"\s+", " ", heading.text()).replace("\u00b6", "").strip()
        assert _ESCAPED.sub(r"\1", copy.partition("\n")[0]) == f"# {title}", where
        assert f"The Markdown copy of <{SITE_URL}{folder.lstrip('/')}>." in copy, where
        for syntax in ("{{", "{%", "{#", "data-ifg-block", "<script", "<form", "This page as Markdown"):
            assert syntax not in copy, f"{where} holds {syntax}"


def _table_blocks(markdown: str) -> list[list[str]]:
    """Each GitHub table in `markdown`, as its lines."""
    blocks, current = [], []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks


def cells(line: str) -> list[str]:
    """A table row's cells, split on the pipes no backslash escapes, as GitHub splits them."""
    found, cell, i = [], "", 0
    body = line.strip()[1:-1] if line.strip().endswith("|") and not line.strip().endswith("\\|") else line.strip()[1:]
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            cell, i = cell + body[i:i + 2], i + 2
            continue
        if body[i] == "|":
            found.append(cell.strip())
            cell = ""
        else:
            cell += body[i]
        i += 1
    return [*found, cell.strip()]


def test_every_table_in_every_copy_is_a_valid_github_table(built_site: Path) -> None:
    """Each row has as many cells as the header, and GitHub reads each block as one table with all its rows."""
    for copy in sorted(built_site.rglob("index.md")):
        markdown = copy.read_text(encoding="utf-8")
        blocks = _table_blocks(markdown)
        for block in blocks:
            width = len(cells(block[0]))
            assert set(cells(block[1])) == {"---"} and len(cells(block[1])) == width, block[:2]
            uneven = [line[:80] for line in block if len(cells(line)) != width]
            assert not uneven, f"{copy.relative_to(built_site)}: rows without {width} cells: {uneven}"
        html = github(markdown)
        assert html.count("<table>") == len(blocks), copy
        assert html.count("<tr>") == sum(len(block) - 1 for block in blocks), copy


class _Tables(HTMLParser):
    """The text of each cell of each table a reader sees (none inside a part that needs JavaScript)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, list[list[str]]]] = []
        self.caption: str | None = None
        self.cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(("", []))
        elif tag == "caption":
            self.caption = ""
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("th", "td"):
            self.cell = ""
        elif tag in ("br", "p", "summary", "small") and self.cell is not None:
            self.cell += " "

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "summary") and self.cell is not None:
            self.cell += " "
        elif tag == "caption" and self.caption is not None:
            self.tables[-1] = (" ".join(self.caption.split()), self.tables[-1][1])
            self.caption = None
        elif tag in ("th", "td") and self.cell is not None:
            self.tables[-1][1][-1].append(" ".join(self.cell.replace("\u00b6", "").split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.caption is not None:
            self.caption += data
        elif self.cell is not None:
            self.cell += data


def plain(cell: str) -> str:
    """What a Markdown cell says, without its syntax: links as their text, no emphasis, no escapes, <br> as a space."""
    text = _LINK.sub(r"\1", cell.replace("<br>", " ")).replace("**", "")
    return " ".join(_ESCAPED.sub(r"\1", text).split())


@pytest.mark.parametrize("folder", ["providers/openai/", "cost-per-interaction/", "latency/", "pricing/"])
def test_a_copys_tables_hold_the_figures_of_the_pages_tables(built_site: Path, folder: str) -> None:
    """Every cell of every table on the page, prices, costs, times and dates included, says the same in the copy."""
    parsed = _Tables()
    parsed.feed((built_site / folder / "index.html").read_text(encoding="utf-8"))
    copy = (built_site / folder / "index.md").read_text(encoding="utf-8")
    found = [[[plain(cell) for cell in cells(line)] for line in [block[0], *block[2:]]] for block in _table_blocks(copy)]
    shown = [(caption, rows) for caption, rows in parsed.tables if rows]
    assert shown, f"{folder} has no table to compare"
    compared = 0
    for caption, rows in shown:
        match = next((table for table in found if table[0] == rows[0]), None)
        if match is None:
            continue  # a table only the page's script shows
        found.remove(match)
        width = len(match[0])
        assert [row + [""] * (width - len(row)) for row in rows] == match, f"{folder}: {caption}"
        compared += 1
    assert compared >= 1, f"{folder}: no table of the page is in its copy"


def test_inline_figures_of_a_page_are_in_its_copy(built_site: Path) -> None:
    html = (built_site / "cost" / "index.html").read_text(encoding="utf-8")
    copy = plain((built_site / "cost" / "index.md").read_text(encoding="utf-8"))
    figures = set(re.findall(r'class="ifg-figure"[^>]*>([^<]+)<', html))
    assert len(figures) >= 5
    missing = [figure for figure in figures if " ".join(figure.split()) not in copy]
    assert not missing, f"figures of cost/ not in its copy: {missing}"


def test_every_page_links_to_its_copy(built_site: Path) -> None:
    for folder in _pages(built_site):
        html = (built_site / folder.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert '<p class="ifg-copy-link"><a href="index.md" type="text/markdown">This page as Markdown</a></p>' in html
        # No <link rel="alternate">: Material's script takes one for a translation of the site and asks for a
        # sitemap.xml beside it, a request that fails on every page.
        assert 'rel="alternate"' not in html
    assert "index.md" not in (built_site / "404.html").read_text(encoding="utf-8")


# --- the conversion on its own ------------------------------------------------------------------------------------


def _copy(body: str) -> str:
    return convert.article_markdown(f'<article class="md-content__inner md-typeset">{body}</article>',
                                    "https://example.com/guide/page/")


def test_a_spanning_cell_keeps_every_row_as_wide_as_the_header() -> None:
    markdown = _copy('<table><caption>Figures</caption><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead>'
                     '<tbody><tr><th colspan="3">Group</th></tr><tr><td>1</td><td><p>2</p><p>3</p></td><td></td></tr>'
                     "</tbody></table>")
    assert markdown == "Figures\n\n| A | B | C |\n| --- | --- | --- |\n| Group |  |  |\n| 1 | 2<br>3 |  |\n"


def test_links_resolve_to_the_web_page_and_only_web_addresses_are_links() -> None:
    markdown = _copy('<p><a href="../other/#part">other</a>, <a href="#here">here</a>, '
                     '<a href="javascript:alert(1)">script</a>, <a href="https://a.example/x(1) y|z">out</a></p>')
    assert markdown == ("[other](https://example.com/guide/other/#part), [here](https://example.com/guide/page/#here), "
                        "script, [out](https://a.example/x%281%29%20y%7Cz)\n")


def test_what_only_a_browser_uses_is_left_out() -> None:
    markdown = _copy('<h2 id="a">Part<a class="headerlink" href="#a">\u00b6</a></h2><div class="ifg-needs-js"><form>'
                     '<label>Model</label></form></div><script>x()</script><p hidden>changed</p>'
                     '<svg><title>Chart title</title><desc>What it shows.</desc><text>9</text></svg>'
                     '<noscript><p>Needs JavaScript.</p></noscript>')
    assert markdown == "## Part\n\nChart: Chart title. What it shows.\n\nNeeds JavaScript.\n"


def test_a_copy_reads_the_page_from_its_article_and_keeps_the_whole_article() -> None:
    """The header and menu before the article are skipped, and the end tags of what encloses the article, after it, end
    nothing in it; with the article's class anywhere among its attributes, as Material and Zensical write it."""
    page = ('<html><body><header><p>Site name</p></header><nav><ul><li><a href="/x/">Menu item</a></li></ul></nav>'
            '<main><div class="md-content"><article data-x="1" class="md-typeset md-content__inner"><h1>Title</h1>'
            "<div><p>First</p></div><p>Second</p></article></div></main><footer><p>Footer</p></footer></body></html>")
    assert convert.article_markdown(page, "https://example.com/guide/page/") == "# Title\n\nFirst\n\nSecond\n"
    assert convert.article_markdown("<html><body><p>No article</p></body></html>", "https://example.com/") == ""


def test_every_built_pages_copy_is_the_copy_of_the_whole_page(built_site: Path) -> None:
    """Reading from the article's start tag gives what reading the whole page gives."""
    for page in sorted(built_site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        article = convert.find(convert.parse(html), "article", "md-content__inner")
        whole = "\n\n".join(convert.Converter("https://example.com/").blocks(article)) + "\n" if article else ""
        assert convert.article_markdown(html, "https://example.com/") == whole, page.relative_to(built_site)


def test_a_page_without_a_description_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nsite_url: !ENV [SITE_URL, 'https://x.example/']\nnav:\n"
                                         "  - Home: index.md\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("---\ndescription: What this is, in a line.\n---\n# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "new.md").write_text("# New\n", encoding="utf-8")
    assert [str(p) for p in builder.page_problems(tmp_path)] == [f"docs/new.md:1: description: {builder.DESCRIPTION_NEEDED}"]


class _Reference(HTMLParser):
    """Python's own HTML parser, building the same tree as convert.parse: what the copies read must not change with
    the faster reader."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = convert.Element("root", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = convert.Element(tag, {name: value or "" for name, value in reversed(attrs)})
        self.open[-1].children.append(element)
        if tag not in convert._VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(convert.Element(tag, {name: value or "" for name, value in reversed(attrs)}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self.open[-1].children and isinstance(self.open[-1].children[-1], str):
            self.open[-1].children[-1] += data
        else:
            self.open[-1].children.append(data)


def _shape(element: convert.Element) -> tuple[object, ...]:
    """A tree as plain values, adjacent texts joined."""
    children: list[object] = []
    for child in element.children:
        if isinstance(child, str) and children and isinstance(children[-1], str):
            children[-1] += child
        else:
            children.append(child if isinstance(child, str) else _shape(child))
    return element.tag, element.attrs, tuple(children)


def _reference(html: str) -> tuple[object, ...]:
    parser = _Reference()
    parser.feed(html)
    parser.close()
    return _shape(parser.root)


TRICKY_HTML = [
    '<!DOCTYPE html><HTML><Body CLASS="a"><P>x &amp; y &lt; z &#40;1&#41; &copy;</P></Body></HTML>',
    '<p title="a &quot;b&quot; &amp; c" data-x=\'single\' hidden data-y=bare>t</p>',
    "<!-- a comment <p>not a tag</p> --><p>after</p>",
    "<script>if (a < b && c > d) { x('</p>') }</script><style>p > a { }</style><p>text</p>",
    '<svg viewBox="0 0 1 1"><path d="M0 0"/><circle r="1" /><title>T</title></svg><p>a < b, 3<4</p>',
    "<ul><li>one<li>two</ul><p>x</i>y</p><br/><img alt=\"a &gt; b\" src=x>",
    '<p title="1" title="2">first of a repeated attribute wins</p>',
    "<p>unclosed <em>emphasis</p><p>next",
]


@pytest.mark.parametrize("html", TRICKY_HTML)
def test_the_copies_read_html_as_pythons_parser_does(html: str) -> None:
    assert _shape(convert.parse(html)) == _reference(html)


def test_the_copies_read_every_built_page_as_pythons_parser_does(built_site: Path) -> None:
    for page in sorted(built_site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        assert _shape(convert.parse(html)) == _reference(html), page.relative_to(built_site)
