"""The prose guide as readers meet it: pages that build, no typed prices, plain English, working tooltips,
answers that link on, and the same frame (description, "In short", "Related pages") on every page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import textstat
from mkdocs.utils.yaml import yaml_load

from macros.data.validate import load_dataset
from macros.rows import retires_soon

# The pages of the guide written in prose (the reference tables have their own tests).
GUIDE_PAGES = [
    "index.md",
    "training-vs-inference.md",
    "when-it-matters.md",
    "how-responses-are-produced.md",
    "latency.md",
    "cost.md",
    "long-context.md",
    "agents.md",
    "choosing-a-model.md",
    "quality.md",
    "reliability.md",
    "privacy.md",
    "capacity.md",
    "faster-and-cheaper.md",
    "self-hosting.md",
    "common-mistakes.md",
    "checklists.md",
    "media.md",
    "faq.md",
    "glossary.md",
]
MIN_FLESCH = 50
MIN_GLOSSARY_TERMS = 30
MIN_FAQ_QUESTIONS = 12

# Elements whose text is not prose written in Markdown: code, permalinks, and everything the macros render.
# Macro output (tables, figures, tools, charts) is raw HTML with "ifg-" classes, which Markdown extensions such
# as abbr never see. Prose blocks in guide pages use other class names (for example "guide-checklist").
SKIPPED_CLASSES = {"headerlink"}
MACRO_CLASS_PREFIX = "ifg-"
SKIPPED_TAGS = {"code", "pre", "script", "style", "svg"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# --- helpers -------------------------------------------------------------------------------------------------


def nav_pages(root: Path) -> list[str]:
    """Every page a reader reaches: the Markdown files named in mkdocs.yml's nav, in order, then the provider pages,
    which Pricing links to rather than the menu (mkdocs.yml's not_in_nav)."""
    config = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            if node.endswith(".md"):
                found.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config["nav"])
    return found + sorted(f"providers/{p.name}" for p in (root / "docs" / "providers").glob("*.md"))


def built_path(site: Path, page: str) -> Path:
    """Where MkDocs writes a page, with directory URLs."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / stem.removesuffix("index") / "index.html"
    return site / stem / "index.html"


MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
TYPED_MONEY = re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?")
TYPED_DURATION = re.compile(r"(?<![\w.])\d[\d,.]*\s?(?:ms|s|secs?|seconds?|milliseconds?)\b", re.IGNORECASE)


def typed_figures(markdown: str) -> list[str]:
    """Prices, costs and durations typed into Markdown by hand, outside macro calls."""
    text = MACRO.sub(" ", markdown)
    return [m.group(0) for m in TYPED_MONEY.finditer(text)] + [m.group(0) for m in TYPED_DURATION.finditer(text)]


FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def front_matter(markdown: str) -> dict:
    match = FRONT_MATTER.match(markdown)
    return yaml_load(match.group(0).strip("-\n")) if match else {}


def prose(markdown: str) -> str:
    """The running text of a page: no front matter, macros, tables, code, headings, HTML or link URLs.

    Each paragraph and each list item becomes at least one sentence, as a reader takes it.
    """
    text = FRONT_MATTER.sub("", markdown)
    text = MACRO.sub("", text)
    text = re.sub(r"^(```|~~~).*?^\1\s*$", "", text, flags=re.DOTALL | re.MULTILINE)
    text = re.sub(r"`[^`\n]*`", "", text)
    text = re.sub(r"<[^>\n]+>", "", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)
    text = re.sub(r"\{[:\s]*[#.][^}]*\}", "", text)
    units: list[str] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            units.append(" ".join(paragraph))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "|", "*[", "!!!", "???")) or re.fullmatch(r"[-=*_]{3,}", line):
            close()
            continue
        item = re.match(r"^(?:[-*+]|\d+\.)\s+(.*)$", line)
        if item:
            close()
            paragraph.append(item.group(1))
            continue
        paragraph.append(line)
    close()
    sentences = []
    for unit in units:
        unit = re.sub(r"[*_]{1,2}([^*_]+)[*_]{1,2}", r"\1", unit).strip()
        if unit and unit[-1] not in ".!?:;":
            unit += "."
        sentences.append(unit)
    return "\n".join(sentences)


def glossary_terms(root: Path) -> dict[str, str]:
    """The abbreviations appended to every page: term -> definition."""
    terms = {}
    for line in (root / "docs" / "includes" / "glossary.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<title>.+)$", line)
        if match:
            terms[match.group("term")] = match.group("title").strip()
    return terms


def abbr_pattern(terms: dict[str, str]) -> re.Pattern[str]:
    """The same matcher Python-Markdown's abbr extension builds: longest term first, whole words."""
    keys = sorted(terms, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(key) for key in keys) + r")\b")


class Article(HTMLParser):
    """The main content of one built page: prose text runs, abbreviations, headings, links and meta description."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.in_article = 0
        self.skip_depth = 0
        self.abbr_depth = 0
        self.texts: list[str] = []  # prose text outside <abbr>
        self.abbrs: list[tuple[str, str]] = []  # (text, title)
        self.description: str | None = None
        self.blocks: list[dict] = []  # top-level blocks of the article, in order
        self._abbr_title = ""
        self._abbr_text: list[str] = []
        self._link: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "meta" and found.get("name") == "description":
            self.description = found.get("content", "")
        if tag in VOID_TAGS:
            return
        classes = set(found.get("class", "").split())
        if tag == "article" and "md-content__inner" in classes:
            self.in_article += 1
            self.stack.append((tag, False))
            return
        skipped = self.in_article > 0 and (
            tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES) or any(c.startswith(MACRO_CLASS_PREFIX) for c in classes)
            or "hidden" in found  # such as a page's search keywords, which Zensical's theme renders hidden
        )
        theme_anchor = tag == "a" and "href" not in found  # such as Zensical's skip target, <a id="__skip">
        if self.in_article and len(self.stack) and self.stack[-1][0] == "article" and not theme_anchor:
            self.blocks.append({"tag": tag, "id": found.get("id", ""), "text": "", "links": []})
        self.stack.append((tag, skipped))
        if skipped:
            self.skip_depth += 1
        if self.in_article and tag == "abbr" and not self.skip_depth:
            self.abbr_depth += 1
            self._abbr_title = found.get("title", "")
            self._abbr_text = []
        if self.in_article and tag == "a" and self.blocks:
            self._link = {"href": found.get("href", ""), "classes": classes, "rel": found.get("rel", ""), "text": ""}
            self.blocks[-1]["links"].append(self._link)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        while self.stack:
            open_tag, skipped = self.stack.pop()
            if skipped:
                self.skip_depth -= 1
            if open_tag == "abbr" and self.abbr_depth:
                self.abbr_depth -= 1
                self.abbrs.append(("".join(self._abbr_text), self._abbr_title))
            if open_tag == "a":
                self._link = None
            if open_tag == "article" and self.in_article:
                self.in_article -= 1
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.in_article:
            return
        if self.blocks:
            self.blocks[-1]["text"] += data
        if self._link is not None:
            self._link["text"] += data
        if self.skip_depth:
            return
        if self.abbr_depth:
            self._abbr_text.append(data)
        else:
            self.texts.append(data)


COPY_LINK = re.compile(r'<p class="ifg-copy-link">.*?</p>', re.S)
"""The theme's link to the page's Markdown copy, after the prose; tests/test_copies.py checks it."""


def read_article(path: Path) -> Article:
    article = Article()
    article.feed(COPY_LINK.sub("", path.read_text(encoding="utf-8")))
    return article


def bare_terms(article: Article, pattern: re.Pattern[str]) -> list[str]:
    """Glossary terms in the page's prose that are not wrapped in an <abbr>, so show no definition."""
    return sorted({m.group(0) for text in article.texts for m in pattern.finditer(text)})


def internal_page_link(link: dict) -> bool:
    """A link written in prose to another page of this site (not a figure macro, not an anchor on the same page)."""
    href = link["href"]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return False
    return "ifg-figure" not in link["classes"] and "headerlink" not in link["classes"]


def sections(article: Article, level: str = "h2") -> list[tuple[dict, list[dict]]]:
    """The article's blocks grouped under each heading of the given level."""
    grouped: list[tuple[dict, list[dict]]] = []
    for block in article.blocks:
        if block["tag"] == level:
            grouped.append((block, []))
        elif grouped:
            grouped[-1][1].append(block)
    return grouped


def heading_text(block: dict) -> str:
    return block["text"].replace("¶", "").strip()


# --- the scanner and the prose extractor can fail ----------------------------------------------------------------


def test_the_price_scanner_catches_typed_prices_and_ignores_macros() -> None:
    assert typed_figures("One reply costs $4.20 on this model.") == ["$4.20"]
    assert typed_figures("It costs $ 0.004 a time.") == ["$ 0.004"]
    assert typed_figures('One reply costs {{ cost("chat-reply", "gpt-5-mini") }}.') == []
    assert typed_figures('{{ cost("chat-reply", "gpt-5-mini", volume=1000000) }} and $/1M tokens in a header') == []
    assert typed_figures("The first word appears after 0.7 s and the answer after 3 seconds.") == ["0.7 s", "3 seconds"]
    assert typed_figures("Retry 3 times with 1,000,000 tokens and GPT-5.5 in 2 steps.") == []


def test_the_prose_extractor_drops_everything_but_running_text() -> None:
    page = (
        "---\ndescription: A page.\n---\n\n# Title\n\n**In short:** a [linked word](cost.md#x) here\n\n"
        "| a | b |\n| --- | --- |\n| cell | cell |\n\n{{ cost_table(\"chat-reply\") }}\n\n- an item\n- another item\n"
        "\n```\ncode here\n```\n"
    )
    assert prose(page).splitlines() == ["In short: a linked word here.", "an item.", "another item."]


def test_the_tooltip_check_finds_a_term_shown_without_its_definition() -> None:
    terms = {"time to first token": "How long before the first words.", "TTFT": "Time to first token.", "token": "A piece."}
    html = (
        '<html><head><meta name="description" content="A page."></head><body><nav>time to first token</nav>'
        '<article class="md-content__inner md-typeset"><h1>Title</h1>'
        '<p>In short: <abbr title="Time to first token.">TTFT</abbr> is the time to first token.</p>'
        '<div class="ifg-table"><p>a token in a table rendered from data</p></div><p><code>token</code></p>'
        "</article></body></html>"
    )
    article = Article()
    article.feed(html)
    assert bare_terms(article, abbr_pattern(terms)) == ["time to first token"]
    assert article.abbrs == [("TTFT", "Time to first token.")]
    assert article.description == "A page."
    assert [block["tag"] for block in article.blocks] == ["h1", "p", "div", "p"]


# --- pages build and keep their frame -----------------------------------------------------------------------------


def test_every_nav_page_is_built(built_site: Path, root: Path) -> None:
    pages = nav_pages(root)
    assert set(GUIDE_PAGES) <= set(pages), "a guide page is missing from the nav"
    missing = [page for page in pages if not built_path(built_site, page).is_file()]
    assert not missing, f"nav pages with no built HTML: {missing}"


def test_every_page_has_its_own_meta_description(built_site: Path, root: Path) -> None:
    seen: dict[str, str] = {}
    for page in nav_pages(root):
        source = (root / "docs" / page).read_text(encoding="utf-8")
        declared = str(front_matter(source).get("description", "")).strip()
        assert declared, f"{page}: no description in the front matter"
        assert "{{" not in declared and "{%" not in declared, f"{page}: front matter is not rendered, so no macros"
        description = read_article(built_path(built_site, page)).description
        assert description == declared, f"{page}: the built page does not carry its own description"
        assert description not in seen, f"{page} has the same description as {seen.get(description)}"
        seen[description] = page


def test_every_page_starts_with_in_short_and_ends_with_related_pages(built_site: Path, root: Path) -> None:
    for page in nav_pages(root):
        article = read_article(built_path(built_site, page))
        blocks = article.blocks
        assert blocks and blocks[0]["tag"] == "h1", f"{page}: no H1 title"
        first = blocks[1] if len(blocks) > 1 else {"tag": "", "text": ""}
        assert first["tag"] == "p" and first["text"].startswith("In short:"), f"{page}: does not open with In short"
        words = len(first["text"].split())
        assert 15 <= words <= 80, f"{page}: the In short paragraph has {words} words; keep it to 2 or 3 lines"
        grouped = sections(article)
        assert grouped and heading_text(grouped[-1][0]) == "Related pages", f"{page}: last section is not Related pages"
        links = [link for block in grouped[-1][1] for link in block["links"] if internal_page_link(link)]
        assert 2 <= len(links) <= 4, f"{page}: Related pages has {len(links)} links to other pages, not 2 to 4"


def test_link_text_describes_where_it_goes(built_site: Path) -> None:
    vague = {"here", "click here", "this page", "read more", "more", "link", "this"}
    for page in GUIDE_PAGES:
        article = read_article(built_path(built_site, page))
        for block in article.blocks:
            for link in block["links"]:
                assert link["text"].strip().lower() not in vague, f"{page}: vague link text {link['text']!r}"


# --- what the text says ----------------------------------------------------------------------------------------------


def test_no_price_cost_or_duration_is_typed_by_hand(root: Path) -> None:
    found = {}
    for path in sorted((root / "docs").rglob("*.md")):
        typed = typed_figures(path.read_text(encoding="utf-8"))
        if typed:
            found[str(path.relative_to(root))] = typed
    assert not found, f"typed figures outside macro calls (use the macros instead): {found}"


def test_the_guide_never_says_currently(root: Path) -> None:
    for page in GUIDE_PAGES:
        text = prose((root / "docs" / page).read_text(encoding="utf-8"))
        assert not re.search(r"\bcurrently\b", text, re.IGNORECASE), f"{page}: say the date instead of 'currently'"


@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_each_guide_page_is_plain_english(root: Path, page: str) -> None:
    text = prose((root / "docs" / page).read_text(encoding="utf-8"))
    assert len(text.split()) > 100, f"{page}: too little prose to measure"
    score = textstat.flesch_reading_ease(text)
    assert score >= MIN_FLESCH, f"{page}: Flesch reading ease {score:.1f} is below {MIN_FLESCH}"


def test_every_glossary_term_on_a_page_shows_its_definition(built_site: Path, root: Path) -> None:
    terms = glossary_terms(root)
    assert 30 <= len(terms) <= 60, f"{len(terms)} abbreviations; keep the hover glossary between 30 and 60"
    for term, title in terms.items():
        assert '"' not in title and "$" not in title, f"{term}: no double quotes or prices in a definition"
    pattern = abbr_pattern(terms)
    rendered = 0
    for page in nav_pages(root):
        article = read_article(built_path(built_site, page))
        bare = bare_terms(article, pattern)
        assert not bare, f"{page}: glossary terms shown without their definition: {bare}"
        for text, title in article.abbrs:
            if text in terms:
                assert title == terms[text], f"{page}: {text!r} shows the wrong definition"
                rendered += 1
    assert rendered >= len(GUIDE_PAGES), "hardly any abbreviations rendered: is the glossary still appended?"


def test_each_abbreviation_stands_in_its_own_block(root: Path) -> None:
    """Every page appends these definitions. Python-Markdown's abbr extension takes one definition from a block, then
    parses the rest of the block again, so 56 definitions in one block cost every page about 1,600 block tests
    (13 ms a page, 2 s over a 150-page build); with a blank line between them, a page spends 1 ms on them."""
    text = (root / "docs" / "includes" / "glossary.md").read_text(encoding="utf-8")
    crowded = [block for block in text.strip().split("\n\n") if len(block.splitlines()) > 1]
    assert glossary_terms(root) and not crowded, f"put a blank line between these definitions: {crowded}"


def test_the_glossary_page_defines_enough_terms_each_with_an_anchor(built_site: Path) -> None:
    article = read_article(built_path(built_site, "glossary.md"))
    terms = [(heading, body) for heading, body in sections(article) if heading_text(heading) != "Related pages"]
    assert len(terms) >= MIN_GLOSSARY_TERMS, f"only {len(terms)} glossary terms"
    ids = [heading["id"] for heading, _ in terms]
    assert all(ids) and len(ids) == len(set(ids)), "every glossary term needs its own anchor"
    for heading, body in terms:
        assert any(block["tag"] == "p" and block["text"].strip() for block in body), f"{heading_text(heading)}: no definition"


def test_every_faq_answer_links_to_the_page_that_owns_it(built_site: Path) -> None:
    article = read_article(built_path(built_site, "faq.md"))
    questions = [(heading, body) for heading, body in sections(article) if heading_text(heading) != "Related pages"]
    assert len(questions) >= MIN_FAQ_QUESTIONS, f"only {len(questions)} FAQ questions"
    for heading, body in questions:
        question = heading_text(heading)
        assert question.endswith("?"), f"FAQ heading is not a question: {question!r}"
        assert heading["id"], f"{question}: no anchor"
        links = [link for block in body for link in block["links"] if internal_page_link(link)]
        assert links, f"{question}: the answer links to no other page"
        answer = next((block["text"].strip() for block in body if block["tag"] == "p"), "")
        first_sentence = re.split(r"(?<=[.!?])\s", answer, maxsplit=1)[0]
        assert 3 <= len(first_sentence.split()) <= 40, f"{question}: open with a short, direct answer"


def test_no_page_uses_a_model_that_retires_within_90_days_as_an_example(root: Path) -> None:
    """A model named in a macro call on any page (an inline figure, a chosen table, a tool's defaults, or a speed
    figure measured on it) must not be retired, or retire within 90 days of the day the site counts from
    (Dataset.today): a design doc would copy it."""
    dataset = load_dataset(root / "data")
    soon = {listing.model.id: date for listing in dataset.listings if (date := retires_soon(listing, dataset.today))}
    assert soon, "no model retires soon, so this test checks nothing: keep a case in tests/test_billing_rules.py instead"
    measured_on = {obs.id: obs.model for obs in dataset.observations}
    found = []
    for path in sorted((root / "docs").rglob("*.md")):
        for call in MACRO.findall(path.read_text(encoding="utf-8")):
            for name in re.findall(r"[\"']([^\"']+)[\"']", call):
                model = measured_on.get(name, name)
                if model in soon:
                    found.append(f"{path.name}: {name} ({model}) retires {soon[model]}")
    assert not found, "examples that retire within 90 days:\n" + "\n".join(found)
