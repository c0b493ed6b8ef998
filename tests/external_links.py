"""Check every external link in the built site answers (run by a separate, non-blocking CI job).

    python tests/external_links.py [SITE_DIR]

Prints one line per broken link with the pages that use it; exits 1 when any is broken. Each
address is requested once, with a short timeout, so a slow host cannot stall the job.

The job runs on a CI machine, inside a network, with links a pull request can write: an address that
names an IP literal, a local or internal host, a user name or a port (macros.data.types.link_problem)
is reported broken and never requested, and neither is a redirect to one.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: make macros importable
from macros.data.types import link_problem  # noqa: E402

TIMEOUT_S = 15
HEADERS = {"User-Agent": "inference-field-guide-link-check/1.0"}


class Links(HTMLParser):
    """Collects the href of every external link."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith(("http://", "https://")):
            self.found.add(href.split("#", 1)[0])


class _PublicRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a public address; any other ends the check as an HTTP error."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        problem = link_problem(newurl)
        if problem:
            raise urllib.error.HTTPError(newurl, code, f"redirects to a refused address: {problem}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_PublicRedirects)


def check(url: str) -> str | None:
    """None when the address answers below 400; otherwise why not. A non-public address is never requested."""
    problem = link_problem(url)
    if problem:
        return f"not requested: {problem}"
    for method in ("HEAD", "GET"):  # some hosts refuse HEAD
        try:
            with _OPENER.open(urllib.request.Request(url, method=method, headers=HEADERS), timeout=TIMEOUT_S):
                return None
        except urllib.error.HTTPError as exc:
            if exc.msg.startswith("redirects to a refused address"):
                return exc.msg
            if method == "GET" or exc.code not in (403, 405, 501):
                return f"HTTP {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return str(getattr(exc, "reason", exc))
    return None


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    used_on: dict[str, set[str]] = defaultdict(set)
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.found:
            used_on[url].add(page.relative_to(site).as_posix())
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(used_on, pool.map(check, used_on), strict=True))
    broken = {url: why for url, why in results.items() if why}
    for url, why in sorted(broken.items()):
        print(f"{url}: {why} (on {', '.join(sorted(used_on[url]))})")
    print(f"{len(used_on)} external links checked, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
