"""Polite HTTP: an identifying User-Agent, one request at a time with a per-host delay, bounded size and
redirects, and exponential back-off on 429/5xx (honouring Retry-After up to a ceiling).

Every failure becomes a ``FetchError`` whose reason a user can act on; nothing is retried without waiting.
"""
from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from chronique.version import __version__

# Who is asking; an operator adds a contact with --user-agent (e.g. "... +mailto:veille@example.org").
USER_AGENT = f"chronique/{__version__} (French political event extraction; feed follower)"


@dataclass(frozen=True)
class Politeness:
    """How gently chronique fetches; the defaults are what a feed reader is expected to do."""

    user_agent: str = USER_AGENT
    delay: float = 2.0          # seconds between two requests to the same host
    timeout: float = 20.0       # connect and read, per request
    max_bytes: int = 5_000_000  # largest page or feed read (the rest is not downloaded)
    max_redirects: int = 5
    retries: int = 3            # after a 429 or 5xx
    backoff: float = 5.0        # first wait after a 429/5xx without Retry-After, doubled each time
    max_wait: float = 300.0     # a longer Retry-After is not waited for in this pass: the URL is retried next pass

    def __post_init__(self) -> None:
        for name in ("timeout", "max_bytes"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)!r}")


class FetchError(Exception):
    """A URL could not be fetched; ``kind`` is its errors-table category (network, http, limit)."""

    def __init__(self, reason: str, kind: str = "network"):
        super().__init__(reason)
        self.kind = kind


@dataclass(frozen=True)
class Page:
    """A fetched response: final URL, status (200 or 304), headers and body."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""


@dataclass
class Fetcher:
    """One HTTP client for a pass; requests to a host are spaced by ``politeness.delay``."""

    politeness: Politeness = Politeness()
    stop: threading.Event = field(default_factory=threading.Event)
    last: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        p = self.politeness
        self.client = httpx.Client(follow_redirects=True, max_redirects=p.max_redirects, timeout=p.timeout,
                                   headers={"User-Agent": p.user_agent}, trust_env=False)

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Page:
        """GET with back-off on 429/5xx; a 304 is returned as such; any other 4xx/5xx raises FetchError."""
        p = self.politeness
        for attempt in range(p.retries + 1):
            page = self.once(url, headers or {})
            if page.status != 429 and page.status < 500:
                break
            wait = retry_after(page.headers.get("retry-after")) or p.backoff * 2 ** attempt
            if attempt == p.retries or wait > p.max_wait or self.stop.wait(wait):
                raise FetchError(f"HTTP {page.status} {phrase(page.status)}{waited(page, wait, p)}", "http")
        if page.status >= 400:
            raise FetchError(f"HTTP {page.status} {phrase(page.status)}", "http")
        return page

    def once(self, url: str, headers: dict[str, str]) -> Page:
        """One request (after the host's delay), the body read up to ``max_bytes``."""
        self.wait_turn(url)
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                body = b"" if r.status_code == 304 or r.status_code >= 400 else self.read(r)
                return Page(str(r.url), r.status_code, {k.lower(): v for k, v in r.headers.items()}, body)
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {self.politeness.max_redirects} redirects (a redirect loop?)", "http")
        except httpx.TimeoutException:
            raise FetchError(f"no answer within {self.politeness.timeout:g} s (timeout)", "network")
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch: {type(exc).__name__}: {exc}", "network")
        finally:
            self.last[host(url)] = time.monotonic()

    def read(self, r: httpx.Response) -> bytes:
        """The body, refused as soon as it (or its announced length) passes ``max_bytes``."""
        cap = self.politeness.max_bytes
        if int(r.headers.get("content-length") or 0) > cap:
            raise FetchError(f"page of {int(r.headers['content-length']):,} bytes, over the {cap:,}-byte limit", "limit")
        chunks, size = [], 0
        for chunk in r.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"page over the {cap:,}-byte limit (download stopped)", "limit")
            chunks.append(chunk)
        return b"".join(chunks)

    def wait_turn(self, url: str) -> None:
        """Sleep until the host's last request is ``delay`` seconds old (interruptible by ``stop``)."""
        due = self.last.get(host(url), float("-inf")) + self.politeness.delay
        if (pause := due - time.monotonic()) > 0:
            self.stop.wait(pause)


def host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def retry_after(value: str | None) -> float | None:
    """Seconds asked by a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    when = email.utils.parsedate_to_datetime(value) if email.utils.parsedate_tz(value) else None
    return max(0.0, when.timestamp() - time.time()) if when else None


def phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def waited(page: Page, wait: float, p: Politeness) -> str:
    """Why the fetcher gave up after a 429/5xx, for the error's reason."""
    if wait > p.max_wait:
        return f" (Retry-After {wait:g} s, over the {p.max_wait:g} s ceiling; retried next pass)"
    return f" after {p.retries + 1} attempts" if p.retries else ""
