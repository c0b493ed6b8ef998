"""Accessibility in a real browser: axe-core over every page in the light and the dark scheme, on a wide and a
narrow screen; glossary terms that show their definition on keyboard focus; the colour scheme toggle; and a
keyboard focus that is always in sight.

Uses the browser set-up of test_browser.py (Debian's chromium, skipped without it except under CI=true) and
axe-core from node_modules (npm ci; skipped without it except under CI=true). Nothing is turned off: a
violation is fixed in the theme overrides, the CSS or the templates.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import tab_to as _tab_to
from needs import node_package_missing, require
from playwright.sync_api import Browser, Page
from test_browser import _pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's data-md-color-scheme
SCREENS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _require_axe() -> None:
    require(node_package_missing(AXE), "Run `npm ci --ignore-scripts`.")


# --- helpers -----------------------------------------------------------------------------------------------


def _open(browser: Browser, scheme: str, screen: str = "wide") -> Page:
    context = browser.new_context(color_scheme=scheme, viewport=SCREENS[screen])  # type: ignore[arg-type]
    return context.new_page()


# --- axe on every page -------------------------------------------------------------------------------------

RUN_AXE = """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}}).then((result) =>
    result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary}))})))"""


# Both schemes on a wide screen; the narrow screen adds layout (scrolling tables, the drawer), not colours.
@pytest.mark.parametrize(("scheme", "screen"), [("light", "wide"), ("dark", "wide"), ("light", "phone")])
def test_axe_finds_no_violations_on_any_page(scheme: str, screen: str, browser: Browser, site_url: str,
                                             built_site: Path) -> None:
    _require_axe()
    page = _open(browser, scheme, screen)
    found = []
    for path in _pages(built_site):
        page.goto(site_url + path, wait_until="networkidle")
        shown = page.get_attribute("body", "data-md-color-scheme")
        assert shown == SCHEMES[scheme], f"/{path}: the {scheme} scheme did not apply (body has {shown})"
        page.add_script_tag(path=str(AXE))
        for v in page.evaluate(RUN_AXE, AXE_TAGS):
            nodes = "\n".join(f"      {n['target']}: {' '.join(n['summary'].split())}" for n in v["nodes"])
            found.append(f"/{path} [{scheme}, {screen}] {v['id']} ({v['impact']}): {v['help']}\n{nodes}")
    page.context.close()
    assert not found, f"{len(found)} axe violations:\n" + "\n".join(found)


# --- glossary terms by keyboard ----------------------------------------------------------------------------

TERMS = """() => [...document.querySelectorAll("article abbr[title]")]
    .filter((a) => !a.closest("a, button, label, h1, h2, h3, h4, h5, h6"))
    .map((a) => ({term: a.textContent.trim().toLowerCase(), title: a.title, focusable: a.tabIndex === 0}))"""

TOOLTIP = """(id) => { const t = document.getElementById(id); if (!t) return null;
    return {text: t.innerText.trim(), visible: t.checkVisibility(), top: t.getBoundingClientRect().top}; }"""


def _focus_first_term(page: Page) -> dict[str, str]:
    """Tab to the first glossary term; return its term and definition (read first: the tooltip takes the title)."""
    first = page.evaluate(TERMS)[0]
    assert first["focusable"], first
    _tab_to(page, "article abbr[tabindex='0']")  # also checks a visible focus ring of 2 px or more
    return first


def _shown_tooltip(page: Page) -> dict[str, object]:
    """The tooltip that describes the focused element."""
    tip_id = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert tip_id, "the focused term is not described by a tooltip"
    return {"id": tip_id, **page.evaluate(TOOLTIP, tip_id)}


def test_each_glossary_term_takes_the_focus_once_per_page(browser: Browser, site_url: str, built_site: Path) -> None:
    page = _open(browser, "light")
    problems = []
    for path in _pages(built_site):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        terms = page.evaluate(TERMS)
        focusable = [t["term"] for t in terms if t["focusable"]]
        if sorted(focusable) != sorted({t["term"] for t in terms}):
            problems.append(f"/{path}: focusable {focusable}, terms {sorted({t['term'] for t in terms})}")
    page.context.close()
    assert not problems, "each term used on a page must take the focus exactly once:\n" + "\n".join(problems)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_a_focused_glossary_term_shows_its_definition(scheme: str, browser: Browser, site_url: str) -> None:
    _require_axe()
    page = _open(browser, scheme)
    page.goto(site_url + "cost/")
    term = _focus_first_term(page)
    tip = _shown_tooltip(page)
    assert tip["text"] == term["title"] and tip["visible"], (term, tip)
    assert page.evaluate("document.activeElement.title") == "", "the browser's own tooltip would cover this one"
    below = page.evaluate("document.activeElement.getBoundingClientRect().bottom")
    assert tip["top"] >= below, "the definition covers the term"  # type: ignore[operator]
    page.add_script_tag(path=str(AXE))
    contrast = page.evaluate(f"""() => axe.run("#{tip['id']}", {{runOnly: ["color-contrast"]}})
        .then((r) => r.violations.flatMap((v) => v.nodes.map((n) => n.failureSummary)))""")
    assert not contrast, contrast

    # Escape hides the definition and keeps the focus; the next key brings it back.
    page.keyboard.press("Escape")
    assert not page.evaluate(TOOLTIP, tip["id"])["visible"]
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    assert page.evaluate("document.activeElement.title") == term["title"], "the title comes back when it hides"
    page.keyboard.press("Shift")
    assert page.evaluate(TOOLTIP, tip["id"])["visible"]

    page.context.close()


def test_a_hovered_glossary_term_shows_its_definition_until_the_pointer_leaves(browser: Browser, site_url: str) -> None:
    page = _open(browser, "light")
    page.goto(site_url + "latency/")
    terms = page.locator("article abbr")  # not [title]: the shown term lends its title to the tooltip
    titles = [terms.nth(i).get_attribute("title") for i in range(terms.count())]
    other = next(i for i, title in enumerate(titles) if title != titles[0])
    first, second = terms.nth(0), terms.nth(other)
    definitions = titles[0], titles[other]
    first.hover()
    tip = page.locator("#ifg-tip")
    assert tip.is_visible() and tip.inner_text() == definitions[0]
    box = tip.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # onto the tooltip: it stays
    assert tip.is_visible()
    second.hover()  # one tooltip at a time, and the first term gets its title back
    assert tip.inner_text() == definitions[1] and first.get_attribute("title") == definitions[0]
    page.locator("article h1").hover()
    assert tip.is_hidden() and second.get_attribute("title") == definitions[1]
    assert page.locator(".ifg-tip").count() == 1
    page.context.close()


# --- the colour scheme ------------------------------------------------------------------------------------
# Material's palette toggle, run by the script in overrides/partials/javascripts/palette.html: the options in
# mkdocs.yml are "follow the system", light and dark, and the one button shown switches to the next option.

SCHEME = """() => ({scheme: document.body.getAttribute("data-md-color-scheme"),
    button: [...document.querySelectorAll("[data-ifg-palette] label")].filter((l) => !l.hidden).map((l) => l.title),
    toolbar: document.querySelector("meta[name=theme-color]")?.content ?? null,
    controls: document.querySelector("meta[name=color-scheme]")?.content ?? null,
    header: getComputedStyle(document.querySelector("header")).backgroundColor})"""
# The button's title while each option is on: following the system, light, dark.
FOLLOW, LIGHT, DARK = "Switch to light mode", "Switch to dark mode", "Follow the system setting"


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_a_first_visit_has_the_systems_scheme_before_materials_script_runs(scheme: str, browser: Browser,
                                                                          site_url: str) -> None:
    """The scheme is set while the header is parsed, so a dark system gets a dark first paint. Material's
    script is blocked here: the page has its scheme without it."""
    page = _open(browser, scheme)
    page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    page.goto(site_url + "cost/")
    state = page.evaluate(SCHEME)
    assert (state["scheme"], state["button"]) == (SCHEMES[scheme], [FOLLOW])
    page.context.close()


def test_the_toggle_goes_through_every_scheme_and_each_page_remembers_the_choice(browser: Browser,
                                                                                 site_url: str) -> None:
    page = _open(browser, "light")
    page.goto(site_url + "cost/")
    for scheme, button in (("default", [LIGHT]), ("slate", [DARK]), ("default", [FOLLOW])):
        page.locator("[data-ifg-palette] label:not([hidden])").click()
        state = page.evaluate(SCHEME)
        assert (state["scheme"], state["button"]) == (scheme, button)
        assert state["toolbar"] == state["header"], "the browser's toolbar takes the header's colour"
        assert state["controls"] == ("dark" if scheme == "slate" else "light"), "the browser's own controls follow"
        page.goto(site_url + "latency/")  # the next page opens in the chosen scheme
        state = page.evaluate(SCHEME)
        assert (state["scheme"], state["button"]) == (scheme, button)
        page.go_back()

    # Following the system, the page changes with it; a chosen scheme stays.
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    state = page.evaluate(SCHEME)
    assert state["toolbar"] == state["header"] and state["controls"] == "dark"
    page.locator("[data-ifg-palette] label:not([hidden])").click()  # light
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")
    assert page.evaluate(SCHEME)["scheme"] == "default"
    page.context.close()


def test_the_toggle_works_from_the_keyboard(browser: Browser, site_url: str) -> None:
    page = _open(browser, "dark", "phone")
    page.goto(site_url + "cost/")
    for _ in range(50):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-ifg-palette] input')"):
            break
    else:
        raise AssertionError("Tab never reached the colour scheme toggle")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == FOLLOW
    for scheme, name in (("default", LIGHT), ("slate", DARK), ("slate", FOLLOW)):
        page.keyboard.press("Enter")  # as in Material: Enter switches, and the focus stays on the toggle
        assert page.evaluate(SCHEME)["scheme"] == scheme
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == name
    page.context.close()


def test_without_javascript_the_toggle_is_not_shown(browser: Browser, site_url: str) -> None:
    """Without a script the toggle could not switch anything: it is hidden and takes no tab stop."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "cost/")
    assert page.locator("[data-ifg-palette]").is_hidden()
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.matches('[data-ifg-palette] *')")
    context.close()


# --- the focus is always in sight --------------------------------------------------------------------------

# Where the focus is, once everything that moves has stopped (colour changes do not matter): in the viewport
# and not under anything else. A visually hidden radio button of Material's palette toggle shows its focus
# on the label that follows it.
FOCUS = """async () => {
    for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);  // let a transition start
    const moving = document.getAnimations().filter((a) => !/color|shadow/.test(a.transitionProperty || ""));
    await Promise.all(moving.map((a) => a.finished.catch(() => null)));
    const el = document.activeElement;
    if (!el || el === document.body) return {name: "body", body: true};
    const shown = el.matches("input.md-option") ? el.nextElementSibling : el;
    const r = shown.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    const inView = r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight;
    const name = `${el.tagName.toLowerCase()}.${String(el.className).split(" ")[0]} ${el.getAttribute("href") || el.id || ""} `
        + el.textContent.trim().slice(0, 40);
    return {name, body: false, ok: inView && hit !== null && (shown.contains(hit) || hit.contains(shown))};
}"""


# Pages with glossary terms, Markdown and data tables, the calculator's controls, the chart's points, and a short page
# (the 404) where the tab order reaches the footer at once. The narrow screen has the drawer; both have search and
# back-to-top.
@pytest.mark.parametrize(("path", "screen"), [("cost/", "phone"), ("faster-and-cheaper/", "phone"), ("calculator/", "phone"),
                                              ("cost-vs-speed/", "phone"),
                                              ("cost/", "wide"), ("404.html", "wide"), ("404.html", "phone")])
def test_every_tab_stop_is_in_sight(path: str, screen: str, browser: Browser, site_url: str) -> None:
    """Tab through the whole page: no stop may be off-screen, in a closed drawer or panel, or hidden from view."""
    page = _open(browser, "light", screen)
    page.goto(site_url + path, wait_until="networkidle")
    hidden, seen = [], []
    for _ in range(400):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus["body"]:
            continue
        if seen and focus["name"] == seen[0]:
            break  # round again
        seen.append(focus["name"])
        if not focus["ok"]:
            hidden.append(focus["name"])
    else:
        pytest.fail(f"the tab order of /{path} never came round again in 400 stops")
    page.context.close()
    assert len(seen) > 10, seen
    assert not hidden, f"/{path} ({screen}): the focus is out of sight at {hidden}"
