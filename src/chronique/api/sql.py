"""The SQL behind ``EventStore``'s Arrow reads: events flat with their participants, actors, network, documents.

Every query takes the WHERE clause of an ``EventFilter`` over ``events e`` and binds its parameters; nothing
from the user is spliced into the text.
"""
from __future__ import annotations

from chronique.store.filters import ACTOR_KEY, stable_mode

PERSON = "struct_pack(text := p.text, name := p.name, country := p.country, sector := p.sector, kb_id := p.kb_id)"


def events(where: str) -> str:
    """One row per event: its columns, its article's title and date, its actors and recipients as lists."""
    return f"""WITH sel AS (SELECT e.* FROM events e WHERE {where}),
    people AS (SELECT p.event_id, p.role, list({PERSON} ORDER BY p.position) AS people FROM participants p
               WHERE p.event_id IN (SELECT id FROM sel) GROUP BY p.event_id, p.role)
    SELECT e.id, e.doc, d.title AS doc_title, d.published, e.date, e.date_basis, e.event_type, e.mode, e.quad,
        e.aux, coalesce(a.people, []) AS actor, coalesce(r.people, []) AS recipient, e.location_text,
        e.location_name, e.location_country, e.location_basis, e.lat, e.lon, e.trigger, e.evidence,
        e.start_char AS start, e.end_char AS "end", e.confidence, e.cluster
    FROM sel e LEFT JOIN documents d ON d.id = e.doc
        LEFT JOIN people a ON a.event_id = e.id AND a.role = 'actor'
        LEFT JOIN people r ON r.event_id = e.id AND r.role = 'recipient'
    ORDER BY e.date NULLS LAST, e.doc, e.start_char, e.id"""


def actors(where: str) -> str:
    """Participants of the selected events grouped by identity, most active first."""
    return f"""SELECT {ACTOR_KEY} AS id, {stable_mode("coalesce(p.name, p.text)")} AS name, {stable_mode("p.country")} AS country,
        {stable_mode("p.sector")} AS sector, count(DISTINCT p.event_id) AS n_events,
        count(DISTINCT p.event_id) FILTER (WHERE p.role = 'actor') AS as_actor,
        count(DISTINCT p.event_id) FILTER (WHERE p.role = 'recipient') AS as_recipient,
        list(DISTINCT p.text ORDER BY p.text) AS mentions
    FROM participants p WHERE p.event_id IN (SELECT e.id FROM events e WHERE {where})
    GROUP BY {ACTOR_KEY} ORDER BY n_events DESC, name, id"""


def network(where: str) -> str:
    """Edges between actors of the selected events: actor -> recipient (directed), and actor -- actor of an
    event with no recipient (a meeting, undirected), counted by quad."""
    return f"""WITH sel AS (SELECT e.id, e.quad FROM events e WHERE {where}),
    p AS (SELECT p.event_id, p.role, p.position, {ACTOR_KEY} AS key, coalesce(p.name, p.text) AS name
          FROM participants p WHERE p.event_id IN (SELECT id FROM sel)),
    solo AS (SELECT event_id FROM p GROUP BY event_id HAVING bool_and(role = 'actor')),
    pairs AS (
        SELECT a.key AS source, a.name AS source_name, r.key AS target, r.name AS target_name, TRUE AS directed,
               a.event_id FROM p a JOIN p r ON a.event_id = r.event_id AND a.role = 'actor' AND r.role = 'recipient'
        UNION ALL
        SELECT a.key, a.name, b.key, b.name, FALSE, a.event_id FROM p a JOIN p b ON a.event_id = b.event_id
               AND a.role = 'actor' AND b.role = 'actor' AND a.position < b.position
        WHERE a.event_id IN (SELECT event_id FROM solo))
    SELECT source, {stable_mode("source_name")} AS source_name, target, {stable_mode("target_name")} AS target_name, directed,
        s.quad, count(DISTINCT s.id) AS n_events
    FROM pairs JOIN sel s ON s.id = pairs.event_id WHERE source <> target
    GROUP BY source, target, directed, s.quad ORDER BY n_events DESC, source, target, s.quad"""


def documents(where: str) -> str:
    """The articles with at least one selected event (every article when nothing is filtered), newest first."""
    return f"""SELECT d.id, d.title, d.published, d.published_basis, d.source, d.url, d.language, d.origin,
        (SELECT count(*) FROM events e WHERE e.doc = d.id AND {where}) AS n_events, d.text
    FROM documents d WHERE ? OR d.id IN (SELECT e.doc FROM events e WHERE {where})
    ORDER BY d.published DESC NULLS LAST, d.id"""
