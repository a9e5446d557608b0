"""A dated chronology of clusters (one line per real-world event), for the terminal or as JSON."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from chronique.dedup import when
from chronique.output import table
from chronique.store.db import Store


@dataclass(frozen=True)
class Entry:
    """One real-world event in the chronology."""

    cluster: str
    date: str | None
    event_type: str
    mode: str | None
    actors: list[str]
    recipients: list[str]
    place: str | None
    place_country: str | None
    aux: str | None
    n_sources: int
    n_documents: int
    n_mentions: int
    evidence: str
    evidence_doc: str

    def to_json(self) -> dict:
        return asdict(self)


def _bounds(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    """--since/--until at any precision: since = first day it covers, until = last day."""
    lo = when.parse(since) if since else None
    hi = when.parse(until) if until else None
    if (since and lo is None) or (until and hi is None):
        raise ValueError(f"dates must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www: {since or ''} {until or ''}")
    return (dt.date.fromordinal(lo[0]) if lo else None, dt.date.fromordinal(hi[1]) if hi else None)


def _query(actor, country, since, until, limit) -> tuple[str, list]:
    where, params = ["1=1"], []
    if actor:
        where.append("c.id IN (SELECT e.cluster FROM events e JOIN participants p ON p.event_id = e.id "
                     "WHERE p.name ILIKE ? OR p.text ILIKE ? OR p.kb_id = ?)")
        params += [f"%{actor}%", f"%{actor}%", actor]
    if country:
        where.append("(list_contains(c.actor_countries, ?) OR list_contains(c.recipient_countries, ?) "
                     "OR c.location_country = ?)")
        params += [country.upper()] * 3
    lo, hi = _bounds(since, until)
    if lo:
        where.append("c.date_end >= ?")
        params.append(lo)
    if hi:
        where.append("c.date_start <= ?")
        params.append(hi)
    sql = (f"SELECT * FROM clusters c WHERE {' AND '.join(where)} "
           "ORDER BY c.date_start NULLS LAST, c.date, c.event_type, c.id")
    return sql + (f" LIMIT {int(limit)}" if limit else ""), params


def _names(parties) -> list[str]:
    return [f"{p['name'] or p['text']} ({p['country'] or '?'})" for p in parties or []]


def timeline(store: Store, actor: str | None = None, country: str | None = None, since: str | None = None,
             until: str | None = None, limit: int | None = None) -> list[Entry]:
    """Clusters in date order, filtered by participant name, country (ISO alpha-3) and date range."""
    sql, params = _query(actor, country, since, until, limit)
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [_entry(dict(zip(cols, r))) for r in cur.fetchall()]


def _entry(r: dict) -> Entry:
    return Entry(cluster=r["id"], date=r["date"], event_type=r["event_type"], mode=r["mode"],
                 actors=_names(r["actor"]), recipients=_names(r["recipient"]),
                 place=r["location_name"] or r["location_text"], place_country=r["location_country"],
                 aux=r["aux"], n_sources=r["n_sources"], n_documents=r["n_documents"],
                 n_mentions=r["n_mentions"], evidence=" ".join((r["evidence"] or "").split()),
                 evidence_doc=r["evidence_doc"])


def render(entries: list[Entry]) -> str:
    """A fixed-width chronology: date, type, who, to whom, where, sources, one evidence sentence."""
    rows = [(e.date or "?", e.event_type + (f"/{e.mode}" if e.mode else "") + ("" if e.aux in (None, "none")
             else f" [{e.aux}]"), ", ".join(e.actors), ", ".join(e.recipients), e.place or "",
             f"{e.n_sources}", e.evidence) for e in entries]
    return table(rows, ("date", "event", "who", "to whom", "where", "src", "evidence"),
                 (10, 22, 34, 28, 14, 3, 70))
