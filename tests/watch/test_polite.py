"""The polite fetcher and the article's identity, against the local server: back-off honouring Retry-After,
the per-host delay, canonical URLs and ids, feeds in every format, durations on the command line."""
from __future__ import annotations

import argparse
import json
import time

import pytest

from chronique.cli.watch import duration, pause
from chronique.watch.canonical import canonical, doc_id
from chronique.watch.feeds import FeedError, parse_feed
from chronique.watch.fetch import Fetcher, FetchError, Politeness, retry_after

from .conftest import Route
from .dispatches import MACRON


def test_a_429_with_a_short_retry_after_is_waited_for_then_fetched(newsroom):
    newsroom.routes["/p.html"] = Route(b"<p>ok</p>", fail_first=1, headers={"Retry-After": "1"})
    newsroom.routes["/q.html"] = Route(b"<p>ok</p>", status=429, headers={"Retry-After": "0"})
    fetcher = Fetcher(Politeness(delay=0, timeout=2, retries=2, backoff=0.3, max_wait=5))
    t0 = time.monotonic()
    assert fetcher.get(newsroom.base + "/p.html").body == b"<p>ok</p>"  # 503, back-off 0.3 s, then 200
    assert 0.3 <= time.monotonic() - t0 < 2 and newsroom.count("/p.html") == 2
    with pytest.raises(FetchError, match="HTTP 429 Too Many Requests after 3 attempts") as exc:
        fetcher.get(newsroom.base + "/q.html")
    assert exc.value.kind == "http" and newsroom.count("/q.html") == 3


def test_requests_to_one_host_are_spaced_by_the_delay(newsroom):
    newsroom.article("/a.html", MACRON)
    fetcher = Fetcher(Politeness(delay=0.4, timeout=2))
    t0 = time.monotonic()
    for _ in range(3):
        fetcher.get(newsroom.base + "/a.html")
    assert time.monotonic() - t0 >= 0.8
    t1 = time.monotonic()
    fetcher.get(newsroom.alias + "/a.html")  # another host name: its own turn
    assert time.monotonic() - t1 < 0.4


def test_an_announced_length_over_the_cap_is_not_downloaded(newsroom):
    newsroom.routes["/gros.html"] = Route(b"x" * 2000)
    with pytest.raises(FetchError, match="page of 2,000 bytes, over the 1,000-byte limit"):
        Fetcher(Politeness(delay=0, timeout=2, max_bytes=1000)).get(newsroom.base + "/gros.html")


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after("120") == 120 and retry_after(None) is None and retry_after("demain") is None
    assert 50 < retry_after(time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 60))) <= 60


def test_canonical_urls_drop_tracking_and_keep_what_names_the_page():
    a = canonical("HTTPS://www.Exemple.fr:443/monde/article.html?utm_source=x&id=7&xtor=RSS-3&fbclid=z#haut")
    assert a == "https://www.exemple.fr/monde/article.html?id=7"
    assert canonical("http://exemple.fr/a?b=2&a=1") == canonical("http://exemple.fr/a?a=1&b=2&utm_medium=rss")
    assert canonical("http://exemple.fr/a?page=2") != canonical("http://exemple.fr/a?page=3")
    assert doc_id("https://exemple.fr/2018/06/12/Sommet-à-Singapour.html?utm_campaign=a").startswith("sommet-a-singapour-")
    assert doc_id("https://exemple.fr/x.html") == doc_id("https://exemple.fr/x.html#bas")
    assert doc_id("https://exemple.fr/x.html") != doc_id("https://autre.fr/x.html")


def test_atom_and_json_feeds_give_entries_with_dates_and_absolute_links():
    atom = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Essai</title>'
            b'<entry><title>Sommet</title><link href="/a/sommet.html"/><id>1</id>'
            b"<updated>2018-06-12T09:00:00Z</updated></entry></feed>")
    feed = parse_feed(atom, "https://exemple.fr/atom.xml")
    assert feed.title == "Essai" and [(e.url, str(e.published)) for e in feed.entries] == [
        ("https://exemple.fr/a/sommet.html", "2018-06-12")]
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": "1", "url": "b.html", "title": "B", "date_published": "2023-07-26T10:00:00+01:00"}, {"id": "2"}]})
    entries = parse_feed(body.encode(), "https://exemple.fr/flux/feed.json").entries
    assert [(e.url, str(e.published)) for e in entries] == [("https://exemple.fr/flux/b.html", "2023-07-26")]
    with pytest.raises(FeedError, match="not a JSON Feed"):
        parse_feed(b'{"items": []}', "https://exemple.fr/x.json")
    with pytest.raises(FeedError, match="not an RSS, Atom or JSON feed"):
        parse_feed(b"<html><body><p>Bonjour</p></body></html>", "https://exemple.fr/")


def test_a_changed_entry_changes_its_stamp():
    rss = '<rss version="2.0"><channel><title>t</title><item><title>{}</title><link>http://e.fr/a</link></item></channel></rss>'
    one, two = (parse_feed(rss.format(t).encode(), "http://e.fr/").entries[0] for t in ("Avant", "Après"))
    assert one.url == two.url and one.stamp != two.stamp


def test_durations_on_the_command_line():
    assert duration("15m") == 900 and duration("2h") == 7200 and duration("90") == 90 and pause("0") == 0
    for bad in ("0", "quinze", "-5m"):
        with pytest.raises(argparse.ArgumentTypeError):
            duration(bad)
