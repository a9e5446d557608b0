"""Read queries behind the REST API: events, timeline, actors, network, documents.

Every function takes a DuckDB cursor (one per request: connections are not thread-safe) and
binds user input as parameters only; the SQL text itself is built from fixed fragments.
Results are plain dicts shaped like the response models in ``schemas``.
"""
from __future__ import annotations

from collections import Counter

import duckdb

from chronique.model import Event
from chronique.store.db import read_events
from chronique.store.filters import ACTOR_KEY, IN_IDS, EventFilter, contains, stable_mode

EVENT_ORDER = {"asc": "e.date ASC NULLS LAST, e.doc, e.start_char, e.id",
               "desc": "e.date DESC NULLS LAST, e.doc, e.start_char, e.id"}
CONTEXT_CHARS = 240


def rows(cur: duckdb.DuckDBPyConnection, sql: str, params: list | tuple = ()) -> list[dict]:
    """Run a parameterised query and return its rows as dicts."""
    res = cur.execute(sql, list(params))
    names = [d[0] for d in res.description]
    return [dict(zip(names, r)) for r in res.fetchall()]


def scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: list | tuple = ()):
    return cur.execute(sql, list(params)).fetchone()[0]


# -- events --------------------------------------------------------------------------------------
EVENT_COLUMNS = """e.id, e.doc, d.title AS doc_title, d.published, e.event_type, e.mode, e.quad, e.aux,
    e.date, e.date_basis, e.location_text, e.location_name, e.location_country, e.lat, e.lon,
    e.trigger, e.evidence, e.start_char, e.end_char, e.confidence, e.cluster"""


def list_events(cur, f: EventFilter, limit: int, offset: int, order: str = "asc") -> dict:
    """One page of events matching the filters, with the total count."""
    where, params = f.where()
    total = scalar(cur, f"SELECT count(*) FROM events e WHERE {where}", params)
    page = rows(cur, f"SELECT {EVENT_COLUMNS} FROM events e LEFT JOIN documents d ON d.id = e.doc "
                     f"WHERE {where} ORDER BY {EVENT_ORDER[order]} LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": with_participants(cur, page)}


def events_by_id(cur, ids: list[str]) -> list[dict]:
    """Events with these ids, in date order, with their participants."""
    if not ids:
        return []
    found = rows(cur, f"SELECT {EVENT_COLUMNS} FROM events e LEFT JOIN documents d ON d.id = e.doc "
                      f"WHERE e.id {IN_IDS} ORDER BY {EVENT_ORDER['asc']}", [ids])
    return with_participants(cur, found)


def with_participants(cur, events: list[dict]) -> list[dict]:
    """Event rows (``EVENT_COLUMNS``) as the API shows them, each read back as an ``Event`` record."""
    return [_event_out(ev, row) for ev, row in zip(read_events(cur, events), events)]


def _event_out(ev: Event, row: dict) -> dict:
    """The record's JSON (exact confidence), participants keyed by actor id, the article's title and date."""
    out = {**ev.to_json(), "confidence": ev.confidence, "doc_title": row["doc_title"],
           "published": row["published"]}
    for role in ("actor", "recipient"):
        out[role] = [{**p, "id": p["id"] or p["name"] or p["text"]} for p in out[role]]
    return out


def event_detail(cur, event_id: str) -> dict | None:
    """One event with its evidence in context, its document and the other events of its cluster."""
    found = events_by_id(cur, [event_id])
    if not found:
        return None
    ev = found[0]
    doc = document_info(cur, ev["doc"])
    text = scalar(cur, "SELECT text FROM documents WHERE id = ?", [ev["doc"]]) or ""
    members = [r["id"] for r in rows(cur, "SELECT id FROM events WHERE cluster = ? AND id <> ?",
                                     [ev["cluster"], event_id])] if ev["cluster"] else []
    ev.update(document=doc, context=_context(text, ev["start"], ev["end"]),
              cluster_events=events_by_id(cur, members))
    return ev


def _context(text: str, start: int, end: int) -> dict:
    """The evidence span and a little text on either side of it."""
    return {"before": text[max(0, start - CONTEXT_CHARS):start], "text": text[start:end],
            "after": text[end:end + CONTEXT_CHARS]}


# -- timeline ------------------------------------------------------------------------------------
def timeline(cur, f: EventFilter, limit: int, offset: int) -> dict:
    """Events grouped by cluster (or alone when unclustered), in date order, one page."""
    where, params = f.where()
    grouped = (f"SELECT coalesce(e.cluster, e.id) AS key, any_value(e.cluster) AS cluster, min(e.date) AS date, "
               f"{stable_mode('e.event_type')} AS event_type, {stable_mode('e.quad')} AS quad, count(*) AS n_events, "
               "count(DISTINCT e.doc) AS n_docs, first(e.id ORDER BY e.confidence DESC, e.id) AS event_id, "
               "list(e.id ORDER BY e.date, e.doc, e.start_char, e.id) AS event_ids "
               f"FROM events e WHERE {where} GROUP BY key")
    total = scalar(cur, f"SELECT count(*) FROM ({grouped})", params)
    page = rows(cur, f"{grouped} ORDER BY date NULLS LAST, key LIMIT ? OFFSET ?", [*params, limit, offset])
    heads = {e["id"]: e for e in events_by_id(cur, [g["event_id"] for g in page])}
    return {"total": total, "limit": limit, "offset": offset, "items": [_timeline_item(g, heads) for g in page]}


def _names(people: list[dict]) -> list[str]:
    return [p["name"] or p["text"] for p in people]


def _timeline_item(group: dict, heads: dict[str, dict]) -> dict:
    """A timeline group labelled with its representative event's participants and evidence."""
    head = heads.get(group["event_id"], {})
    return {**group, "actors": _names(head.get("actor", [])), "recipients": _names(head.get("recipient", [])),
            "evidence": head.get("evidence", ""), "doc": head.get("doc"), "mode": head.get("mode"),
            "aux": head.get("aux")}


# -- actors --------------------------------------------------------------------------------------
ACTOR_GROUP = f"""SELECT {ACTOR_KEY} AS id, {stable_mode("coalesce(p.name, p.text)")} AS name,
    {stable_mode("p.country")} AS country, {stable_mode("p.sector")} AS sector, count(DISTINCT p.event_id) AS n_events,
    count(DISTINCT p.event_id) FILTER (WHERE p.role = 'actor') AS as_actor,
    count(DISTINCT p.event_id) FILTER (WHERE p.role = 'recipient') AS as_recipient,
    list(DISTINCT p.text ORDER BY p.text)[1:8] AS mentions
    FROM participants p"""


def list_actors(cur, q: str | None, country: str | None, limit: int, offset: int) -> dict:
    """Actors (participants grouped by identity), most active first."""
    having, params = ["TRUE"], []
    if q:
        having.append(f"({contains('any_value(' + ACTOR_KEY + ')')} OR bool_or({contains('p.name')})"
                      f" OR bool_or({contains('p.text')}))")
        params += [q, q, q]
    if country:
        having.append(f"{stable_mode('p.country')} = ?")
        params.append(country.upper())
    grouped = f"{ACTOR_GROUP} GROUP BY {ACTOR_KEY} HAVING {' AND '.join(having)}"
    total = scalar(cur, f"SELECT count(*) FROM ({grouped})", params)
    page = rows(cur, f"{grouped} ORDER BY n_events DESC, name, id LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": page}


def actor_detail(cur, actor_id: str, limit: int, offset: int) -> dict | None:
    """One actor: counts by role and event type, and a page of its events with its roles in each."""
    found = rows(cur, f"{ACTOR_GROUP} WHERE {ACTOR_KEY} = ? GROUP BY {ACTOR_KEY}", [actor_id])
    if not found:
        return None
    actor = found[0]
    roles = rows(cur, f"SELECT p.event_id, list(DISTINCT p.role) AS roles FROM participants p "
                      f"WHERE {ACTOR_KEY} = ? GROUP BY p.event_id", [actor_id])
    by_event = {r["event_id"]: sorted(r["roles"]) for r in roles}
    types = rows(cur, f"SELECT e.event_type, count(*) AS n FROM events e WHERE e.id IN "
                      f"(SELECT p.event_id FROM participants p WHERE {ACTOR_KEY} = ?) GROUP BY 1 ORDER BY 2 DESC, 1",
                 [actor_id])
    page = _actor_events(cur, actor_id, limit, offset)
    for ev in page["items"]:
        ev["roles"] = by_event.get(ev["id"], [])
    return {**actor, "event_types": {t["event_type"]: t["n"] for t in types}, "events": page}


def _actor_events(cur, actor_id: str, limit: int, offset: int) -> dict:
    sub = f"e.id IN (SELECT p.event_id FROM participants p WHERE {ACTOR_KEY} = ?)"
    total = scalar(cur, f"SELECT count(*) FROM events e WHERE {sub}", [actor_id])
    page = rows(cur, f"SELECT {EVENT_COLUMNS} FROM events e LEFT JOIN documents d ON d.id = e.doc WHERE {sub} "
                     f"ORDER BY {EVENT_ORDER['asc']} LIMIT ? OFFSET ?", [actor_id, limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": with_participants(cur, page)}


# -- network -------------------------------------------------------------------------------------
def network(cur, f: EventFilter, max_nodes: int, min_weight: int) -> dict:
    """Actor graph: actor -> recipient edges (and actor -- actor for symmetric meetings), by quad."""
    where, params = f.where()
    pairs = rows(cur, f"""
        WITH ev AS (SELECT e.id, e.quad FROM events e WHERE {where}),
        p AS (SELECT p.event_id, p.role, p.position, {ACTOR_KEY} AS key FROM participants p
              WHERE p.event_id IN (SELECT id FROM ev)),
        solo AS (SELECT event_id FROM p GROUP BY event_id HAVING bool_and(role = 'actor'))
        SELECT a.key AS source, r.key AS target, FALSE AS symmetric, ev.quad, count(DISTINCT ev.id) AS n
          FROM p a JOIN p r ON a.event_id = r.event_id AND a.role = 'actor' AND r.role = 'recipient'
          JOIN ev ON ev.id = a.event_id WHERE a.key <> r.key GROUP BY ALL
        UNION ALL
        SELECT least(a.key, b.key), greatest(a.key, b.key), TRUE, ev.quad, count(DISTINCT ev.id)
          FROM p a JOIN p b ON a.event_id = b.event_id AND a.role = 'actor' AND b.role = 'actor'
               AND a.position < b.position
          JOIN ev ON ev.id = a.event_id WHERE a.event_id IN (SELECT event_id FROM solo) AND a.key <> b.key
          GROUP BY least(a.key, b.key), greatest(a.key, b.key), ev.quad""", params)
    edges = _merge_edges(pairs, min_weight)
    nodes = _network_nodes(cur, where, params)
    keep = {n["id"] for n in _top_nodes(nodes, edges, max_nodes)}
    edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
    return {"nodes": [n for n in nodes if n["id"] in keep], "edges": edges}


def _merge_edges(pairs: list[dict], min_weight: int) -> list[dict]:
    """One edge per actor pair and direction, its weight split by quad; the main quad colours it."""
    merged: dict[tuple, dict] = {}
    for p in pairs:
        key = (p["source"], p["target"], p["symmetric"])
        edge = merged.setdefault(key, {"source": p["source"], "target": p["target"], "weight": 0,
                                       "directed": not p["symmetric"], "quads": Counter()})
        edge["weight"] += p["n"]
        edge["quads"][p["quad"] or "unknown"] += p["n"]
    out = [e for e in merged.values() if e["weight"] >= min_weight]
    for e in out:
        e["quad"] = min(e["quads"].items(), key=lambda kv: (-kv[1], kv[0]))[0]  # ties: by name, not by row order
        e["quads"] = dict(e["quads"])
    return sorted(out, key=lambda e: (-e["weight"], e["source"], e["target"]))


def _network_nodes(cur, where: str, params: list) -> list[dict]:
    return rows(cur, f"""SELECT {ACTOR_KEY} AS id, {stable_mode("coalesce(p.name, p.text)")} AS name,
        {stable_mode("p.country")} AS country, {stable_mode("p.sector")} AS sector, count(DISTINCT p.event_id) AS n_events
        FROM participants p WHERE p.event_id IN (SELECT e.id FROM events e WHERE {where})
        GROUP BY {ACTOR_KEY} ORDER BY n_events DESC, id""", params)


def _top_nodes(nodes: list[dict], edges: list[dict], max_nodes: int) -> list[dict]:
    """The most active actors that have at least one edge (isolated actors say nothing here)."""
    linked = {e["source"] for e in edges} | {e["target"] for e in edges}
    return [n for n in nodes if n["id"] in linked][:max_nodes]


# -- documents -----------------------------------------------------------------------------------
DOC_COLUMNS = """d.id, d.title, d.published, d.published_basis, d.origin, d.source, d.url, d.language,
    (SELECT count(*) FROM events e WHERE e.doc = d.id) AS n_events"""


def document_info(cur, doc_id: str) -> dict | None:
    found = rows(cur, f"SELECT {DOC_COLUMNS} FROM documents d WHERE d.id = ?", [doc_id])
    return found[0] if found else None


def list_documents(cur, q: str | None, limit: int, offset: int) -> dict:
    """Stored articles, newest first, optionally filtered by words of their title or text."""
    where, params = "TRUE", []
    if q:
        where, params = f"({contains('d.title')} OR {contains('d.text')})", [q, q]
    total = scalar(cur, f"SELECT count(*) FROM documents d WHERE {where}", params)
    page = rows(cur, f"SELECT {DOC_COLUMNS} FROM documents d WHERE {where} "
                     "ORDER BY d.published DESC NULLS LAST, d.id LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": page}


def document_detail(cur, doc_id: str) -> dict | None:
    """An article's text with every evidence span and time expression located in it."""
    info = document_info(cur, doc_id)
    if info is None:
        return None
    info["text"] = scalar(cur, "SELECT text FROM documents WHERE id = ?", [doc_id])
    info["spans"] = rows(cur, "SELECT id AS event_id, start_char AS start, end_char AS \"end\", event_type, quad, "
                              "aux FROM events WHERE doc = ? ORDER BY start_char, id", [doc_id])
    info["timexes"] = rows(cur, "SELECT start_char AS start, end_char AS \"end\", text, value, type "
                                "FROM timexes WHERE doc = ? ORDER BY start_char", [doc_id])
    return info


# -- overview ------------------------------------------------------------------------------------
def overview(cur) -> dict:
    """Counts and the values the filter controls offer (types, quads, countries, date range)."""
    counts = {t: scalar(cur, f"SELECT count(*) FROM {t}") for t in ("documents", "events", "participants")}
    counts["actors"] = scalar(cur, f"SELECT count(DISTINCT {ACTOR_KEY}) FROM participants p")
    counts["clusters"] = scalar(cur, "SELECT count(DISTINCT coalesce(cluster, id)) FROM events")
    tally = lambda sql: {r["k"]: r["n"] for r in rows(cur, sql)}  # noqa: E731
    return {
        "counts": counts,
        "event_types": tally("SELECT event_type AS k, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
        "quads": tally("SELECT quad AS k, count(*) AS n FROM events WHERE quad IS NOT NULL "
                       "GROUP BY 1 ORDER BY 2 DESC, 1"),
        "countries": tally("SELECT country AS k, count(DISTINCT event_id) AS n FROM participants "
                           "WHERE country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"),
        "date_min": scalar(cur, "SELECT min(date) FROM events"),
        "date_max": scalar(cur, "SELECT max(date) FROM events"),
    }


# -- display names ---------------------------------------------------------------------------------
def display_names(cur, lang: str = "fr") -> dict[str, str]:
    """Canonical participant names of the store -> their display name in ``lang``, where the data has one."""
    from chronique.actors.display import display_names as known

    names = known(lang)
    stored = cur.execute("SELECT DISTINCT name FROM participants WHERE name IS NOT NULL").fetchall()
    return {name: names[name] for (name,) in stored if name in names}
