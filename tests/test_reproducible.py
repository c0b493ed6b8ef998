"""Two clean builds of the same commit are byte-identical, so a deploy can be checked by hash."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

EPOCH = "1790000000"  # 2026-09-21: a fixed commit time, as `make build` takes from git


def build(root: Path, site: Path) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=root, env=env, check=True, capture_output=True)
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(root: Path, tmp_path: Path) -> None:
    first = build(root, tmp_path / "one")
    second = build(root, tmp_path / "two")
    assert first.keys() == second.keys()
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"files that differ between two builds: {differing}"
    sitemap = (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-09-21</lastmod>" in sitemap, "dates in the build come from SOURCE_DATE_EPOCH, not the clock"
