"""House style that a reader notices: the home page points to the tools and counts the parts of the guide
right, tables are introduced in varied words, one model is not the example everywhere, and error advice
avoids jargon. Each check reads the Markdown sources; none needs a build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
HOME = DOCS / "index.md"

MAX_TABLE_BELOW = 2
MAX_SONNET_PAGES = 3
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
TOOLS = ("calculator.md", "streaming-demo.md", "pricing.md")


class TolerantLoader(yaml.SafeLoader):
    """A safe YAML loader that reads mkdocs.yml without running anything: every tag it does not know, such as
    MkDocs's !ENV or a !!python/name: reference, loads as None."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    """Stand in for a tag the safe loader cannot build."""
    return None


TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)
TolerantLoader.add_multi_constructor("!", _unknown_tag)


def nav_sections(root: Path = ROOT) -> list[str]:
    """The titles of the top-level sections of mkdocs.yml's nav, in order."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=TolerantLoader)  # noqa: S506
    titles: list[str] = []
    for item in config["nav"]:
        if isinstance(item, dict):
            titles.extend(str(title) for title in item)
        else:
            titles.append(str(item))
    return titles


def docs_pages() -> list[Path]:
    """Every Markdown page directly under docs/."""
    return sorted(DOCS.glob("*.md"))


def links_to(markdown: str, target: str) -> bool:
    """Whether the Markdown has a relative link to the target page, with or without an anchor."""
    return re.search(r"\]\(" + re.escape(target) + r"(?:#[^)\s]*)?\)", markdown) is not None


def test_the_loader_tolerates_tags_it_does_not_know() -> None:
    """A python/ tag and a local tag both load as None, and plain YAML still loads."""
    text = "a: !!python/name:material.extensions.emoji.twemoji\nb: !ENV [X, y]\nc: [1, 2]\n"
    assert yaml.load(text, Loader=TolerantLoader) == {"a": None, "b": None, "c": [1, 2]}  # noqa: S506


@pytest.mark.parametrize("target", TOOLS)
def test_the_home_page_links_each_tool_near_the_top(target: str) -> None:
    """A reader on a phone finds the tools without opening the menu: each is linked before the first section."""
    source = HOME.read_text(encoding="utf-8")
    top = source.split("\n## ", 1)[0]
    assert links_to(top, target), f"index.md does not link {target} before its first section heading"


def test_the_home_page_counts_the_parts_of_the_guide_right() -> None:
    """The number of parts the home page names matches the top-level sections of the nav, and it names each."""
    sections = nav_sections()
    count = len(sections)
    source = HOME.read_text(encoding="utf-8")
    said = re.findall(r"\b(\w+)\s+parts\b", source, flags=re.IGNORECASE)
    assert said, "index.md does not say how many parts the guide has"
    allowed = {str(count), NUMBER_WORDS.get(count, str(count))}
    wrong = [word for word in said if word.lower() not in allowed]
    assert not wrong, f"index.md says {wrong} parts, but mkdocs.yml's nav has {count}: {sections}"
    missing = [title for title in sections if f"**{title}**" not in source]
    assert not missing, f"index.md does not describe these parts of the nav: {missing}"


def test_the_table_below_is_not_the_only_way_to_introduce_a_table() -> None:
    """Tables are introduced in varied words: 'The table below' appears at most twice across the pages."""
    found = {path.name: n for path in docs_pages() if (n := path.read_text(encoding="utf-8").count("The table below"))}
    total = sum(found.values())
    assert total <= MAX_TABLE_BELOW, f"'The table below' appears {total} times (at most {MAX_TABLE_BELOW}): {found}"


def test_claude_sonnet_is_not_the_example_on_many_pages() -> None:
    """Examples vary across providers: Sonnet, by name or model id, appears on at most 3 pages."""
    pages = [path.name for path in docs_pages() if "sonnet" in path.read_text(encoding="utf-8").lower()]
    assert len(pages) <= MAX_SONNET_PAGES, f"Sonnet appears on {len(pages)} pages (at most {MAX_SONNET_PAGES}): {pages}"


def test_retry_advice_is_in_plain_words() -> None:
    """'Errors that can pass' is jargon; say which errors go away if you try again."""
    found = [str(path.relative_to(ROOT)) for path in sorted(DOCS.rglob("*"))
             if path.is_file() and "errors that can pass" in path.read_text(encoding="utf-8", errors="ignore").lower()]
    assert not found, f"'errors that can pass' is still used in: {found}"
