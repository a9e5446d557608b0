"""Composes the stages: documents -> spaCy (nlp.pipe batches) -> time, actors, events -> store.

Each stage is a plain function over typed records, called through its package's face with the
document's language; this module only batches, skips what is already stored, records errors per
document and keeps the run going.
"""
from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from chronique import actors, events, geo, lang
from chronique.version import __version__
from chronique.actors import actors_rows, default_kb, name_participants, resolve_document
from chronique.ids import content_hash
from chronique.ingest import model_view, to_given
from chronique.ingest.clean import clean_text
from chronique.nlp import pipe
from chronique.parse import parsed
from chronique.model import BATCH_SIZE, Document, DocResult, InputError
from chronique.store.db import Store
from chronique.time import infer_published, tag


def data_files(kb_extra: Iterable[Path] = ()) -> list[Path]:
    """Every data file that changes results: language data, the knowledge base (with the run's
    ``kb_extra`` files and $CHRONIQUE_KB_EXTRA's) and the world cities table."""
    return lang.data_files() + actors.data_files(kb_extra) + geo.data_files()


def pipeline_version(kb_extra: Iterable[Path] = ()) -> str:
    """Package version + a hash of every data file (``data_files``): a change re-processes documents."""
    h = hashlib.sha256(__version__.encode())
    for f in data_files(kb_extra):
        if f.is_file():  # a missing extra file fails when the knowledge base is built, naming it
            h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:10]}"


def with_published(doc: Document) -> Document:
    """Fill a missing publication date from the URL, a dateline or the text's own dates."""
    if doc.published is not None:
        return doc
    published, basis = infer_published(doc.text, doc.url, None, doc.language)
    return replace(doc, published=published, published_basis=basis) if published else doc


# Allocations between two collections of the youngest generation, and collections between two of the next ones.
GC_THRESHOLD = (50_000, 20, 100)


@lru_cache(maxsize=1)
def freeze_loaded() -> None:
    """Once per process, after the first document's stages: what the process has loaded (spaCy's tables,
    the knowledge base, lexicons, models: ~580,000 objects that live as long as the process) leaves the
    garbage collector's scans (``gc.freeze``), which otherwise walk it again and again.

    Then the collector runs less often (``GC_THRESHOLD``, only ever raised): a document's parse and stages
    allocate tens of thousands of short-lived objects that reference counting frees, and at Python's default
    (every 700) the collector ran ~570 times per 500 documents, 0.36 ms a document; 0.04 ms after. Cycles are
    still collected, and peak memory stays flat in the corpus size (benchmarks/throughput.py)."""
    gc.freeze()
    gc.set_threshold(*(max(now, ours) for now, ours in zip(gc.get_threshold(), GC_THRESHOLD)))


def analyse(doc: Document, sdoc: Doc) -> DocResult:
    """All stages after the parse, for one document, in the document's language."""
    language = doc.language
    kb = default_kb(language)
    with parsed(sdoc, doc.text):  # the stages share one reading of the parse (``nlp.Parse``), dropped at the end
        timexes = tag(doc.text, doc.published, doc.id, sdoc, language)
        resolved = resolve_document(sdoc, doc.published, kb)
        mentions = resolved.mentions
        found = events.extract(doc.id, sdoc, mentions, timexes, doc.published, resolved.adjective, language)
    found = [name_participants(e, kb) for e in found]  # a place or an adjective is no actor of its own
    freeze_loaded()  # (after the block: the document's parse is not frozen with what the process loaded)
    return DocResult(document=doc, events=found, timexes=timexes, actors=actors_rows(doc.id, mentions))


def process(docs: list[Document], nlp: Language, batch_size: int = 16, n_process: int = 1) -> list[DocResult]:
    """Parse a batch with ``nlp.pipe`` and run the stages on each document's cleaned text; offsets come back
    in the coordinates of the given text (``ingest.given``)."""
    views = [model_view(with_published(d)) for d in docs]  # dated on the given text: "Publié le" is boilerplate
    sdocs = pipe(nlp, (v.text for v, _ in views), batch_size=batch_size, n_process=n_process)
    return [to_given(analyse(v, s), d, m) for d, (v, m), s in zip(docs, views, sdocs)]


@dataclass
class RunReport:
    """What a run did: documents stored or skipped, and every rejected input with its reason."""

    processed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    events: int = 0
    seen: set[str] = field(default_factory=set, repr=False)  # ids met so far: O(1) per check, not a set per batch

    @property
    def doc_ids(self) -> list[str]:
        return self.processed + self.skipped


def batched(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def run(items: Iterable[Document | InputError], store: Store, nlp: Language, batch_size: int = BATCH_SIZE,
        force: bool = False, n_process: int = 1,
        on_batch: Callable[[RunReport], None] | None = None,
        processor: Callable[[list[Document]], list[DocResult]] | None = None,
        kb_extra: Iterable[Path] = ()) -> RunReport:
    """Stream items into the store, one transaction per batch; already stored documents are skipped.

    ``processor`` replaces ``process(docs, nlp)`` (e.g. ``scale.pool.PoolProcessor`` for --processes N).
    A processor with a ``submit(docs)`` method (returning the function that waits for the results) gets the
    next batch before this process writes the current one, so its workers never wait for the store.
    ``kb_extra`` are the run's extra knowledge files (--kb-extra): they are part of the pipeline version,
    so stored documents are re-processed when they change.
    """
    report, version = RunReport(), pipeline_version(kb_extra)
    run_batch = processor or (lambda b: process(b, nlp, n_process=n_process))
    submit = getattr(processor, "submit", None)
    pending = None  # the batch started on a pool, written after the next one is started
    for chunk in batched(items, batch_size):
        errors = [i for i in chunk if isinstance(i, InputError)]
        docs = _unique([i for i in chunk if isinstance(i, Document)], report)
        stored = {} if force else store.stored_versions([d.id for d in docs])
        todo = [d for d in docs if stored.get(d.id) != (content_hash(d.text), version)]
        report.skipped += [d.id for d in docs if d not in todo]
        if submit is None:
            _finish(store, report, version, run_batch, todo, None, errors, on_batch)
            continue
        started = submit(todo) if todo else None
        if pending:
            _finish(store, report, version, run_batch, *pending, on_batch)
        pending = (todo, started, errors)
    if pending:
        _finish(store, report, version, run_batch, *pending, on_batch)
    return report


def _finish(store: Store, report: RunReport, version: str, run_batch: Callable[[list[Document]], list[DocResult]],
            todo: list[Document], started: Callable[[], list[DocResult]] | None, errors: list[InputError],
            on_batch: Callable[[RunReport], None] | None) -> None:
    """Wait for a started batch and write it in one transaction with its input errors."""
    results, failed = isolated(run_batch, todo, started)
    errors = errors + failed
    store.write(results, errors, version, removed=superseded(store, [r.document for r in results]))
    report.processed += [r.document.id for r in results]
    report.events += sum(len(r.events) for r in results)
    report.errors += errors
    if on_batch:
        on_batch(report)


def superseded(store: Store, docs: list[Document]) -> list[str]:
    """Stored documents that are these named articles under their content hash (the id every file had
    before 0.4): replaced by them, so that re-ingesting an article of an older store keeps it once."""
    by_hash = {content_hash(clean_text(d.text, d.language)): d.id for d in docs}
    return [h for h in store.stored_versions([h for h, i in by_hash.items() if h != i]) if h not in by_hash.values()]


def isolated(run_batch: Callable[[list[Document]], list[DocResult]], docs: list[Document],
             started: Callable[[], list[DocResult]] | None = None) -> tuple[list[DocResult], list[InputError]]:
    """The batch at once (``started``: waits for it, when it was started earlier); if a stage raises, document
    by document, so one bad article costs only itself.

    A failing document becomes an error (kind ``internal``) naming it and the exception; it is not
    stored, so a later run (after the fix) processes it.
    """
    if not docs:
        return [], []
    try:
        return (started or (lambda: run_batch(docs)))(), []
    except Exception:  # noqa: BLE001 - find the failing document below
        results, failed = [], []
        for d in docs:
            try:
                results += run_batch([d])
            except Exception as exc:  # noqa: BLE001 - a stage bug must not stop the run
                failed.append(InputError(d.origin or d.id, f"internal error on document {d.id!r}: "
                                         f"{type(exc).__name__}: {exc}", kind="internal"))
        return results, failed


def _unique(docs: list[Document], report: RunReport) -> list[Document]:
    """The same id twice in a run is processed once."""
    seen = report.seen
    out = []
    for d in docs:
        if d.id not in seen:
            seen.add(d.id)
            out.append(d)
    return out
