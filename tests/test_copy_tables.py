"""Copying a cost, scale or verdict table into a design doc, in chromium at a phone's and a laptop's width: the
Markdown holds every row of the table with its figures, assumptions and date, and the address that shows the table
again; the spreadsheet rows have one model each; both work from the keyboard and say what they copied."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from browsing import Watched, copy_from_keys, table_cells
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

# A page, and which of its copy controls: the first after a cost table, a scale table and a verdict table, the one
# after the priority tier's costs, and the one after the self-hosted cost by busy share.
TABLES = [("cost-per-interaction/", 0, "Each (USD)"), ("cost/", 0, "a month (USD)"), ("latency/", 0, "Whole answer (s)"),
          ("capacity/", 2, "Priority (USD)"), ("self-hosting/", 1, "Per request (USD)")]


@pytest.mark.parametrize(("path", "index", "column"), TABLES)
def test_a_table_copies_as_markdown_and_as_spreadsheet_rows(device: Watched, site_url: str, path: str, index: int,
                                                            column: str) -> None:
    page = device.page
    page.goto(f"{site_url}{path}", wait_until="networkidle")
    control = f"[data-ifg-copy]:not([data-managed]) >> nth={index}"
    handle = page.locator(control)
    handle.scroll_into_view_if_needed()
    assert handle.is_visible()
    page.evaluate("(el) => el.id = 'copy-under-test'", handle.element_handle())
    control = "#copy-under-test"
    shown = page.evaluate("""(el) => { // the rows of the table just before the control, and the heading above it
        let table = el.previousElementSibling;
        while (!table.querySelector('table')) table = table.previousElementSibling;
        const headings = [...document.querySelectorAll('article h2[id], article h3[id]')]
            .filter((h) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        return { rows: [...table.querySelectorAll('tbody tr')].map((tr) => tr.querySelector('th').innerText.split('\\n')[0]),
                 heading: headings[headings.length - 1].id };
    }""", page.query_selector(control))
    text = copy_from_keys(page, control, "md")
    said = page.eval_on_selector(control, "el => el.querySelector('[data-copied]').textContent")
    assert said == f"Copied {len(shown['rows'])} rows as a Markdown table, with the address that shows them."
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(table) == 2 + len(shown["rows"]) and len({len(table_cells(line)) for line in table}) == 1
    assert any(column in cell for cell in table_cells(table[0]))
    for name, line in zip(shown["rows"], table[2:], strict=True):
        assert name.startswith(table_cells(line)[0].replace("&#40;", "(").replace("&#41;", ")")), (name, line)
    assert text.splitlines()[-1] == f"Reproduce: {site_url}{path}#{shown['heading']}"
    assert re.search(r"as of \d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d{2}", text)
    rows = [line.split("\t") for line in copy_from_keys(page, control, "tsv").splitlines()]
    assert len(rows) == 1 + len(shown["rows"]) and len({len(row) for row in rows}) == 1
    numbers = [i for i, head in enumerate(rows[0]) if "(USD)" in head or "(s)" in head]
    assert numbers and all(Decimal(row[i]) >= 0 for row in rows[1:] for i in numbers if row[i])
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_without_javascript_no_copy_control_shows(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}cost-per-interaction/")
    controls = page.locator("[data-ifg-copy]")
    assert controls.count() > 0 and not any(controls.nth(i).is_visible() for i in range(controls.count()))
    context.close()
