"""Bounded memory: ``pipeline.run`` pulls one batch at a time from the source, however long it is."""
from __future__ import annotations

import itertools

from chronique.model import Document
from chronique.pipeline import run
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
