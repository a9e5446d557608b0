"""What keeps the store current: ``GET /api/sources`` (followed feeds and folders, their status, when the
store last changed) and the follower ``chronique serve --watch`` runs in the server's own process.

DuckDB allows one writing process, so the follower shares the server's database through its own
connection and writes under the ingestion lock; its polling thread stops with the server.
"""
from __future__ import annotations

import threading
from typing import Any

import duckdb
from fastapi import APIRouter, Request

from chronique.store.db import Store
from chronique.watch import Follower, WatchOptions, source_status


def freshness(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """When a document was last stored, and every followed source with its state."""
    last = cur.execute("SELECT max(ingested_at) FROM documents").fetchone()[0]
    return {"last_updated": last, "sources": source_status(cur)}


def sources_router() -> APIRouter:
    r = APIRouter(prefix="/api")

    @r.get("/sources", tags=["sources"])
    def sources(request: Request) -> dict[str, Any]:
        """Followed sources (feed or folder, last check, last success, last document added, status, last error,
        documents and errors counted) and when the store was last updated."""
        cur = request.app.state.store.con.cursor()
        try:
            return freshness(cur)
        finally:
            cur.close()

    return r


class Background:
    """A follower polling in a daemon thread, over its own connection to the server's database."""

    def __init__(self, db: str, options: WatchOptions, lock: threading.Lock, nlp_factory=None):
        self.store = Store(db)  # same process, same file: DuckDB shares the database instance
        self.follower = Follower(self.store, options, nlp_factory=nlp_factory, lock=lock)
        self.thread = threading.Thread(target=self.follower.loop, name="chronique-watch", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the document in hand, then close the follower's connection."""
        self.follower.stop.set()
        self.thread.join(timeout)
        if not self.thread.is_alive():
            self.store.close()
