"""``chronique watch`` (follow feeds and folders into the store) and ``chronique errors`` (what was refused, and why)."""
from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import threading

from chronique.cli.common import DEFAULT_DB, EXIT_FATAL, EXIT_OK, EXIT_PARTIAL, open_store, positive_int

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def pause(value: str) -> float:
    """argparse type: ``0``, ``90``, ``0.5s``, ``15m``, ``2h``, ``1d`` -> seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value)
    if not m:
        raise argparse.ArgumentTypeError(f"expected a duration such as 90s, 15m or 2h, got {value!r}")
    return float(m.group(1)) * UNITS[m.group(2) or "s"]


def duration(value: str) -> float:
    """argparse type: a positive ``pause``."""
    seconds = pause(value)
    if seconds <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive duration such as 90s, 15m or 2h, got {value!r}")
    return seconds


def add_watch_args(p: argparse.ArgumentParser) -> None:
    """How to follow: interval and politeness (shared by ``watch`` and ``serve --watch``)."""
    p.add_argument("--every", type=duration, default=900.0, help="time between passes (default 15m)")
    p.add_argument("--delay", type=pause, default=2.0, help="minimum time between two requests to one host (2s)")
    p.add_argument("--timeout", type=duration, default=20.0, help="per request (20s)")
    p.add_argument("--max-bytes", type=positive_int, default=5_000_000, help="largest page or feed read")
    p.add_argument("--user-agent", help="User-Agent sent (default: chronique/VERSION ...; add a contact, e.g. +mailto:you@example.org)")
    p.add_argument("--no-language-check", action="store_true", help="do not skip non-French articles")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``watch`` and ``errors``."""
    p = sub.add_parser("watch", help="follow RSS/Atom/JSON feeds and folders, keeping the store current")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="feed URL (http/https) or folder")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB store (default: {DEFAULT_DB})")
    p.add_argument("--once", action="store_true", help="one pass, then exit (for cron or a systemd timer)")
    p.add_argument("--batch-size", type=int, default=8, help="documents written per transaction")
    p.add_argument("--quiet", action="store_true", help="print only failures and the final summary")
    add_watch_args(p)
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("errors", help="inputs, pages and feeds that were refused, with the reason")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB store (default: {DEFAULT_DB})")
    p.add_argument("--source", help="only this followed source")
    p.add_argument("--kind", help="only this kind (network, http, limit, format, language, robots, ...)")
    p.add_argument("--limit", type=int, default=50, help="most recent N (default 50)")
    p.add_argument("--json", action="store_true", help="JSON Lines instead of a table")
    p.set_defaults(func=cmd_errors)


def watch_options(a: argparse.Namespace, sources: list[str]):
    """The follower's options from the arguments."""
    from chronique.ingest.limits import Limits
    from chronique.watch import WatchOptions
    from chronique.watch.fetch import USER_AGENT, Politeness

    polite = Politeness(user_agent=a.user_agent or USER_AGENT, delay=a.delay, timeout=a.timeout, max_bytes=a.max_bytes)
    limits = Limits(max_bytes=a.max_bytes, check_language=not a.no_language_check)
    return WatchOptions(tuple(sources), every=a.every, politeness=polite, limits=limits,
                        batch_size=getattr(a, "batch_size", 8))


def cmd_watch(a: argparse.Namespace) -> int:
    """One pass (``--once``) or a pass every ``--every`` until Ctrl-C (the document in hand is finished first)."""
    from chronique.store.db import Store
    from chronique.watch import Follower

    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: (stop.set(), print("chronique watch: stopping after the document in hand "
                                                               "(Ctrl-C again to abandon it)", file=sys.stderr),
                                             signal.signal(signal.SIGINT, signal.default_int_handler)))
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    failures = 0
    with Store(a.db) as store:
        follower = Follower(store, watch_options(a, a.sources), stop=stop)

        def show(n: int, report) -> None:
            nonlocal failures
            failures += len(report.failed)
            if not a.quiet:
                print(f"chronique watch: pass {n}: {report.line()} -> {a.db}", file=sys.stderr)
            if a.once:
                stop.set()

        follower.loop(show)
    return EXIT_PARTIAL if failures and a.once else EXIT_OK


def cmd_errors(a: argparse.Namespace) -> int:
    """The most recent refusals, newest first, as a table or JSON Lines."""
    store = open_store(a.db)
    if store is None:
        return EXIT_FATAL
    with store:
        rows = recent_errors(store.con, a.source, a.kind, a.limit)
    for r in rows:
        if a.json:
            print(json.dumps({**r, "logged_at": str(r["logged_at"])}, ensure_ascii=False))
        else:
            print(f"{str(r['logged_at'])[:19]}  {r['kind'] or '':<9} {r['origin']}: {r['reason']}"
                  + (f"  [{r['source']}]" if r.get("source") else ""))
    return EXIT_OK


def recent_errors(con, source: str | None, kind: str | None, limit: int) -> list[dict]:
    cols = [c[0] for c in con.execute("DESCRIBE errors").fetchall()]
    src = "source" if "source" in cols else "NULL AS source"
    where, params = ["TRUE"], []
    if source:
        where.append("source = ?" if "source" in cols else "FALSE")
        params += [source] if "source" in cols else []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    cur = con.execute(f"SELECT logged_at, kind, origin, reason, {src} FROM errors WHERE {' AND '.join(where)} "
                      f"ORDER BY logged_at DESC LIMIT {int(limit)}", params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]
