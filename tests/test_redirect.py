"""A moved page's redirect_to cannot run a script or send readers off to a private address (issue 21, item 8).

A page with `template: redirect.html` writes `redirect_to` into `location.replace(...)`. Only a path inside
the site or a public https address is accepted, by the build with the page's path and line, and by the
template itself when an engine runs it directly; and the value is escaped for the script and for HTML.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from conftest import ENGINE
from mkdocs.theme import Theme

from macros import builder

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = 'javascript:alert(1)//");alert(2);//'
REFUSED = [HOSTILE, "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/",
           "/pricing/", "\\\\evil.example/", "../../etc/", "pricing/../../x/", "https://169.254.169.254/latest/",
           'https://example.com/");alert(1)//', "new page/", ""]
ACCEPTED = ["pricing/", "providers/openai/#model-gpt-5", "cost.md", "#top", "https://example.com/moved/"]


@pytest.mark.parametrize("target", REFUSED)
def test_a_redirect_to_anything_but_a_site_path_or_https_address_is_refused(target: str) -> None:
    assert builder.redirect_problem(target)


@pytest.mark.parametrize("target", ACCEPTED)
def test_a_redirect_to_a_site_path_or_https_address_is_accepted(target: str) -> None:
    assert builder.redirect_problem(target) is None


def moved_page(redirect_to: str) -> str:
    return f"---\ntemplate: redirect.html\nredirect_to: {json.dumps(redirect_to)}\n---\n\n# Moved\n"


def test_a_hostile_redirect_stops_the_build_with_its_page_and_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("docs", "macros", "data", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs" / "old-page.md").write_text(moved_page(HOSTILE), encoding="utf-8")
    site = tmp_path / "site"
    result = builder.build(project, site, ENGINE)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "1 problem in docs/, so no site was written:",
        f"docs/old-page.md:3: redirect_to: must be a path inside the site, such as new-page/, or an https:// address "
        f"(got {HOSTILE})"]
    assert not site.exists()


def render(redirect_to: str) -> str:
    """overrides/redirect.html as MkDocs renders it: Material's environment with MkDocs' own filters, no autoescape."""
    env = Theme(name="material", custom_dir=str(ROOT / "overrides")).get_env()
    page = SimpleNamespace(url="old-page/", title='Old "page"', meta={"template": "redirect.html", "redirect_to": redirect_to})
    config = {"site_url": "https://guide.example/", "site_name": "Guide", "theme": {"language": "en"}}
    return env.get_template("redirect.html").render(page=page, config=config, base_url="..")


def test_the_template_itself_refuses_a_script_address() -> None:
    """For an engine run without `python -m macros build`: the build stops on a name that says what is wrong."""
    with pytest.raises(jinja2.UndefinedError, match="redirect_to_must_be_a_site_relative_path_or_an_https_address"):
        render(HOSTILE)


def test_the_redirect_is_one_script_string_and_escaped_html() -> None:
    """Even a quote and </script> in an address the template lets through stay inside one JavaScript string."""
    target = 'https://example.com/a"b</script><script>alert(1)//'
    html = render(target)
    script = re.search(r"<script>location\.replace\((.*)\+ location\.hash\)</script>", html)
    assert script, html
    assert json.loads(script.group(1)) == target
    assert html.count("<script") == 1 and html.count("</script>") == 1
    assert 'content="0; url=https://example.com/a&#34;b&lt;/script&gt;' in html
    assert "<title>Moved: Old &#34;page&#34; - Guide</title>" in html


def test_a_site_path_redirect_points_inside_the_site() -> None:
    html = render("pricing/#model-x")
    assert 'location.replace("../pricing/#model-x" + location.hash)' in html
    assert '<link rel="canonical" href="https://guide.example/pricing/#model-x">' in html
