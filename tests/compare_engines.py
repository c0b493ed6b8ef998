"""Build the site with MkDocs and with another engine, and compare what readers get: the pages, and every
link in every article, resolved to the address it opens.

    python tests/compare_engines.py zensical      (or properdocs)

Prints each difference and exits 1 when there is one. Theme files (assets/, the search index) differ
between engines by design and are not compared; exports and every page are.
"""

from __future__ import annotations

import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros import builder  # noqa: E402
from macros.formatting import counted  # noqa: E402

THEME_FILES = ("assets/", "search/", "search.json", "sitemap.xml.gz")


class ArticleLinks(HTMLParser):
    """The href of every link inside the page's <article>."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "article":
            self.depth += 1
        elif self.depth and tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1


def site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
            and not p.relative_to(site).as_posix().startswith(THEME_FILES)}


def resolved_links(site: Path, page: str) -> list[str]:
    """Each article link as the absolute path (and fragment) it opens, from the page's own address."""
    parser = ArticleLinks()
    parser.feed((site / page).read_text(encoding="utf-8"))
    address = "/" + str(PurePosixPath(page).parent).strip(".") + "/"
    out = []
    for href in parser.links:
        parts = urlsplit(href)
        out.append(href if parts.scheme or parts.netloc else urljoin(address.replace("//", "/"), href))
    return out


def compare(reference: Path, other: Path) -> list[str]:
    differences = []
    ours, theirs = site_files(reference), site_files(other)
    differences += [f"only in the MkDocs build: {name}" for name in sorted(ours - theirs)]
    differences += [f"only in the other build: {name}" for name in sorted(theirs - ours)]
    for page in sorted(name for name in ours & theirs if name.endswith(".html")):
        mine, yours = resolved_links(reference, page), resolved_links(other, page)
        if mine != yours:
            extra, missing = sorted(set(yours) - set(mine)), sorted(set(mine) - set(yours))
            differences.append(f"{page}: links differ; only in the other build: {extra[:5]}; only in MkDocs: {missing[:5]}")
    return differences


def main(engine: str) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        sites = {}
        for name in ("mkdocs", engine):
            sites[name] = Path(scratch) / name
            result = builder.build(ROOT, sites[name], name)
            if result.returncode != 0:
                print(f"the {name} build failed:\n{result.stdout}{result.stderr}")
                return 1
        differences = compare(sites["mkdocs"], sites[engine])
        pages = sum(name.endswith(".html") for name in site_files(sites["mkdocs"]))
    for line in differences:
        print(line)
    print(f"{engine}: {counted(len(differences), 'difference')} from the MkDocs build in {counted(pages, 'page')} and "
          "their article links")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "zensical"))
