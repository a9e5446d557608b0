"""What the commands share: exit codes, the default store, the input and query arguments and their readers."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3
DEFAULT_DB = "chronique.duckdb"


def positive_int(value: str) -> int:
    """argparse type for sizes and counts: a positive integer, else a usage error (exit 2)."""
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return n


def publication_date(value: str) -> str:
    """argparse type for ``--published``: a real date YYYY-MM-DD, else a usage error (exit 2)."""
    from chronique.ingest.meta import MetaError, parse_date

    try:
        return parse_date(value, "--published").isoformat()
    except MetaError as exc:
        raise argparse.ArgumentTypeError(str(exc).replace("'published' ", "")) from exc


def add_inputs(p: argparse.ArgumentParser) -> None:
    """The inputs of every command that reads articles: paths, metadata, limits, extra actors."""
    p.add_argument("paths", nargs="+", help="files, directories, globs, or - for standard input")
    p.add_argument("--meta", help="docs.jsonl with per-document metadata (id, published, source, url)")
    p.add_argument("--published", metavar="DATE", type=publication_date,
                   help="publication date YYYY-MM-DD of every document whose source gives none "
                        "(stored with basis 'run'; without it the date is inferred, with its basis)")
    p.add_argument("--max-bytes", type=positive_int, default=5_000_000, help="largest accepted document (bytes)")
    p.add_argument("--max-line-bytes", type=positive_int, default=5_000_000, help="longest accepted JSON line (bytes)")
    p.add_argument("--no-language-check", action="store_true", help="do not skip non-French documents")
    p.add_argument("--kb-extra", action="append", default=[], metavar="YAML",
                   help="your own actors (people/organisations YAML, same schema as kb/); repeatable")


def limits(a: argparse.Namespace):
    """The ``Limits`` the input arguments ask for."""
    from chronique.ingest.limits import Limits

    return Limits(max_bytes=a.max_bytes, max_line_bytes=a.max_line_bytes, check_language=not a.no_language_check)


def items(a: argparse.Namespace):
    """The documents (and rejected inputs) the input arguments name, streamed; bad --meta lines first."""
    from chronique.ingest import load_meta, read_sources

    meta = load_meta(a.meta, a.published)
    yield from meta.errors
    yield from read_sources(a.paths, meta, limits(a))


def report_errors(errors) -> None:
    """One stderr line per rejected input: which one, and why."""
    for e in errors:
        print(f"chronique: skipped {e.origin}: {e.reason}", file=sys.stderr)


def add_query_args(p: argparse.ArgumentParser) -> None:
    """The store and the event filters every read command shares (``store.filters.EventFilter``, as the API)."""
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB store to read (default: {DEFAULT_DB})")
    p.add_argument("--actor", help="knowledge-base id, part of a participant's name or mention, or ISO country code")
    p.add_argument("--role", help="with --actor: only where it is the actor or the recipient")
    p.add_argument("--country", help="ISO 3166 alpha-3 code of a participant or of the place")
    p.add_argument("--type", dest="event_type", help="PLOVER type, e.g. CONSULT")
    p.add_argument("--quad", help="PLOVER quad: verbal-cooperation, material-cooperation, verbal-conflict, "
                                  "material-conflict")
    p.add_argument("--aux", help="modality: none, historical, future, hypothetical, negated")
    p.add_argument("--since", help="YYYY[-MM[-DD]] or YYYY-Www, inclusive, at the precision given")
    p.add_argument("--until", help="YYYY[-MM[-DD]] or YYYY-Www, inclusive, at the precision given")
    p.add_argument("-q", help="free text in the sentence, trigger, participants or title")
    p.add_argument("--limit", type=positive_int, help="at most this many rows")
    p.add_argument("--json", action="store_true", help="JSON Lines instead of a table")


def event_filter(a: argparse.Namespace):
    """The ``EventFilter`` the query arguments ask for, or None after printing why it is refused (exit 2)."""
    from chronique.store.filters import EventFilter, FilterError

    try:
        return EventFilter(actor=a.actor, role=a.role, country=a.country, event_type=a.event_type, quad=a.quad,
                           aux=a.aux, since=a.since, until=a.until, q=a.q)
    except FilterError as exc:
        print(f"chronique {a.command}: {exc}", file=sys.stderr)
        return None


def open_store(db: str, read_only: bool = True):
    """The store at ``db``, or None (with a message) when there is none yet."""
    from chronique.store.db import Store

    if not Path(db).exists():
        print(f"chronique: {db}: no such store; run 'chronique extract' first", file=sys.stderr)
        return None
    return Store(db, read_only=read_only)
