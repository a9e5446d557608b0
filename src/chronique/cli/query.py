"""``chronique events``, ``chronique timeline`` and ``chronique export``: reading the store back.

``events`` and ``timeline`` take the same filters (``common.add_query_args``), meaning what they mean in
the API (``store.filters``).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from chronique.cli.common import DEFAULT_DB, EXIT_FATAL, EXIT_OK, EXIT_USAGE, add_query_args, event_filter, open_store
from chronique.outputs.export import FORMATS, PER


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``events``, ``timeline`` and ``export``."""
    p = sub.add_parser("events", help="query stored events")
    add_query_args(p)
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("timeline", help="dated chronology of real-world events (clusters)")
    add_query_args(p)
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("export", help="export clusters or events: CSV, JSON Lines, Parquet, PLOVER JSON, CAMEO TSV")
    p.add_argument("--format", required=True, choices=FORMATS,
                   help="csv, jsonl, parquet: the columns of README.md 'Exports'; plover-json: PLOVER's field "
                        "names; cameo-tsv: GDELT-like columns")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB store to read (default: {DEFAULT_DB})")
    p.add_argument("--out", required=True, type=Path, help="file to write (replaced if it exists)")
    p.add_argument("--per", default="cluster", choices=PER,
                   help="cluster: one row per real-world event, its reports merged (default); event: one per report")
    p.set_defaults(func=cmd_export)


def _query(a: argparse.Namespace, fetch, show) -> int:
    """Run one filtered read of the store: ``fetch(store, filter)`` its rows, ``show`` them."""
    f = event_filter(a)
    if f is None:
        return EXIT_USAGE
    store = open_store(a.db)
    if store is None:
        return EXIT_FATAL
    with store:
        rows = fetch(store, f)
    show(rows)
    return EXIT_OK


def cmd_events(a: argparse.Namespace) -> int:
    """Stored events matching the filters, as a table or JSON Lines."""
    from chronique.outputs.text import events_table, write_jsonl

    def show(events) -> None:
        if a.json:
            write_jsonl((e.to_json() for e in events), None, sys.stdout)
        else:
            print(events_table(events))
            print(f"\n{len(events)} events")

    return _query(a, lambda store, f: store.events(f, limit=a.limit), show)


def cmd_timeline(a: argparse.Namespace) -> int:
    """The clusters of the events matching the filters, in date order."""
    from chronique.outputs.timeline import render, timeline

    def show(entries) -> None:
        if a.json:
            for e in entries:
                print(json.dumps(e.to_json(), ensure_ascii=False))
        else:
            print(render(entries))
            print(f"\n{len(entries)} events")

    return _query(a, lambda store, f: timeline(store, f, limit=a.limit), show)


def cmd_export(a: argparse.Namespace) -> int:
    """Every cluster or event of the store in one file."""
    from chronique.outputs.export import export

    store = open_store(a.db)
    if store is None:
        return EXIT_FATAL
    with store:
        n = export(store, a.format, a.out, a.per)
    print(f"chronique: {n} {a.per} rows -> {a.out} ({a.format})", file=sys.stderr)
    return EXIT_OK
