"""Partitioned Parquet with the store's table layout: written by Ray workers, loaded into DuckDB.

A Parquet directory holds one sub-directory per store table (``documents/``, ``events/``,
``participants/``, ``timexes/``, ``actors/``, ``errors/``), Hive-partitioned by extraction run
(``events/run=20260101T120000123456/part-*.parquet``), with the very column names and types of
``store/schema.sql`` (derived from it, so the two never drift). DuckDB reads it with
``read_parquet('DIR/events/*/*.parquet', hive_partitioning = true)``, Spark with
``spark.read.parquet('DIR/events')``, pandas with ``pd.read_parquet('DIR/events')``.

Part files are named by a hash of the documents they hold, so a retried Ray task overwrites
its own file instead of adding a duplicate. A document re-extracted by a later run (new text or
new pipeline version) appears in two runs: ``load`` keeps, per document, the rows of its latest
run only, and de-duplicates on the table keys.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from chronique.model import DocResult, InputError
from chronique.store.db import SCHEMA, Store, result_rows

# Store tables written to Parquet, with the key a re-loaded row replaces on.
TABLE_KEYS: dict[str, str] = {
    "documents": "id",
    "events": "id",
    "participants": "event_id, role, position",
    "timexes": "doc, start_char, end_char",
    "actors": "doc, position",
}
# Tables whose rows belong to a document (deleted before re-insertion), and by which column.
DOC_COLUMN = {"documents": "id", "events": "doc", "participants": "doc", "timexes": "doc", "actors": "doc"}
TABLES = (*TABLE_KEYS, "errors")


@lru_cache(maxsize=1)
def table_schemas() -> dict[str, pa.Schema]:
    """Arrow schema per table from schema.sql, without the columns DuckDB fills by default."""
    con = duckdb.connect(":memory:")
    con.execute(SCHEMA)
    defaults = {(t, c) for t, c in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE column_default IS NOT NULL").fetchall()}
    out = {}
    for table in TABLES:
        schema = con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
        out[table] = pa.schema([f for f in schema if (table, f.name) not in defaults])
    con.close()
    return out


def result_tables(results: list[DocResult], errors: list[InputError], version: str) -> dict[str, pa.Table]:
    """The store rows of these results as Arrow tables with the store's schema (empty ones left out)."""
    rows = result_rows(results, version)
    rows["errors"] = [e.to_row() for e in errors]
    schemas = table_schemas()
    return {t: pa.Table.from_pylist(r, schema=schemas[t]) for t, r in rows.items() if r and t in schemas}


def new_run_id() -> str:
    """A sortable id for one extraction run (UTC time to the microsecond): later runs sort last."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")


def part_name(results: list[DocResult], errors: list[InputError]) -> str:
    """A file name that depends only on what the part holds: a retry rewrites the same file."""
    h = hashlib.sha256()
    for key in [r.document.id for r in results] + [e.origin for e in errors]:
        h.update(key.encode("utf-8") + b"\0")
    return f"part-{h.hexdigest()[:20]}.parquet"


def write_parts(out_dir: str | Path, run_id: str, results: list[DocResult], errors: list[InputError],
                version: str) -> list[Path]:
    """Write one part file per non-empty table under ``out_dir/<table>/run=<run_id>/``; return the paths."""
    name, written = part_name(results, errors), []
    for table, arrow in result_tables(results, errors, version).items():
        path = Path(out_dir, table, f"run={run_id}", name)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        pq.write_table(arrow, tmp, compression="zstd")
        tmp.replace(path)  # atomic: a reader never sees half a file
        written.append(path)
    return written


def _source(parquet_dir: Path, table: str) -> str | None:
    """A DuckDB table expression over a table's part files (with its ``run`` column), or None if none."""
    d = parquet_dir / table
    if not any(d.glob("run=*/*.parquet")):
        return None
    glob = str(d / "run=*" / "*.parquet").replace("'", "''")
    return f"read_parquet('{glob}', hive_partitioning = true, hive_types = {{'run': VARCHAR}}, union_by_name = true)"


def stored_keys(parquet_dir: str | Path) -> dict[str, tuple[str, str]]:
    """doc id -> (content hash, pipeline version) of each document's latest run in a Parquet directory."""
    src = _source(Path(parquet_dir), "documents")
    if src is None:
        return {}
    rows = duckdb.sql(f"SELECT DISTINCT ON (id) id, content_hash, version FROM {src} ORDER BY id, run DESC").fetchall()
    return {i: (h, v) for i, h, v in rows}


def clear(parquet_dir: str | Path) -> int:
    """Delete the part files chronique wrote in a Parquet directory (``--force``); return how many."""
    parts = [p for t in TABLES for p in Path(parquet_dir, t).glob("run=*/part-*.parquet")]
    for p in parts:
        p.unlink()
    return len(parts)


def load(parquet_dir: str | Path, db: str | Path) -> dict[str, int]:
    """Bring a Parquet directory into the DuckDB store file ``db``; rows loaded per table."""
    with Store(db) as store:
        return load_into(store.con, parquet_dir)


def load_into(con: duckdb.DuckDBPyConnection, parquet_dir: str | Path) -> dict[str, int]:
    """Load into an open store, replacing the rows of the documents the directory holds.

    One transaction: the store is either fully updated or unchanged.
    """
    parquet_dir = Path(parquet_dir)
    if not parquet_dir.is_dir():
        raise ValueError(f"{parquet_dir}: no such Parquet directory")
    sources = {t: _source(parquet_dir, t) for t in TABLES}
    con.execute("BEGIN TRANSACTION")
    try:
        counts = _load_tables(con, sources)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return counts


def _load_tables(con: duckdb.DuckDBPyConnection, sources: dict[str, str | None]) -> dict[str, int]:
    """Delete the rows of the incoming documents, then insert each table's rows of each document's latest
    run. A document the store already holds with the same content hash and pipeline version is left
    alone: its rows, and the clusters computed over them, stay as they are."""
    if sources["documents"] is None:  # only rejected inputs: no document rows can belong anywhere
        sources = {t: (src if t == "errors" else None) for t, src in sources.items()}
    else:
        src = sources["documents"]
        con.execute(f"CREATE OR REPLACE TEMP TABLE _latest AS "
                    f"SELECT DISTINCT d.id, d.run FROM (SELECT id, max(run) AS run FROM {src} GROUP BY id) l "
                    f"JOIN {src} d ON d.id = l.id AND d.run = l.run "
                    f"WHERE NOT EXISTS (SELECT 1 FROM documents s WHERE s.id = d.id "
                    f"AND s.content_hash = d.content_hash AND s.version = d.version)")
        for table in ("participants", "events", "timexes", "actors", "documents"):
            con.execute(f"DELETE FROM {table} WHERE {DOC_COLUMN[table]} IN (SELECT id FROM _latest)")
    schemas, counts = table_schemas(), {}
    for table in TABLES:
        counts[table] = _insert(con, table, sources[table], schemas[table].names) if sources[table] else 0
    return counts


def _insert(con: duckdb.DuckDBPyConnection, table: str, source: str, names: list[str]) -> int:
    """INSERT ... SELECT from Parquet: latest run per document, one row per key."""
    cols = ", ".join(f'p."{c}"' for c in names)
    target = ", ".join(f'"{c}"' for c in names)
    if table not in TABLE_KEYS:  # errors: no document, no key; loading twice must not repeat them
        return con.execute(f"INSERT INTO {table} ({target}) SELECT DISTINCT {cols} FROM {source} p WHERE NOT EXISTS "
                           f"(SELECT 1 FROM {table} e WHERE e.origin = p.origin AND e.reason = p.reason)").fetchone()[0]
    keys = ", ".join(f"p.{k.strip()}" for k in TABLE_KEYS[table].split(","))
    sql = (f"INSERT INTO {table} ({target}) SELECT DISTINCT ON ({keys}) {cols} FROM {source} p "
           f"JOIN _latest l ON p.{DOC_COLUMN[table]} = l.id AND p.run = l.run")
    return con.execute(sql).fetchone()[0]
