"""``chronique serve --watch``: the follower runs in the server's process; the API lists the sources and their
status, the page shows when the store was last updated."""
from __future__ import annotations

import time

from fastapi.testclient import TestClient

from chronique.serve import Settings, create_app
from chronique.watch.canonical import doc_id

from .conftest import options
from .dispatches import MACRON, NIGER


def test_a_served_store_follows_a_feed_and_says_so(newsroom, tmp_path, nlp):
    urls = [newsroom.article("/a/niger.html", NIGER), newsroom.article("/a/macron.html", MACRON)]
    feed = newsroom.rss("/rss.xml", [(urls[0], NIGER, "n"), (urls[1], MACRON, "m"),
                                     (newsroom.base + "/a/perdu.html", MACRON, "404")])
    app = create_app(Settings(db=str(tmp_path / "live.duckdb"), watch=options(feed)), nlp_factory=lambda: nlp)
    with TestClient(app) as client:
        deadline = time.monotonic() + 60
        while not (info := client.get("/api/sources").json())["sources"] or \
                info["sources"][0]["documents"] < 2 or not info["sources"][0]["etag"]:
            assert time.monotonic() < deadline, info
            time.sleep(0.1)
        docs = client.get("/api/documents").json()
        assert {d["id"] for d in docs["items"]} == {doc_id(u) for u in urls}
        page = client.get("/").text
        script = client.get("/static/app.js").text
    (src,) = info["sources"]
    assert src["source"] == feed and src["kind"] == "feed" and src["status"] == "ok" and src["errors"] == 1
    assert src["title"] == "La Dépêche d'essai" and src["last_success"] and src["last_added"]
    assert info["last_updated"] is not None
    assert 'id="freshness"' in page and '"/api/sources"' in script
    assert not app.state.ingestor.lock.locked()


def test_a_store_never_watched_lists_no_source(tmp_path):
    with TestClient(create_app(Settings(db=str(tmp_path / "plain.duckdb")))) as client:
        assert client.get("/api/sources").json() == {"last_updated": None, "sources": []}
