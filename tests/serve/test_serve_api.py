"""REST API over a store built from the examples: filters, pagination, 404s, validation, evidence offsets."""
from __future__ import annotations

import pytest

QUADS = {"verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict"}


def get(client, path, **params):
    res = client.get(path, params=params)
    assert res.status_code == 200, res.text
    return res.json()


def all_events(client, **params) -> list[dict]:
    return get(client, "/api/events", limit=500, **params)["items"]


def busy_actor(client) -> dict:
    """An actor present in some events but not all: filtering by it must narrow the list."""
    total = get(client, "/api/events", limit=1)["total"]
    actors = get(client, "/api/actors", limit=50)["items"]
    return next(a for a in actors if 1 < a["n_events"] < total)


def test_overview_counts_the_examples(client):
    body = get(client, "/api/overview")
    assert body["counts"]["documents"] >= 12 and body["counts"]["events"] > 20
    assert set(body["quads"]) <= QUADS and body["ingest"] is False and body["token_required"] is False
    assert body["date_min"] <= body["date_max"]


def test_pages_partition_the_events(client):
    everything = [e["id"] for e in all_events(client)]
    pages = [get(client, "/api/events", limit=7, offset=o) for o in range(0, len(everything), 7)]
    assert all(p["total"] == len(everything) and p["limit"] == 7 for p in pages)
    assert [e["id"] for p in pages for e in p["items"]] == everything
    assert get(client, "/api/events", limit=5, offset=len(everything))["items"] == []


def test_type_quad_and_date_filters_hold_on_every_item(client):
    first = all_events(client)[0]
    typed = all_events(client, type=first["event_type"])
    assert typed and all(e["event_type"] == first["event_type"] for e in typed)
    quad = all_events(client, quad="verbal-cooperation")
    assert quad and all(e["quad"] == "verbal-cooperation" for e in quad)
    year = all_events(client, since="2018", until="2018")
    assert year and all(e["date"].startswith("2018") for e in year)
    assert len(year) < len(all_events(client))


def test_actor_filter_narrows_and_matches_the_actor_page(client):
    actor = busy_actor(client)
    events = all_events(client, actor=actor["id"])
    assert 0 < len(events) < get(client, "/api/events", limit=1)["total"]
    assert all(any(p["id"] == actor["id"] or actor["id"].lower() in (p["name"] or p["text"] or "").lower()
                   for p in e["actor"] + e["recipient"]) for e in events)
    detail = get(client, f"/api/actors/{actor['id']}")
    assert detail["n_events"] == detail["events"]["total"] == actor["n_events"]
    assert all(r in ("actor", "recipient") for e in detail["events"]["items"] for r in e["roles"])
    as_recipient = all_events(client, actor=actor["id"], role="recipient")
    assert len(as_recipient) <= len(events)


def test_country_and_free_text_filters(client):
    country = next(iter(get(client, "/api/overview")["countries"]))
    events = all_events(client, country=country.lower())
    assert events and all(country in {p["country"] for p in e["actor"] + e["recipient"]}
                          or (e["location"] or {}).get("country") == country for e in events)
    words = all_events(client, q="nucleaire")  # accent-insensitive: matches "nucléaire"
    assert words and len(words) < len(all_events(client))


def test_hostile_input_is_data_not_sql(client):
    assert get(client, "/api/events", actor="x' OR 1=1 --")["total"] == 0
    assert get(client, "/api/events", q="%' ; DROP TABLE events; --")["total"] == 0
    assert get(client, "/api/overview")["counts"]["events"] > 0


def test_event_detail_evidence_is_the_document_slice(client):
    for summary in all_events(client)[:10]:
        ev = get(client, f"/api/events/{summary['id']}")
        doc = get(client, f"/api/documents/{ev['doc']}")
        assert doc["text"][ev["start"]:ev["end"]] == ev["evidence"] == ev["context"]["text"]
        assert ev["document"]["id"] == doc["id"]
        assert any(s["event_id"] == ev["id"] and (s["start"], s["end"]) == (ev["start"], ev["end"])
                   for s in doc["spans"])


def test_missing_things_are_404(client):
    for path in ("/api/events/nope", "/api/documents/nope", "/api/actors/nobody%20at%20all"):
        res = client.get(path)
        assert res.status_code == 404 and "not found" in res.json()["detail"]


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 501}, {"offset": -1}, {"type": "FOO"}, {"quad": "friendly"},
    {"since": "2018/06"}, {"until": "June"}, {"country": "FRANCE"}, {"role": "host"}, {"q": "x"},
    {"since": "2020", "until": "2019-12"}, {"since": "2023-13"}, {"until": "2023-02-32"},
])
def test_invalid_filters_are_422(client, params):
    res = client.get("/api/events", params=params)
    assert res.status_code == 422, params


def test_timeline_covers_every_event_once(client):
    tl = get(client, "/api/timeline", limit=500)
    ids = [i for item in tl["items"] for i in item["event_ids"]]
    assert sorted(ids) == sorted(e["id"] for e in all_events(client))
    dates = [i["date"] for i in tl["items"] if i["date"]]
    assert dates == sorted(dates)


def test_network_edges_join_listed_actors(client):
    net = get(client, "/api/network")
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    assert all(e["weight"] == sum(e["quads"].values()) and e["quad"] in e["quads"] for e in net["edges"])
    small = get(client, "/api/network", max_nodes=5)
    assert len(small["nodes"]) <= 5


def test_openapi_documents_every_endpoint(client):
    paths = get(client, "/openapi.json")["paths"]
    for p in ("/api/events", "/api/events/{event_id}", "/api/timeline", "/api/network", "/api/actors",
              "/api/actors/{actor_id}", "/api/documents", "/api/documents/{doc_id}", "/api/overview"):
        assert p in paths, p
    assert "post" in paths["/api/documents"]


def test_page_is_served_locally_with_a_strict_policy(client):
    res = client.get("/")
    assert res.status_code == 200 and "text/html" in res.headers["content-type"]
    assert "default-src 'self'" in res.headers["content-security-policy"]
    for asset in ("/static/app.js", "/static/app.css", "/static/favicon.svg"):
        body = client.get(asset).text
        assert "https://" not in body and "//cdn" not in body, asset


# -- exact expectations on a store written by hand --------------------------------------------------
def test_timeline_groups_a_cluster_across_documents(tiny_client):
    items = get(tiny_client, "/api/timeline")["items"]
    assert get(tiny_client, "/api/timeline")["total"] == 3
    (alps,) = [i for i in items if i["cluster"] == "agree-alps"]
    assert (alps["n_events"], alps["n_docs"]) == (2, 2) and alps["quad"] == "verbal-cooperation"
    ev = get(tiny_client, "/api/events/tiny-a-e1")
    assert [e["id"] for e in ev["cluster_events"]] == ["tiny-b-e0"]
    assert get(tiny_client, "/api/events", cluster="agree-alps")["total"] == 2


def test_network_edges_by_role_and_quad(tiny_client):
    edges = {(e["source"], e["target"], e["directed"]): e for e in get(tiny_client, "/api/network")["edges"]}
    assert edges[("QCHE", "QAUT", True)]["quads"] == {"verbal-cooperation": 1}     # CONSULT: host -> guest
    assert edges[("QAUT", "QCHE", False)]["weight"] == 2                            # AGREE x2, symmetric
    assert edges[("QAUT", "Italie", True)]["quad"] == "verbal-conflict"             # ACCUSE
    only_conflict = get(tiny_client, "/api/network", quad="verbal-conflict")["edges"]
    assert [(e["source"], e["target"]) for e in only_conflict] == [("QAUT", "Italie")]


def test_document_spans_and_timexes(tiny_client):
    doc = get(tiny_client, "/api/documents/tiny-a")
    assert [doc["text"][s["start"]:s["end"]][:10] for s in doc["spans"]] == ["Le préside", "Les deux d"]
    assert doc["timexes"][0]["text"] == "lundi" and doc["n_events"] == 2
    listed = get(tiny_client, "/api/documents", q="alpin")
    assert listed["total"] == 2


def test_actor_roles(tiny_client):
    aut = get(tiny_client, "/api/actors/QAUT")
    assert (aut["as_actor"], aut["as_recipient"], aut["n_events"]) == (3, 1, 4)
    roles = {e["id"]: e["roles"] for e in aut["events"]["items"]}
    assert roles["tiny-a-e0"] == ["recipient"] and roles["tiny-b-e1"] == ["actor"]
    assert get(tiny_client, "/api/actors", q="autriche")["items"][0]["id"] == "QAUT"
    assert get(tiny_client, "/api/actors", country="ita")["total"] == 1


def test_concurrent_requests_each_get_their_own_cursor(live_server):
    """Parallel reads through the real server: no shared-connection errors, same answers as alone."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    paths = ["/api/events?limit=20", "/api/timeline", "/api/network", "/api/actors", "/api/overview"] * 6
    with httpx.Client(base_url=live_server, timeout=30) as http, ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda p: http.get(p), paths))
        alone = {p: http.get(p).json() for p in set(paths)}
    assert all(r.status_code == 200 for r in answers)
    differ = sorted({p for r, p in zip(answers, paths) if r.json() != alone[p]})
    assert not differ, f"concurrent answers differ from sequential ones for {differ}"
