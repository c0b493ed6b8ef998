"""Every piece of jargon a page uses is explained in the glossary. tests/jargon.txt lists the project's jargon, each
term with the anchor of its glossary entry; these tests check that list against the glossary and against every built
page: the prose, and the text the macros emit (table headers, notes, verdicts, data strings)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_content import built_path, nav_pages

ROOT = Path(__file__).resolve().parents[1]
WORD_LIST = ROOT / "tests" / "jargon.txt"
GLOSSARY = ROOT / "docs" / "glossary.md"
ENTRY = re.compile(r"^## (?P<name>.+?) \{ #(?P<anchor>[a-z0-9-]+) \}\n(?P<body>.*?)(?=^## |\Z)", re.M | re.S)
LINE = re.compile(r"^(?P<term>[^:#][^:]*?):[ \t]*(?P<anchor>[a-z0-9-]*)$")
# Text no reader takes as prose: code, scripts, styles, charts' drawing code and the headings' permalink signs.
SKIPPED_TAGS = {"code", "pre", "script", "style", "svg", "template"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class Term:
    """One line of the word list."""

    term: str
    anchor: str  # empty: known jargon with no glossary entry yet, so any page using it fails
    line: int

    @property
    def pattern(self) -> re.Pattern[str]:
        """Whole words; a space or hyphen matches either; a plural -s or -es counts. A term in lower case matches any
        case; one with a capital matches as written, but for its first letter, which may open a sentence."""
        words = [re.escape(word) for word in re.split(r"[ -]", self.term)]
        capital = any(c.isupper() for c in self.term)
        if capital and self.term[0].isalpha():
            words[0] = f"[{self.term[0].upper()}{self.term[0].lower()}]" + words[0][1:]
        body = r"[\s\-]+".join(words)
        return re.compile(r"(?<![\w-])" + body + r"(?:e?s)?(?![\w-])", 0 if capital else re.IGNORECASE)


def read_word_list(text: str) -> list[Term]:
    """The terms of tests/jargon.txt; a malformed line or a term listed twice is an error naming its line."""
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = LINE.match(line)
        if not match:
            raise ValueError(f"jargon.txt:{number}: write 'term: anchor' (got {raw!r})")
        term = match.group("term").strip()
        if term.lower() in seen:
            raise ValueError(f"jargon.txt:{number}: {term!r} is listed already on line {seen[term.lower()]}")
        seen[term.lower()] = number
        terms.append(Term(term, match.group("anchor"), number))
    return terms


def glossary_entries(markdown: str) -> dict[str, str]:
    """The glossary's entries: anchor -> heading and definition."""
    return {m.group("anchor"): m.group("name") + "\n" + m.group("body") for m in ENTRY.finditer(markdown)}


class PageText(HTMLParser):
    """The text of a built page's article, macro output included, without code, scripts or permalinks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # whether each open element is skipped
        self.in_article = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article" and "md-content__inner" in classes:
            self.in_article = True
        self.stack.append(tag in SKIPPED_TAGS or "headerlink" in classes or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if self.stack:
            self.stack.pop()
        if tag == "article":
            self.in_article = False

    def handle_data(self, data: str) -> None:
        if self.in_article and not (self.stack and self.stack[-1]):
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(self.parts)


def page_text(html: str) -> str:
    parser = PageText()
    parser.feed(html)
    return parser.text


def unexplained(pages: dict[str, str], terms: list[Term], entries: dict[str, str]) -> list[str]:
    """'page: term' for each term a page uses that has no glossary entry."""
    found = []
    for page, text in pages.items():
        for term in terms:
            if term.anchor not in entries and term.pattern.search(text):
                why = f"glossary.md has no #{term.anchor}" if term.anchor else "no glossary entry yet"
                found.append(f"{page}: {term.term!r} ({why})")
    return found


# --- the list and the scanner can fail ---------------------------------------------------------------------------


def test_the_word_list_reader_names_the_bad_line() -> None:
    assert read_word_list("# a comment\n\nhit rate: hit-rate\nTTFT: time-to-first-token\nflex:\n") == [
        Term("hit rate", "hit-rate", 3), Term("TTFT", "time-to-first-token", 4), Term("flex", "", 5)]
    with pytest.raises(ValueError, match=r"jargon.txt:2: write 'term: anchor'"):
        read_word_list("hit rate: hit-rate\nhit rate hit-rate\n")
    with pytest.raises(ValueError, match=r"jargon.txt:2: 'Hit rate' is listed already on line 1"):
        read_word_list("hit rate: hit-rate\nHit rate: hit-rate\n")


def test_a_term_matches_whole_words_plurals_and_either_spelling() -> None:
    fast = Term("fast mode", "fast-mode", 1).pattern
    assert fast.search("Fast-mode prices") and fast.search("two fast modes") and fast.search("fast\nmode")
    assert not fast.search("breakfast mode") and not fast.search("fast modest")
    assert Term("batch", "batch-api", 1).pattern.search("Batch and flex cost less")
    assert Term("retired", "retirement", 1).pattern.search("retired")
    assert not Term("TTFT", "time-to-first-token", 1).pattern.search("ttft_s")
    assert not Term("RAG", "rag", 1).pattern.search("storage, average")
    assert not Term("host", "provider", 1).pattern.search("localhost or self-hosted")


def test_the_scan_reports_the_page_and_the_term() -> None:
    html = ('<nav>hit rate</nav><article class="md-content__inner"><h2>Costs<a class="headerlink">¶</a></h2>'
            '<p>Each scenario states its <strong>hit rate</strong>.</p><table><th>Flex price</th></table>'
            "<pre><code>proxy floor</code></pre></article><footer>fast mode</footer>")
    text = page_text(html)
    terms = [Term("hit rate", "hit-rate", 1), Term("flex", "flex", 2), Term("proxy floor", "proxy-floor", 3),
             Term("fast mode", "", 4), Term("scenario", "scenario", 5)]
    assert unexplained({"cost.md": text}, terms, {"scenario": ""}) == [
        "cost.md: 'hit rate' (glossary.md has no #hit-rate)", "cost.md: 'flex' (glossary.md has no #flex)"]


# --- the list against the glossary and the pages ------------------------------------------------------------------


@pytest.fixture(scope="module")
def terms() -> list[Term]:
    return read_word_list(WORD_LIST.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entries() -> dict[str, str]:
    return glossary_entries(GLOSSARY.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pages(built_site: Path, root: Path) -> dict[str, str]:
    """Every page a reader reaches, as its built text."""
    return {page: page_text(built_path(built_site, page).read_text(encoding="utf-8")) for page in nav_pages(root)}


def test_every_anchor_the_word_list_names_is_a_glossary_entry(terms: list[Term], entries: dict[str, str]) -> None:
    assert len(entries) >= 70, f"only {len(entries)} glossary entries: is ENTRY still matching the headings?"
    missing = [f"jargon.txt:{t.line}: {t.term!r} names #{t.anchor}" for t in terms if t.anchor and t.anchor not in entries]
    assert not missing, "anchors with no glossary entry:\n" + "\n".join(missing)


def test_each_glossary_entry_names_the_terms_listed_for_it(terms: list[Term], entries: dict[str, str]) -> None:
    """An entry says the words a reader came looking for, so a term cannot point to an entry that explains another."""
    silent = [f"jargon.txt:{t.line}: #{t.anchor} never says {t.term!r}" for t in terms
              if t.anchor in entries and not t.pattern.search(entries[t.anchor])]
    assert not silent, "\n".join(silent)


def test_every_jargon_term_a_page_uses_is_in_the_glossary(pages: dict[str, str], terms: list[Term],
                                                          entries: dict[str, str]) -> None:
    assert len(pages) > 20 and all(pages.values()), "pages with no text: is the article still found?"
    found = unexplained(pages, terms, entries)
    assert not found, "jargon a page uses with no glossary entry:\n" + "\n".join(found)


def test_every_term_in_the_word_list_is_used_on_a_page(pages: dict[str, str], terms: list[Term]) -> None:
    """A term no page uses has gone from the site, or its spelling here no longer matches the pages'."""
    unused = [f"jargon.txt:{t.line}: {t.term!r}" for t in terms
              if not any(t.pattern.search(text) for page, text in pages.items() if page != "glossary.md")]
    assert not unused, "terms no page uses:\n" + "\n".join(unused)
