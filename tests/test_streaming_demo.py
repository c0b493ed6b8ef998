"""The streaming demo in chromium: its waits and verdicts against macros.waits, its presets, the network's round
trips, the keyboard, a phone screen with both panes in view, and reduced motion shown as still text."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from browsing import Watched, tab_to, watch
from playwright.sync_api import Browser, Page

from macros import formatting as fmt
from macros import waits
from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def dataset(root: Path) -> Dataset:
    return load_dataset(root / "data")


def expected(dataset: Dataset, network: str = "slow-4g", model: str = "gpt-5.4-mini",
             new_connection: bool = False) -> waits.VerdictRow:
    item = next(e for e in waits.headline_evidence(dataset) if e.ttft.model == model)
    return waits.verdict_row(dataset, item, dataset.scenario("chat-reply"), dataset.network_profile(network), new_connection)


def times(page: Page) -> tuple[str, str, str]:
    """The first words, the whole answer streamed, and the whole answer without streaming, as the page says them."""
    text = page.inner_text("[data-times]")
    found = re.findall(r"(\d[\d,]*(?:\.\d+)?) s\b", text)
    assert len(found) == 4, text  # the three waits, then the network's share
    return found[0], found[1], found[2]


def open_demo(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}streaming-demo/")
    page.wait_for_selector("[data-ifg-streaming] [data-times]:not(:empty)")


def test_the_waits_and_verdicts_are_macros_waits(tab: Watched, site_url: str, dataset: Dataset) -> None:
    page = tab.page
    open_demo(page, site_url)
    row = expected(dataset)
    assert times(page) == (fmt.seconds(row.wait.first_word), fmt.seconds(row.wait.full_answer),
                           fmt.seconds(row.wait.not_streaming))
    verdicts = page.inner_text("[data-verdicts]")
    meets = "meets" if row.streaming.meets_first else "misses"
    assert verdicts.startswith(f"With streaming: {row.streaming.words}, first word {meets} 1 s.")
    assert f"Without streaming: {row.not_streaming.words}," in verdicts
    assert not tab.errors


def test_the_presets_are_current_figures_only(tab: Watched, site_url: str, dataset: Dataset) -> None:
    page = tab.page
    open_demo(page, site_url)
    offered = page.eval_on_selector_all("#ifg-stream-preset option", "os => os.map(o => o.value)")
    assert offered == [e.ttft.model for e in waits.headline_evidence(dataset) if e.speed] + ["custom"]
    page.select_option("#ifg-stream-preset", "gpt-5.5")
    gpt = next(e for e in waits.headline_evidence(dataset) if e.ttft.model == "gpt-5.5")
    assert gpt.speed is not None
    assert page.input_value("#ifg-stream-ttft") == fmt.plain(gpt.ttft.value)
    assert page.input_value("#ifg-stream-speed") == fmt.plain(gpt.speed.value)


def test_a_slower_network_and_a_new_connection_delay_the_first_words(tab: Watched, site_url: str, dataset: Dataset) -> None:
    page = tab.page
    open_demo(page, site_url)
    found = {}
    for profile in ("regular-3g", "desktop-dense-4g", "slow-4g"):  # each one a change from the one before
        before = page.inner_text("[data-times]")
        page.check(f"#ifg-stream-net-{profile}")
        page.wait_for_function("(t) => document.querySelector('[data-times]').textContent !== t", arg=before)
        row = expected(dataset, profile)
        assert times(page)[0] == fmt.seconds(row.wait.first_word)
        found[profile] = Decimal(times(page)[0])
    assert found["desktop-dense-4g"] < found["slow-4g"] < found["regular-3g"]
    before = page.inner_text("[data-times]")
    page.check("#ifg-stream-new")
    page.wait_for_function("(t) => document.querySelector('[data-times]').textContent !== t", arg=before)
    assert times(page)[0] == fmt.seconds(expected(dataset, new_connection=True).wait.first_word)


def test_it_works_from_the_keyboard(tab: Watched, site_url: str) -> None:
    page = tab.page
    open_demo(page, site_url)
    tab_to(page, "#ifg-stream-preset")
    tab_to(page, "#ifg-stream-ttft")
    page.keyboard.press("Control+a")
    page.keyboard.type("0.2")
    assert page.input_value("#ifg-stream-preset") == "custom"
    tab_to(page, "#ifg-stream-speed")
    page.keyboard.press("Control+a")
    page.keyboard.type("5000")
    tab_to(page, "[name=network]:checked")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#ifg-stream-net-regular-3g")
    tab_to(page, "#ifg-stream-new")
    page.keyboard.press("Space")
    assert page.is_checked("#ifg-stream-new")
    tab_to(page, "[data-play]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-ifg-streaming][data-state=done]", timeout=10_000)


def _in_view(page: Page, selector: str) -> bool:
    return page.evaluate("""(s) => { const r = document.querySelector(s).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }""", selector)


def test_on_a_phone_both_panes_are_in_view_while_it_plays(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    watched = watch(context)
    page = watched.page
    open_demo(page, site_url)
    page.fill("#ifg-stream-speed", "60")  # slow enough to catch it mid-stream
    page.click("[data-play]")
    page.wait_for_function("() => document.querySelector('[data-pane=on]').dataset.state === 'reading'")
    assert _in_view(page, '[data-pane="on"]') and _in_view(page, '[data-pane="off"]')
    assert page.inner_text('[data-pane="off"] [data-text]') == ""  # the moment: one pane reading, the other blank
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert not watched.errors
    context.close()


def test_reduced_motion_shows_each_reader_s_experience_as_still_text(browser: Browser, site_url: str,
                                                                      dataset: Dataset) -> None:
    context = browser.new_context(reduced_motion="reduce", viewport=PHONE)
    watched = watch(context)
    page = watched.page
    open_demo(page, site_url)
    assert page.get_attribute("[data-ifg-streaming]", "data-state") == "done"
    row = expected(dataset)
    on, off = (page.inner_text(f'[data-pane="{p}"] [data-text]') for p in ("on", "off"))
    assert on != off, "two identical walls of text"
    first, whole = fmt.seconds(row.wait.first_word), fmt.seconds(row.wait.not_streaming)
    assert on.startswith(f"{first} s: “Thanks for getting in touch.") and "the rest follows as it is written" in on
    assert off.startswith(f"0 to {whole} s: an empty box and a progress indicator.") and "the whole answer at once" in off
    assert page.inner_text('[data-pane="off"] [data-clock]') == f"Nothing to read until {whole} s"
    page.click("[data-play]")
    assert "reduced motion" in page.inner_text("[data-motion]")
    assert page.get_attribute("[data-ifg-streaming]", "data-state") == "done"
    assert not watched.errors
    context.close()


def test_the_animation_plays_to_the_end(tab: Watched, site_url: str) -> None:
    page = tab.page
    open_demo(page, site_url)
    page.fill("#ifg-stream-ttft", "0.3")
    page.fill("#ifg-stream-speed", "400")
    page.click("[data-play]")
    page.wait_for_selector("[data-ifg-streaming][data-state=playing]")
    page.wait_for_function(
        "() => document.querySelector('[data-pane=on] [data-text]').textContent.length > 0 &&"
        " document.querySelector('[data-pane=off] [data-text]').textContent === ''")
    page.wait_for_selector("[data-ifg-streaming][data-state=done]", timeout=10_000)
    assert page.inner_text("[data-pane=off] [data-text]") == page.inner_text("[data-pane=on] [data-text]")
