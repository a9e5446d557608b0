"""``kill -9`` during a pass of ``chronique watch --once``, then a restart: the store equals the one an
uninterrupted run leaves (documents, events, participants, clusters, links, the follower's state, errors)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from chronique.store.db import Store
from chronique.watch import Follower

from .conftest import options
from .dispatches import BREXIT, CLIMAT, MACRON, NIGER, SINGAPOUR, UKRAINE

SRC = Path(__file__).resolve().parents[2] / "src"
TABLES = {
    "documents": "id, content_hash, title, published, published_basis, source, url, text, version",
    "events": "id, doc, event_type, mode, date, start_char, end_char, evidence, cluster",
    "participants": "event_id, role, position, name, country",
    "clusters": "id, event_type, date, n_documents, array_to_string(documents, ',')",
    "merged_events": "id, doc, cluster",
    "document_links": "doc_a, doc_b, kind",
    "watch_entries": "source, key, stamp, doc, status, attempts",
    "errors": "origin, reason, kind, source",
}


def snapshot(db: Path) -> dict[str, list[tuple]]:
    with Store(db) as store:
        return {t: sorted(store.con.execute(f"SELECT {cols} FROM {t}").fetchall(), key=repr) for t, cols in TABLES.items()}


def watch(feed: str, db: Path) -> subprocess.Popen:
    code = "import sys; from chronique.cli import main; sys.exit(main())"
    return subprocess.Popen([sys.executable, "-c", code, "watch", feed, "--db", str(db), "--once", "--batch-size", "1",
                             "--delay", "0", "--timeout", "5s", "--quiet"],
                            env={**os.environ, "PYTHONPATH": str(SRC)}, stderr=subprocess.PIPE)


def test_killed_during_a_pass_then_restarted_equals_an_uninterrupted_run(newsroom, tmp_path, nlp):
    articles = [("singapour", SINGAPOUR), ("brexit", BREXIT), ("climat", CLIMAT), ("ukraine", UKRAINE),
                ("niger", NIGER), ("macron", MACRON)]
    urls = [newsroom.article(f"/a/{name}.html", a, delay=0.3) for name, a in articles]
    items = [(u, a, name) for u, (name, a) in zip(urls, articles)] + [(newsroom.base + "/a/disparu.html", MACRON, "404")]
    feed = newsroom.rss("/rss.xml", items)

    killed = tmp_path / "killed.duckdb"
    proc = watch(feed, killed)
    deadline = time.monotonic() + 120
    while sum(newsroom.count(f"/a/{n}.html") for n, _ in articles) < 3 and proc.poll() is None:
        assert time.monotonic() < deadline, "the follower never reached the third article"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    partial = snapshot(killed)
    assert 1 <= len(partial["documents"]) < len(articles)  # killed in the middle of the pass

    # The restart: a new follower on the reopened store (in this process, where spaCy is already loaded).
    with Store(killed) as store:
        resumed = Follower(store, options(feed, batch_size=1)).one_pass()
    assert not resumed.failed  # the 404, recorded before the kill, waits for the next interval

    whole = tmp_path / "whole.duckdb"
    with Store(whole) as store:
        Follower(store, options(feed, batch_size=1)).one_pass()
    expected = snapshot(whole)
    assert len(expected["documents"]) == len(articles) and expected["events"]
    got = snapshot(killed)
    assert [d[0] for d in got["documents"]] == [d[0] for d in expected["documents"]], (got["errors"], expected["errors"])
    assert got == expected


def test_stopping_finishes_the_article_in_hand_and_the_next_pass_takes_the_rest(newsroom, tmp_path, nlp):
    articles = [("singapour", SINGAPOUR), ("brexit", BREXIT), ("climat", CLIMAT)]
    urls = [newsroom.article(f"/a/{name}.html", a) for name, a in articles]
    feed = newsroom.rss("/rss.xml", [(u, a, n) for u, (n, a) in zip(urls, articles)])
    with Store(tmp_path / "stop.duckdb") as store:
        follower = Follower(store, options(feed, batch_size=8))
        newsroom.hooks["/a/brexit.html"] = follower.stop.set  # Ctrl-C while the second page is being fetched
        first = follower.one_pass()
        stored = {r[0] for r in store.con.execute("SELECT doc FROM watch_entries").fetchall()}
        assert len(first.added) == 2 and stored == set(first.added)  # the page in hand was finished, not dropped
        assert store.con.execute("SELECT etag FROM watch_sources").fetchone() == (None,)  # the feed is read again
        follower.stop.clear()
        del newsroom.hooks["/a/brexit.html"]
        second = follower.one_pass()
        assert len(second.added) == 1 and newsroom.count("/a/brexit.html") == 1
