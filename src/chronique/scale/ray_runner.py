"""``chronique extract --engine ray``: the same pipeline on Ray Data, from one laptop to a cluster.

    input files ──► read tasks (ingest: decode, clean, language, ids; skip what is stored)
                ──► map_batches on an actor pool (one spaCy model per actor; ``pipeline.process``)
                ──► Parquet part files per store table (``scale.parquet``), a small manifest back
                ──► the driver counts, shows progress, then ``chronique load`` brings it into DuckDB

Streaming end to end: Ray Data's executor pulls blocks through with back-pressure, so memory is
bounded by the blocks in flight, not by the corpus. Files are read where the read task runs: on
a cluster, the inputs and the Parquet directory must be on storage every node sees.
"""
from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pyarrow as pa

from chronique.ids import content_hash
from chronique.ingest.limits import Limits
from chronique.model import BATCH_SIZE, Document, DocResult, InputError
from chronique.pipeline import RunReport

BLOCK_ROWS = 64  # documents per block coming out of a read task
SOURCE_SCHEMA = pa.schema([
    ("kind", pa.string()), ("id", pa.string()), ("text", pa.string()), ("title", pa.string()),
    ("published", pa.string()), ("published_basis", pa.string()), ("source", pa.string()),
    ("url", pa.string()), ("language", pa.string()), ("origin", pa.string()),
    ("reason", pa.string()), ("error_kind", pa.string()),
])


# -- rows <-> records ---------------------------------------------------------------------------
def item_row(item: Document | InputError, skipped: bool = False) -> dict:
    """A Document or InputError as one row of SOURCE_SCHEMA (a skipped document travels without text)."""
    if isinstance(item, InputError):
        return {"kind": "error", "origin": item.origin, "reason": item.reason, "error_kind": item.kind}
    row = item.to_row()
    row["kind"] = "skipped" if skipped else "doc"
    if skipped:
        row["text"] = ""
    return row


def row_item(row: dict) -> Document | InputError:
    """The inverse of ``item_row`` for documents to process and errors."""
    if row["kind"] == "error":
        return InputError(origin=row["origin"], reason=row["reason"], kind=row["error_kind"] or "input")
    return Document.from_row(row)


# -- reading ------------------------------------------------------------------------------------
def read_group(files: list[str], names: dict[str, str | None], meta_ref, known_ref, version: str,
               limits: Limits) -> Iterator[pa.Table]:
    """A read task: stream the documents of some files (ids from ``names``) as Arrow blocks of BLOCK_ROWS rows."""
    import ray

    from chronique.ingest.sources import read_planned

    meta, known = ray.get(meta_ref), ray.get(known_ref)
    rows = []
    for item in read_planned([(Path(f), names.get(f)) for f in files], meta, limits):
        is_known = isinstance(item, Document) and (content_hash(item.text), version) in known.get(item.id, ())
        rows.append(item_row(item, skipped=is_known))
        if len(rows) >= BLOCK_ROWS:
            yield pa.Table.from_pylist(rows, schema=SOURCE_SCHEMA)
            rows = []
    if rows:
        yield pa.Table.from_pylist(rows, schema=SOURCE_SCHEMA)


def groups(files: list[str], n: int) -> list[list[str]]:
    """At most ``n`` contiguous groups of files (many small files must not become many tiny tasks)."""
    from chronique.scale.pool import slices

    return slices(files, max(1, n))


def make_datasource(files: list[str], names: dict[str, str | None], meta_ref, known_ref, version: str,
                    limits: Limits):
    """A Ray Data datasource over chronique's own readers (JSONL, .gz, WARC, text, HTML)."""
    from ray.data.block import BlockMetadata
    from ray.data.datasource import Datasource, ReadTask

    class ChroniqueDatasource(Datasource):
        """One read task per group of input files, streaming blocks of documents."""

        def estimate_inmemory_data_size(self) -> int | None:
            return None

        def get_read_tasks(self, parallelism: int, per_task_row_limit=None, data_context=None) -> list:
            return [ReadTask(partial(read_group, g, {f: names.get(f) for f in g}, meta_ref, known_ref, version, limits),
                             BlockMetadata(num_rows=None, size_bytes=None, exec_stats=None, input_files=g))
                    for g in groups(files, parallelism)]

    return ChroniqueDatasource()


# -- extraction on actors -----------------------------------------------------------------------
class Extractor:
    """A Ray actor: one spaCy model, the whole per-document pipeline, Parquet parts out."""

    def __init__(self, out_dir: str, run_id: str, version: str, model: str | None = None):
        from chronique.nlp import MODEL, load_nlp

        self.nlp = load_nlp(model or MODEL)
        self.out_dir, self.run_id, self.version = out_dir, run_id, version

    def __call__(self, batch: pa.Table) -> pa.Table:
        """Process a block of rows; write the results; return a manifest row per input row."""
        from chronique.scale.parquet import write_parts

        rows = batch.to_pylist()
        items = [row_item(r) for r in rows if r["kind"] != "skipped"]
        docs = [i for i in items if isinstance(i, Document)]
        errors = [i for i in items if isinstance(i, InputError)]
        results, failed = self._process(docs)
        errors += failed
        write_parts(self.out_dir, self.run_id, results, errors, self.version)
        manifest = [{"kind": "doc", "id": r.document.id, "events": len(r.events)} for r in results]
        manifest += [{"kind": "skipped", "id": r["id"], "events": 0} for r in rows if r["kind"] == "skipped"]
        manifest += [{"kind": "error", "id": e.origin, "reason": e.reason, "error_kind": e.kind} for e in errors]
        return pa.Table.from_pylist(manifest, schema=MANIFEST_SCHEMA)

    def _process(self, docs: list[Document]) -> tuple[list[DocResult], list[InputError]]:
        """As a local run does: the batch at once, else document by document (one bad article costs itself)."""
        from chronique.pipeline import isolated, process

        return isolated(lambda batch: process(batch, self.nlp), docs)


MANIFEST_SCHEMA = pa.schema([("kind", pa.string()), ("id", pa.string()), ("events", pa.int64()),
                             ("reason", pa.string()), ("error_kind", pa.string())])


# -- driver -------------------------------------------------------------------------------------
# Ray's notice, on every start of a local cluster, that it uses token authentication (kept with --verbose).
RAY_NOTICE_LOGGERS = ("ray._private.authentication.authentication_token_setup",)
# Extraction actors are not restarted: a restart needs their constructor arguments, which Ray Data keeps in
# the object store where they may be gone (ray-project/ray#53727; the core worker logs an error line on every
# run when restarts are on). A worker that dies fails the run; the next run resumes from the parts written.
# Ray Data 2.60 takes this only as a (deprecated) extra remote argument, and warns about it each time.
ACTOR_OPTIONS = {"max_restarts": 0}


def connect(address: str | None = None, workers: int | None = None, verbose: bool = False) -> bool:
    """Join the cluster at ``address`` or start a local Ray; True if this call started it.

    Unless ``verbose``, Ray's start-up notice about token authentication and Ray Data's tuning advice are
    silenced.
    """
    import ray

    if ray.is_initialized():
        return False
    for name in RAY_NOTICE_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else logging.ERROR)
    if not verbose:  # e.g. "the operator only received 1 input(s)": advice on tuning a small run, not a problem
        warnings.filterwarnings("ignore", category=UserWarning, module=r"ray\.data\.")
    if address:
        ray.init(address=address, logging_level=logging.WARNING)
    else:
        ray.init(num_cpus=workers, include_dashboard=False, logging_level=logging.WARNING)
    return True


def quiet_ray_data() -> None:
    """chronique shows its own progress bar; Ray Data's bars and INFO logs would interleave with it."""
    from ray.data import DataContext

    ctx = DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)


def cluster_cpus() -> int:
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def build_dataset(files: list[str], names: dict[str, str | None], out_dir: Path, version: str, meta: dict,
                  known: dict, limits: Limits, workers: int, batch_size: int, model: str | None = None):
    """The Ray Data plan: read -> extract on ``workers`` actors (1 CPU each) -> manifest."""
    import ray

    from chronique.scale.parquet import new_run_id

    source = make_datasource(files, names, ray.put(meta), ray.put(known), version, limits)
    # Reading is light next to parsing: few read tasks, holding no CPU the actors need.
    readers = max(1, workers // 4)
    ds = ray.data.read_datasource(source, num_cpus=0, concurrency=readers, override_num_blocks=4 * readers)
    kwargs = {"out_dir": str(out_dir), "run_id": new_run_id(), "version": version, "model": model}
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="`ray_remote_args` is deprecated")
        return ds.map_batches(Extractor, fn_constructor_kwargs=kwargs, batch_size=batch_size,
                              batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1,
                              **ACTOR_OPTIONS)


def run_ray(files: list[str], out_dir: str | Path, meta: dict | None = None, known: dict | None = None,
            limits: Limits = Limits(), workers: int | None = None, batch_size: int = BATCH_SIZE,
            on_batch=None, model: str | None = None, names: dict[str, str | None] | None = None) -> RunReport:
    """Extract ``files`` into the Parquet directory ``out_dir`` on the connected Ray cluster.

    ``known`` maps doc id -> {(content hash, pipeline version)} of what is already stored: those
    documents are skipped, as in a local run. ``names`` maps each file to its id (``ingest.names``; by
    default the files' own run-unique stems).
    """
    from chronique.pipeline import pipeline_version

    quiet_ray_data()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if not files:
        return RunReport()
    if names is None:
        from chronique.ingest.sources import plan

        names = {str(p): n for p, n in plan(files)}
    ds = build_dataset(files, names, out_dir.resolve(), pipeline_version(), meta or {}, known or {}, limits,
                       workers or cluster_cpus(), batch_size, model)
    report = RunReport()
    for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
        tally(report, batch.to_pylist())
        if on_batch:
            on_batch(report)
    return report


def tally(report: RunReport, manifest: list[dict]) -> None:
    """Add a manifest batch to the report; a document id seen twice counts once."""
    for row in manifest:
        if row["kind"] == "error":
            report.errors.append(InputError(row["id"], row["reason"], row["error_kind"] or "input"))
        elif row["id"] not in report.seen:
            report.seen.add(row["id"])
            (report.processed if row["kind"] == "doc" else report.skipped).append(row["id"])
            report.events += row["events"] or 0
