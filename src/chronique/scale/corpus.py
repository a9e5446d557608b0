"""A large corpus made from the team's example dispatches, for throughput benchmarks and scale tests.

Each generated document is an example article plus one numbered closing sentence written here,
so every document has its own content hash (nothing is deduplicated away) while the language
stays the examples' own French. No press text is involved.
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

CLOSING = "Cette dépêche porte le numéro {n} dans le fil de la rédaction."


def example_records(examples: Path) -> list[dict]:
    """The examples as JSON records: the ``.txt`` files with their docs.jsonl dates, then more/*.jsonl."""
    meta = {}
    for line in (examples / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            meta[row["id"]] = row
    records = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "published": meta.get(p.stem, {}).get("published"),
                "source": "chronique examples"} for p in sorted(examples.glob("*.txt"))]
    for path in sorted(examples.glob("more/*.jsonl")):
        records += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records


def generate(examples: Path, n: int) -> Iterator[dict]:
    """``n`` distinct documents cycling through the examples."""
    base = example_records(examples)
    for i in range(n):
        rec = dict(base[i % len(base)])
        rec["id"] = f"{rec['id']}-{i:06d}"
        rec["text"] = f"{rec['text'].rstrip()}\n\n{CLOSING.format(n=i + 1)}"
        yield rec


def write_corpus(examples: Path, n: int, path: Path) -> Path:
    """Write ``n`` documents as JSON Lines (gzip-compressed when the name ends in .gz)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for rec in generate(examples, n):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path
