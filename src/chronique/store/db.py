"""The DuckDB store: schema, batched transactional upserts, and the reads the CLI needs.

Rows are written through Arrow tables (DuckDB ingests them in bulk; row-by-row ``executemany``
is a thousand times slower), one transaction per batch: a killed process leaves the store as
it was after the last committed batch, and the next run resumes from there.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa

from chronique.ids import content_hash
from chronique.model import Actor, DocResult, Event, InputError, Place

SCHEMA = (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")
TABLES = ("documents", "events", "participants", "timexes", "actors")
# "col IN_IDS" with one list parameter: a membership test DuckDB plans as one join, not a long OR.
IN_IDS = "IN (SELECT unnest(?::VARCHAR[]))"


class StoreError(RuntimeError):
    """The database file cannot be opened or written; the message names it."""


class Store:
    """One DuckDB file (or ``:memory:``) holding documents, events, participants, timexes."""

    def __init__(self, path: str | Path = "chronique.duckdb", read_only: bool = False):
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open the DuckDB store: {exc}") from exc
        if not read_only:
            self.con.execute(SCHEMA)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writes -------------------------------------------------------------------------
    def write(self, results: list[DocResult], errors: Iterable[InputError] = (), version: str = "") -> None:
        """Replace the rows of these documents and record errors, all in one transaction."""
        rows = _rows(results, version)
        err_rows = [{"origin": e.origin, "reason": e.reason, "kind": e.kind} for e in errors]
        ids = [r.document.id for r in results]
        self.con.execute("BEGIN TRANSACTION")
        try:
            if ids:
                self.con.execute("CREATE OR REPLACE TEMP TABLE _ids AS SELECT unnest(?::VARCHAR[]) AS id", [ids])
                for table, key in (("participants", "doc"), ("events", "doc"), ("timexes", "doc"),
                                   ("actors", "doc"), ("documents", "id")):
                    self.con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM _ids)")
            for table, table_rows in rows.items():
                self.insert(table, table_rows)
            self.insert("errors", err_rows)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def insert(self, table: str, rows: list[dict] | pa.Table) -> None:
        """Bulk insert through Arrow (DuckDB ingests it in one go; never row by row); rows or an Arrow table."""
        if not len(rows):
            return
        arrow = rows if isinstance(rows, pa.Table) else pa.Table.from_pylist(rows)
        cols = ", ".join(f'"{c}"' for c in arrow.column_names)
        self.con.register("_batch", arrow)
        try:
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _batch")
        finally:
            self.con.unregister("_batch")

    # -- reads --------------------------------------------------------------------------
    def stored_versions(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        """doc id -> (content hash, pipeline version) for the ids already stored."""
        if not ids:
            return {}
        rows = self.con.execute(
            f"SELECT id, content_hash, version FROM documents WHERE id {IN_IDS}",
            [ids]).fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (*TABLES, "errors")}

    def events(self, actor: str | None = None, event_type: str | None = None, since: str | None = None,
               until: str | None = None, docs: list[str] | None = None, limit: int | None = None) -> list[Event]:
        """Stored events, filtered; ordered by date then document position."""
        where, params = ["1=1"], []
        if actor:
            where.append("e.id IN (SELECT event_id FROM participants WHERE name ILIKE ? OR text ILIKE ? OR country = ?)")
            params += [f"%{actor}%", f"%{actor}%", actor.upper()]
        if event_type:
            where.append("e.event_type = ?")
            params.append(event_type.upper())
        if since:
            where.append("e.date >= ?")
            params.append(since)
        if until:
            where.append("left(e.date, ?) <= ?")
            params += [len(until), until]
        if docs is not None:
            where.append(f"e.doc {IN_IDS}")
            params.append(docs)
        sql = f"SELECT e.* FROM events e WHERE {' AND '.join(where)} ORDER BY e.date NULLS LAST, e.doc, e.start_char, e.id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        events = [dict(zip(names, row)) for row in cur.fetchall()]
        return self._with_participants(events)

    def _with_participants(self, rows: list[dict]) -> list[Event]:
        ids = [r["id"] for r in rows]
        parts: dict[str, dict[str, list[Actor]]] = {i: {"actor": [], "recipient": []} for i in ids}
        if ids:
            cur = self.con.execute(
                "SELECT event_id, role, text, name, country, sector, kb_id FROM participants "
                f"WHERE event_id {IN_IDS} ORDER BY event_id, role, position", [ids])
            for eid, role, text, name, country, sector, kb_id in cur.fetchall():
                parts[eid][role].append(Actor(text=text, name=name, country=country, sector=sector, id=kb_id))
        return [_event_from_row(r, parts[r["id"]]) for r in rows]

    def timexes(self, docs: list[str]) -> list[dict]:
        cur = self.con.execute(
            "SELECT doc, text, start_char, end_char, value, type FROM timexes "
            f"WHERE doc {IN_IDS} ORDER BY doc, start_char", [docs])
        return [{"doc": d, "text": t, "start": s, "end": e, "value": v, "type": ty} for d, t, s, e, v, ty in cur.fetchall()]


def _rows(results: list[DocResult], version: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    for res in results:
        d = res.document
        out["documents"].append({
            "id": d.id, "content_hash": content_hash(d.text), "title": d.title, "published": d.published,
            "published_basis": d.published_basis, "source": d.source, "url": d.url, "language": d.language,
            "origin": d.origin, "text": d.text, "version": version})
        for ev in res.events:
            out["events"].append(_event_row(ev))
            for role, people in (("actor", ev.actor), ("recipient", ev.recipient)):
                out["participants"].extend(
                    {"event_id": ev.id, "doc": ev.doc, "role": role, "position": i, "text": a.text,
                     "name": a.name, "country": a.country, "sector": a.sector, "kb_id": a.id}
                    for i, a in enumerate(people))
        out["timexes"].extend(
            {"doc": t.doc, "start_char": t.start, "end_char": t.end, "text": t.text, "value": t.value, "type": t.type}
            for t in {(t.start, t.end): t for t in res.timexes}.values())
        out["actors"].extend(
            {"doc": d.id, "position": i, "name": a.get("name"), "kb_id": a.get("id"), "type": a.get("type"),
             "country": a.get("country"), "sector": a.get("sector"), "role": a.get("role"),
             "mentions": list(a.get("mentions") or [])}
            for i, a in enumerate(res.actors))
    return out


def _event_row(ev: Event) -> dict:
    loc = ev.location
    return {
        "id": ev.id, "doc": ev.doc, "event_type": ev.event_type, "mode": ev.mode, "date": ev.date,
        "date_basis": ev.date_basis, "location_text": loc.text if loc else None,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_basis": loc.basis if loc else None, "lat": loc.lat if loc else None, "lon": loc.lon if loc else None, "aux": ev.aux, "quad": ev.quad,
        "trigger": ev.trigger, "evidence": ev.evidence, "start_char": ev.start, "end_char": ev.end,
        "confidence": ev.confidence, "cluster": ev.cluster}


def _event_from_row(r: dict, parts: dict[str, list[Actor]]) -> Event:
    loc = None
    if r["location_text"]:
        loc = Place(text=r["location_text"], name=r["location_name"], country=r["location_country"],
                    lat=r["lat"], lon=r["lon"], basis=r.get("location_basis") or "stated")
    return Event(
        doc=r["doc"], event_type=r["event_type"], evidence=r["evidence"], start=r["start_char"],
        end=r["end_char"], mode=r["mode"], actor=parts["actor"], recipient=parts["recipient"], date=r["date"],
        date_basis=r["date_basis"], location=loc, aux=r["aux"], confidence=r["confidence"], quad=r["quad"],
        trigger=r["trigger"], cluster=r["cluster"], id=r["id"])

