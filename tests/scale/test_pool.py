"""``--processes 2``: the worker pool gives the very results of the in-process pipeline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronique.ingest import load_meta, read_sources
from chronique.model import Document
from chronique.pipeline import process
from chronique.scale.pool import PoolProcessor

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def as_json(results) -> list[str]:
    return [json.dumps({"doc": r.document.id, "events": [e.to_json() for e in r.events],
                        "timexes": [t.to_json() for t in r.timexes], "actors": r.actors}, sort_keys=True, default=str)
            for r in results]


@pytest.mark.slow
def test_pool_of_two_matches_one_process(nlp):
    items = read_sources([str(EXAMPLES)], load_meta(EXAMPLES / "docs.jsonl"))
    docs = [d for d in items if isinstance(d, Document)][:8]
    with PoolProcessor(2) as pool:
        pooled = pool(docs)
    assert [r.document.id for r in pooled] == [d.id for d in docs]  # order kept
    assert as_json(pooled) == as_json(process(docs, nlp))
