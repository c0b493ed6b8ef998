"""Search in a real browser: the index stays off a first visit, and comes the moment a reader reaches for search."""

from __future__ import annotations

import pytest
from browsing import Watched

pytestmark = pytest.mark.browser

INDEX = "/search/search_index.json"


def _results(tab: Watched, query: str) -> list[str]:
    """The addresses of the results for `query`, typed into the search box, best first."""
    page = tab.page
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__meta:not(:empty)")
    page.wait_for_function("() => /matching/i.test(document.querySelector('.md-search-result__meta').textContent)")
    if page.inner_text(".md-search-result__meta").lower().startswith("no "):
        return []
    page.wait_for_selector(".md-search-result__item a")
    return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.pathname + a.hash)")


@pytest.mark.parametrize("screen", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}])
def test_the_index_loads_only_when_the_reader_opens_search(tab: Watched, site_url: str, screen: dict[str, int]) -> None:
    page = tab.page
    page.set_viewport_size(screen)
    page.goto(f"{site_url}training-vs-inference/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert not [url for url in tab.requests if url.endswith(INDEX)], "the search index loaded before anyone searched"
    page.keyboard.press("/")  # Material's shortcut: opens search and focuses the box, on phones too
    found = _results(tab, "batch")
    assert [url for url in tab.requests if url.endswith(INDEX)], "opening search did not fetch the index"
    assert found and any(url.startswith("/faster-and-cheaper/") for url in found), found
    assert not tab.errors


@pytest.mark.parametrize("key", ["s", "f"])
def test_materials_other_search_keys_open_search_before_its_script_has_arrived(tab: Watched, site_url: str,
                                                                                key: str) -> None:
    """The first key press is what loads Material's script (material-on-demand.js), so the key opens search itself
    and nothing typed next is lost; a letter typed into a field is left alone."""
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}training-vs-inference/", wait_until="networkidle")
    page.keyboard.press(key)
    assert page.evaluate("document.activeElement.matches('[data-md-component=search-query]')")
    found = _results(tab, "batch")
    assert found and any(url.startswith("/faster-and-cheaper/") for url in found), found
    page.goto(f"{site_url}calculator/", wait_until="networkidle")
    page.locator("[data-ifg-calculator] input:visible").first.focus()
    page.keyboard.press(key)
    assert not page.evaluate("document.getElementById('__search').checked"), "a key typed into a field opened search"


def test_the_search_button_on_a_phone_opens_search_before_materials_script_has_arrived(tab: Watched,
                                                                                      site_url: str) -> None:
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}training-vs-inference/", wait_until="networkidle")
    page.locator("label.md-header__button[for=__search]").click()
    assert page.evaluate("document.activeElement.matches('[data-md-component=search-query]')")
    found = _results(tab, "batch")
    assert found and any(url.startswith("/faster-and-cheaper/") for url in found), found


def test_a_page_opened_from_a_result_gets_the_index_at_once_to_highlight_the_words(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}faster-and-cheaper/?h=batch", wait_until="networkidle")
    assert [url for url in tab.requests if url.endswith(INDEX)]
    page.wait_for_selector("article mark")
    assert "batch" in page.inner_text("article mark").lower()


@pytest.mark.parametrize(("query", "owner"), [
    ("TTFT", "/latency/"),  # an abbreviation written in brackets on its page: "(TTFT)"
    ("time to first token", "/latency/"),
    ("prompt caching", "/faster-and-cheaper/"),
])
def test_abbreviations_and_phrases_put_the_page_that_owns_them_first(tab: Watched, site_url: str, query: str,
                                                                     owner: str) -> None:
    page = tab.page
    page.goto(f"{site_url}training-vs-inference/", wait_until="networkidle")
    page.keyboard.press("/")
    found = _results(tab, query)
    assert found, f"{query!r} found nothing"
    assert found[0].startswith(owner), f"{query!r}: first result {found[0]}, expected {owner}; all: {found[:5]}"
    assert not tab.errors




def _pages(found: list[str]) -> list[str]:
    """The pages among search results, best first, each once: a page's own link comes before its sections'."""
    return [url for url in found if "#" not in url]


def test_a_question_in_plain_words_finds_its_answer_before_pages_that_only_start_with_a(tab: Watched,
                                                                                        site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}training-vs-inference/", wait_until="networkidle")
    page.keyboard.press("/")
    pages = _pages(_results(tab, "how much does a chatbot cost"))
    assert pages and pages[0] in ("/faq/", "/cost/"), pages[:5]
    # "how", "does" and "a" are words the index leaves out; typed, they must not match Alibaba, Anthropic and Azure.
    assert not [url for url in pages[:5] if url.startswith("/providers/")], pages[:5]
    assert not tab.errors


def test_a_model_name_finds_the_page_of_the_provider_that_sells_it(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}training-vs-inference/", wait_until="networkidle")
    page.keyboard.press("/")
    pages = _pages(_results(tab, "Claude"))
    assert "/providers/anthropic/" in pages[:2], pages[:5]
    assert not tab.errors


def test_cheapest_model_finds_the_pricing_explorer_first(tab: Watched, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}training-vs-inference/", wait_until="networkidle")
    page.keyboard.press("/")
    found = _results(tab, "cheapest model")
    assert found[:2] == ["/pricing/", "/pricing/#find-a-model"], found[:5]
    assert not tab.errors
