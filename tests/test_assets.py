"""The stylesheet readers receive: the source without its comments, every rule intact."""

from __future__ import annotations

import re
from pathlib import Path

from macros import assets


def _without_space(css: str) -> str:
    return re.sub(r"\s+", "", css)


def test_the_served_stylesheet_is_the_source_without_comments(root: Path, built_site: Path) -> None:
    source = (root / assets.SOURCE).read_text(encoding="utf-8")
    served = (built_site / assets.SERVED).read_text(encoding="utf-8")
    assert "/*" not in served
    assert _without_space(served) == _without_space(re.sub(r"/\*.*?\*/", "", source, flags=re.S))
    assert len(served) < 0.7 * len(source)
    assert f'href="../{assets.SERVED}"' in (built_site / "faq" / "index.html").read_text(encoding="utf-8")


def test_spaces_that_carry_meaning_stay() -> None:
    css = '.a .b + .c > .d { margin: 0 auto; width: calc(100% - 1em); content: " (" attr(href) ")"; }\n/* note */'
    assert assets.minified(css) == '.a .b + .c>.d{margin: 0 auto;width: calc(100% - 1em);content: " (" attr(href) ")";}\n'
