"""Fixtures for the API and browser tests: one store built from examples/ per session, and the app over it."""
from __future__ import annotations

import datetime as dt
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from chronique.model import Actor, Document, DocResult, Event, Place, Timex
from chronique.serve import Settings, create_app
from chronique.store.db import Store


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory, nlp, examples_dir):
    """The examples run through the real pipeline (and cross-document clustering) into a DuckDB file."""
    from chronique.ingest import load_meta, read_sources
    from chronique.pipeline import run

    path = tmp_path_factory.mktemp("serve") / "examples.duckdb"
    with Store(path) as store:
        report = run(read_sources([str(examples_dir)], load_meta(examples_dir / "docs.jsonl")), store, nlp)
        assert report.events > 0
        _cluster(store)
    return path


def _cluster(store: Store) -> None:
    try:
        from chronique.dedup.index import assign_clusters
    except ImportError:
        return
    assign_clusters(store)


@pytest.fixture(scope="session")
def app(examples_db):
    """The read-only application over the examples store (shared by API and browser tests)."""
    application = create_app(Settings(db=str(examples_db), read_only=True))
    yield application
    application.state.store.close()


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    return TestClient(app)


@pytest.fixture
def writable_db(examples_db, tmp_path):
    """A private copy of the examples store that a test may write to."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(examples_db, copy)
    return copy


# -- a tiny store written by hand: exact expectations for clusters, network edges and spans -----------
TEXT_A = ("Sommet à Berne\n\nLe président suisse a reçu lundi à Berne son homologue autrichien. "
          "Les deux dirigeants ont signé un accord sur le transport alpin.")
TEXT_B = ("Accord alpin\n\nLa Suisse et l'Autriche ont signé lundi à Berne un accord sur le transport alpin. "
          "Vienne a ensuite accusé Rome de bloquer le tunnel.")
CHE = Actor(text="Le président suisse", name="Président de la Suisse", country="CHE", sector="GOV", id="QCHE")
AUT = Actor(text="son homologue autrichien", name="Président de l'Autriche", country="AUT", sector="GOV", id="QAUT")
ITA = Actor(text="Rome", name="Italie", country="ITA", sector="GOV")


def _event(doc: str, n: int, text: str, sentence: str, event_type: str, quad: str, actor, recipient,
           cluster: str | None) -> Event:
    start = text.index(sentence)
    return Event(doc=doc, id=f"{doc}-e{n}", event_type=event_type, quad=quad, evidence=sentence, start=start,
                 end=start + len(sentence), actor=actor, recipient=recipient, date="2023-03-06", cluster=cluster,
                 location=Place(text="Berne", name="Bern", country="CHE", lat=46.95, lon=7.45))


def tiny_results() -> list[DocResult]:
    """Two articles, one real-world agreement reported in both (one cluster), plus a lone accusation."""
    pub = dt.date(2023, 3, 7)
    a1 = "Le président suisse a reçu lundi à Berne son homologue autrichien."
    a2 = "Les deux dirigeants ont signé un accord sur le transport alpin."
    b1 = "La Suisse et l'Autriche ont signé lundi à Berne un accord sur le transport alpin."
    b2 = "Vienne a ensuite accusé Rome de bloquer le tunnel."
    doc_a = [_event("tiny-a", 0, TEXT_A, a1, "CONSULT", "verbal-cooperation", [CHE], [AUT], None),
             _event("tiny-a", 1, TEXT_A, a2, "AGREE", "verbal-cooperation", [CHE, AUT], [], "agree-alps")]
    doc_b = [_event("tiny-b", 0, TEXT_B, b1, "AGREE", "verbal-cooperation", [CHE, AUT], [], "agree-alps"),
             _event("tiny-b", 1, TEXT_B, b2, "ACCUSE", "verbal-conflict", [AUT], [ITA], None)]
    lundi = TEXT_A.index("lundi")
    return [DocResult(Document(id="tiny-a", text=TEXT_A, title="Sommet à Berne", published=pub), doc_a,
                      [Timex("tiny-a", "lundi", lundi, lundi + 5, "2023-03-06")]),
            DocResult(Document(id="tiny-b", text=TEXT_B, title="Accord alpin", published=pub), doc_b, [])]


@pytest.fixture(scope="session")
def tiny_client(tmp_path_factory):
    from fastapi.testclient import TestClient

    path = tmp_path_factory.mktemp("tiny") / "tiny.duckdb"
    with Store(path) as store:
        store.write(tiny_results(), version="test")
    application = create_app(Settings(db=str(path), read_only=True))
    yield TestClient(application)
    application.state.store.close()


# -- a real HTTP server for the browser ----------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(app):
    """uvicorn serving the examples app on a free localhost port, in a thread, for the session."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


# -- Debian's headless Chromium (never a downloaded browser), for the browser tests ------------------
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page that records console errors, page errors, failed and off-server requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("requestfailed", lambda r: pg.problems.append(f"failed: {r.url}"))
    pg.on("request", lambda r: r.url.startswith(live_server) or r.url.startswith("data:")
          or pg.problems.append(f"off-server request: {r.url}"))
    yield pg
    context.close()
