"""Hostile requests against the REST API (FastAPI TestClient): whatever the query parameters, path
segments or posted bodies, the answer is a 2xx/4xx with a JSON body, never a 5xx or an SQL error,
and the store is unchanged by reads. Oversized bodies get 413; writes beyond localhost need a token.
"""
from __future__ import annotations

import io
import json
import os
import shutil
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from chronique.ingest.sources import read_jsonl_stream
from chronique.ingest.limits import Limits
from chronique.pipeline import run
from chronique.store.db import Store

from .hostile import ENGLISH, FRENCH

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from chronique.serve import Settings, create_app  # noqa: E402

SETTINGS = settings(max_examples=int(os.environ.get("CHRONIQUE_FUZZ_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SQL_ERRORS = ("Binder Error", "Parser Error", "Catalog Error", "Conversion Error", "syntax error",
              "duckdb", "Traceback", "store error")
TOKEN = "jeton-de-test-assez-long"

HOSTILE = ["' OR 1=1 --", "'; DROP TABLE events; --", "\" OR \"\"=\"", "%", "_", "%%'", "\\", "\\'", "1; SELECT 1",
           "UNION SELECT * FROM documents", "?", "$1", "NULL", "null", "", " ", "\x00", "\x1b[31m", "1e309",
           "NaN", "-1", "-0", "0", "99999999999999999999999999", "-99999999999999999999", "2023-13-45", "0000",
           "9999-99-99", "2023-02-30", "2023", "20231", "Hanoï", "Lavrov", "FRA", "fra", "ÉÉÉ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
           "\u202eRTL\u202c", "../../etc/passwd", "<script>alert(1)</script>", "x" * 5000, "CONSULT", "consult",
           "asc", "desc", "actor", "recipient", "verbal-conflict", "future", "none"]
values = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
                   st.integers(-10**20, 10**20).map(str))
EVENT_PARAMS = ["actor", "role", "country", "type", "quad", "aux", "since", "until", "q", "doc", "cluster",
                "limit", "offset", "order", "max_nodes", "min_weight", "page"]
LIST_ENDPOINTS = ["/api/events", "/api/timeline", "/api/network", "/api/actors", "/api/documents", "/api/overview"]
DETAIL_ENDPOINTS = ["/api/events/", "/api/actors/", "/api/documents/"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, nlp):
    """A store holding a few of our French dispatches, run through the real pipeline."""
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    rows = "".join(json.dumps({"id": f"api-{i}", "text": t, "published": "2023-06-0%d" % (i + 1)}) + "\n"
                   for i, t in enumerate(FRENCH[:4]))
    with Store(path) as store:
        run(read_jsonl_stream(io.BytesIO(rows.encode()), "api.jsonl", {}, Limits()), store, nlp)
    return path


@pytest.fixture(scope="module")
def reader(store_path):
    app = create_app(Settings(db=str(store_path), read_only=True))
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="module")
def writer(store_path, tmp_path_factory, nlp):
    """A writable server 'bound' beyond localhost: it must require the token for writes."""
    copy = tmp_path_factory.mktemp("api-w") / "w.duckdb"
    shutil.copy(store_path, copy)
    app = create_app(Settings(db=str(copy), host="0.0.0.0", token=TOKEN), nlp_factory=lambda: nlp)
    with TestClient(app) as client:
        yield client


def _assert_sane(res) -> None:
    assert res.status_code < 500, (res.request.url, res.status_code, res.text[:500])
    assert not any(marker in res.text for marker in SQL_ERRORS), (res.request.url, res.text[:500])
    if res.headers.get("content-type", "").startswith("application/json"):
        res.json()


@SETTINGS
@given(st.sampled_from(LIST_ENDPOINTS), st.dictionaries(st.sampled_from(EVENT_PARAMS), values, max_size=6))
def test_list_endpoints_survive_any_query(reader, endpoint, params):
    _assert_sane(reader.get(endpoint, params=params))


@SETTINGS
@given(st.sampled_from(DETAIL_ENDPOINTS), values)
def test_detail_endpoints_survive_any_path(reader, endpoint, key):
    res = reader.get(endpoint + quote(key, safe=""))
    _assert_sane(res)
    assert res.status_code in (200, 404, 405, 422) or 300 <= res.status_code < 400


def test_reads_leave_the_store_unchanged(reader):
    before = reader.app.state.store.counts()
    for value in HOSTILE[::3]:
        for endpoint in LIST_ENDPOINTS:
            reader.get(endpoint, params={"q": value, "actor": value, "doc": value})
    assert reader.app.state.store.counts() == before and before["documents"] == 4


def test_bad_pages_are_422(reader):
    for params in ({"limit": -1}, {"limit": 0}, {"limit": 10**30}, {"offset": -5}, {"offset": "deux"},
                   {"since": "2023-1"}, {"since": "2024", "until": "2023"}, {"order": "asc; DROP TABLE events"}):
        res = reader.get("/api/events", params=params)
        assert res.status_code == 422, (params, res.status_code, res.text[:300])


articles = st.fixed_dictionaries({}, optional={
    "text": st.one_of(st.sampled_from([ENGLISH, "", "   ", "\x00" * 50, "court"]), st.text(max_size=200)),
    "html": st.one_of(st.sampled_from(["<html><body><script>alert(1)</script></body></html>", "<div>" * 2000]),
                      st.text(max_size=100)),
    "id": values, "title": values, "url": st.sampled_from(["javascript:alert(1)", "file:///etc/passwd",
                                                           "https://exemple.fr/a", "x" * 3000]) | values,
    "published": values, "source": values, "extra": values})


@SETTINGS
@given(articles)
def test_posted_bodies_are_accepted_or_refused_never_crash(writer, body):
    res = writer.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    _assert_sane(res)
    assert res.status_code in (200, 201, 422), (body, res.status_code, res.text[:300])


def test_oversized_post_is_413(writer):
    huge = {"text": "Le président a parlé. " * 120_000}  # about 2.6 MB of JSON, over the 2 MB default
    res = writer.post("/api/documents", json=huge, headers={"Authorization": f"Bearer {TOKEN}"})
    assert res.status_code == 413, res.text[:300]

    def chunks():  # no Content-Length: the streamed body is counted as it arrives
        for _ in range(30):
            yield b"x" * 100_000

    res = writer.post("/api/documents", content=chunks(), headers={"Authorization": f"Bearer {TOKEN}",
                                                                   "Content-Type": "application/json"})
    assert res.status_code == 413, res.text[:300]


def test_malformed_json_and_lying_length_are_4xx(writer):
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    for raw in (b"{", b"[]", b"null", b"{\"text\": 42}", b"\xff\xfe\x00", b"{\"text\": \"" + b"a" * 1000):
        res = writer.post("/api/documents", content=raw, headers=auth)
        assert 400 <= res.status_code < 500, (raw[:20], res.status_code, res.text[:200])
    res = writer.post("/api/documents", content=b"{}", headers={**auth, "Content-Length": "abc"})
    assert 400 <= res.status_code < 500


def test_writes_beyond_localhost_need_the_token(writer):
    body = {"text": FRENCH[9]}
    assert writer.post("/api/documents", json=body).status_code == 401
    wrong = {"Authorization": "Bearer mauvais-jeton"}
    assert writer.post("/api/documents", json=body, headers=wrong).status_code == 403
    assert writer.post("/api/documents", json=body, headers={"Authorization": TOKEN}).status_code == 401
    assert writer.get("/api/overview").status_code == 200  # reads stay open


def test_refuses_to_bind_beyond_localhost_without_token(store_path):
    from chronique.serve.guard import ConfigError

    with pytest.raises(ConfigError, match="without a token"):
        create_app(Settings(db=str(store_path), host="0.0.0.0", read_only=True))
