"""``chronique serve``: the REST API and the web page over a store (localhost unless a token is set).

While it runs, ``STORE.serve.json`` says where (``store.served``): ``chronique extract --db STORE`` then
sends its articles to this server instead of failing on DuckDB's lock.
"""
from __future__ import annotations

import argparse
import os
import sys

from chronique.cli.common import DEFAULT_DB, EXIT_FATAL, EXIT_OK, EXIT_USAGE
from chronique.cli.watch import add_watch_args, watch_options


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``serve``."""
    p = sub.add_parser("serve", help="REST API and web page (timeline, actor network, evidence)")
    p.add_argument("--db", default=DEFAULT_DB, help="DuckDB store (created if missing)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (beyond localhost a token is required)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p.add_argument("--token", help="bearer token required to POST articles (default: $CHRONIQUE_TOKEN)")
    p.add_argument("--read-only", action="store_true", help="open the store read-only; no ingestion")
    p.add_argument("--max-body", type=int, default=2_000_000, help="largest accepted request body (bytes)")
    p.add_argument("--watch", nargs="+", metavar="SOURCE", default=[],
                   help="follow these feeds or folders in the server's process (see 'chronique watch')")
    add_watch_args(p)
    p.set_defaults(func=cmd_serve)


def cmd_serve(a: argparse.Namespace) -> int:
    """Build the app (checking the token rule) and run it with uvicorn until interrupted."""
    import uvicorn

    from chronique.serve.app import Settings, create_app
    from chronique.serve.guard import ConfigError
    from chronique.store.db import StoreError
    from chronique.store.served import announce, withdraw

    token = a.token or os.environ.get("CHRONIQUE_TOKEN") or None
    settings = Settings(db=a.db, host=a.host, token=token, read_only=a.read_only, max_body=a.max_body,
                        watch=watch_options(a, a.watch) if a.watch else None)
    try:
        app = create_app(settings)
    except ConfigError as exc:
        print(f"chronique serve: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (StoreError, FileNotFoundError) as exc:
        print(f"chronique serve: {exc}", file=sys.stderr)
        return EXIT_FATAL
    print(f"chronique: serving {a.db} on http://{a.host}:{a.port}/ (API docs at /docs)", file=sys.stderr)
    local = "127.0.0.1" if a.host in ("0.0.0.0", "::", "") else a.host
    local = f"[{local}]" if ":" in local else local
    held = announce(a.db, f"http://{local}:{a.port}", not a.read_only, a.max_body)
    try:
        uvicorn.run(app, host=a.host, port=a.port, log_level="warning")
    except KeyboardInterrupt:  # uvicorn stops on SIGINT/SIGTERM, then re-raises the signal: a normal stop
        pass
    finally:
        withdraw(held)
    print(f"chronique: stopped serving {a.db}", file=sys.stderr)
    return EXIT_OK
