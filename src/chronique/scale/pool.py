"""``--processes N`` on one machine: whole ``process()`` batches in N worker processes.

Why not ``nlp.pipe(n_process=N)``: spaCy then parses in the workers but ships every parsed
``Doc`` back to the parent (serialised), and the time, actor and event stages still run in the
parent, one core for all of them. Here each worker loads the model once and runs the complete
per-document pipeline; only small typed records (``DocResult``) come back, and the parent keeps
reading, skipping and writing the store one transaction per batch, exactly as with one process.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from chronique.model import Document, DocResult

_NLP = None  # the worker's spaCy pipeline, loaded once by the initializer


def _init_worker(model: str) -> None:
    """Load the model once per worker process."""
    global _NLP
    from chronique.nlp import load_nlp

    _NLP = load_nlp(model)


def _work(docs: list[Document]) -> list[DocResult]:
    """The full per-document pipeline in a worker."""
    from chronique.pipeline import process

    return process(docs, _NLP)


def slices(items: list, n: int) -> list[list]:
    """Split into about ``n`` contiguous slices of near-equal size, order kept, none empty."""
    if not items:
        return []
    size = -(-len(items) // n)
    return [items[i:i + size] for i in range(0, len(items), size)]


class PoolProcessor:
    """A callable ``list[Document] -> list[DocResult]`` backed by N worker processes."""

    def __init__(self, workers: int, model: str | None = None):
        from chronique.nlp import MODEL

        self.workers = workers
        # spawn: no fork of a parent that holds DuckDB threads and a loaded model.
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_init_worker, initargs=(model or MODEL,))

    def __call__(self, docs: list[Document]) -> list[DocResult]:
        """Process a batch: two slices per worker balance uneven document lengths."""
        parts = self.pool.map(_work, slices(docs, 2 * self.workers))
        return [r for part in parts for r in part]

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> "PoolProcessor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
