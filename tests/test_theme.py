"""What overrides/ changes in the theme still fits the installed theme, so an upgrade shows what moved.

The overrides extend blocks and change one attribute each with `super() | replace(...)`; if an
upgrade renames what is replaced, the replace would silently do nothing. The one partial replaced
whole, partials/javascripts/palette.html, is our own script, not a copy: it stands in for Material's,
which is pinned here by its hash, so that a new Material palette script is read before it is dropped.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parent.parent
THEME = Path(material.__file__).parent / "templates"

REPLACED = {
    "partials/palette.html": ['data-md-component="palette"'],
    "partials/search.html": ['role="dialog">'],
    "partials/nav-item.html": ['tabindex="{{ tabindex }}"', '{% set tabindex = "0" if not is_section %}'],
}
"""Text in the installed theme that overrides/main.html replaces, by the partial it sits in."""
PALETTE_SCRIPT_SHA256 = "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5"
"""Material 9.8.2's partials/javascripts/palette.html, which our own toggle script replaces."""


@pytest.mark.parametrize("partial", sorted(REPLACED))
def test_each_replaced_text_is_still_in_the_theme(partial: str) -> None:
    source = (THEME / partial).read_text(encoding="utf-8")
    for text in REPLACED[partial]:
        assert text in source, f"{partial} no longer holds {text!r}: update overrides/main.html for this Material"


def test_the_palette_script_we_replace_is_the_one_we_read() -> None:
    installed = (THEME / "partials" / "javascripts" / "palette.html").read_bytes()
    assert hashlib.sha256(installed).hexdigest() == PALETTE_SCRIPT_SHA256, (
        "Material's palette script changed: read it, carry what it now does into "
        "overrides/partials/javascripts/palette.html, then record the new hash here")
    header = (THEME / "partials" / "header.html").read_text(encoding="utf-8")
    assert header.index('"partials/palette.html"') < header.index('"partials/javascripts/palette.html"')


def test_no_partial_is_copied_from_the_theme() -> None:
    ours = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*.html")}
    assert ours <= {"main.html", "404.html", "redirect.html", "partials/javascripts/palette.html"}, (
        f"a theme file is overridden whole: {sorted(ours)}; extend a block instead, or add a diff test")


class Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.palette_components = self.our_palettes = self.empty_tabindex = 0
        self.dialogs: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.palette_components += found.get("data-md-component") == "palette"
        self.our_palettes += "data-ifg-palette" in found
        self.empty_tabindex += found.get("tabindex") == ""
        if found.get("role") == "dialog":
            self.dialogs.append(found.get("aria-label"))


def test_every_page_carries_the_changes(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        if "Moved:" in path.read_text(encoding="utf-8")[:600]:
            continue  # a redirect page has no header
        marks = Marks()
        marks.feed(path.read_text(encoding="utf-8"))
        where = path.relative_to(built_site)
        assert (marks.palette_components, marks.our_palettes) == (0, 1), f"{where}: the palette is not ours"
        assert marks.empty_tabindex == 0, f"{where}: tabindex=\"\" is back"
        assert marks.dialogs and all(marks.dialogs), f"{where}: a dialog has no accessible name"
