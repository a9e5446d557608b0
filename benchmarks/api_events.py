"""Time ``chronique.open(db).events().to_pandas()`` on a store of N synthetic events; prints JSON.

    PYTHONPATH=src python benchmarks/api_events.py [N]

The store is filled in bulk through Arrow (two participants per event, 100 documents); the time measured is
what a notebook user waits for: open read-only, read every event flat with its participants, to pandas.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa

import chronique
from chronique.store.db import Store

TYPES = ("CONSULT", "ACCUSE", "PROTEST", "ASSAULT", "AGREE")


def fill(path: Path, n: int) -> None:
    """``n`` events over 100 documents, each with an actor and a recipient."""
    with Store(path) as store:
        store.insert("documents", pa.table({
            "id": [f"d{i}" for i in range(100)], "content_hash": ["h"] * 100, "title": [f"Dépêche {i}" for i in range(100)],
            "text": ["Texte."] * 100, "version": ["bench"] * 100}))
        store.insert("events", pa.table({
            "id": [f"e{i}" for i in range(n)], "doc": [f"d{i % 100}" for i in range(n)],
            "event_type": [TYPES[i % 5] for i in range(n)], "date": [f"2024-{i % 12 + 1:02d}-01" for i in range(n)],
            "evidence": ["Le ministre a rencontré son homologue à Paris."] * n, "start_char": [0] * n,
            "end_char": [47] * n, "aux": ["none"] * n}))
        store.insert("participants", pa.table({
            "event_id": [f"e{i // 2}" for i in range(2 * n)], "doc": [f"d{i // 2 % 100}" for i in range(2 * n)],
            "role": ["actor", "recipient"] * n, "position": [0] * (2 * n),
            "text": [f"Personne {i % 300}" for i in range(2 * n)], "name": [f"Person {i % 300}" for i in range(2 * n)],
            "country": ["FRA", "DEU"] * n}))


def main(n: int = 10_000) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        fill(path, n)
        start = time.perf_counter()
        with chronique.open(path) as db:
            df = db.events().to_pandas()
        seconds = time.perf_counter() - start
    assert len(df) == n
    return {"events": n, "seconds": round(seconds, 3), "events_per_s": round(n / seconds)}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)))
