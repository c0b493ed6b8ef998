"""Tests that need a tool from outside Python: Debian's chromium, a Java runtime, or npm packages.

Where the tool is missing such a test skips and says how to install it; under CI (CI=true), whose
`make test` installs every tool first, a missing tool is a failure instead, so nothing passes unseen.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

UNDER_CI = os.environ.get("CI", "").lower() in {"true", "1"}
ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def require(missing: list[str], install: str) -> None:
    """Skip, or fail under CI, when `missing` names anything; `install` says how to get it."""
    if not missing:
        return
    message = f"{' and '.join(missing)} not found, so this test cannot run. {install}"
    if UNDER_CI:
        pytest.fail(message + " Under CI a missing tool is an error, not a skip.", pytrace=False)
    pytest.skip(message)


def chromium_missing() -> list[str]:
    """Debian's chromium, or the binary CHROMIUM names."""
    return [] if Path(CHROMIUM).is_file() or shutil.which(CHROMIUM) else [CHROMIUM]


def node_package_missing(path: Path) -> list[str]:
    """A file that `npm ci` installs into node_modules."""
    return [] if path.exists() else [str(path.relative_to(ROOT))]
