"""The DuckDB store: schema, batched transactional upserts, and event reads through ``filters.EventFilter``.

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
from chronique.model import Actor, DocResult, Event, InputError
from chronique.store.filters import IN_IDS, EventFilter
from chronique.store.shield import shielded

SCHEMA = (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")
# The store's Arrow batches use the system allocator: pyarrow's default (mimalloc) keeps the segments of batches
# already written, ~11 MB of a one-process run's peak memory for nothing (benchmarks/throughput.py).
ARROW_POOL = pa.system_memory_pool()
TABLES = ("documents", "events", "participants", "timexes", "actors")


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
    def write(self, results: list[DocResult], errors: Iterable[InputError] = (), version: str = "",
              removed: Iterable[str] = ()) -> None:
        """Replace the rows of these documents, delete the ``removed`` ones and record errors, all in one
        transaction."""
        rows = result_rows(results, version)
        err_rows = [e.to_row() for e in errors]
        ids = [r.document.id for r in results] + list(removed)
        with shielded():
            self._write(ids, rows, err_rows)

    def _write(self, ids: list[str], rows: dict[str, list[dict]], err_rows: list[dict]) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            if ids and self._stored_any(ids):
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

    def _stored_any(self, ids: list[str]) -> bool:
        """Whether any of these documents is stored (in ``_ids`` then): a document's rows in every table are
        written and deleted with its ``documents`` row, so new documents need no delete at all."""
        self.con.execute("CREATE OR REPLACE TEMP TABLE _ids AS SELECT unnest(?::VARCHAR[]) AS id", [ids])
        found = self.con.execute("SELECT 1 FROM documents WHERE id IN (SELECT id FROM _ids) LIMIT 1").fetchone()
        return found is not None

    def insert(self, table: str, rows: list[dict] | pa.Table) -> None:
        """Bulk insert through Arrow (DuckDB ingests it in one go; never row by row); rows or an Arrow table."""
        if not len(rows):
            return
        arrow = rows if isinstance(rows, pa.Table) else arrow_table(rows)
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

    def events(self, f: EventFilter = EventFilter(), limit: int | None = None) -> list[Event]:
        """Stored events selected by ``f``; ordered by date then document position."""
        where, params = f.where()
        sql = f"SELECT e.* FROM events e WHERE {where} ORDER BY e.date NULLS LAST, e.doc, e.start_char, e.id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return read_events(self.con, [dict(zip(names, row)) for row in cur.fetchall()])

    def timexes(self, docs: list[str]) -> list[dict]:
        cur = self.con.execute(
            "SELECT doc, text, start_char, end_char, value, type FROM timexes "
            f"WHERE doc {IN_IDS} ORDER BY doc, start_char", [docs])
        return [{"doc": d, "text": t, "start": s, "end": e, "value": v, "type": ty} for d, t, s, e, v, ty in cur.fetchall()]


def read_events(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> list[Event]:
    """Event records for these ``events`` rows, each with its participants in stored order."""
    ids = [r["id"] for r in rows]
    parts: dict[str, dict[str, list[Actor]]] = {i: {"actor": [], "recipient": []} for i in ids}
    if ids:
        cur = con.execute("SELECT event_id, role, text, name, country, sector, kb_id FROM participants "
                          f"WHERE event_id {IN_IDS} ORDER BY event_id, role, position", [ids])
        names = [d[0] for d in cur.description]
        for row in cur.fetchall():
            p = dict(zip(names, row))
            parts[p["event_id"]][p["role"]].append(Actor.from_row(p))
    return [Event.from_row(r, parts[r["id"]]["actor"], parts[r["id"]]["recipient"]) for r in rows]


def arrow_table(rows: list[dict]) -> pa.Table:
    """``pa.Table.from_pylist(rows)`` (columns named by the first row's keys, a missing key null), built in
    ``ARROW_POOL``."""
    return pa.table({name: pa.array([r.get(name) for r in rows], memory_pool=ARROW_POOL) for name in rows[0]})


def result_rows(results: list[DocResult], version: str) -> dict[str, list[dict]]:
    """The rows of each store table for these results (the Parquet writer uses them too)."""
    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    for res in results:
        d = res.document
        out["documents"].append({**d.to_row(), "published": d.published, "content_hash": content_hash(d.text),
                                 "version": version})
        for ev in res.events:
            out["events"].append(ev.to_row())
            for role, people in (("actor", ev.actor), ("recipient", ev.recipient)):
                out["participants"].extend({"event_id": ev.id, "doc": ev.doc, "role": role, "position": i,
                                            **a.to_row()} for i, a in enumerate(people))
        out["timexes"].extend(
            {"doc": t.doc, "start_char": t.start, "end_char": t.end, "text": t.text, "value": t.value, "type": t.type}
            for t in {(t.start, t.end): t for t in res.timexes}.values())
        out["actors"].extend(
            {"doc": d.id, "position": i, "name": a.get("name"), "kb_id": a.get("id"), "type": a.get("type"),
             "country": a.get("country"), "sector": a.get("sector"), "role": a.get("role"),
             "mentions": list(a.get("mentions") or [])}
            for i, a in enumerate(res.actors))
    return out
