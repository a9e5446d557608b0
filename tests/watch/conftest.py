"""A real newsroom for the follower's tests: an HTTP server in a thread (no mock of the network layer) that
serves feeds, article pages, robots.txt and faults as each test sets them, and logs every request."""
from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import datetime as dt
from collections.abc import Callable

import pytest

from chronique.ingest.limits import Limits
from chronique.watch import WatchOptions
from chronique.watch.fetch import Politeness

from .dispatches import html

# Short timeouts and back-off so that the whole folder runs in seconds.
FAST = Politeness(delay=0.0, timeout=0.5, retries=1, backoff=0.01, max_wait=0.5)


def options(*sources: str, **kw) -> WatchOptions:
    kw.setdefault("every", 3600)
    return WatchOptions(tuple(sources), politeness=kw.pop("politeness", FAST), limits=Limits(), **kw)


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    stream: int = 0          # bytes sent without Content-Length, for the size cap
    etag: bool = False       # answer 304 to a matching If-None-Match
    fail_first: int = 0      # answer 503 to the first N requests


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        room: Newsroom = self.server.room
        path = urlsplit(self.path).path
        route = room.routes.get(path)
        room.hits.append((self.path, dict(self.headers), self.headers.get("Host")))
        if path in room.hooks:
            room.hooks[path]()
        if route is None:
            return self.answer(404, b"introuvable", "text/plain")
        if route.delay:
            time.sleep(route.delay)
        if route.fail_first and room.count(path) <= route.fail_first:
            return self.answer(503, b"indisponible", "text/plain")
        tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
        if route.etag and self.headers.get("If-None-Match") == tag:
            return self.answer(304, b"", None, {"ETag": tag})
        if route.stream:
            return self.stream(route)
        self.answer(route.status, route.body, route.content_type, {**route.headers, **({"ETag": tag} if route.etag else {})})

    def answer(self, status: int, body: bytes, ctype: str | None, headers: dict | None = None):
        self.send_response(status)
        for k, v in {**({"Content-Type": ctype} if ctype else {}), **(headers or {})}.items():
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def stream(self, route: Route):
        self.send_response(200)
        self.send_header("Content-Type", route.content_type)
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"remplissage " * 5000 + b"</p>\n"
        try:
            for _ in range(route.stream // len(chunk) + 1):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def log_message(self, *args):
        pass


class Newsroom:
    """The server, its routes and its request log; ``base`` on 127.0.0.1, ``alias`` the same server as localhost."""

    def __init__(self):
        self.routes: dict[str, Route] = {"/robots.txt": Route(b"User-agent: *\nDisallow: /prive/\n", content_type="text/plain")}
        self.hits: list[tuple[str, dict, str]] = []
        self.hooks: dict[str, Callable[[], None]] = {}  # called when a path is requested
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.room = self
        port = self.server.server_address[1]
        self.base, self.alias = f"http://127.0.0.1:{port}", f"http://localhost:{port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def count(self, path: str) -> int:
        return sum(1 for p, _, _ in self.hits if urlsplit(p).path == path)

    def article(self, path: str, article, **kw) -> str:
        self.routes[path] = Route(html(article).encode(), **kw)
        return self.base + path

    def rss(self, path: str, items: list[tuple[str, tuple, str]], title: str = "La Dépêche d'essai") -> str:
        """An RSS 2.0 feed of (url, article, description) items, served with an ETag."""
        xml = "".join(
            f"<item><title>{escape(a[0])}</title><link>{escape(url)}</link><description>{escape(desc)}</description>"
            f"<pubDate>{format_datetime(dt.datetime.fromisoformat(a[1] + 'T08:00:00+00:00'))}</pubDate></item>"
            for url, a, desc in items)
        body = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
                f"<link>{self.base}/</link><description>essai</description>{xml}</channel></rss>").encode()
        self.routes[path] = Route(body, content_type="application/rss+xml", etag=True)
        return self.base + path

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def newsroom():
    room = Newsroom()
    yield room
    room.close()
