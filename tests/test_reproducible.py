"""Two clean builds of the same commit are byte-identical, so a deploy can be checked by hash."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import ENGINE

from macros import builder

EPOCH = "1790000000"  # 2026-09-21: a fixed commit time, as `make build` takes from git


def build(root: Path, site: Path) -> dict[str, str]:
    result = builder.build(root, site, ENGINE)
    assert result.returncode == 0, result.stderr
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = build(root, tmp_path / "one")
    second = build(root, tmp_path / "two")
    assert first.keys() == second.keys()
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"files that differ between two builds: {differing}"
    sitemap = (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap))
    assert dates <= {"2026-09-21"}, f"dates in the build come from SOURCE_DATE_EPOCH, not the clock (got {dates})"
