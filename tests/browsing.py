"""Helpers for the browser tests: a page that records its requests and console errors, the keyboard, the address bar."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import BrowserContext, Page


@dataclass
class Watched:
    """A page with every request and every console error recorded."""

    page: Page
    requests: list[str]
    errors: list[str]


def watch(context: BrowserContext) -> Watched:
    """A new page in `context` that records what it requests and what it logs as an error."""
    page = context.new_page()
    watched = Watched(page, [], [])
    page.on("request", lambda request: watched.requests.append(request.url))
    page.on("console", lambda message: watched.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    return watched


def href(page: Page) -> str:
    """The address bar now: page.url follows history.replaceState only after a delay."""
    return page.evaluate("location.href")


NAME = "(el) => el.id || el.getAttribute('aria-label') || el.name || el.textContent.trim().slice(0, 40)"


def focused(page: Page) -> dict[str, str]:
    """The focused element's name, and how its focus outline is drawn."""
    return page.evaluate(f"""() => {{
        const el = document.activeElement, style = getComputedStyle(el);
        return {{ name: ({NAME})(el), outline: style.outlineStyle, width: style.outlineWidth }};
    }}""")


def tab_to(page: Page, selector: str, key: str = "Tab", limit: int = 250) -> None:
    """Press Tab (or Shift+Tab) until `selector` has the focus, and check that the focus is visible there."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            found = focused(page)
            assert found["outline"] != "none" and float(found["width"].removesuffix("px")) >= 2, found
            return
    raise AssertionError(f"{key} never reached {selector}")


def copy_from_keys(page: Page, control: str, which: str) -> str:
    """Press a copy control's button (`which`: md or tsv) from the keyboard; return what it put on the clipboard once
    it has said what it copied."""
    page.eval_on_selector(control, "el => el.querySelector('[data-copied]').textContent = ''")
    tab_to(page, f"{control} [data-copy-as={which}]")
    page.keyboard.press("Enter")
    page.wait_for_function("(s) => document.querySelector(s).querySelector('[data-copied]').textContent !== ''", arg=control)
    return page.evaluate("navigator.clipboard.readText()")


def table_cells(line: str) -> list[str]:
    """The cells of one line of a copied Markdown table."""
    assert line.startswith("| ") and line.endswith(" |"), line
    return line[2:-2].split(" | ")
