"""Lighthouse in the test suite: the mobile preset on the pages that do the most as they load.

`make audit` runs Lighthouse on every page under the mobile and the desktop preset, three times each (about
half an hour; CI's audit job). This test holds a sample to the same gate on every `make test`: performance
95, accessibility, best practices and SEO 100, the page budget, and no request to another host. As in
`make audit`, each page runs three times and the run with the median performance score counts.

Skipped without Lighthouse (npm ci) or chromium, except under CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from audit import LIGHTHOUSE, Result, lighthouse, median_run, page_budget, print_table, problems, summarise
from serve import serving

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
UNDER_CI = os.environ.get("CI", "").lower() in {"true", "1"}
RUNS = 3
# The home page; the longest table; the calculator, the most script; the glossary, the most terms and headings.
SAMPLE = ("", "pricing/", "calculator/", "glossary/")


def _require_lighthouse() -> None:
    missing = [what for what, found in (("Lighthouse (npm ci --ignore-scripts)", LIGHTHOUSE.exists()),
                                       (f"chromium at {CHROMIUM}", Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)))
               if not found]
    if not missing:
        return
    message = f"{' and '.join(missing)} not found, so Lighthouse cannot run."
    if UNDER_CI:
        pytest.fail(message + " Under CI that is an error, not a skip.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def results(built_site: Path) -> list[Result]:
    _require_lighthouse()
    with serving(built_site) as base:
        host = urlsplit(base).netloc
        return [
            median_run([summarise(page, "mobile", lighthouse(base + page, "mobile"), host) for _ in range(RUNS)])
            for page in SAMPLE
        ]


def test_sampled_pages_pass_the_audit_on_a_phone(results: list[Result]) -> None:
    budget = page_budget()
    print_table("mobile", results, budget)  # shown with -s, and in the failure report
    found = problems(results, budget)
    assert not found, "\n".join(found)
