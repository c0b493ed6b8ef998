"""The latency observations page on a phone, in a real browser: short enough to scroll through, a filter by
provider and kind of figure that a shared address reopens, and every figure's anchor landing on its row, even one
in the closed list of older figures or one the filter had hidden."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import Watched, href, watch
from playwright.sync_api import Browser

from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TALLEST_PX = 15_000
"""The most a page may measure on a 390 px phone (DESIGN.md, issue 23)."""
SHOWN = "[data-provider]:not([hidden])"


@pytest.fixture(scope="module")
def real(root: Path) -> Dataset:
    return load_dataset(root / "data")


@pytest.fixture
def phone(browser: Browser, site_url: str) -> Iterator[Watched]:
    context = browser.new_context(viewport=PHONE)
    yield watch(context)
    context.close()


def _in_view(tab: Watched, obs_id: str) -> bool:
    return tab.page.evaluate("""(id) => {
      const box = document.getElementById(id).getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
    }""", obs_id)


def test_the_page_is_no_taller_than_15000_px_on_a_phone(phone: Watched, site_url: str) -> None:
    phone.page.goto(f"{site_url}latency-observations/", wait_until="networkidle")
    assert phone.page.evaluate("document.documentElement.scrollHeight") <= TALLEST_PX
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not phone.errors


def test_the_filter_narrows_by_provider_and_metric_and_a_shared_address_reopens_it(phone: Watched, site_url: str,
                                                                                   real: Dataset) -> None:
    page = phone.page
    page.goto(f"{site_url}latency-observations/", wait_until="networkidle")
    assert page.locator(SHOWN).count() == len(real.observations)
    page.fill("#ifg-figures-provider", "bedrock")
    page.select_option("#ifg-figures-metric", "ttft_s")
    wanted = {o.id for o in real.observations if "bedrock" in o.served_by.lower() and o.metric == "ttft_s"}
    assert wanted and set(page.eval_on_selector_all(SHOWN, "rows => rows.map(r => r.id)")) == wanted
    assert parse_qs(urlsplit(href(page)).query) == {"provider": ["bedrock"], "metric": ["ttft_s"]}
    assert f"{len(wanted)} of {len(real.observations)} figures match" in page.inner_text("[data-count]")
    groups = page.eval_on_selector_all("#ifg-figures-current tbody:not([hidden]) .ifg-group", "g => g.length")
    assert groups == len({o.model for o in real.current_observations if o.id in wanted})
    page.goto(href(page), wait_until="networkidle")
    assert page.input_value("#ifg-figures-provider") == "bedrock"
    assert page.input_value("#ifg-figures-metric") == "ttft_s"
    assert set(page.eval_on_selector_all(SHOWN, "rows => rows.map(r => r.id)")) == wanted
    page.fill("#ifg-figures-provider", "no such host")
    assert page.locator(SHOWN).count() == 0
    assert "No figure matches" in page.inner_text("[data-count]")
    assert not phone.errors


def test_the_count_reads_well_for_a_single_figure(phone: Watched, site_url: str, real: Dataset) -> None:
    """"1 of 40 figures matches", never "1 of 40 figures match"."""
    served = {}
    for obs in real.observations:
        served.setdefault((obs.served_by.lower(), obs.metric), []).append(obs)
    (host, metric), _ = next((key, found) for key, found in sorted(served.items()) if len(found) == 1
                             and sum(key[0] in other for other, _ in served) == 1)
    page = phone.page
    page.goto(f"{site_url}latency-observations/", wait_until="networkidle")
    page.fill("#ifg-figures-provider", host)
    page.select_option("#ifg-figures-metric", metric)
    assert page.locator(SHOWN).count() == 1
    assert page.inner_text("[data-count]").startswith(f"1 of {len(real.observations)} figures matches,")
    assert not phone.errors


def test_an_anchor_shows_its_row_in_the_closed_older_list_or_past_the_filter(phone: Watched, site_url: str,
                                                                             real: Dataset) -> None:
    page = phone.page
    older, current = real.past_observations[0].id, real.current_observations[0]
    page.goto(f"{site_url}latency-observations/#{older}", wait_until="networkidle")
    assert page.evaluate("document.getElementById('ifg-figures-history').open") and _in_view(phone, older)
    other = next(m for m in ("ttft_s", "output_tokens_per_s") if m != current.metric)
    page.goto(f"{site_url}latency-observations/?metric={other}#{current.id}", wait_until="networkidle")
    assert _in_view(phone, current.id) and page.input_value("#ifg-figures-metric") == ""
    page.evaluate("document.getElementById('ifg-figures-history').open = false")
    page.evaluate(f"location.hash = '#{older}'")
    page.wait_for_function(f"document.getElementById('{older}').getBoundingClientRect().height > 0")
    assert _in_view(phone, older)
    assert not phone.errors


def test_without_javascript_every_figure_shows_and_the_filter_is_hidden(browser: Browser, site_url: str,
                                                                        real: Dataset) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}latency-observations/?metric=ttft_s")
    assert not page.locator("[data-ifg-filter]").is_visible()
    assert page.locator("#ifg-figures-current [data-provider]:visible").count() == len(real.current_observations)
    page.click("#ifg-figures-history > summary")
    assert page.locator("#ifg-figures-history [data-provider]:visible").count() == len(real.past_observations)
    context.close()
