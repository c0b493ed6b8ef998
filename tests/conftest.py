"""Shared fixtures: the project root, the small fixture dataset, and one strict build of the real site per test session.

IFG_ENGINE=mkdocs|properdocs|zensical picks the engine that builds it (default mkdocs), so the build,
link, content and reproducibility tests run against any engine's output.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from macros import builder
from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

if TYPE_CHECKING:
    from browsing import Watched
    from playwright.sync_api import Browser, BrowserContext

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_BUILD_DATE = dt.date(2026, 11, 20)
"""The day the fixture dataset is built as of: its as-of date."""
ENGINE = os.environ.get("IFG_ENGINE") or "mkdocs"


@pytest.fixture(scope="session")
def root() -> Path:
    """The project folder."""
    return ROOT


@pytest.fixture(scope="session")
def fixture_data() -> Dataset:
    """tests/fixtures/data: two Acme models with a hostile-looking name, two scenarios, three figures (as of 2026-11-20),
    built as on that day, so that no fixture model retires as the calendar moves on."""
    return load_dataset(ROOT / "tests" / "fixtures" / "data", build_date=FIXTURE_BUILD_DATE)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site strictly into a temporary folder once; fail with the engine's own output."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = builder.build(ROOT, site, ENGINE)
    if result.returncode != 0:
        pytest.fail(f"the {ENGINE} build failed:\n{result.stdout}\n{result.stderr}")
    return site


BROWSER_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--disable-gpu"]
"""Debian's chromium as root, headless, with none of the background requests this machine's network refuses."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless chromium for the whole session: Playwright's sync API allows one session per thread."""
    from needs import CHROMIUM, chromium_missing, require
    from playwright.sync_api import sync_playwright

    require(chromium_missing(), "Install Debian's chromium (make browser), or set CHROMIUM to another Chromium binary.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1, served by a threaded http.server (tests/serve.py)."""
    from serve import serving

    with serving(built_site) as url:
        yield url


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context at laptop size."""
    made = browser.new_context(viewport={"width": 1280, "height": 900})
    yield made
    made.close()


@pytest.fixture
def tab(context: BrowserContext, site_url: str) -> Iterator[Watched]:
    """A page that fails the test if it requests another host or logs an error."""
    from browsing import watch

    watched = watch(context)
    yield watched
    foreign = [url for url in watched.requests if not url.startswith((site_url, "data:", "blob:"))]
    assert not foreign, f"requests to another host: {foreign}"
    assert not watched.errors, f"console errors: {watched.errors}"


@pytest.fixture(params=[390, 1366], ids=["phone", "laptop"])
def device(browser: Browser, request: pytest.FixtureRequest, site_url: str) -> Iterator[Watched]:
    """A page at a phone's and at a laptop's width (the test runs at each), allowed to write to and read the
    clipboard, that fails the test if it logs an error."""
    from browsing import watch

    context = browser.new_context(viewport={"width": request.param, "height": 844 if request.param < 800 else 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    watched = watch(context)
    yield watched
    assert not watched.errors, watched.errors
    context.close()
