"""``chronique cluster``: bring cross-document clusters up to date (``extract`` and ``load`` do it themselves)."""
from __future__ import annotations

import argparse
import sys

from chronique.cli.common import DEFAULT_DB, EXIT_FATAL, EXIT_OK, open_store


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``cluster``."""
    p = sub.add_parser("cluster", aliases=["dedup"],
                       help="bring cross-document clusters up to date (extract does it after writing)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB store (default: {DEFAULT_DB})")
    p.add_argument("--full", action="store_true",
                   help="recompute over the whole store instead of only the documents never clustered")
    p.set_defaults(func=cmd_cluster)


def cmd_cluster(a: argparse.Namespace) -> int:
    """Incremental by default, over the whole store with ``--full``."""
    from chronique.dedup.index import assign_clusters

    store = open_store(a.db, read_only=False)
    if store is None:
        return EXIT_FATAL
    with store:
        r = assign_clusters(store, None if a.full else ())
    print(f"chronique: {'full' if r.full else 'incremental'} clustering: {r.mentions} event lines, {r.merged} "
          f"merged events, {r.clusters} clusters ({r.multi_document} across documents) -> {a.db}", file=sys.stderr)
    return EXIT_OK
