"""The ``chronique`` command line. Exit codes: 0 all good, 1 some inputs rejected, 2 usage, 3 fatal."""
from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from chronique import __version__

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3
DEFAULT_DB = "chronique.duckdb"
# Stage modules that add their own sub-commands: each has ``register(subparsers)``.
EXTENSIONS: tuple[str, ...] = ("chronique.serve.cli", "chronique.scale.cli", "chronique.dedup.cli",
                               "chronique.actors.cli")


def _positive_int(value: str) -> int:
    """argparse type for sizes: a positive integer, else a usage error (exit 2)."""
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number of bytes, got {value!r}")
    return n


def _add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", help="files, directories, globs, or - for standard input")
    p.add_argument("--meta", help="docs.jsonl with per-document metadata (id, published, source, url)")
    p.add_argument("--max-bytes", type=_positive_int, default=5_000_000, help="largest accepted document (bytes)")
    p.add_argument("--max-line-bytes", type=_positive_int, default=5_000_000, help="longest accepted JSON line (bytes)")
    p.add_argument("--no-language-check", action="store_true", help="do not skip non-French documents")
    p.add_argument("--kb-extra", action="append", default=[], metavar="YAML",
                   help="your own actors (people/organisations YAML, same schema as kb/); repeatable")


def add_query_args(p: argparse.ArgumentParser) -> None:
    """The store and the event filters every read command shares (``store.filters.EventFilter``)."""
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--actor", help="knowledge-base id, part of a participant's name or mention, or ISO country code")
    p.add_argument("--country", help="ISO 3166 alpha-3 code of a participant or of the place")
    p.add_argument("--type", dest="event_type", help="PLOVER type, e.g. CONSULT")
    p.add_argument("--since", help="YYYY[-MM[-DD]] or YYYY-Www, inclusive, at the precision given")
    p.add_argument("--until", help="YYYY[-MM[-DD]] or YYYY-Www, inclusive, at the precision given")
    p.add_argument("--limit", type=int)
    p.add_argument("--json", action="store_true", help="JSON Lines instead of a table")


def event_filter(a):
    """The ``EventFilter`` the query arguments ask for (ValueError on a malformed date)."""
    from chronique.store.filters import EventFilter

    return EventFilter(actor=a.actor, country=a.country, event_type=a.event_type, since=a.since, until=a.until)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="chronique", description="Political events (PLOVER) from French news.")
    ap.add_argument("--version", action="version", version=f"chronique {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract events from articles into the store (and JSONL files)")
    _add_inputs(p)
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--out", help="write events as JSON Lines (shared/eval/FORMAT.md)")
    p.add_argument("--timex-out", help="write time expressions as JSON Lines")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--processes", type=int, default=1, help="spaCy worker processes on this machine")
    p.add_argument("--force", action="store_true", help="re-extract documents already stored")
    p.add_argument("--quiet", action="store_true")
    importlib.import_module("chronique.scale.cli").add_engine_args(p)  # --engine, --address, --parquet
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("events", help="query stored events")
    add_query_args(p)
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("eval", help="extract a gold folder and score it with shared/eval/score.py")
    p.add_argument("gold", type=Path)
    p.add_argument("--scorer", type=Path, help="path to score.py (default: GOLD/../../eval/score.py)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("timex", help="print time expressions (JSON Lines)")
    _add_inputs(p)
    p.set_defaults(func=cmd_timex)

    p = sub.add_parser("actors", help="print resolved actors per document (JSON Lines)")
    _add_inputs(p)
    p.set_defaults(func=cmd_actors)
    for name in EXTENSIONS:
        importlib.import_module(name).register(sub)
    return ap


def _limits(a):
    from chronique.ingest.limits import Limits

    return Limits(max_bytes=a.max_bytes, max_line_bytes=a.max_line_bytes, check_language=not a.no_language_check)


def _items(a):
    from chronique.ingest import load_meta, read_sources

    return read_sources(a.paths, load_meta(a.meta), _limits(a))


def _report_errors(errors) -> None:
    for e in errors:
        print(f"chronique: skipped {e.origin}: {e.reason}", file=sys.stderr)


def cmd_extract(a) -> int:
    from chronique.dedup.index import assign_clusters
    from chronique.outputs.text import write_jsonl
    from chronique.scale.cli import run_extract
    from chronique.store.db import Store
    from chronique.store.filters import EventFilter

    with Store(a.db) as store:
        report = run_extract(a, store)  # local (--processes N) or Ray, with the progress bar
        assign_clusters(store, report.processed)  # only what the documents just written can affect
        ids = report.doc_ids
        if a.out:
            write_jsonl((e.to_json() for e in store.events(EventFilter(docs=tuple(ids)))), a.out)
        if a.timex_out:
            write_jsonl(store.timexes(ids), a.timex_out)
    _report_errors(report.errors)
    if not a.quiet:
        print(f"chronique: {len(report.processed)} documents extracted, {len(report.skipped)} already stored, "
              f"{report.events} events, {len(report.errors)} inputs rejected -> {a.db}", file=sys.stderr)
    return EXIT_PARTIAL if report.errors else EXIT_OK


def cmd_events(a) -> int:
    from chronique.outputs.text import events_table, write_jsonl
    from chronique.store.db import Store

    f = event_filter(a)
    if not Path(a.db).exists():
        print(f"chronique: {a.db}: no such store; run 'chronique extract' first", file=sys.stderr)
        return EXIT_FATAL
    with Store(a.db, read_only=True) as store:
        events = store.events(f, limit=a.limit)
    if a.json:
        write_jsonl((e.to_json() for e in events), None, sys.stdout)
    else:
        print(events_table(events))
        print(f"\n{len(events)} events")
    return EXIT_OK


def cmd_eval(a) -> int:
    scorer = a.scorer or a.gold.resolve().parent.parent / "eval" / "score.py"
    if not scorer.exists():
        print(f"chronique: scorer not found at {scorer} (use --scorer)", file=sys.stderr)
        return EXIT_FATAL
    texts = sorted(str(p) for p in a.gold.glob("*.txt"))
    if not texts:
        print(f"chronique: {a.gold}: no .txt articles", file=sys.stderr)
        return EXIT_FATAL
    with tempfile.TemporaryDirectory() as tmp:
        ev, tx = Path(tmp, "events.jsonl"), Path(tmp, "timex.jsonl")
        args = build_parser().parse_args(["extract", *texts, "--meta", str(a.gold / "docs.jsonl"),
                                          "--db", str(Path(tmp, "eval.duckdb")), "--out", str(ev),
                                          "--timex-out", str(tx), "--quiet"])
        cmd_extract(args)
        cmd = [sys.executable, str(scorer), str(a.gold), "--events", str(ev), "--timex", str(tx)]
        return subprocess.call(cmd + (["--json"] if a.json else []))


def _parsed_docs(a):
    """(Document, spaCy Doc) pairs for the read-only commands; errors reported as they come."""
    from chronique.model import InputError
    from chronique.nlp import load_nlp
    from chronique.pipeline import with_published

    nlp = load_nlp()
    errors = []
    docs = []
    for item in _items(a):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            docs.append(with_published(item))
    _report_errors(errors)
    return zip(docs, nlp.pipe(d.text for d in docs)), errors


def cmd_timex(a) -> int:
    from chronique.outputs.text import write_jsonl
    from chronique.time import tag

    pairs, errors = _parsed_docs(a)
    for doc, sdoc in pairs:
        write_jsonl((t.to_json() for t in tag(doc.text, doc.published, doc.id, sdoc)), None, sys.stdout)
    return EXIT_PARTIAL if errors else EXIT_OK


def cmd_actors(a) -> int:
    from chronique.actors import actors_rows, default_kb, resolve_mentions
    from chronique.outputs.text import write_jsonl

    pairs, errors = _parsed_docs(a)
    for doc, sdoc in pairs:
        write_jsonl(actors_rows(doc.id, resolve_mentions(sdoc, doc.published, default_kb())), None, sys.stdout)
    return EXIT_PARTIAL if errors else EXIT_OK


def _use_kb_extra(paths: list[str]) -> None:
    """Extra actor files reach every stage (and worker process) through CHRONIQUE_KB_EXTRA."""
    if paths:
        os.environ["CHRONIQUE_KB_EXTRA"] = os.pathsep.join(
            [p for p in os.environ.get("CHRONIQUE_KB_EXTRA", "").split(os.pathsep) if p] + paths)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _use_kb_extra(getattr(args, "kb_extra", []))
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("chronique: interrupted; stored batches are kept, run again to resume", file=sys.stderr)
        return EXIT_FATAL
    except (OSError, ValueError, RuntimeError) as exc:
        print(f"chronique: error: {exc}", file=sys.stderr)
        return EXIT_FATAL


if __name__ == "__main__":
    sys.exit(main())
