#!/usr/bin/env python3
"""A fingerprint of what the pipeline extracts, to prove that speed work changes no result.

    PYTHONPATH=src .venv/bin/python benchmarks/fingerprint.py --write tests/e2e/fingerprint.json

For examples/ (and its more/), and for ../shared/gold/dev and seeds when present, every event, time
expression and actor row is reduced to its codes, offsets and a sha1 of its texts: the file holds no
press text. ``tests/e2e/test_fingerprint.py`` recomputes it and compares field by field. Regenerate it
with the command above whenever extraction changes on purpose (a rule, the lexicon, the model).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A confidence is rounded to 3 decimals from a float32 softmax: summing the same weights in another order
# (one matrix product per sentence instead of one per token) may move it across a rounding edge. Every
# decision (type, mode, participants, offsets) must still be equal.
CONFIDENCE_TOLERANCE = 0.0011
GOLD = ROOT.parent / "shared" / "gold"
SETS = {"examples": (ROOT / "examples", ("*.txt", "more/*")),
        "dev": (GOLD / "dev", ("*.txt",)),
        "seeds": (GOLD / "seeds", ("*.txt",))}


def sha(text: str | None) -> str | None:
    """A short sha1 of a text (None stays None): proves equality without storing the text."""
    return None if text is None else hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _actor(a) -> list:
    return [a.country, a.sector, a.id, a.name, a.type, a.role, sha(a.text)]


def event_print(e) -> dict:
    """An event's codes, offsets and text hashes (the cluster and id depend on the store, left out)."""
    loc = e.location
    return {"doc": e.doc, "type": e.event_type, "mode": e.mode, "aux": e.aux, "quad": e.quad,
            "actor": [_actor(a) for a in e.actor], "recipient": [_actor(a) for a in e.recipient],
            "date": e.date, "date_basis": e.date_basis,
            "location": [loc.country, loc.name, loc.basis, loc.lat, loc.lon, sha(loc.text)] if loc else None,
            "start": e.start, "end": e.end, "confidence": round(e.confidence, 3),
            "evidence": sha(e.evidence), "trigger": sha(e.trigger)}


def timex_print(t) -> dict:
    return {"doc": t.doc, "start": t.start, "end": t.end, "value": t.value, "type": t.type, "text": sha(t.text)}


def actor_print(row: dict) -> dict:
    return {**{k: row[k] for k in ("doc", "name", "id", "type", "country", "sector", "role")},
            "mentions": [sha(m) for m in row["mentions"]]}


def documents(folder: Path, patterns: tuple[str, ...]):
    """The folder's articles as ingest reads them, with its docs.jsonl metadata."""
    from chronique.ingest import load_meta, read_sources
    from chronique.model import Document

    meta = load_meta(folder / "docs.jsonl") if (folder / "docs.jsonl").exists() else None
    paths = sorted(str(p) for pat in patterns for p in folder.glob(pat))
    return [d for d in read_sources(paths, meta) if isinstance(d, Document)]


def fingerprint_set(folder: Path, patterns: tuple[str, ...], nlp) -> dict:
    """Per document (by id): its published date, events, time expressions and actor rows."""
    from chronique.pipeline import process

    out = {}
    for r in process(documents(folder, patterns), nlp):
        out[r.document.id] = {"published": str(r.document.published), "events": [event_print(e) for e in r.events],
                              "timexes": [timex_print(t) for t in r.timexes],
                              "actors": [actor_print(a) for a in r.actors]}
    return out


def fingerprint(nlp=None, sets: tuple[str, ...] = tuple(SETS)) -> dict:
    """Every available set's fingerprint; a set whose folder is absent is left out."""
    from chronique.nlp import load_nlp

    nlp = nlp or load_nlp()
    return {name: fingerprint_set(SETS[name][0], SETS[name][1], nlp) for name in sets if SETS[name][0].is_dir()}


def differences(old, new, path: str = "") -> list[str]:
    """Field-by-field differences between two fingerprints, as ``path: old != new`` lines."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for k in sorted(set(old) | set(new), key=str):
            if k not in new:
                out.append(f"{path}/{k}: missing now (was {json.dumps(old[k])[:200]})")
            elif k not in old:
                out.append(f"{path}/{k}: new (is {json.dumps(new[k])[:200]})")
            else:
                out += differences(old[k], new[k], f"{path}/{k}")
        return out
    if isinstance(old, list) and isinstance(new, list):
        out = [f"{path}: {len(old)} items before, {len(new)} now"] if len(old) != len(new) else []
        for i, (a, b) in enumerate(zip(old, new)):
            out += differences(a, b, f"{path}[{i}]")
        return out
    if path.endswith("/confidence") and isinstance(old, float) and isinstance(new, float):
        return [] if abs(old - new) <= CONFIDENCE_TOLERANCE else [f"{path}: {old} != {new}"]
    return [] if old == new else [f"{path}: {json.dumps(old)} != {json.dumps(new)}"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", type=Path, help="write the fingerprint to this JSON file")
    ap.add_argument("--check", type=Path, help="compare with this JSON file; print the first differences")
    a = ap.parse_args(argv)
    fp = fingerprint()
    if a.write:
        a.write.write_text(json.dumps(fp, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {a.write}: " + ", ".join(f"{k} {len(v)} documents" for k, v in fp.items()))
    if a.check:
        old = json.loads(a.check.read_text(encoding="utf-8"))
        diffs = differences({k: old[k] for k in fp if k in old}, fp)
        print("\n".join(diffs[:40]) or "identical")
        return 1 if diffs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
