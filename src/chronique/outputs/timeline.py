"""A dated chronology of clusters (one line per real-world event), for the terminal or as JSON.

The clusters shown are those of the events an ``EventFilter`` selects: the same filter gives the same
events here, in ``chronique events`` and in the API.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from chronique.outputs.text import table
from chronique.store.db import Store
from chronique.store.filters import EventFilter


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


def _names(parties) -> list[str]:
    return [f"{p['name'] or p['text']} ({p['country'] or '?'})" for p in parties or []]


def query(f: EventFilter = EventFilter(), limit: int | None = None) -> tuple[str, list]:
    """SQL and parameters: the ``clusters`` rows of the events ``f`` selects, in date order (also the Python API's)."""
    where, params = f.where()
    sql = (f"SELECT * FROM clusters c WHERE c.id IN (SELECT e.cluster FROM events e WHERE {where}) "
           "ORDER BY c.date_start NULLS LAST, c.date, c.event_type, c.id")
    return sql + (f" LIMIT {int(limit)}" if limit else ""), params


def timeline(store: Store, f: EventFilter = EventFilter(), limit: int | None = None) -> list[Entry]:
    """The clusters of the events ``f`` selects, in date order."""
    cur = store.con.execute(*query(f, limit))
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
