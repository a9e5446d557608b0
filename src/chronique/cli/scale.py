"""``chronique load``: bring the Parquet of an ``extract --engine ray`` run into a DuckDB store."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chronique.cli.common import DEFAULT_DB, EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``load``."""
    p = sub.add_parser("load", help="bring a Parquet directory (from 'extract --engine ray') into a DuckDB store")
    p.add_argument("parquet_dir", type=Path, help="the directory 'extract --engine ray' wrote (--parquet)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB store to load into (default: {DEFAULT_DB})")
    p.add_argument("--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=cmd_load)


def cmd_load(a: argparse.Namespace) -> int:
    """Load, then bring clusters up to date for the loaded documents, as ``extract`` does after writing."""
    from chronique.scale.engine import load_and_cluster

    counts = load_and_cluster(a.parquet_dir, a.db)
    if not a.quiet:
        print(f"chronique: loaded {counts['documents']} documents, {counts['events']} events, "
              f"{counts['timexes']} time expressions, {counts['errors']} errors -> {a.db}", file=sys.stderr)
    return EXIT_OK
