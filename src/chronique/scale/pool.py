"""``--processes N`` on one machine: whole ``process()`` batches in N worker processes.

Why not ``nlp.pipe(n_process=N)``: spaCy then parses in the workers but ships every parsed
``Doc`` back to the parent (serialised), and the time, actor and event stages still run in the
parent, one core for all of them. Here each worker loads the model once and runs the complete
per-document pipeline; only small typed records (``DocResult``) come back, and the parent keeps
reading, skipping and writing the store one transaction per batch, exactly as with one process.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from chronique.model import Document, DocResult

_NLP = None  # the worker's spaCy pipeline, loaded once by the initializer
PARENT_CHECK_S = 0.5  # how often a worker checks that its parent is alive


def _init_worker(model: str, parent: int) -> None:
    """Load the model once per worker process; the worker leaves Ctrl-C to its parent and dies with it."""
    global _NLP
    from chronique.nlp import load_nlp

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the run and then its workers
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="chronique-parent-watch").start()
    _NLP = load_nlp(model)


def _watch_parent(parent: int) -> None:
    """End this worker as soon as its parent is gone, however it died (``kill -9`` included): an orphan
    would hold ~600 MB and the parent's stderr for good."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


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
                                        initializer=_init_worker, initargs=(model or MODEL, os.getpid()))

    def __call__(self, docs: list[Document]) -> list[DocResult]:
        """Process a batch: two slices per worker balance uneven document lengths."""
        return self.submit(docs)()

    def submit(self, docs: list[Document]) -> Callable[[], list[DocResult]]:
        """Start a batch on the workers; returns the function that waits for its results, so the caller
        reads the next batch and writes the previous one while the workers parse."""
        parts = self.pool.map(_work, slices(docs, 2 * self.workers))
        return lambda: [r for part in parts for r in part]

    def close(self, abandon: bool = False) -> None:
        """Shut the pool down (its queues and semaphores released); ``abandon`` first ends the workers, so an
        interrupted run does not wait for the batch in progress."""
        if abandon:
            for proc in list(self.pool._processes.values()):  # the executor offers no public way to stop them
                proc.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> "PoolProcessor":
        return self

    def __exit__(self, kind, *exc) -> None:
        self.close(abandon=kind is not None)
