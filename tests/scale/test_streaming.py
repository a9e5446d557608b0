"""Bounded memory: ``pipeline.run`` pulls one batch at a time from the source, however long it is."""
from __future__ import annotations

import itertools

from chronique.model import Document
from chronique.pipeline import process, run
from chronique.store.db import Store

SENTENCES = [
    "Le Premier ministre a reçu mardi à Matignon les représentants des syndicats.",
    "La ministre des Affaires étrangères s'est entretenue lundi avec son homologue allemand.",
    "Des milliers de manifestants ont défilé samedi dans les rues de Lyon.",
]


def endless_source(pulled: list[int]):
    """An unbounded stream of distinct documents that counts how many were taken."""
    for i in itertools.count():
        pulled[0] += 1
        yield Document(id=f"s{i}", text=f"{SENTENCES[i % 3]} Dépêche numéro {i}.")


def test_run_reads_at_most_one_batch_ahead_of_what_is_committed(nlp, tmp_path):
    pulled, ahead = [0], []

    def on_batch(report):
        ahead.append(pulled[0] - len(report.processed) - len(report.skipped))

    with Store(tmp_path / "s.duckdb") as store:
        report = run(itertools.islice(endless_source(pulled), 40), store, nlp, batch_size=8, on_batch=on_batch)
        assert store.counts()["documents"] == 40
    assert len(report.processed) == 40 and len(ahead) == 5
    assert max(ahead) <= 1  # islice may pull one item to learn the batch is full; never a whole corpus


class StartingProcessor:
    """A processor with ``submit`` like the worker pool's, in this process: it logs when batches start and
    when their results are waited for, and fails on a document named ``bad``."""

    def __init__(self, nlp):
        self.nlp, self.log = nlp, []

    def __call__(self, docs):
        if any(d.id == "bad" for d in docs):
            raise ValueError("a stage failed")
        return process(docs, self.nlp)

    def submit(self, docs):
        self.log.append(("start", docs[0].id))

        def wait():
            self.log.append(("wait", docs[0].id))
            return self(docs)
        return wait


def test_a_pool_gets_the_next_batch_before_the_store_is_written(nlp, tmp_path, store_dump):
    docs = [Document(id=f"s{i}", text=f"{SENTENCES[i % 3]} Dépêche numéro {i}.") for i in range(6)]
    docs[3] = Document(id="bad", text=SENTENCES[0])
    proc = StartingProcessor(nlp)
    with Store(tmp_path / "pool.duckdb") as store:
        report = run(docs, store, nlp, batch_size=2, processor=proc)
    assert proc.log == [("start", "s0"), ("start", "s2"), ("wait", "s0"), ("start", "s4"), ("wait", "s2"),
                        ("wait", "s4")]
    assert report.processed == ["s0", "s1", "s2", "s4", "s5"]  # the failing one isolated, the others kept
    assert [e.kind for e in report.errors] == ["internal"]
    with Store(tmp_path / "one.duckdb") as store:
        run([d for d in docs if d.id != "bad"], store, nlp, batch_size=2)
    pooled, single = store_dump(tmp_path / "pool.duckdb"), store_dump(tmp_path / "one.duckdb")
    assert {t: v for t, v in pooled.items() if t != "errors"} == {t: v for t, v in single.items() if t != "errors"}
