"""``chronique status`` and ``chronique documents``: what a store holds, what it needs, where articles came from."""
from __future__ import annotations

import argparse
import json
import sys

from chronique.cli.common import DEFAULT_DB, EXIT_FATAL, EXIT_OK, open_store


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``status`` and ``documents``."""
    p = sub.add_parser("status", help="what a store holds and whether it needs 'chronique cluster' or is served")
    p.add_argument("--db", default=DEFAULT_DB, help="DuckDB store")
    p.set_defaults(func=cmd_status)
    p = sub.add_parser("documents", help="stored articles: id, publication date and its basis, origin, events")
    p.add_argument("--db", default=DEFAULT_DB, help="DuckDB store")
    p.add_argument("--json", action="store_true", help="JSON Lines instead of a table")
    p.set_defaults(func=cmd_documents)


def cmd_status(a: argparse.Namespace) -> int:
    """Counts, dates by basis, documents never clustered (an interrupted run) and the server holding it."""
    from chronique.dedup.index.scope import pending_documents
    from chronique.store.served import server_of

    if server := server_of(a.db):
        print(f"{a.db}: held by 'chronique serve' (pid {server['pid']}) at {server['url']}; "
              f"{'extract sends new articles to it' if server['ingest'] else 'read-only: stop it to add articles'}")
        return EXIT_OK
    store = open_store(a.db)
    if store is None:
        return EXIT_FATAL
    with store:
        counts = store.counts()
        bases = store.con.execute("SELECT coalesce(published_basis, 'none'), count(*) FROM documents "
                                  "GROUP BY 1 ORDER BY 2 DESC").fetchall()
        pending = pending_documents(store)
    print(f"{a.db}: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
    print("publication dates by basis: " + (", ".join(f"{b} {n:,}" for b, n in bases) or "no documents"))
    if pending:
        print(f"needs clustering: {len(pending):,} documents were stored but not clustered (an interrupted run); "
              "run 'chronique cluster' (the next extract does it too)")
    else:
        print("clusters: up to date")
    return EXIT_OK


def cmd_documents(a: argparse.Namespace) -> int:
    """One line per stored article, so that an event's ``doc`` leads back to its file."""
    from chronique.outputs.text import table

    store = open_store(a.db)
    if store is None:
        return EXIT_FATAL
    with store:
        cur = store.con.execute("SELECT d.id, d.published, d.published_basis, d.origin, "
                                "(SELECT count(*) FROM events e WHERE e.doc = d.id) FROM documents d ORDER BY d.id")
        rows = cur.fetchall()
    if a.json:
        for i, p, b, o, n in rows:
            print(json.dumps({"id": i, "published": p.isoformat() if p else None, "published_basis": b,
                              "origin": o, "events": n}, ensure_ascii=False))
    else:
        print(table([(i, p.isoformat() if p else "", b or "", n, o or "") for i, p, b, o, n in rows],
                    ("id", "published", "basis", "events", "origin"), (28, 10, 9, 6, 60)))
        print(f"\n{len(rows)} documents", file=sys.stderr)
    return EXIT_OK
