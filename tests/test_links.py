"""Stable links: every published page URL and model anchor keeps resolving.

tests/published_urls.txt lists them. A moved page keeps its old address through a redirect
page (a Markdown page with `template: redirect.html` and `redirect_to:` in its front matter).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

LISTED = Path(__file__).parent / "published_urls.txt"
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')


def published() -> list[str]:
    """The listed addresses, without comments and blank lines."""
    lines = LISTED.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def resolve(site: Path, address: str, hops: int = 3) -> str | None:
    """Why `address` does not resolve in the built `site`, or None when it does (following redirects)."""
    path, _, anchor = address.partition("#")
    path = path.lstrip("/")
    target = site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    if not target.is_file():
        return "no such page"
    if target.suffix != ".html":
        return None
    html = target.read_text(encoding="utf-8")
    redirect = REFRESH.search(html)
    if redirect and hops:
        moved_to = (target.parent / redirect.group(1)).resolve().relative_to(site.resolve()).as_posix()
        moved_to = "" if moved_to == "." else moved_to.removesuffix("index.html").rstrip("/") + "/"
        return resolve(site, moved_to + (f"#{anchor}" if anchor else ""), hops - 1)
    if anchor and f'id="{anchor}"' not in html:
        return f"no #{anchor} on the page"
    return None


def test_every_published_address_still_resolves(built_site: Path) -> None:
    broken = [f"{address}: {why}" for address in published() if (why := resolve(built_site, address))]
    assert not broken, "published addresses that stopped resolving (add a redirect):\n" + "\n".join(broken)


def test_every_page_and_model_is_listed(built_site: Path) -> None:
    listed = set(published())
    pages = {
        "/" if p == "index.html" else p.removesuffix("index.html")
        for p in (q.relative_to(built_site).as_posix() for q in built_site.rglob("index.html"))
        if not REFRESH.search((built_site / p).read_text(encoding="utf-8"))
    }
    html = (built_site / "pricing" / "index.html").read_text(encoding="utf-8")
    anchors = {f"pricing/#{a}" for a in re.findall(r'<li id="(model-[^"]+)"', html)}
    for page in (built_site / "providers").glob("*/index.html"):
        rows = re.findall(r'<tr id="(model-[^"]+)"', page.read_text(encoding="utf-8"))
        anchors |= {f"providers/{page.parent.name}/#{a}" for a in rows}
    copies = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.md")} | {"llms.txt"}
    missing = sorted((pages | anchors | copies) - listed)
    assert not missing, "published but not listed in tests/published_urls.txt:\n" + "\n".join(missing)


@pytest.fixture()
def moved_site(tmp_path: Path) -> Path:
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "index.html").write_text('<h2 id="part">Part</h2>', encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "index.html").write_text('<meta http-equiv="refresh" content="0; url=../new/">', encoding="utf-8")
    return tmp_path


def test_a_redirect_keeps_an_old_address_resolving(moved_site: Path) -> None:
    assert resolve(moved_site, "old/") is None
    assert resolve(moved_site, "old/#part") is None
    assert resolve(moved_site, "old/#gone") == "no #gone on the page"
    assert resolve(moved_site, "missing/") == "no such page"
