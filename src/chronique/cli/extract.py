"""``chronique extract`` (articles into the store and JSON Lines) and ``chronique eval`` (a gold folder, scored)."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from chronique.cli.common import (DEFAULT_DB, EXIT_FATAL, EXIT_OK, EXIT_PARTIAL, add_inputs, limits, positive_int,
                                  report_errors)
from chronique.model import BATCH_SIZE
from chronique.scale.engine import ENGINES, ExtractOptions


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``extract`` and ``eval``."""
    p = sub.add_parser("extract", help="extract events from articles into the store (and JSONL files)")
    add_inputs(p)
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB store to write, created if missing (default: {DEFAULT_DB})")
    p.add_argument("--out", help="write the run's events as JSON Lines, one event per line (fields: README.md)")
    p.add_argument("--timex-out", help="write time expressions as JSON Lines")
    p.add_argument("--batch-size", type=positive_int, default=BATCH_SIZE,
                   help=f"documents parsed and stored together (memory grows with it; default: {BATCH_SIZE})")
    p.add_argument("--processes", type=positive_int, default=1,
                   help="worker processes on this machine, one spaCy model each (default: 1)")
    p.add_argument("--force", action="store_true", help="re-extract documents already stored")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")
    p.add_argument("--verbose", action="store_true", help="with --engine ray: keep Ray's own start-up notices")
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="local: this machine, --processes N worker processes; ray: Ray Data, one spaCy model "
                        "per actor, --processes N actors (default: every CPU of the cluster)")
    p.add_argument("--address", help="Ray cluster to join (e.g. ray://head:10001 or auto); default: a local Ray")
    p.add_argument("--parquet", type=Path,
                   help="with --engine ray: the Parquet directory written, then loaded into --db (default: DB.parquet)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("eval", help="extract a gold folder and score it with ../shared/eval/score.py (events, time "
                                    "expressions) and its actors.jsonl (actor country accuracy, person linking)")
    p.add_argument("gold", type=Path, help="gold folder: the .txt articles and their docs.jsonl")
    p.add_argument("--scorer", type=Path, help="path to score.py (default: GOLD/../../eval/score.py)")
    p.add_argument("--json", action="store_true", help="the scorer's report as JSON")
    p.set_defaults(func=cmd_eval)


def options(a: argparse.Namespace) -> ExtractOptions:
    """The engine's options from the ``extract`` arguments."""
    return ExtractOptions(db=a.db, meta=a.meta, published=a.published, out=a.out, timex_out=a.timex_out,
                          batch_size=a.batch_size, processes=a.processes, force=a.force, quiet=a.quiet,
                          verbose=a.verbose, engine=a.engine, address=a.address,
                          parquet=a.parquet, kb_extra=tuple(a.kb_extra))


def cmd_extract(a: argparse.Namespace) -> int:
    """Run the engine; list rejected inputs; sum up unless quiet."""
    return extract_and_report(a.paths, limits(a), options(a))


def extract_and_report(paths: list[str], input_limits, opts: ExtractOptions) -> int:
    """Run the engine and tell the user what it did; the exit code says whether inputs were rejected."""
    from chronique.scale.engine import extract

    report = extract(paths, input_limits, opts)
    report_errors(report.errors)
    if not opts.quiet:
        print(f"chronique: {len(report.processed)} documents extracted, {len(report.skipped)} already stored, "
              f"{report.events} events, {len(report.errors)} inputs rejected -> {opts.db}", file=sys.stderr)
    return EXIT_PARTIAL if report.errors else EXIT_OK


def cmd_eval(a: argparse.Namespace) -> int:
    """Extract the gold folder's articles into a temporary store, run the scorer on the outputs, and score
    the store's actors against the folder's ``actors.jsonl`` when there is one (``actors.score``)."""
    from chronique.ingest.limits import Limits

    scorer = a.scorer or a.gold.resolve().parent.parent / "eval" / "score.py"
    if not scorer.exists():
        print(f"chronique: scorer not found at {scorer} (use --scorer)", file=sys.stderr)
        return EXIT_FATAL
    texts = sorted(str(p) for p in a.gold.glob("*.txt"))
    if not texts:
        print(f"chronique: {a.gold}: no .txt articles", file=sys.stderr)
        return EXIT_FATAL
    with tempfile.TemporaryDirectory() as tmp:
        ev, tx, db = Path(tmp, "events.jsonl"), Path(tmp, "timex.jsonl"), Path(tmp, "eval.duckdb")
        extract_and_report(texts, Limits(), ExtractOptions(db=db, meta=a.gold / "docs.jsonl",
                                                           out=ev, timex_out=tx, quiet=True))
        cmd = [sys.executable, str(scorer), str(a.gold), "--events", str(ev), "--timex", str(tx)]
        done = subprocess.run(cmd + (["--json"] if a.json else []), stdout=subprocess.PIPE, text=True)
        actors = actor_scores(a.gold / "actors.jsonl", db)
    if a.json:
        out = json.loads(done.stdout) if done.returncode == 0 else None
        print(done.stdout.rstrip() if out is None else json.dumps({**out, "actors": actors}))
    else:
        print(done.stdout.rstrip())
        if actors is not None:
            print("actors: country accuracy {country_accuracy} (of {n_country} gold actors found; found "
                  "{country_found}), person linking {person_linking} (of {n_person}; found {person_found})"
                  .format(**actors))
    return done.returncode


def actor_scores(gold: Path, db: Path) -> dict | None:
    """Country accuracy and person linking of the store's actors against gold ``actors.jsonl`` (None without it)."""
    from chronique.actors.score import score_actors
    from chronique.store.db import Store

    if not gold.exists():
        return None
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    with Store(db, read_only=True) as store:
        cur = store.con.execute("SELECT doc, name, country, mentions FROM actors")
        predicted = [dict(zip(("doc", "name", "country", "mentions"), r)) for r in cur.fetchall()]
    return score_actors(rows, predicted).summary()
