"""Every link in data/ is a public https page, and CI's link checker never requests any other address.

The site sends readers to these links and a CI job requests them from inside GitHub's network, so a
pull request must not be able to point either at a machine inside a network (issue 21, item 4).
"""

from __future__ import annotations

import sys
import urllib.error
from pathlib import Path

import pytest
from test_validation import COMPANIONS, make_project, problems

sys.path.insert(0, str(Path(__file__).resolve().parent))
import external_links  # noqa: E402

REFUSED = {
    "https://169.254.169.254/latest/meta-data/": "must name a public host, not an IP address",
    "https://10.0.0.1/pricing": "must name a public host, not an IP address",
    "https://2852039166/": "must name a public host, not an IP address",
    "https://0xA9FEA9FE/": "must name a public host, not an IP address",
    "https://0xa9.0xfe.0xa9.0xfe/": "must name a public host, not an IP address",
    "https://0251.0376.0251.0376/": "must name a public host, not an IP address",
    "https://127.1/": "must name a public host, not an IP address",
    "https://[::1]/": "must name a public host, not an IP address",
    "https://[fd00::a9fe:a9fe]/pricing": "must name a public host, not an IP address",
    "https://localhost/": "must name a public host, not a local or internal one",
    "https://admin.localhost/": "must name a public host, not a local or internal one",
    "https://printer.local/": "must name a public host, not a local or internal one",
    "https://metadata.google.internal/": "must name a public host, not a local or internal one",
    "https://user@example.com/pricing": "must not hold a user name or password before the host",
    "https://example.com:secret@evil.example/": "must not hold a user name or password before the host",
    "https://example.com:8000/": "must use the default port: leave the port out",
    "https://127.0.0.1:8000/": "must use the default port: leave the port out",
    "https://example.com:99999/": "must use the default port: leave the port out",
    "https://example.com:0/": "must use the default port: leave the port out",
}
ACCEPTED = ["https://example.com/pricing", "https://example.com:443/pricing", "https://docs.example.co.uk/a@b?c=1#d",
            "https://x1.example/v1.2"]


def provider(link: str) -> str:
    """The companion provider with `link` as its pricing page (line 3) and its model's source (line 12)."""
    return COMPANIONS["data/providers/base.yaml"].replace("https://example.com/pricing", link)


@pytest.mark.parametrize(("link", "why"), REFUSED.items(), ids=list(REFUSED))
def test_a_link_to_a_private_address_is_refused_where_it_is_written(link: str, why: str, tmp_path: Path) -> None:
    data = make_project(tmp_path, {"data/providers/base.yaml": provider(link)})
    assert problems(data) == [f"data/providers/base.yaml:12: models[0].source: {why} (got {link})",
                              f"data/providers/base.yaml:3: pricing_page: {why} (got {link})"]


@pytest.mark.parametrize("link", ACCEPTED)
def test_a_public_https_link_passes(link: str, tmp_path: Path) -> None:
    assert problems(make_project(tmp_path, {"data/providers/base.yaml": provider(link)})) == []


@pytest.mark.parametrize(("name", "text", "line", "field"), [
    ("data/latency.yaml", COMPANIONS["data/latency.yaml"].replace("https://example.com/bench", "https://127.1/"),
     11, "observations[0].source"),
    ("data/network.yaml", COMPANIONS["data/network.yaml"].replace("https://example.com/tcp", "https://127.1/"),
     16, "connection.sources[0]"),
    ("data/targets.yaml", COMPANIONS["data/targets.yaml"].replace("https://example.com/limits", "https://127.1/"),
     6, "thresholds[0].source"),
])
def test_every_data_file_refuses_a_private_link(name: str, text: str, line: int, field: str, tmp_path: Path) -> None:
    assert problems(make_project(tmp_path, {name: text})) == [
        f"{name}:{line}: {field}: must name a public host, not an IP address (got https://127.1/)"]


def test_the_link_checker_never_requests_a_private_address(monkeypatch: pytest.MonkeyPatch) -> None:
    requested: list[str] = []
    monkeypatch.setattr(external_links._OPENER, "open", lambda request, timeout: requested.append(request.full_url))
    for link in [*REFUSED, "http://localhost:8000/", "http://192.168.1.1/"]:
        assert external_links.check(link) is not None, link
    assert requested == []


def test_the_link_checker_follows_no_redirect_to_a_private_address() -> None:
    handler = external_links._PublicRedirects()
    with pytest.raises(urllib.error.HTTPError, match="redirects to a refused address"):
        handler.redirect_request(None, None, 302, "Found", {}, "https://169.254.169.254/latest/meta-data/")
