"""The calculator with hostile strings in the provider files it fetches: a model's name and the publisher of each speed
figure land in the results, their speed lines and the totals bar at the foot of a phone's screen (issue 24). Each is
shown as written, as text, and nothing in it runs.

The strings reach the page only through calculator.js, which writes text nodes (textContent), never markup; the
files are rewritten on their way to the page, as a stranger's pull request would write data/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browsing import Watched
from hostile import PAYLOADS, visible
from playwright.sync_api import Route

from macros import waits
from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

pytestmark = pytest.mark.browser

# One payload per provider file, each for a model with a different kind of speed evidence.
HOSTILE = {
    "anthropic": PAYLOADS["html element"],  # Claude Haiku 4.5: a first-token time, no speed
    "amazon-bedrock": PAYLOADS["double quote breakout"],  # Amazon Nova Micro: both, from two measurements
    "google": PAYLOADS["script"],  # Gemini 3.5 Flash: a speed, no first-token time
    "openai": PAYLOADS["markdown link"],  # GPT-5.4 mini: a pair from one source
}
MODELS = ["claude-haiku-4-5", "nova-micro", "gemini-3.5-flash", "gpt-5.4-mini"]


@pytest.fixture(scope="module")
def dataset(root: Path) -> Dataset:
    return load_dataset(root / "data")


def _rewrite(route: Route) -> None:
    """The provider file with every model's name and every figure's publisher replaced by that provider's payload."""
    response = route.fetch()
    payload = HOSTILE.get(route.request.url.rsplit("/", 1)[-1].removesuffix(".json"))
    if payload is None:
        route.fulfill(response=response)
        return
    document = response.json()
    for model in document["models"]:
        model["name"] = payload
    for figures in document["evidence"].values():
        for figure in (figures["ttft"], figures["speed"]):
            if figure:
                figure["publisher"] = payload
    route.fulfill(response=response, body=json.dumps(document), content_type="application/json")


def test_hostile_names_and_publishers_are_shown_as_text_in_the_results_and_the_bar(
        tab: Watched, site_url: str, dataset: Dataset) -> None:
    timings = waits.timings(dataset)
    assert {m: (timings[m].evidence is not None, timings[m].speed is not None, timings[m].paired) for m in MODELS} == {
        "claude-haiku-4-5": (True, False, False), "nova-micro": (True, True, False),
        "gemini-3.5-flash": (False, True, False), "gpt-5.4-mini": (True, True, True)}
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.add_init_script("window.alert = window.confirm = window.prompt = () => { window.__pwned = true; };")
    page.route("**/data/prices/*.json", _rewrite)
    page.goto(f"{site_url}calculator/?models={','.join(MODELS)}")
    page.wait_for_selector("[data-results] tbody tr")
    page.wait_for_function("document.querySelector('[data-summary]').textContent.length > 0")
    rows = page.locator("[data-results] tbody tr")
    assert rows.count() == len(MODELS)
    names = sorted(rows.nth(i).locator("th a").inner_text() for i in range(rows.count()))
    assert names == sorted(visible(p) for p in HOSTILE.values())
    for i in range(rows.count()):
        line = rows.nth(i).locator("small.ifg-speed").inner_text()
        assert visible(HOSTILE[_provider(rows.nth(i).locator("th a").get_attribute("href") or "")]) in line, line
    bar = [th.strip() for th in page.locator("[data-bar] tbody th").all_inner_texts()]
    assert len(bar) == 3 and set(bar) <= set(names)
    injected = page.evaluate("""() => [...document.querySelectorAll('[data-ifg-calculator] *')].filter((el) =>
        ['IMG', 'SCRIPT', 'IFRAME'].includes(el.tagName) && !el.src || [...el.attributes].some((a) => a.name.startsWith('on'))
    ).map((el) => el.outerHTML)""")
    assert injected == []
    assert page.evaluate("window.__pwned") is None


def _provider(href: str) -> str:
    """The provider in a results row's link: .../providers/<provider>/#model-<id>."""
    return href.split("/providers/", 1)[1].split("/", 1)[0]
