"""The Quality page as a reader meets it in the built site: it sits in the menu under "Design for it" right after
"Choosing a model", it answers first, and every section that ranks models cheapest first links to it, since a
ranking by cost alone says nothing about whether the cheaper model's answers are good enough."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_content import built_path, heading_text, nav_pages, read_article

PAGE = "quality.md"
TITLE = "Quality: is the cheaper model good enough?"

RANKINGS = {
    "cost table": re.compile(r'<th scope="col">× cheapest</th>'),
    "monthly cost table": re.compile(r'aria-label="Monthly cost of [^"]* at scale"'),
    "calculator results": re.compile(r">Cheapest first<"),
    "pricing explorer": re.compile(r"cheapest first</option>"),
    "shortlists": re.compile(r'class="ifg-shortlists"'),
}
"""What each macro that puts models in order of cost renders, as it appears in a built page."""

RANKING_CALLS = re.compile(r"\{\{\s*(?:cost_table|scale_table|shortlists)\(|\{\{\s*tool\(\s*[\"'](?:calculator|explorer)[\"']")
"""A Markdown page's call to one of those macros."""

QUALITY_LINK = re.compile(r'<a href="(?:\.\./)*quality/(?:#[^"]*)?"')
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*"[^>]*>(.*?)</article>', re.S)


def article_sections(html: str) -> list[tuple[str, str]]:
    """The article's parts, each with the id of the H2 that opens it ("" for the part before the first H2)."""
    match = ARTICLE.search(html)
    assert match, "no article in the page"
    parts = re.split(r"(?=<h2[\s>])", match.group(1))
    found = []
    for part in parts:
        ident = re.match(r'<h2[^>]*\bid="([^"]+)"', part)
        found.append((ident.group(1) if ident else "", part))
    return found


def rankings_in(html: str) -> list[str]:
    """The kinds of cheapest-first ranking a piece of a built page shows."""
    return [name for name, marker in RANKINGS.items() if marker.search(html)]


def ranking_pages(site: Path, root: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """Each page that shows a ranking: the sections that show one, and which kinds."""
    found: dict[str, list[tuple[str, list[str]]]] = {}
    for page in nav_pages(root):
        html = built_path(site, page).read_text(encoding="utf-8")
        ranked = [(ident, kinds) for ident, part in article_sections(html) if (kinds := rankings_in(part))]
        if ranked:
            found[page] = ranked
    return found


def test_the_section_splitter_and_markers_find_a_ranking_and_its_link() -> None:
    html = ('<article class="md-content__inner md-typeset"><h1 id="t">T</h1><p>In short: x.</p>'
            '<h2 id="a">A</h2><table><th scope="col">× cheapest</th></table><p><a href="../quality/">Quality</a></p>'
            '<h2 id="b">B</h2><ul class="ifg-shortlists"></ul></article>')
    sections = article_sections(html)
    assert [ident for ident, _ in sections] == ["", "a", "b"]
    assert [rankings_in(part) for _, part in sections] == [[], ["cost table"], ["shortlists"]]
    assert [bool(QUALITY_LINK.search(part)) for _, part in sections] == [False, True, False]


def test_the_menu_lists_the_page_under_design_for_it_after_choosing_a_model(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    menu = html[html.index("md-nav--primary"):html.index("md-content")]
    section = re.split(r">\s*Design for it\s*<", menu, maxsplit=1)
    assert len(section) == 2, "no 'Design for it' section in the menu"
    within = re.split(r">\s*Reference\s*<", section[1], maxsplit=1)[0]
    pages = re.findall(r'<a href="([^"#]+)" class="md-nav__link', within)
    assert "quality/" in pages, f"the page is not under 'Design for it': {pages}"
    assert pages.index("quality/") == pages.index("choosing-a-model/") + 1, f"not right after Choosing a model: {pages}"


def test_the_page_opens_with_its_answer(built_site: Path) -> None:
    article = read_article(built_path(built_site, PAGE))
    blocks = article.blocks
    assert blocks[0]["tag"] == "h1" and heading_text(blocks[0]) == TITLE
    first = blocks[1]
    assert first["tag"] == "p" and first["text"].startswith("In short: only your own examples can tell you."), first
    sections = [heading_text(block) for block in blocks if block["tag"] == "h2"]
    for topic in ("golden set", "side by side", "rubric", "Who grades", "pass marks", "Test again", "leaderboards"):
        assert any(topic.lower() in heading.lower() for heading in sections), f"no section on {topic}: {sections}"


def test_the_page_gives_no_figure_from_the_data(root: Path) -> None:
    """Quality is the reader's to measure: the page shows no price, cost, wait or score, so it calls no macro."""
    source = (root / "docs" / PAGE).read_text(encoding="utf-8")
    assert "{{" not in source and "{%" not in source


@pytest.fixture(scope="module")
def rankings(built_site: Path, root: Path) -> dict[str, list[tuple[str, list[str]]]]:
    return ranking_pages(built_site, root)


def test_every_section_that_ranks_models_cheapest_first_links_to_the_page(built_site: Path, root: Path,
                                                                           rankings: dict) -> None:
    found = rankings
    calling = {page for page in nav_pages(root) if RANKING_CALLS.search((root / "docs" / page).read_text(encoding="utf-8"))}
    assert calling, "no page calls a ranking macro, so this test checks nothing"
    missed = sorted(calling - set(found))
    assert not missed, f"pages that call a ranking macro, but whose built page shows no ranking this test knows: {missed}"
    unlinked = [f"{page}#{ident}: {', '.join(kinds)}" for page, ranked in found.items() for ident, kinds in ranked
                if not QUALITY_LINK.search(dict(article_sections(
                    built_path(built_site, page).read_text(encoding="utf-8")))[ident])]
    assert not unlinked, "sections that rank models by cost with no link to the Quality page:\n" + "\n".join(unlinked)


@pytest.mark.parametrize("page", ["cost.md", "cost-per-interaction.md", "choosing-a-model.md", "calculator.md",
                                  "faster-and-cheaper.md", "pricing.md"])
def test_the_pages_known_to_rank_by_cost_are_found(rankings: dict, page: str) -> None:
    """The markers still recognise every ranking the site is known to show."""
    assert page in rankings, sorted(rankings)
