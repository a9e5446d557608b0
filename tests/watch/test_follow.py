"""Two passes over a changing feed served by a real local server: exactly the expected documents and events,
the same as ``chronique extract`` gives on the final pages; then every kind of fault, recorded, the pass going on."""
from __future__ import annotations

import json
from pathlib import Path

from chronique.cli.main import main
from chronique.ingest.limits import Limits
from chronique.scale.engine import ExtractOptions, extract
from chronique.store.db import Store
from chronique.watch import Follower
from chronique.watch.canonical import doc_id

from .conftest import Route, options
from .dispatches import BOLSONARO_EN, BREXIT, CLIMAT, CLIMAT_MIS_A_JOUR, MACRON, NIGER, SINGAPOUR, UKRAINE, html


def rows(db: Store, sql: str) -> set[tuple]:
    return set(db.con.execute(sql).fetchall())


EVENTS = "SELECT doc, event_type, start_char, end_char, evidence, date FROM events"
CLUSTERS = "SELECT array_to_string(list_sort(list(id)), ',') FROM events GROUP BY cluster"


def reference(tmp_path: Path, pages: dict[str, tuple]) -> Store:
    """What ``chronique extract`` stores for these final pages (same ids, same HTML)."""
    records = tmp_path / "pages.jsonl"
    records.write_text("".join(json.dumps({"id": doc_id(url), "html": html(a), "url": url}, ensure_ascii=False) + "\n"
                               for url, a in pages.items()), encoding="utf-8")
    extract([str(records)], Limits(), ExtractOptions(db=tmp_path / "ref.duckdb", quiet=True))
    return Store(tmp_path / "ref.duckdb")


def test_two_passes_store_exactly_the_expected_documents_and_events(newsroom, tmp_path, nlp):
    a1, a2, a3, a4 = (newsroom.article(f"/monde/{n}.html", a) for n, a in
                      (("singapour", SINGAPOUR), ("brexit", BREXIT), ("climat", CLIMAT), ("ukraine", UKRAINE)))
    feed = newsroom.rss("/rss.xml", [(a1, SINGAPOUR, "Sommet"), (a2, BREXIT, "Vote"), (a3, CLIMAT, "COP21"),
                                     (a4, UKRAINE, "Offensive")])
    store = Store(tmp_path / "watch.duckdb")
    follower = Follower(store, options(feed))
    first = follower.one_pass()
    assert sorted(first.added) == sorted(doc_id(u) for u in (a1, a2, a3, a4)) and not first.failed

    # Second pass: two new entries, Brexit dropped, Singapour again with tracking parameters, the climate
    # article rewritten (the feed says so), and the Ukraine dispatch syndicated on another host.
    a5, a6 = newsroom.article("/afrique/niger.html", NIGER), newsroom.article("/france/macron.html", MACRON)
    newsroom.article("/monde/climat.html", CLIMAT_MIS_A_JOUR)
    newsroom.routes["/agence/ukraine-offensive.html"] = newsroom.routes["/monde/ukraine.html"]
    copy = newsroom.alias + "/agence/ukraine-offensive.html"
    newsroom.rss("/rss.xml", [(a5, NIGER, "Coup"), (a6, MACRON, "Élection"),
                              (a1 + "?utm_source=twitter&xtor=RSS-3#suite", SINGAPOUR, "Sommet"),
                              (a3, CLIMAT, "COP21 (mis à jour)"), (a4, UKRAINE, "Offensive"), (copy, UKRAINE, "Reprise")])
    second = follower.one_pass()
    assert sorted(second.added) == sorted([doc_id(a5), doc_id(a6)])
    assert second.updated == [doc_id(a3)] and second.copies == 1 and not second.failed
    assert newsroom.count("/monde/singapour.html") == 1 and newsroom.count("/monde/brexit.html") == 1

    final = {a1: SINGAPOUR, a2: BREXIT, a3: CLIMAT_MIS_A_JOUR, a4: UKRAINE, a5: NIGER, a6: MACRON}
    ref = reference(tmp_path, final)
    assert rows(store, "SELECT id, content_hash FROM documents") == rows(ref, "SELECT id, content_hash FROM documents")
    assert {r[0] for r in rows(store, "SELECT id FROM documents")} == {doc_id(u) for u in final}
    ours = rows(store, EVENTS)
    assert ours == rows(ref, EVENTS) and len(ours) >= 12
    assert rows(store, CLUSTERS) == rows(ref, CLUSTERS)
    climat = [e for e in ours if e[0] == doc_id(a3)]
    assert climat and not [e for e in climat if "marteau" in e[4]]  # the old text's events are gone
    assert any("Obama" in e[4] for e in climat)
    assert store.con.execute("SELECT DISTINCT published_basis FROM documents").fetchall() == [("feed",)]

    # Third pass, nothing new: the feed answers 304 to the conditional GET and no page is fetched.
    hits = len(newsroom.hits)
    third = follower.one_pass()
    assert not (third.added or third.updated or third.failed)
    assert [h[0] for h in newsroom.hits[hits:]] == ["/rss.xml"] and newsroom.hits[-1][1].get("If-None-Match")
    assert rows(store, EVENTS) == ours
    status = store.con.execute("SELECT status, failures FROM watch_sources").fetchall()
    assert status == [("not modified", 0)]
    ua = {h[1].get("User-Agent") for h in newsroom.hits}
    assert len(ua) == 1 and ua.pop().startswith("chronique/")
    store.close()
    ref.close()


def test_faults_are_recorded_and_the_pass_goes_on(newsroom, tmp_path, nlp, capsys):
    base = newsroom.base
    good = newsroom.article("/france/macron.html", MACRON)
    flaky = newsroom.article("/monde/ukraine.html", UKRAINE, fail_first=1)  # one 503, then the page
    english = newsroom.article("/world/brazil.html", BOLSONARO_EN)
    newsroom.routes.update({
        "/panne.html": Route(b"erreur", status=500),
        "/quota.html": Route(b"trop", status=429, headers={"Retry-After": "120"}),
        "/lent.html": Route(html(NIGER).encode(), delay=2.0),
        "/enorme.html": Route(stream=30_000_000),
        "/boucle.html": Route(status=302, headers={"Location": "/boucle.html"}),
        "/rapport.pdf": Route(b"%PDF-1.4", content_type="application/pdf"),
        "/casse.xml": Route(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Cass\xc3\xa9</title>'
                            b"<item><title>Sans fin</item></channel", content_type="application/rss+xml"),
        "/flux.json": Route(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Flux JSON",
                                        "items": [{"id": "1", "url": "/afrique/niger.html", "title": NIGER[0],
                                                   "date_published": "2023-07-26T10:00:00Z"}]}).encode(),
                            content_type="application/feed+json"),
    })
    newsroom.article("/afrique/niger.html", NIGER)
    urls = {name: base + path for name, path in (("500", "/panne.html"), ("429", "/quota.html"), ("timeout", "/lent.html"),
                                                 ("big", "/enorme.html"), ("loop", "/boucle.html"), ("pdf", "/rapport.pdf"),
                                                 ("404", "/absent.html"), ("robots", "/prive/note.html"))}
    feed = newsroom.rss("/rss.xml", [(u, MACRON, k) for k, u in urls.items()]
                        + [(english, BOLSONARO_EN, "en"), (flaky, UKRAINE, "u"), (good, MACRON, "m")])
    store = Store(tmp_path / "faults.duckdb")
    follower = Follower(store, options(feed, base + "/casse.xml", base + "/flux.json", every=0.01))
    report = follower.one_pass()
    assert {r[0] for r in rows(store, "SELECT id FROM documents")} == {doc_id(good), doc_id(flaky),
                                                                         doc_id(base + "/afrique/niger.html")}
    assert newsroom.count("/monde/ukraine.html") == 2 and newsroom.count("/prive/note.html") == 0
    errors = {r[0]: r[1:] for r in rows(store, "SELECT origin, kind, reason, source FROM errors")}
    expected = {"500": ("http", "HTTP 500"), "429": ("http", "Retry-After 120 s"), "timeout": ("network", "timeout"),
                "big": ("limit", "30,000,000"), "loop": ("http", "redirect"), "pdf": ("format", "application/pdf"),
                "404": ("http", "HTTP 404"), "robots": ("robots", "robots.txt")}
    for name, (kind, words) in expected.items():
        got = errors[urls[name]]
        assert got[0] == kind and (words in got[1] or name == "big" and "5,000,000" in got[1]), (name, got)
        assert got[2] == feed
    assert errors[english][:2] == ("language", errors[english][1]) and "not French" in errors[english][1]
    assert errors[base + "/casse.xml"][0] == "format" and "malformed" in errors[base + "/casse.xml"][1]
    assert len(report.failed) == len(expected) + 2

    # A second pass (one interval later) retries the failures without writing the same error line again.
    follower.one_pass()
    assert newsroom.count("/panne.html") == 4
    again = store.con.execute("SELECT origin, count(*) FROM errors WHERE origin IN (?, ?) GROUP BY ALL",
                              [urls["500"], base + "/casse.xml"]).fetchall()
    assert sorted(n for _, n in again) == [1, 1]
    status = dict(store.con.execute("SELECT source, status FROM watch_sources").fetchall())
    assert status == {feed: "ok", base + "/casse.xml": "failing", base + "/flux.json": "ok"}  # no 304: retries due
    store.close()

    assert main(["errors", "--db", str(tmp_path / "faults.duckdb"), "--kind", "robots"]) == 0
    out = capsys.readouterr().out
    assert "disallowed by" in out and urls["robots"] in out and len(out.splitlines()) == 1
