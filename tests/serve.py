"""Serve a built site on 127.0.0.1 the way a static host does: gzip for text, long caching for assets.

Used by the browser tests and the audits, so that transfer sizes and Lighthouse scores reflect
a real deployment rather than an uncompressed development server.
"""

from __future__ import annotations

import gzip
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map")


class StaticHandler(SimpleHTTPRequestHandler):
    """Serves files with gzip when the client accepts it, and a 404 page like GitHub Pages."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def end_headers(self) -> None:
        if "/assets/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "public, max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not self.path.split("?", 1)[0].endswith("/"):
            return super().send_head()  # the base class redirects to the slash form
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            page = Path(self.directory) / "404.html"
            if not page.is_file():
                self.send_error(404)
                return None
            return self._send(page, 404)
        return self._send(path, 200)

    def _send(self, path: Path, status: int):  # type: ignore[no-untyped-def]
        body = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=9, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)


class TrickleHandler(StaticHandler):
    """Sends each page in two parts with a pause between, as a slow network does, so that the browser paints the
    first part before the rest arrives: the first part ends inside the page's first table from data/, after
    TRICKLE_ROWS of its rows, with a PAUSE comment, which a test waits for to know the whole first part is parsed.
    Pages go uncompressed, for the split to reach the browser as it is."""

    def _send(self, path: Path, status: int):  # type: ignore[no-untyped-def]
        if path.suffix != ".html":
            return super()._send(path, status)
        page = path.read_bytes()
        split = trickle_point(page)
        body = page[:split] + PAUSE + page[split:]
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        body = source.read()
        split = body.find(PAUSE) + len(PAUSE) if PAUSE in body else len(body)
        outputfile.write(body[:split])
        outputfile.flush()
        time.sleep(TRICKLE_PAUSE_S)
        outputfile.write(body[split:])


TRICKLE_ROWS = 3
TRICKLE_PAUSE_S = 0.4
PAUSE = b"<!--ifg-pause-->"
"""A comment takes no room on the page, but a script can find it in the document once the parser has reached it."""


def trickle_point(page: bytes) -> int:
    """Where TrickleHandler pauses: after the first few rows of the first table from data/, else at the end."""
    table = page.find(b'<table class="ifg-data')
    end = table
    for _ in range(TRICKLE_ROWS + 1):  # the heading row, then the first rows
        end = page.find(b"</tr>", end + 1) if end >= 0 else -1
    return end + len(b"</tr>") if table >= 0 and end >= 0 else len(page)


class QuietServer(ThreadingHTTPServer):
    """Browsers drop connections they no longer need when a page moves on: not an error worth a traceback."""

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serving(site: Path, handler: type[StaticHandler] = StaticHandler) -> Iterator[str]:
    """Serve `site` on a free port; yield its base URL."""
    server = QuietServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
