"""Scale options of ``chronique extract`` (engine, progress, processes) and the ``chronique load`` command.

``chronique.cli`` lists this module in ``EXTENSIONS`` (for ``load``) and calls ``add_engine_args``
and ``run_extract`` from its ``extract`` command, so the scale logic lives here and the CLI stays thin.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chronique.scale.progress import Progress, wanted


def register(sub) -> None:
    """Add ``chronique load PARQUET_DIR --db F``."""
    p = sub.add_parser("load", help="bring a Parquet directory (from 'extract --engine ray') into a DuckDB store")
    p.add_argument("parquet_dir", type=Path)
    p.add_argument("--db", default="chronique.duckdb")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_load)


def add_engine_args(p: argparse.ArgumentParser) -> None:
    """``--engine``, ``--address`` and ``--parquet`` for ``chronique extract``."""
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local: this machine, --processes N worker processes; ray: Ray Data, one spaCy model "
                        "per actor, --processes N actors (default: every CPU of the cluster)")
    p.add_argument("--address", help="Ray cluster to join (e.g. ray://head:10001 or auto); default: a local Ray")
    p.add_argument("--parquet", type=Path,
                   help="with --engine ray: the Parquet directory written, then loaded into --db (default: DB.parquet)")


def cmd_load(a) -> int:
    """Load, then bring clusters up to date for the loaded documents, as ``extract`` does after writing."""
    from chronique.dedup.index import assign_clusters
    from chronique.scale.parquet import load_into, stored_keys
    from chronique.store.db import Store

    with Store(a.db) as store:
        incoming = stored_keys(a.parquet_dir)
        held = store.stored_versions(list(incoming))
        counts = load_into(store.con, a.parquet_dir)  # leaves documents already stored as they are
        assign_clusters(store, [i for i, key in incoming.items() if held.get(i) != key])
    if not a.quiet:
        print(f"chronique: loaded {counts['documents']} documents, {counts['events']} events, "
              f"{counts['timexes']} time expressions, {counts['errors']} errors -> {a.db}", file=sys.stderr)
    return 0


def run_extract(a, store):
    """Run ``extract`` with the chosen engine into the open store; the report has ``doc_ids``, ``errors``."""
    with Progress(wanted(a.quiet)) as bar:
        if getattr(a, "engine", "local") == "ray":
            return _run_ray(a, store, bar)
        return _run_local(a, store, bar)


def _run_local(a, store, bar):
    """This machine: in-process with one worker, a process pool (one model per worker) with more."""
    from chronique.cli import _items
    from chronique.pipeline import run
    from chronique.scale.pool import PoolProcessor

    items = _items(a)
    if a.processes > 1:
        with PoolProcessor(a.processes) as pool:
            return run(items, store, None, batch_size=a.batch_size, force=a.force, processor=pool,
                       on_batch=bar.update)
    from chronique.nlp import load_nlp

    return run(items, store, load_nlp(), batch_size=a.batch_size, force=a.force, on_batch=bar.update)


def _run_ray(a, store, bar):
    """Ray Data: Parquet parts under ``--parquet``, then loaded into the store in one transaction."""
    from chronique.cli import _limits
    from chronique.ingest import load_meta
    from chronique.scale import parquet, ray_runner

    files, unreadable = input_files(a.paths)
    out = a.parquet or Path(str(a.db) + ".parquet")
    if a.force:
        parquet.clear(out)
    known = {} if a.force else known_documents(store, out)
    limits = _limits(a)
    started = ray_runner.connect(a.address, a.processes if a.processes > 1 else None)
    try:
        report = ray_runner.run_ray(files, out, load_meta(a.meta), known, limits,
                                    workers=a.processes if a.processes > 1 else None,
                                    batch_size=a.batch_size, on_batch=bar.update)
    finally:
        if started:
            import ray

            ray.shutdown()
    parquet.load_into(store.con, out)
    store.write([], unreadable)
    report.errors[:0] = unreadable
    return report


def input_files(paths: list[str]) -> tuple[list[str], list]:
    """The files to read (each once, by real path) and the paths rejected before reading."""
    import os

    from chronique.ingest.sources import expand
    from chronique.model import InputError

    files, errors = {}, []
    for f in expand(paths):
        if isinstance(f, InputError):
            errors.append(f)
        elif f == "-":
            raise ValueError("--engine ray reads files, not standard input: save the input to a file first")
        else:
            files.setdefault(os.path.realpath(f), str(f))
    return list(files.values()), errors


def known_documents(store, parquet_dir: Path) -> dict[str, set[tuple[str, str]]]:
    """doc id -> {(content hash, pipeline version)} already in the store or the Parquet directory."""
    from chronique.scale.parquet import stored_keys

    known: dict[str, set[tuple[str, str]]] = {}
    for i, h, v in store.con.execute("SELECT id, content_hash, version FROM documents").fetchall():
        known.setdefault(i, set()).add((h, v))
    for i, key in stored_keys(parquet_dir).items():
        known.setdefault(i, set()).add(key)
    return known
