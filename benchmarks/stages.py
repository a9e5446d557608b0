#!/usr/bin/env python3
"""Wall seconds per pipeline stage, one process, on the throughput corpus (no profiler overhead).

    PYTHONPATH=src .venv/bin/python benchmarks/stages.py [--docs 300]

Runs ``pipeline.run`` into a fresh DuckDB store with each stage's function timed where the pipeline
calls it; the first document's loading (knowledge base, lexicons, type model) is done before the
clock starts and reported on its own. benchmarks/profile.md keeps the numbers before and after #18.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import WARM  # noqa: E402 - the same warm-up document as the throughput benchmark


def timed(owner, name: str, label: str, totals: Counter) -> None:
    """Replace ``owner.name`` by the same function adding its wall time to ``totals[label]``."""
    fn = getattr(owner, name)

    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[label] += time.perf_counter() - t0
    setattr(owner, name, wrapper)


def measure(n: int) -> dict:
    """Seconds per stage over ``n`` generated documents (stages nest: parse and analyse are inside process)."""
    import chronique.pipeline as pipeline
    from chronique.ingest import read_sources
    from chronique.model import Document
    from chronique.nlp import load_nlp
    from chronique.scale.corpus import write_corpus
    from chronique.store.db import Store

    nlp = load_nlp()
    t0 = time.perf_counter()
    pipeline.process([Document(id="warm", text=WARM)], nlp)
    first = time.perf_counter() - t0
    totals: Counter = Counter()
    for name, label in (("analyse", "after the parse (analyse)"), ("tag", "  time expressions (time.tag)"),
                        ("resolve_document", "  actors (resolve_document)"), ("superseded", "superseded ids"),
                        ("model_view", "model view (clean, offsets)"), ("with_published", "publication date")):
        timed(pipeline, name, label, totals)
    timed(pipeline.events, "extract", "  events (events.extract)", totals)
    timed(Store, "write", "store write (DuckDB)", totals)
    timed(Store, "stored_versions", "store lookup (resume)", totals)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(ROOT / "examples", n, Path(tmp, "c.jsonl"))

        def items():
            it = iter(read_sources([str(corpus)]))
            while True:
                t = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    return
                finally:
                    totals["ingest (read_sources)"] += time.perf_counter() - t
                yield item

        with Store(Path(tmp, "s.duckdb")) as store:
            t0 = time.perf_counter()
            pipeline.run(items(), store, nlp)
            total = time.perf_counter() - t0
    stages = {k: round(v, 2) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])}
    outside = sum(v for k, v in totals.items() if not k.startswith(" ") and k != "after the parse (analyse)")
    parse = total - outside - totals["after the parse (analyse)"]
    return {"docs": n, "first_document_s": round(first, 2), "total_s": round(total, 2),
            "spaCy parse (the rest of process)": round(parse, 2), "stages_s": stages,
            "ms_per_doc": {k: round(v / n * 1000, 2) for k, v in stages.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    a = ap.parse_args(argv)
    out = measure(a.docs)
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
