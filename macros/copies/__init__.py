"""The pages' Markdown copies and /llms.txt, made from the built site, for assistants that draft with people.

Each page's copy sits beside its HTML at a stable address, `<page>/index.md` (`index.md` for the home page), and
holds the page's article as GitHub-flavoured Markdown: the figures the page shows, filled in from data/, never a
macro call (macros.copies.convert). /llms.txt (https://llmstxt.org) lists every copy with its page's one-line
description, in the menu's sections.

They are made from the built pages rather than from docs/, so every engine's build gets the same copies from the
same step: the builder (`make build`) writes them once it has filled in the pages, and MkDocs and ProperDocs write
them after a bare build or under `serve` through the macros plugin's on_post_build (macros/__init__.py).
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from macros.copies.convert import article_markdown
from macros.copies.pages import Page, config, pages
from macros.cores import map_on_cores
from macros.escape import markdown_text

LLMS_TXT = "llms.txt"
_ABOUT = ("Each link below is the Markdown copy of one page of the guide: its text, every price, cost and time "
          "filled in from the guide's dataset, and each table as a Markdown table. A copy names the web page it "
          "copies, which is at the same address without `index.md`.")


def _root(site_url: str | None) -> str:
    url = site_url or "/"
    return url if url.endswith("/") else url + "/"


def copy_text(html: str, page_url: str) -> str:
    """A page's Markdown copy: its article, with the address of the web page it copies after the title."""
    title, _, rest = article_markdown(html, page_url).partition("\n\n")
    return f"{title}\n\nThe Markdown copy of <{page_url}>.\n\n{rest}" if rest else ""


def _copy_file(job: tuple[Path, str]) -> str:
    """The copy of one built page, given its file and its web address; '' for a page the engine did not write."""
    html, page_url = job
    return copy_text(html.read_text(encoding="utf-8"), page_url) if html.is_file() else ""


def llms_txt(name: str, summary: str, listed: list[tuple[Page, str]], root: str) -> str:
    """/llms.txt: the site's name and summary, then a section of links to the copies for each section of the menu.
    `listed` gives each page with its title as its copy writes it, in Markdown already."""
    lines = [f"# {markdown_text(name)}", "", f"> {markdown_text(summary)}", "", _ABOUT]
    for section, entries in groupby(listed, key=lambda entry: entry[0].section):
        lines += ["", f"## {markdown_text(section)}", ""]
        lines += [f"- [{title}]({root}{page.copy}): {markdown_text(page.description)}" for page, title in entries]
    return "\n".join(lines) + "\n"


def files(site: Path, project: Path, site_url: str | None) -> dict[str, str]:
    """Every page's Markdown copy and llms.txt, by path under the site, from the pages built in `site`."""
    root = _root(site_url)
    made: dict[str, str] = {}
    listed: list[tuple[Page, str]] = []
    found = pages(project)
    texts = map_on_cores(_copy_file, [(site / page.html, root + page.folder) for page in found])
    for page, text in zip(found, texts, strict=True):
        if text:
            made[page.copy] = text
            listed.append((page, text.partition("\n")[0].removeprefix("# ")))
    conf = config(project)
    made[LLMS_TXT] = llms_txt(str(conf.get("site_name") or ""), str(conf.get("site_description") or ""), listed, root)
    return made
