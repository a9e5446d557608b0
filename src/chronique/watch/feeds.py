"""A feed's bytes to entries: RSS and Atom with feedparser, JSON Feed (jsonfeed.org) with the json module.

An entry carries the link (absolute), the title, the publication date the feed gives, and a ``stamp`` that
changes when the feed announces a new version of the article (updated date, title or summary).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser


class FeedError(ValueError):
    """The feed cannot be read at all (malformed XML or JSON with no entry, not a feed)."""


@dataclass(frozen=True)
class Entry:
    """One feed item: where the article is, and what the feed says about it."""

    url: str
    title: str | None
    published: dt.date | None
    stamp: str


@dataclass(frozen=True)
class Feed:
    """The entries read, the feed's title, and a problem met while reading it (entries kept), if any."""

    entries: list[Entry]
    title: str | None = None
    problem: str | None = None


def parse_feed(body: bytes, url: str) -> Feed:
    """Entries of an RSS, Atom or JSON Feed document; FeedError when nothing can be read."""
    if body.lstrip()[:1] == b"{":
        return parse_json_feed(body, url)
    parsed = feedparser.parse(body)
    problem = f"malformed feed: {parsed.get('bozo_exception')}" if parsed.get("bozo") else None
    entries = [e for e in (_entry(x, url) for x in parsed.entries) if e]
    if not entries and problem:
        raise FeedError(f"{problem}; no entry could be read")
    if not entries and not parsed.get("version"):
        raise FeedError("not an RSS, Atom or JSON feed")
    return Feed(entries, parsed.feed.get("title"), problem if problem and "encoding" not in problem else None)


def _entry(x, base: str) -> Entry | None:
    link = x.get("link") or next((lk.get("href") for lk in x.get("links", []) if lk.get("href")), None)
    if not link:
        return None
    field = dict.get  # FeedParserDict.get maps a missing 'updated' to 'published', with a warning
    when = field(x, "published_parsed") or field(x, "updated_parsed")
    published = dt.date(*when[:3]) if isinstance(when, time.struct_time) else None
    return Entry(urljoin(base, link), x.get("title"), published,
                 stamp(field(x, "updated"), field(x, "published"), x.get("title"), x.get("summary")))


def parse_json_feed(body: bytes, url: str) -> Feed:
    """JSON Feed 1.x: ``items`` with ``url``, ``title``, ``date_published``, ``date_modified``, ``summary``."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"malformed JSON feed: {exc}") from exc
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise FeedError("JSON document without a jsonfeed.org 'version': not a JSON Feed")
    entries = []
    for item in data.get("items") or []:
        if isinstance(item, dict) and isinstance(item.get("url"), str):
            entries.append(Entry(urljoin(url, item["url"]), item.get("title"), iso_date(item.get("date_published")),
                                 stamp(item.get("date_modified"), item.get("date_published"), item.get("title"),
                                       item.get("summary"), item.get("content_text"))))
    return Feed(entries, data.get("title") if isinstance(data.get("title"), str) else None)


def iso_date(value) -> dt.date | None:
    """The date of an RFC 3339 timestamp, or None."""
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def stamp(*parts) -> str:
    return hashlib.sha1("\x1f".join(str(p or "") for p in parts).encode()).hexdigest()[:16]
