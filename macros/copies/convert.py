"""A built page's article as GitHub-flavoured Markdown: what an assistant reads in place of the HTML.

The copy is made from the page as built, so every figure in it is the one the reader sees, filled in from data/ by
the macros and the builder. What only works in a browser is left out: forms, scripts, the parts of a tool that need
JavaScript (`ifg-needs-js`), hidden and decorative elements, the headings' permalinks. A chart becomes its text
alternative (the table after it lists its points). Tables become GFM tables, one line per row: a cell's paragraphs
and details are joined by `<br>`, a spanning cell is followed by empty ones, so that every row has as many cells as
the header.

Every piece of text and every address passes through macros.escape.markdown_text or `_address`, so no data string
makes structure in the copy, however it reached the page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from urllib.parse import quote, urljoin, urlsplit

from macros.escape import markdown_text

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_DROPPED = frozenset({"script", "style", "form", "select", "option", "optgroup", "input", "button", "label", "datalist",
                      "textarea", "template", "colgroup", "col", "nav", "iframe", "canvas", "head"})
_DROPPED_CLASSES = frozenset({"headerlink", "ifg-needs-js", "ifg-copy-link"})
"""The headings' permalinks, what only works with JavaScript, and the page's own link to its copy."""
_INLINE = frozenset({"a", "abbr", "b", "br", "cite", "code", "em", "i", "img", "kbd", "mark", "q", "s", "samp", "small",
                     "span", "strong", "sub", "sup", "time", "u", "var", "del", "ins", "data", "dfn"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_text = lru_cache(maxsize=1 << 16)(markdown_text)
"""markdown_text, remembered: a page's text repeats (labels, "not listed", a provider's name in each row), and each
piece is escaped once."""
_SPACES = re.compile(r"[ \t]+")
_BREAK = "\n"
"""A <br> while a block's text is put together; a paragraph ends the line with a backslash, a table cell writes <br>."""


class Element:
    """One element of the page: tag, attributes and children (text or elements)."""

    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict[str, str], children: list[Element | str] | None = None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Element | str] = [] if children is None else children

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        """All the text inside, as the browser would show it without styles."""
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)



_TOKEN = re.compile(r"""<!--.*?(?:-->|\Z)|<[!?][^>]*>|<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|<""", re.S)
"""One piece of a built page: a comment or declaration (skipped), a start or end tag (with its attribute text), or text.
A `<` that starts no tag is text, as a browser reads it."""
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_RAW_TEXT = ("script", "style")
"""Elements whose content is text up to their end tag, never tags."""


def _attributes(text: str) -> dict[str, str]:
    """A start tag's attributes, names in lower case and values with their character references resolved; the first of
    a repeated name wins, as in a browser."""
    found: dict[str, str] = {}
    for name, double, single, bare in _ATTRIBUTE.findall(text):
        found.setdefault(name.lower(), unescape(double or single or bare))
    return found


def parse(html: str) -> Element:
    """The page as a tree of elements.

    The pages are the engine's own output, so a tokenizer of regular expressions reads them: over a 10,000-model site
    it took a fifth of html.parser's time, which the copies spent most of theirs in. An end tag closes the nearest open
    element of its name and everything opened inside it; an end tag with nothing of its name open is ignored."""
    root = Element("root", {})
    open_ = [root]
    children = root.children  # the innermost open element's
    position, end = 0, len(html)
    match = _TOKEN.match
    while position < end:
        token = match(html, position)
        assert token is not None  # the last alternative matches any character
        position = token.end()
        closing, tag, attributes = token.groups()
        if tag is None:
            text = token.group()
            if text[0] != "<" or text == "<":
                children.append(unescape(text) if "&" in text else text)
            continue
        tag = tag.lower()
        if closing:
            for depth in range(len(open_) - 1, 0, -1):
                if open_[depth].tag == tag:
                    del open_[depth:]
                    children = open_[-1].children
                    break
            continue
        element = Element(tag, _attributes(attributes) if attributes and not attributes.isspace() else {})
        children.append(element)
        if tag in _RAW_TEXT:
            close = re.compile(rf"</{tag}\s*>", re.I).search(html, position)
            text_end = close.start() if close else end
            if text_end > position:
                element.children.append(html[position:text_end])
            position = close.end() if close else end
        elif tag not in _VOID and not attributes.rstrip().endswith("/"):
            open_.append(element)
            children = element.children
    return root


def find(element: Element, tag: str, css_class: str | None = None) -> Element | None:
    """The first element inside `element` (depth first) with `tag` and, if given, `css_class`."""
    for child in element.children:
        if isinstance(child, Element):
            if child.tag == tag and (css_class is None or css_class in child.classes()):
                return child
            found = find(child, tag, css_class)
            if found is not None:
                return found
    return None


def _dropped(element: Element) -> bool:
    attrs = element.attrs
    if element.tag in _DROPPED or "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    classes = attrs.get("class")
    return classes is not None and not _DROPPED_CLASSES.isdisjoint(classes.split())


@lru_cache(maxsize=1 << 12)
def _address(href: str, base: str) -> str | None:
    """`href` as a web address to write in a link, absolute, percent-encoded so that it cannot end the link or a table
    cell; None for anything but a web address (javascript:, data:, mailto:)."""
    address = urljoin(base, href)
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") and not (base.startswith("/") and not parts.scheme and not parts.netloc):
        return None  # a site built without site_url links from its root path
    return quote(address, safe="/:?#@!$&'*+,;=%~-._")


_END = Element("end", {})
"""What ends the last run of inline content inside an element."""


class Converter:
    """Turns one page's elements into Markdown; `base` is the page's own web address, which links resolve against."""

    def __init__(self, base: str) -> None:
        self.base = base

    def blocks(self, element: Element) -> list[str]:
        """The blocks inside `element`: runs of text and inline elements become paragraphs."""
        found: list[str] = []
        run: list[Element | str] = []
        for child in [*element.children, _END]:
            if isinstance(child, str) or child.tag in _INLINE:
                run.append(child)
                continue
            paragraph = self._paragraph(run)
            run = []
            found += [paragraph] if paragraph else []
            if child.tag != "end" and not _dropped(child):
                found += [block for block in self.block(child) if block.strip()]
        return found

    def block(self, element: Element) -> list[str]:
        """One block element as Markdown blocks."""
        tag = element.tag
        if tag in _HEADINGS:
            text = self.inline(element.children).replace(_BREAK, " ").strip()
            return [f"{'#' * _HEADINGS[tag]} {text}"] if text else []
        if tag in ("p", "figcaption", "caption", "dt"):
            return [self._paragraph(element.children)]
        if tag in ("ul", "ol"):
            return [self._list(element)]
        if tag == "table":
            return self._table(element)
        if tag == "details":
            return self._details(element)
        if tag == "svg":
            return self._chart(element)
        if tag == "pre":
            return [_fenced(element.text())]
        if tag == "blockquote":
            return ["\n".join(f"> {line}" if line else ">" for line in "\n\n".join(self.blocks(element)).split("\n"))]
        if tag == "hr":
            return ["---"]
        return self.blocks(element)

    def inline(self, children: list[Element | str]) -> str:
        """Text and inline elements as one line of Markdown, with _BREAK where the page breaks the line."""
        parts: list[str] = []
        for child in children:
            if isinstance(child, str):
                parts.append(_text(child))
            elif not _dropped(child):
                parts.append(self._inline_element(child))
        return "".join(parts)

    def _inline_element(self, element: Element) -> str:
        tag = element.tag
        if tag == "br":
            return _BREAK
        if tag == "img":
            return _text(element.attrs.get("alt", ""))
        if tag not in _INLINE:  # a block where the page has inline content, such as a paragraph in a cell
            return _BREAK.join(self.blocks(element))
        text = self.inline(element.children)
        if tag == "a":
            address = _address(element.attrs["href"], self.base) if "href" in element.attrs else None
            return f"[{text.strip()}]({address})" if address and text.strip() else text
        if tag in ("strong", "b", "em", "i"):
            mark = "**" if tag in ("strong", "b") else "*"
            stripped = text.strip()
            if not stripped or _BREAK in stripped:
                return text
            before, after = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            return f"{before}{mark}{stripped}{mark}{after}"
        return text

    def _paragraph(self, children: list[Element | str]) -> str:
        """Inline content as a paragraph: each line trimmed, a <br> written as a backslash at the line's end."""
        lines = [(_SPACES.sub(" ", line) if "  " in line or "\t" in line else line).strip()
                 for line in self.inline(children).split(_BREAK)]
        return "\\\n".join(line for line in lines if line)

    def _cell(self, cell: Element) -> str:
        """A table cell on one line: its paragraphs, details and line breaks joined by <br>."""
        text = "<br>".join(block.replace("\\\n", "\n") for block in self.blocks(cell))
        return "<br>".join(line.strip() for line in text.split("\n") if line.strip())

    def _list(self, element: Element) -> str:
        items, number = [], int(element.attrs.get("start", "1") or 1)
        for child in element.children:
            if not isinstance(child, Element) or child.tag != "li" or _dropped(child):
                continue
            marker = f"{number}." if element.tag == "ol" else "-"
            number += 1
            indent = " " * (len(marker) + 1)
            body = "\n\n".join(self.blocks(child)).replace("\n", "\n" + indent)
            items.append(f"{marker} {body}".rstrip().replace(f"\n{indent}\n", "\n\n"))
        return "\n".join(items)

    def _table(self, table: Element) -> list[str]:
        """The caption as a paragraph, then the table; its first row is the header, as in every table on the site."""
        caption = find(table, "caption")
        parts = [table, *[c for c in table.children if isinstance(c, Element) and c.tag in ("thead", "tbody", "tfoot")]]
        rows = [self._cells(row) for part in parts for row in part.children
                if isinstance(row, Element) and row.tag == "tr" and not _dropped(row)]
        if not rows:
            return []
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = [_row(rows[0]), _row(["---"] * width), *map(_row, rows[1:])]
        return ([self._paragraph(caption.children)] if caption else []) + ["\n".join(lines)]

    def _cells(self, row: Element) -> list[str]:
        """A row's cells, each spanning cell followed by an empty one for each further column it spans."""
        cells: list[str] = []
        for cell in row.children:
            if isinstance(cell, Element) and cell.tag in ("th", "td"):
                span = cell.attrs.get("colspan", "1")
                cells += [self._cell(cell)] + [""] * (int(span) - 1 if span.isdigit() and int(span) > 1 else 0)
        return cells

    def _details(self, details: Element) -> list[str]:
        summary = find(details, "summary")
        rest = Element("div", {}, [c for c in details.children if c is not summary])
        title = self._paragraph(summary.children) if summary else ""
        return ([f"**{title}**"] if title else []) + self.blocks(rest)

    def _chart(self, svg: Element) -> list[str]:
        """A chart's title and description, which screen readers read in its place."""
        words = [self._paragraph(part.children).rstrip(".") for tag in ("title", "desc")
                 if (part := next((c for c in svg.children if isinstance(c, Element) and c.tag == tag), None))]
        return [f"Chart: {'. '.join(w for w in words if w)}."] if any(words) else []


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _fenced(code: str) -> str:
    """Preformatted text as a fenced block, fenced by more backticks than any run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{code.rstrip()}\n{fence}"


_ARTICLE_START = re.compile(r"""<article\s(?:[^>"']|"[^"]*"|'[^']*')*?\bclass=["'](?:[^"']*\s)?md-content__inner[\s"']""", re.I)
"""The article's start tag: what comes before it (the header and the menu, a fifth of a page) is never read."""


def article_markdown(html: str, base: str) -> str:
    """The Markdown copy of a built page's article (Material's and Zensical's `md-content__inner`); '' when the page
    has none. The page is read from the article's start tag: end tags of the elements around it are then ignored."""
    start = _ARTICLE_START.search(html)
    article = find(parse(html[start.start():] if start else html), "article", "md-content__inner")
    if article is None:
        return ""
    return "\n\n".join(Converter(base).blocks(article)) + "\n"
