"""The extract engine: inputs into the store on this machine (one process or a pool) or on Ray, then clusters.

It takes plain values (paths, ``Limits``, ``ExtractOptions``), never command-line arguments: the CLI, the
gold evaluation and any program drive it the same way. ``load_and_cluster`` brings a Ray run's Parquet into
a store. Stages, spaCy and the store are imported when a run starts, so that building the CLI stays fast.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chronique.model import BATCH_SIZE
from chronique.scale.progress import Progress, wanted

if TYPE_CHECKING:
    from chronique.ingest.limits import Limits
    from chronique.ingest.meta import Meta
    from chronique.model import InputError
    from chronique.pipeline import RunReport
    from chronique.store.db import Store

ENGINES = ("local", "ray")


@dataclass(frozen=True)
class ExtractOptions:
    """How an extraction runs and where its results go."""

    db: str | Path
    meta: str | Path | None = None        # docs.jsonl: per-document id, published, source, url
    published: str | None = None          # YYYY-MM-DD for every document whose source gives none
    out: str | Path | None = None         # events as JSON Lines (shared/eval/FORMAT.md)
    timex_out: str | Path | None = None   # time expressions as JSON Lines
    batch_size: int = BATCH_SIZE
    processes: int = 1                    # local: worker processes; ray: actors (default: every CPU)
    force: bool = False                   # re-extract documents already stored
    quiet: bool = False                   # no progress bar
    verbose: bool = False                 # let Ray print its start-up notices
    engine: str = "local"                 # local | ray
    address: str | None = None            # Ray cluster to join; default: a local Ray
    parquet: Path | None = None           # ray: the Parquet directory written (default: DB.parquet)
    kb_extra: tuple[str, ...] = ()        # your own actor files (same schema as kb/)


def extract(paths: list[str], limits: Limits, options: ExtractOptions) -> RunReport:
    """Extract ``paths`` into ``options.db``, bring clusters up to date for what was written, and write the
    JSON Lines outputs for every document of the run (stored now or before)."""
    from chronique.dedup.index import assign_clusters
    from chronique.outputs.text import event_lines

    use_kb_extra(options.kb_extra)
    store = open_or_served(options)
    if isinstance(store, dict):
        from chronique.scale.remote import extract_remote

        return extract_remote(paths, limits, options, store)
    with store:
        report = run(paths, limits, options, store)
        assign_clusters(store, report.processed)  # only what the documents just written can affect
        if options.out or options.timex_out:
            write_outputs(options, *event_lines(store, report.doc_ids))
    return report


def write_outputs(options: ExtractOptions, events: list[dict], timexes: list[dict]) -> None:
    """``--out`` and ``--timex-out``, each written whole (``write_jsonl``)."""
    from chronique.outputs.text import write_jsonl

    if options.out:
        write_jsonl(events, options.out)
    if options.timex_out:
        write_jsonl(timexes, options.timex_out)


def open_or_served(options: ExtractOptions):
    """The store, opened for writing, or, when a running ``chronique serve`` holds it, that server's
    description (``store.served``): the run is then sent to it."""
    from chronique.store.db import Store, StoreError
    from chronique.store.served import server_of

    try:
        return Store(options.db)
    except StoreError:
        server = server_of(options.db)
        if server is None:
            raise
        if not server["ingest"]:
            raise StoreError(f"{options.db}: held by a read-only 'chronique serve' (pid {server['pid']}, "
                             f"{server['url']}); stop it or serve it without --read-only to add articles") from None
        if options.engine != "local":
            raise StoreError(f"{options.db}: held by 'chronique serve' (pid {server['pid']}); --engine ray "
                             "writes the store itself: stop the server first") from None
        return server


def run(paths: list[str], limits: Limits, options: ExtractOptions, store: Store) -> RunReport:
    """Run the chosen engine into the open store, with the progress bar; the report has ``doc_ids``, ``errors``."""
    from chronique.ingest import load_meta

    if options.engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, got {options.engine!r}")
    meta = load_meta(options.meta, options.published)  # MetaError (fatal) only when the file cannot be read
    store.write([], meta.errors)  # bad metadata lines are recorded before anything else, and the run goes on
    with Progress(wanted(options.quiet)) as bar:
        engine = run_ray if options.engine == "ray" else run_local
        report = engine(paths, limits, options, store, bar, meta)
    missing = meta.unmatched(report.doc_ids)
    store.write([], missing)
    report.errors[:0] = meta.errors
    report.errors += missing
    return report


def run_local(paths: list[str], limits: Limits, options: ExtractOptions, store: Store, bar: Progress,
              meta: Meta) -> RunReport:
    """This machine: in-process with one worker, a process pool (one model per worker) with more."""
    from chronique.ingest import read_sources
    from chronique.pipeline import run as run_pipeline
    from chronique.scale.pool import PoolProcessor

    items = read_sources(paths, meta, limits)
    if options.processes > 1:
        with PoolProcessor(options.processes) as pool:
            return run_pipeline(items, store, None, batch_size=options.batch_size, force=options.force,
                                processor=pool, on_batch=bar.update)
    from chronique.nlp import load_nlp

    return run_pipeline(items, store, load_nlp(), batch_size=options.batch_size, force=options.force,
                        on_batch=bar.update)


def run_ray(paths: list[str], limits: Limits, options: ExtractOptions, store: Store, bar: Progress,
            meta: Meta) -> RunReport:
    """Ray Data: Parquet parts under ``options.parquet``, then loaded into the store in one transaction.

    Metadata is looked up in the workers: the ids this process counts as met are the input files' stems
    and the documents the run returns.
    """
    from chronique.scale import parquet, ray_runner

    files, names, unreadable = input_files(paths)
    meta.used.update(n for n in names.values() if n)
    out = options.parquet or Path(str(options.db) + ".parquet")
    if options.force:
        parquet.clear(out)
    known = {} if options.force else known_documents(store, out)
    workers = options.processes if options.processes > 1 else None
    started = ray_runner.connect(options.address, workers, options.verbose)
    try:
        report = ray_runner.run_ray(files, out, meta, known, limits, workers=workers,
                                    batch_size=options.batch_size, on_batch=bar.update, names=names)
    finally:
        if started:
            import ray

            ray.shutdown()
    parquet.load_into(store.con, out)
    drop_superseded(store, report.processed)
    store.write([], unreadable)
    report.errors[:0] = unreadable
    return report


def drop_superseded(store: Store, ids: list[str]) -> None:
    """After a Ray load, as a local run does per batch: hash-named copies of these named articles go."""
    from chronique.model import Document
    from chronique.pipeline import superseded
    from chronique.store.filters import IN_IDS

    cur = store.con.execute(f"SELECT id, text, language FROM documents WHERE id {IN_IDS}", [ids])
    docs = [Document(id=i, text=t, language=lang or "fr") for i, t, lang in cur.fetchall()]
    store.write([], [], removed=superseded(store, docs))


def input_files(paths: list[str]) -> tuple[list[str], dict[str, str | None], list[InputError]]:
    """The files to read (each once, by real path), the id each file's name gives, and the paths rejected
    before reading."""
    from chronique.ingest.sources import plan
    from chronique.model import InputError

    files, names, errors = [], {}, []
    for f, name in plan(paths):
        if isinstance(f, InputError):
            errors.append(f)
        elif f == "-":
            raise ValueError("--engine ray reads files, not standard input: save the input to a file first")
        else:
            files.append(str(f))
            names[str(f)] = name
    return files, names, errors


def known_documents(store: Store, parquet_dir: Path) -> dict[str, set[tuple[str, str]]]:
    """doc id -> {(content hash, pipeline version)} already in the store or the Parquet directory."""
    from chronique.scale.parquet import stored_keys

    known: dict[str, set[tuple[str, str]]] = {}
    for i, h, v in store.con.execute("SELECT id, content_hash, version FROM documents").fetchall():
        known.setdefault(i, set()).add((h, v))
    for i, key in stored_keys(parquet_dir).items():
        known.setdefault(i, set()).add(key)
    return known


def load_and_cluster(parquet_dir: Path, db: str | Path) -> dict[str, int]:
    """Bring a Parquet directory into the store, then clusters up to date for the documents it changed, as
    ``extract`` does after writing; returns the rows loaded per table."""
    from chronique.dedup.index import assign_clusters
    from chronique.scale.parquet import load_into, stored_keys
    from chronique.store.db import Store

    with Store(db) as store:
        incoming = stored_keys(parquet_dir)
        held = store.stored_versions(list(incoming))
        counts = load_into(store.con, parquet_dir)  # leaves documents already stored as they are
        assign_clusters(store, [i for i, key in incoming.items() if held.get(i) != key])
    return counts


def use_kb_extra(paths: tuple[str, ...] | list[str]) -> None:
    """Extra actor files reach every stage (and worker process) through CHRONIQUE_KB_EXTRA."""
    if paths:
        os.environ["CHRONIQUE_KB_EXTRA"] = os.pathsep.join(
            [p for p in os.environ.get("CHRONIQUE_KB_EXTRA", "").split(os.pathsep) if p] + list(paths))
