"""The calculator into a design doc, in chromium at a phone's and a laptop's width (issue 24): its state copies as a
Markdown table and as spreadsheet rows, one row per model with the figures the results show, their assumptions and
waits, the prices' date and an address that reopens the same figures; each model's wait gives the first word and the
whole answer, each judged against the scenario's own targets and equal to the verdict tables'; and on paper the page
is the calculation and its address, nothing else."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

import pytest
from browsing import Watched, copy_from_keys, table_cells
from playwright.sync_api import Page

from macros import formatting as fmt
from macros import waits
from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

pytestmark = pytest.mark.browser

# Two models with a pair of speed figures from one source and one (Claude Haiku 4.5) with a first-token time only.
MODELS = "gpt-5.4-mini,claude-haiku-4-5,deepseek-v4-flash:off"
COPY = "[data-ifg-calculator] [data-ifg-copy]"


@pytest.fixture(scope="module")
def dataset(root: Path) -> Dataset:
    return load_dataset(root / "data")


def _open(page: Page, url: str) -> Page:
    page.goto(url)
    page.wait_for_selector("[data-results] tbody tr")
    page.wait_for_function("document.querySelector('[data-link]').value !== ''")
    return page


def _results(page: Page) -> list[list[str]]:
    """Each results row: the model's name, then its three figures, in the order shown."""
    return [[row.locator("th a, th").first.inner_text().split("\n")[0].strip(),
             *(cell.strip() for cell in row.locator("td").all_inner_texts())]
            for row in page.locator("[data-results] tbody tr").all()]


def test_the_calculation_copies_with_its_assumptions_date_and_an_address_that_reopens_it(
        device: Watched, site_url: str, dataset: Dataset) -> None:
    page = _open(device.page, f"{site_url}calculator/?models={MODELS}&scenario=summarise-document&users=2500&tier=batch")
    results = _results(page)
    control = page.locator(COPY)
    control.scroll_into_view_if_needed()
    assert control.is_visible()
    # Right under the results table.
    assert page.evaluate("(s) => document.querySelector(s).previousElementSibling.querySelector('[data-results]') !== null",
                         COPY)
    text = copy_from_keys(page, COPY, "md")
    assert page.inner_text(f"{COPY} [data-copied]") == "Copied 3 rows as a Markdown table, with the address that shows them."
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(table) == 2 + len(results) and len({len(table_cells(line)) for line in table}) == 1
    heads = table_cells(table[0])
    assert heads[:5] == ["Model", "Provider", "Per interaction (USD)", "Per month (USD)", "Per user a month (USD)"]
    assert {"Thinking", "Caching", "Tier", "First word (s)", "Whole answer (s)", "Speed source"} <= set(heads)
    for shown, line in zip(results, table[2:], strict=True):
        cells = table_cells(line)
        assert [html.unescape(cells[0]), *cells[2:5]] == shown  # the same figures, in the same order
        assert cells[heads.index("Tier")] == "batch tier" or "no batch tier" in cells[heads.index("Tier")]
    haiku = table_cells(next(line for line in table if line.startswith("| Claude Haiku 4.5 ")))
    assert haiku[heads.index("Whole answer (s)")] == "unknown" and "no output speed" in haiku[heads.index("Against the targets")]
    assert "thinking off" in table_cells(next(line for line in table if line.startswith("| DeepSeek")))[heads.index("Thinking")]
    assert f"as of {dataset.as_of.isoformat()}" in text and "Summarise a long document" in text
    link = page.input_value("[data-link]")
    assert text.splitlines()[-1] == f"Reproduce: {link}"
    assert "models=gpt-5.4-mini,claude-haiku-4-5,deepseek-v4-flash:off" in link and "users=2500" in link

    rows = [line.split("\t") for line in copy_from_keys(page, COPY, "tsv").splitlines()]
    assert page.inner_text(f"{COPY} [data-copied]") == "Copied 3 rows as tab-separated rows for a spreadsheet."
    assert len(rows) == 1 + len(results) and len({len(row) for row in rows}) == 1
    assert [row[0] for row in rows[1:]] == [shown[0] for shown in results]
    for row, shown in zip(rows[1:], results, strict=True):  # numbers a spreadsheet reads, equal to the figures shown
        assert [Decimal(cell) for cell in row[2:5]] == [Decimal(re.sub(r"[^\d.]", "", s) or "0") for s in shown[1:]]

    again = device.page.context.new_page()
    _open(again, link)
    assert _results(again) == results
    assert again.locator("small.ifg-speed").all_inner_texts() == page.locator("small.ifg-speed").all_inner_texts()
    again.close()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def _verdict_table(page: Page, where: str) -> dict[str, tuple[str, str]]:
    """A verdict table on the latency page (opened, if it sits in a closed disclosure): each model's first word with
    streaming and whole answer, in seconds."""
    page.evaluate("(s) => { for (let d = document.querySelector(s); d; d = d.parentElement.closest('details')) d.open = true; }",
                  where)
    table = page.locator(f"{where} table").first
    return {row.locator("th a, th").first.inner_text().split("\n")[0].strip():
            (row.locator("td").nth(0).inner_text().strip(), row.locator("td").nth(1).inner_text().strip())
            for row in table.locator("tbody tr").all()}


def _line(page: Page, name: str) -> str:
    row = page.locator("[data-results] tbody tr", has=page.get_by_role("link", name=name, exact=True))
    return row.locator("small.ifg-speed").inner_text()


def test_each_models_whole_answer_is_the_verdict_tables(device: Watched, site_url: str, dataset: Dataset) -> None:
    """The chat reply on slow 4G, as the latency page's verdict table has it: the first word with streaming, and the
    whole answer without (the table's column); with streaming, the whole answer leaves out the download."""
    page = device.page
    page.goto(f"{site_url}latency/")
    table = _verdict_table(page, "[aria-label='Wait and verdict for Chat reply on Lighthouse slow 4G']")
    scenario, profile = dataset.scenario("chat-reply"), dataset.network_profile("slow-4g")
    rows = [r for r in waits.verdict_rows(dataset, scenario, profile) if r.evidence.listing is not None][:6]
    assert len(rows) >= 3
    models = ",".join(r.evidence.ttft.model for r in rows)
    _open(page, f"{site_url}calculator/?models={models}&scenario=chat-reply&network=slow-4g&streaming=off")
    for row in rows:
        first, whole = table[row.evidence.name]
        assert f"first word and whole answer together after {whole} s (" in _line(page, row.evidence.name)
    _open(page, f"{site_url}calculator/?models={models}&scenario=chat-reply&network=slow-4g&streaming=on")
    for row in rows:
        first, whole = table[row.evidence.name]
        judged = row.streaming
        assert (f"first word after {first} s ({'meets' if judged.meets_first else 'misses'} 1 s) and whole answer after "
                f"{fmt.seconds(row.wait.full_answer)} s ({'meets' if judged.meets_full else 'misses'} 10 s) streaming "
                f"on {profile.name}") in _line(page, row.evidence.name)


def test_a_document_summary_is_judged_against_its_own_whole_answer_target(device: Watched, site_url: str,
                                                                        dataset: Dataset) -> None:
    """The latency page's table for the summary, on the same network: the same seconds, and the whole answer judged
    against the summary's 10 s target, not only a first word that a chat reply's would equal."""
    scenario, profile = dataset.scenario("summarise-document"), dataset.network_profile("slow-4g")
    goal = waits.targets_for(dataset, scenario)
    assert goal.full_answer and goal.full_answer.seconds == 10
    page = device.page
    page.goto(f"{site_url}latency/")
    table = _verdict_table(page, "#verdicts-summarise-document")
    rows = [r for r in waits.verdict_rows(dataset, scenario, profile) if r.evidence.listing is not None][:4]
    models = ",".join(r.evidence.ttft.model for r in rows)
    _open(page, f"{site_url}calculator/?models={models}&scenario=summarise-document&network=slow-4g&streaming=off")
    assert page.input_value("#ifg-calc-use-case") == "document"
    for row in rows:
        first, whole = table[row.evidence.name]
        judged = row.not_streaming
        assert (f"first word and whole answer together after {whole} s ({'meets' if judged.meets_first else 'misses'} 1 s; "
                f"{'meets' if judged.meets_full else 'misses'} 10 s)") in _line(page, row.evidence.name)
    _open(page, f"{site_url}calculator/?models={models}&scenario=summarise-document&network=slow-4g")
    for row in rows:
        first, _ = table[row.evidence.name]
        line = _line(page, row.evidence.name)
        whole = fmt.seconds(row.wait.full_answer)
        assert f"first word after {first} s" in line, line
        assert f"whole answer after {whole} s ({'meets' if row.streaming.meets_full else 'misses'} 10 s)" in line, line
        chat = waits.verdict_row(dataset, row.evidence, dataset.scenario("chat-reply"), profile)
        assert row.wait.full_answer > chat.wait.full_answer  # 600 output tokens take longer than a chat reply's 300


def test_on_paper_the_calculator_is_its_calculation_and_the_address_that_reproduces_it(
        device: Watched, site_url: str) -> None:
    page = _open(device.page, f"{site_url}calculator/?models={MODELS}&users=5000")
    link = page.input_value("[data-link]")
    page.emulate_media(media="print")
    summary = page.inner_text("[data-print-summary]")
    assert f"Reproduce at\n{link}" in summary or f"Reproduce at\t{link}" in summary, summary
    assert page.locator("[data-results]").is_visible() and page.locator("h1").is_visible()
    for gone in ("#how-the-calculator-counts", "#links-remember-the-prices-date",
                 "#the-starting-calculation-without-javascript", "#related-pages"):
        assert page.locator(gone).is_hidden(), f"{gone} is printed"
    assert page.locator("article .ifg-table").count() == 2  # the results, and the table for readers without scripts
    assert page.locator("article .ifg-table").nth(1).is_hidden()
    assert page.locator(COPY).is_hidden() and page.locator("[data-ifg-calculator] form").is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.emulate_media(media="screen")
    assert page.locator("#how-the-calculator-counts").is_visible()
