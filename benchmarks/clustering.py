#!/usr/bin/env python3
"""Incremental against full clustering: add a few documents to a store of N already-clustered ones.

    .venv/bin/python benchmarks/clustering.py [--docs 2000 10000] [--new 20]

The documents come from the team's examples (``chronique.scale.corpus.example_records``), run once
through the real pipeline, then replayed: document i is example i mod 15 with every date (publication
and events, each at its own precision) moved on by DAYS_PER_ROUND days per round through the examples
and its words shuffled, so rounds report distinct (but overlapping: same actors, nearby weeks, shared
months) events in distinct texts; every COPY_EVERY-th document republishes the one before it (a
syndicated copy). The new documents are the next ones of the sequence.

For each N the store is built and fully clustered once (that time is printed too); then, each in a
fresh child process on its own copy of that store, the new documents are written and
``assign_clusters(store, new_ids)`` (incremental) or ``assign_clusters(store)`` (full) runs. Time, CPU
and peak RSS (the process tree, sampled every 0.1 s as in throughput.py) cover the clustering call
only; ``rss_before_mb`` is the process before it (Python, DuckDB, the open store). Prints JSON, then a table.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import BATCH, EXAMPLES, machine, measure, tree_rss  # noqa: E402 - the same measuring code

DAYS_PER_ROUND = 6
COPY_EVERY = 10


# -- the corpus ---------------------------------------------------------------------------------
def base_results(path: Path) -> None:
    """Run the examples through the pipeline once and pickle the results (the only spaCy step)."""
    from chronique.ingest import read_sources
    from chronique.nlp import load_nlp
    from chronique.pipeline import process
    from chronique.scale.corpus import example_records

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "examples.jsonl")
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in example_records(EXAMPLES)),
                       encoding="utf-8")
        results = process(list(read_sources([str(src)])), load_nlp())
    path.write_bytes(pickle.dumps(results))


def shift(value: str | None, days: int) -> str | None:
    """A TIMEX3 date moved on by ``days``, written at its own precision (day, week, month or year)."""
    from chronique.dedup import when

    iv, precision = when.parse(value), when.precision(value)
    if iv is None:
        return value
    d = dt.date.fromordinal(iv[0]) + dt.timedelta(days=days)
    if precision == "week":
        return "{}-W{:02d}".format(*d.isocalendar()[:2])
    return {"day": d.isoformat(), "month": d.strftime("%Y-%m"), "year": str(d.year)}[precision]


def replay(base: list, i: int, previous=None):
    """Document i of the sequence (a republication of ``previous`` when i is a copy's index)."""
    from chronique.model import DocResult

    if previous is not None and i % COPY_EVERY == COPY_EVERY - 1:
        src, days, text = previous, 1, "Reprise : " + previous.document.text
    else:
        src, days = base[i % len(base)], DAYS_PER_ROUND * (i // len(base))
        words = src.document.text.split()
        text = " ".join(random.Random(i).sample(words, len(words)))
    doc_id = f"{base[i % len(base)].document.id}-{i:06d}"
    published = src.document.published + dt.timedelta(days=days) if src.document.published else None
    events = [replace(e, doc=doc_id, id=f"{doc_id}-{k}", date=shift(e.date, days), cluster=None)
              for k, e in enumerate(src.events)]
    return DocResult(document=replace(src.document, id=doc_id, text=text, published=published), events=events)


def corpus(base: list, start: int, stop: int) -> list:
    """Documents start..stop-1 of the sequence."""
    out, previous = [], replay(base, start - 1) if start else None
    for i in range(start, stop):
        previous = replay(base, i, previous)
        out.append(previous)
    return out


# -- the measurements (each in a child process) -------------------------------------------------
def child_build(work: Path, n: int) -> dict:
    """Write N documents and cluster them fully: the store every measurement starts from."""
    from chronique.dedup.index import assign_clusters
    from chronique.store.db import Store

    base = pickle.loads((work / "base.pkl").read_bytes())
    docs = corpus(base, 0, n)
    with Store(work / "store.duckdb") as store:
        for i in range(0, n, BATCH):
            store.write(docs[i:i + BATCH])
        out = measure(lambda: assign_clusters(store) and 0)
        out["store"] = store.con.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM merged_events), "
            "(SELECT count(*) FROM clusters), (SELECT count(*) FROM clusters WHERE n_documents > 1), "
            "(SELECT count(*) FROM document_links)").fetchone()
    return out


def child_add(work: Path, n: int, new: int, incremental: bool) -> dict:
    """Write ``new`` more documents into a copy of the store, then time the clustering call alone."""
    from chronique.dedup.index import assign_clusters
    from chronique.store.db import Store

    base = pickle.loads((work / "base.pkl").read_bytes())
    docs = corpus(base, n, n + new)
    db = work / ("inc.duckdb" if incremental else "full.duckdb")
    shutil.copy(work / "store.duckdb", db)
    with Store(db) as store:
        store.write(docs)
        ids = [d.document.id for d in docs]
        before = tree_rss()
        report = {}
        out = measure(lambda: report.setdefault("r", assign_clusters(store, ids if incremental else None)) and 0)
    r = report["r"]
    out.update(rss_before_mb=round(before / 2**20), full=r.full, mentions=r.mentions, merged=r.merged,
               clusters=r.clusters)
    return out


def run_child(*args: str) -> dict:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, env=env,
                         check=False)
    if out.returncode != 0:
        raise RuntimeError(f"{args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(results: dict) -> str:
    rows = ["| store docs | events | run | seconds | CPU s | peak RSS MB | RSS before MB | mentions loaded |",
            "|---:|---:|---|---:|---:|---:|---:|---:|"]
    for n, r in results.items():
        events = r["build"]["store"][0]
        rows.append(f"| {n:,} | {events:,} | initial full clustering | {r['build']['seconds']} | "
                    f"{r['build']['cpu_seconds']} | {r['build']['peak_rss_mb']:,} | | {events:,} |")
        for name in ("incremental", "full"):
            m = r[name]
            rows.append(f"| {n:,} | {events:,} | +{r['new']} docs, {name} | {m['seconds']} | {m['cpu_seconds']} | "
                        f"{m['peak_rss_mb']:,} | {m['rss_before_mb']:,} | {m['mentions']:,} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, nargs="+", default=[2000], help="store sizes (documents)")
    ap.add_argument("--new", type=int, default=20, help="documents added")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        kind, work, n, *rest = a.child
        if kind == "build":
            out = child_build(Path(work), int(n))
        else:
            out = child_add(Path(work), int(n), int(rest[0]), incremental=kind == "incremental")
        print(json.dumps(out))
        return 0
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        base_results(Path(tmp, "base.pkl"))
        for n in a.docs:
            work = Path(tempfile.mkdtemp(dir=tmp))
            shutil.copy(Path(tmp, "base.pkl"), work / "base.pkl")
            r = {"new": a.new, "build": run_child("build", str(work), str(n))}
            for kind in ("incremental", "full"):
                r[kind] = run_child(kind, str(work), str(n), str(a.new))
            results[n] = r
            print(f"{n}: {r}", file=sys.stderr)
            shutil.rmtree(work)
    out = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "machine": machine(), "results": results}
    print(json.dumps(out, indent=2))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
