"""Sub-commands ``chronique timeline``, ``chronique export`` and ``chronique cluster`` (registered through
cli.EXTENSIONS)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from chronique.cli import DEFAULT_DB, EXIT_FATAL, EXIT_OK, add_query_args, event_filter
from chronique.outputs.export import FORMATS, LEVELS


def register(sub) -> None:
    """Add ``timeline``, ``export`` and ``cluster`` to the main parser's sub-commands."""
    p = sub.add_parser("timeline", help="dated chronology of real-world events (clusters)")
    add_query_args(p)
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("export", help="export clusters or events: PLOVER JSON, CAMEO-style TSV, CSV, Parquet")
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--level", default="clusters", choices=LEVELS,
                   help="clusters: one record per real-world event (default); events: one per report")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("cluster", help="bring cross-document clusters up to date (extract does it after writing)")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--full", action="store_true",
                   help="recompute over the whole store instead of only the documents never clustered")
    p.set_defaults(func=cmd_cluster)


def _open(db: str):
    from chronique.store.db import Store

    if not Path(db).exists():
        print(f"chronique: {db}: no such store; run 'chronique extract' first", file=sys.stderr)
        return None
    return Store(db, read_only=True)


def cmd_timeline(a: argparse.Namespace) -> int:
    from chronique.outputs.timeline import render, timeline

    f = event_filter(a)
    store = _open(a.db)
    if store is None:
        return EXIT_FATAL
    with store:
        entries = timeline(store, f, limit=a.limit)
    if a.json:
        for e in entries:
            print(json.dumps(e.to_json(), ensure_ascii=False))
    else:
        print(render(entries))
        print(f"\n{len(entries)} events")
    return EXIT_OK


def cmd_export(a: argparse.Namespace) -> int:
    from chronique.outputs.export import export

    store = _open(a.db)
    if store is None:
        return EXIT_FATAL
    with store:
        n = export(store, a.format, a.out, a.level)
    print(f"chronique: {n} {a.level} -> {a.out} ({a.format})", file=sys.stderr)
    return EXIT_OK


def cmd_cluster(a: argparse.Namespace) -> int:
    from chronique.dedup.index import assign_clusters
    from chronique.store.db import Store

    if not Path(a.db).exists():
        print(f"chronique: {a.db}: no such store; run 'chronique extract' first", file=sys.stderr)
        return EXIT_FATAL
    with Store(a.db) as store:
        r = assign_clusters(store, None if a.full else ())
    print(f"chronique: {'full' if r.full else 'incremental'} clustering: {r.mentions} event lines, {r.merged} "
          f"merged events, {r.clusters} clusters ({r.multi_document} across documents) -> {a.db}", file=sys.stderr)
    return EXIT_OK
