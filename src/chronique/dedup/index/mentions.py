"""Stored event lines as ``Mention`` records: all of them (full run), or only those an incremental run needs.

One query shape for the three selections, so a mention reads the same whichever way it was loaded;
participants are filtered before they are grouped, so a small selection reads a small part of the store.
"""
from __future__ import annotations

import datetime as dt

from chronique.dedup import when
from chronique.dedup.merge import rebuild
from chronique.dedup.records import MergedEvent, Mention, Party
from chronique.store.db import Store
from chronique.store.filters import IN_IDS

_MENTIONS = """
WITH p AS (
  SELECT event_id, role, list(struct_pack(text := text, name := name, country := country,
         sector := sector, kb_id := kb_id) ORDER BY position) AS ps
  FROM participants WHERE {parts} GROUP BY event_id, role)
SELECT e.id, e.doc, e.event_type, e.mode, e.date, e.date_basis, e.location_text, e.location_name,
       e.location_country, e.location_basis, e.lat, e.lon, e.aux, e.evidence, e.start_char, e.end_char, e.confidence,
       d.published, d.source, d.url, pa.ps AS actor, pr.ps AS recipient
FROM events e JOIN documents d ON d.id = e.doc
LEFT JOIN p pa ON pa.event_id = e.id AND pa.role = 'actor'
LEFT JOIN p pr ON pr.event_id = e.id AND pr.role = 'recipient'
WHERE {events}
ORDER BY e.doc, e.start_char, e.id
"""


class StaleMergedEvent(LookupError):
    """A stored merged event names an event line that is gone: its document changed behind the index."""


def _query(store: Store, parts: str, events: str, params: list) -> list[Mention]:
    sql = _MENTIONS.format(parts=parts, events=events)
    return [_mention(r) for r in store.con.sql(sql, params=params).to_arrow_table().to_pylist()]


def load_mentions(store: Store) -> list[Mention]:
    """Every stored event with its participants and its document's publication date and source."""
    return _query(store, "true", "true", [])


def mentions_of_documents(store: Store, docs: list[str]) -> list[Mention]:
    """The event lines of these documents."""
    return _query(store, f"doc {IN_IDS}", f"e.doc {IN_IDS}", [docs, docs])


def mentions_by_id(store: Store, ids: list[str]) -> list[Mention]:
    """These event lines (any that no longer exist are simply absent)."""
    return _query(store, f"event_id {IN_IDS}", f"e.id {IN_IDS}", [ids, ids])


def stored_merged(store: Store, merged_ids: list[str]) -> list[MergedEvent]:
    """Stored merged events brought back from their mentions, in stored order, without merging again.

    Raises ``StaleMergedEvent`` when one names an event line that no longer exists.
    """
    rows = store.con.execute(f"SELECT id, doc, event_ids FROM merged_events WHERE id {IN_IDS} ORDER BY id",
                             [merged_ids]).fetchall()
    by_id = {m.id: m for m in mentions_by_id(store, [e for _, _, ids in rows for e in ids])}
    missing = [e for _, _, ids in rows for e in ids if e not in by_id]
    if missing:
        raise StaleMergedEvent(f"merged events name {len(missing)} event lines that are gone, e.g. {missing[0]}")
    return [rebuild(mid, doc, [by_id[e] for e in ids]) for mid, doc, ids in rows]


def _mention(r: dict) -> Mention:
    pub = r["published"].toordinal() if isinstance(r["published"], dt.date) else None
    return Mention(
        id=r["id"], doc=r["doc"], event_type=r["event_type"], start=r["start_char"], end=r["end_char"],
        evidence=r["evidence"], mode=r["mode"], actor=_parties(r["actor"]), recipient=_parties(r["recipient"]),
        date=r["date"], date_basis=r["date_basis"], interval=when.event_interval(r["date"], r["date_basis"]),
        location_text=r["location_text"], location_name=r["location_name"],
        location_country=r["location_country"], location_basis=r["location_basis"], lat=r["lat"], lon=r["lon"],
        aux=r["aux"] or "none",
        confidence=r["confidence"] if r["confidence"] is not None else 0.5, published=pub,
        source=r["source"], url=r["url"])


def _parties(rows) -> tuple[Party, ...]:
    return tuple(Party(**p) for p in rows or ())
