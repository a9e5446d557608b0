"""POST /api/documents: the token rule, the body limit, validation, and a real extraction into the store."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from chronique.serve import Settings, create_app
from chronique.serve.guard import ConfigError, check_bind, is_local

TOKEN = "s3cret-for-tests"
ARTICLE = ("Rencontre à Ottawa\n\nLe Premier ministre canadien Justin Trudeau a rencontré mardi à Ottawa le "
           "président mexicain Andrés Manuel López Obrador pour discuter des échanges commerciaux. "
           "Les deux dirigeants ont signé un accord sur la protection des travailleurs saisonniers.")


@pytest.fixture
def open_client(writable_db, nlp):
    """A writable server bound to localhost with no token."""
    app = create_app(Settings(db=str(writable_db)), nlp_factory=lambda: nlp)
    yield TestClient(app)
    app.state.store.close()


@pytest.fixture
def public_client(writable_db, nlp):
    """A writable server bound to every interface: POST needs the token."""
    app = create_app(Settings(db=str(writable_db), host="0.0.0.0", token=TOKEN), nlp_factory=lambda: nlp)
    yield TestClient(app)
    app.state.store.close()


def test_localhost_needs_no_token_and_everything_else_does():
    assert all(is_local(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"))
    assert not any(is_local(h) for h in ("0.0.0.0", "::", "192.168.1.10", "example.org"))
    check_bind("127.0.0.1", None)
    with pytest.raises(ConfigError, match="token"):
        check_bind("0.0.0.0", None)
    with pytest.raises(ConfigError, match="8 characters"):
        check_bind("0.0.0.0", "short")


def test_server_refuses_to_start_beyond_localhost_without_token(examples_db, monkeypatch, capsys):
    from chronique.cli import main

    monkeypatch.delenv("CHRONIQUE_TOKEN", raising=False)
    with pytest.raises(ConfigError):
        create_app(Settings(db=str(examples_db), host="0.0.0.0", read_only=True))
    assert main(["serve", "--db", str(examples_db), "--host", "0.0.0.0", "--read-only"]) == 2
    assert "without a token" in capsys.readouterr().err


def test_post_beyond_localhost_requires_the_bearer_token(public_client):
    body = {"text": ARTICLE, "published": "2023-01-10"}
    assert public_client.post("/api/documents", json=body).status_code == 401
    wrong = public_client.post("/api/documents", json=body, headers={"Authorization": "Bearer nope-nope-nope"})
    assert wrong.status_code == 403
    assert public_client.post("/api/documents", json=body, headers={"Authorization": TOKEN}).status_code == 401
    assert public_client.get("/api/events", params={"limit": 1}).status_code == 200  # reads stay open
    ok = public_client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201, ok.text


def test_posted_article_is_extracted_stored_and_idempotent(open_client):
    before = open_client.get("/api/overview").json()["counts"]
    res = open_client.post("/api/documents", json={"text": ARTICLE, "published": "2023-01-10", "id": "ottawa-2023"})
    assert res.status_code == 201, res.text
    out = res.json()
    assert out["id"] == "ottawa-2023" and out["status"] == "created" and out["events"] == len(out["event_ids"]) > 0
    doc = open_client.get("/api/documents/ottawa-2023").json()
    assert {s["event_id"] for s in doc["spans"]} == set(out["event_ids"])
    assert open_client.get("/api/overview").json()["counts"]["documents"] == before["documents"] + 1
    again = open_client.post("/api/documents", json={"text": ARTICLE, "published": "2023-01-10", "id": "ottawa-2023"})
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert open_client.get("/api/overview").json()["counts"]["documents"] == before["documents"] + 1


def test_posted_html_page_is_reduced_to_its_article(open_client):
    html = (f"<html><head><title>Rencontre à Ottawa</title></head><body><nav>Accueil | Monde</nav>"
            f"<article><h1>Rencontre à Ottawa</h1><p>{ARTICLE.split(chr(10))[-1]}</p></article>"
            f"<footer>Tous droits réservés</footer></body></html>")
    res = open_client.post("/api/documents", json={"html": html, "published": "2023-01-10"})
    assert res.status_code == 201, res.text
    text = open_client.get(f"/api/documents/{res.json()['id']}").json()["text"]
    assert "Trudeau" in text and "Accueil" not in text


@pytest.mark.parametrize("body, reason", [
    ({}, "exactly one"), ({"text": ARTICLE, "html": "<p>x</p>"}, "exactly one"),
    ({"text": ARTICLE, "published": "hier"}, "date"), ({"text": ARTICLE, "id": "a b/c"}, "pattern"),
    ({"text": "The Prime Minister of Canada met the President of Mexico in Ottawa on Tuesday to discuss "
              "trade, and both leaders signed an agreement on seasonal workers."}, "not French"),
])
def test_rejected_articles_are_422_with_a_reason(open_client, body, reason):
    res = open_client.post("/api/documents", json=body)
    assert res.status_code == 422
    assert reason.lower() in res.text.lower()


def test_body_over_the_limit_is_413(writable_db):
    app = create_app(Settings(db=str(writable_db), max_body=1000))
    client = TestClient(app)
    res = client.post("/api/documents", json={"text": "é" * 2000})
    assert res.status_code == 413 and "limit" in res.json()["detail"]
    chunks = iter([b'{"text": "', b"a" * 800, b"a" * 800, b'"}'])  # no Content-Length: counted as it streams
    res = client.post("/api/documents", content=chunks, headers={"Content-Type": "application/json"})
    assert res.status_code == 413
    app.state.store.close()


def test_read_only_server_refuses_ingestion(client):
    res = client.post("/api/documents", json={"text": ARTICLE})
    assert res.status_code == 405 and "read-only" in res.json()["detail"]


def test_cli_defaults_bind_localhost():
    from chronique.cli.main import build_parser

    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.db, args.token) == ("127.0.0.1", 8000, "chronique.duckdb", None)


def test_chronique_serve_command_answers_over_http(examples_db, tmp_path):
    """The installed command starts uvicorn on the store and answers; stopped by its own process id."""
    import subprocess
    import sys
    import time

    import httpx

    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "chronique.cli", "serve", "--db", str(examples_db), "--read-only",
                             "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        deadline, status = time.monotonic() + 60, None
        while status is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/api/overview", timeout=2).status_code
            except httpx.TransportError:
                time.sleep(0.2)
        assert status == 200, proc.stderr.read() if proc.poll() is not None else "no answer"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_batch_route_stores_skips_reports_and_records_sent_errors(open_client):
    body = {"documents": [{"id": "ottawa/rencontre", "text": ARTICLE, "published": "2023-01-12",
                           "published_basis": "dateline", "origin": "corpus/ottawa/rencontre.txt"},
                          {"id": "court", "text": "Trop court.", "origin": "court.txt"}],
            "errors": [{"origin": "absent.txt", "reason": "no such file or directory", "kind": "input"}],
            "events_of": ["ottawa/rencontre"]}
    first = open_client.post("/api/documents/batch", json=body)
    assert first.status_code == 200, first.text
    out = first.json()
    assert out["processed"] == ["ottawa/rencontre"] and out["events"] >= 1
    assert [e["origin"] for e in out["errors"]] == ["court.txt"] and "empty" in out["errors"][0]["reason"]
    assert {e["doc"] for e in out["event_lines"]} == {"ottawa/rencontre"} and out["timexes"]
    listed = {d["id"]: d for d in open_client.get("/api/documents?limit=100").json()["items"]}
    assert listed["ottawa/rencontre"]["published_basis"] == "dateline"
    assert listed["ottawa/rencontre"]["origin"] == "corpus/ottawa/rencontre.txt"
    again = open_client.post("/api/documents/batch", json={"documents": body["documents"][:1]}).json()
    assert again["processed"] == [] and again["skipped"] == ["ottawa/rencontre"]
    store = open_client.app.state.store
    origins = {o for (o,) in store.con.execute("SELECT origin FROM errors").fetchall()}
    assert {"absent.txt", "court.txt"} <= origins


def test_batch_route_needs_the_token_beyond_localhost_and_is_closed_read_only(public_client, client):
    body = {"documents": [{"id": "x", "text": ARTICLE}]}
    assert public_client.post("/api/documents/batch", json=body).status_code == 401
    assert client.post("/api/documents/batch", json=body).status_code == 405
