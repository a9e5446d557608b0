"""The follower's state in the store: sources (validators, last update, failures) and the entries handled.

An entry is marked only after its document is stored and clustered, so a killed follower fetches it again
and finds it already stored: the store ends as an uninterrupted run leaves it.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from chronique.model import InputError

SCHEMA = (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")
SOURCE_FIELDS = ("kind", "title", "etag", "last_modified", "last_checked", "last_success", "last_added",
                 "status", "last_error", "failures")


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA)


def source(con: duckdb.DuckDBPyConnection, name: str) -> dict:
    """The stored state of a source ({} before its first pass)."""
    cur = con.execute("SELECT * FROM watch_sources WHERE source = ?", [name])
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row else {}


def save_source(con: duckdb.DuckDBPyConnection, name: str, **values) -> None:
    """Upsert the given fields of a source's state."""
    cols = [c for c in SOURCE_FIELDS if c in values]
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols)
    con.execute(f"INSERT INTO watch_sources (source, {', '.join(cols)}) VALUES (?{', ?' * len(cols)}) "
                f"ON CONFLICT (source) DO UPDATE SET {sets}", [name, *(values[c] for c in cols)])


def entry(con: duckdb.DuckDBPyConnection, key: str) -> dict:
    """What is known of an article (from any source), stored ones first; {} when never seen."""
    cur = con.execute("SELECT stamp, doc, status, reason, attempts, seen_at FROM watch_entries WHERE key = ? "
                      "ORDER BY status = 'failed', seen_at LIMIT 1", [key])
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row else {}


def retries_due(con: duckdb.DuckDBPyConnection, src: str, before: dt.datetime, max_attempts: int) -> int:
    """How many of the source's failed entries are due for another attempt."""
    return con.execute("SELECT count(*) FROM watch_entries WHERE source = ? AND status = 'failed' AND seen_at <= ? "
                       "AND attempts < ?", [src, before, max_attempts]).fetchone()[0]


def replaced(con: duckdb.DuckDBPyConnection, src: str, key: str, docs: set[str]) -> str | None:
    """The document a key (a changed file) stored before and no longer yields, if no other entry holds it."""
    row = con.execute("SELECT doc FROM watch_entries WHERE source = ? AND key = ? AND status = 'stored'",
                      [src, key]).fetchone()
    if not row or row[0] in docs:
        return None
    others = con.execute("SELECT count(*) FROM watch_entries WHERE doc = ? AND NOT (source = ? AND key = ?)",
                         [row[0], src, key]).fetchone()[0]
    return None if others else row[0]


def retire(con: duckdb.DuckDBPyConnection, docs: list[str]) -> None:
    """Remove replaced documents and their rows, in one transaction (clusters are updated by the caller)."""
    if not docs:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        for table, col in (("participants", "doc"), ("events", "doc"), ("timexes", "doc"), ("actors", "doc"),
                           ("documents", "id")):
            con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT unnest(?::VARCHAR[]))", [docs])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def copy_of(con: duckdb.DuckDBPyConnection, content_hash: str, doc: str) -> str | None:
    """A stored document with this exact text under another id (a syndicated copy), or None."""
    row = con.execute("SELECT id FROM documents WHERE content_hash = ? AND id <> ? ORDER BY id LIMIT 1",
                      [content_hash, doc]).fetchone()
    return row[0] if row else None


def mark(con: duckdb.DuckDBPyConnection, src: str, rows: list[tuple[str, str, str | None, str]],
         failure: InputError | None = None) -> None:
    """Record entries (key, stamp, doc, status) as handled, and a failure, in one transaction.

    A failure's error row is written when the entry fails for the first time or for a new reason, so a
    source retried pass after pass does not fill ``errors`` with the same line.
    """
    now = dt.datetime.now()
    con.execute("BEGIN TRANSACTION")
    try:
        for key, stamp, doc, status in rows:
            reason = failure.reason if failure else None
            before = con.execute("SELECT reason FROM watch_entries WHERE source = ? AND key = ?", [src, key]).fetchone()
            if failure and (before is None or before[0] != reason):
                record_error(con, src, failure)
            con.execute("INSERT INTO watch_entries (source, key, stamp, doc, status, reason, attempts, seen_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, key) DO UPDATE SET stamp = excluded.stamp, "
                        "doc = excluded.doc, status = excluded.status, reason = excluded.reason, "
                        "attempts = CASE WHEN excluded.status = 'failed' THEN watch_entries.attempts + 1 ELSE 0 END, "
                        "seen_at = excluded.seen_at", [src, key, stamp, doc, status, reason, int(bool(failure)), now])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def record_error(con: duckdb.DuckDBPyConnection, src: str, failure: InputError) -> None:
    con.execute("INSERT INTO errors (origin, reason, kind, source) VALUES (?, ?, ?, ?)",
                [failure.origin, failure.reason, failure.kind, src])


def source_status(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every followed source with its state, its documents and its errors (for the API and the page)."""
    if not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'watch_sources'").fetchone()[0]:
        return []
    cur = con.execute(
        "SELECT s.*, (SELECT count(DISTINCT doc) FROM watch_entries e WHERE e.source = s.source AND e.status = 'stored') "
        "AS documents, (SELECT count(*) FROM errors r WHERE r.source = s.source) AS errors "
        "FROM watch_sources s ORDER BY s.source")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]
