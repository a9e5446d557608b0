"""Per-type precision, recall and F1 at the event level on the validation split of ``chronique train``.

    PYTHONPATH=src .venv/bin/python benchmarks/validation.py [--json]

The split is the one training holds back (``train.texts.held_out``): the news articles of
../shared/train whose story falls in the last fifth, and the same fifth of our own corpus's lines.
Both go through the whole pipeline, as ``chronique extract`` runs it (a temporary store), and are
scored as ``../shared/eval/score.py`` scores (``train.eventscore``: a unit is one real-world event of a
document, whatever number of sentences report it) — on the type alone, the type decision's own score,
and on type + actor. ``chronique train`` prints a stricter figure over the same stories: one unit per
sentence and type, so an event every sentence of an article mentions but annotators coded once counts
against each mention. The news articles are read from ../shared (skipped cleanly when absent).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from chronique.plover import EVENT_TYPES
from chronique.train import TrainOptions
from chronique.train.eventscore import score_by_type
from chronique.train.texts import CORPUS_STORY, held_out

LEVELS = ("type", "type+actor")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def news_split(folder: Path) -> tuple[list[dict], list[dict]]:
    """The held-out news articles (docs.jsonl rows) and their gold event lines."""
    if not (folder / "docs.jsonl").exists():
        return [], []
    docs = [d for d in _jsonl(folder / "docs.jsonl") if held_out(d.get("topic") or d["id"])]
    ids = {d["id"] for d in docs}
    return docs, [e for e in _jsonl(folder / "events.jsonl") if e["doc"] in ids]


def corpus_split(folder: Path) -> tuple[list[dict], list[dict]]:
    """The held-out lines of our own corpus, as documents, and their events as gold units (one per event)."""
    docs, gold = [], []
    for path in sorted(folder.glob("*.jsonl")):
        for row in _jsonl(path):
            if not held_out(f"{CORPUS_STORY}{row['id']}"):
                continue
            docs.append({"id": row["id"], "published": row["published"], "text": row["text"]})
            gold += [{"doc": row["id"], "event_key": f"{row['id']}#{n}", "event_type": ev["type"],
                      "aux": ev.get("aux", "none"), "actor": ev["actor"], "recipient": ev["recipient"],
                      "evidence": row["text"]} for n, ev in enumerate(row["events"])]
    return docs, gold


def extract_events(docs: list[dict], texts: dict[str, str], work: Path) -> list[dict]:
    """Run ``chronique extract`` (in process) on the documents; their events as JSON lines."""
    from chronique.cli.extract import extract_and_report
    from chronique.ingest.limits import Limits
    from chronique.scale.engine import ExtractOptions

    folder = work / "texts"
    folder.mkdir()
    for d in docs:
        (folder / f"{d['id']}.txt").write_text(texts[d["id"]], encoding="utf-8")
    meta = work / "docs.jsonl"
    meta.write_text("".join(json.dumps({k: v for k, v in d.items() if k != "text"}) + "\n" for d in docs),
                    encoding="utf-8")
    out = work / "events.jsonl"
    extract_and_report(sorted(str(p) for p in folder.glob("*.txt")), Limits(),
                       ExtractOptions(db=work / "v.duckdb", meta=meta, out=out, quiet=True))
    return _jsonl(out) if out.exists() else []


def table(name: str, scores: dict[str, dict]) -> str:
    """Per-type rows of each level side by side, then the macro and overall lines."""
    lines = [f"{name}", f"  {'type':10} " + "   ".join(f"{lv + ' P/R/F1':>20}" for lv in LEVELS) + "   gold"]
    for t in EVENT_TYPES:
        row = [scores[lv][t] for lv in LEVELS]
        if row[0]["gold"] or row[0]["pred"]:
            cells = "   ".join(f"{r['precision']:.2f} / {r['recall']:.2f} / {r['f1']:.2f}".rjust(20) for r in row)
            lines.append(f"  {t:10} {cells}   {row[0]['gold']:4d}")
    lines.append("  macro F1   " + "   ".join(f"{scores[lv]['macro_f1']:.3f}".rjust(20) for lv in LEVELS))
    lines.append("  all events " + "   ".join(
        f"{r['precision']:.2f} / {r['recall']:.2f} / {r['f1']:.2f}".rjust(20) for r in (scores[lv]["all"] for lv in LEVELS)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    a = ap.parse_args(argv)
    opts = TrainOptions()
    news_docs, news_gold = news_split(opts.news)
    corpus_docs, corpus_gold = corpus_split(opts.corpus)
    texts = {d["id"]: (opts.news / f"{d['id']}.txt").read_text(encoding="utf-8") for d in news_docs}
    texts |= {d["id"]: d["text"] for d in corpus_docs}
    with tempfile.TemporaryDirectory() as tmp:
        preds = extract_events(news_docs + corpus_docs, texts, Path(tmp))
    parts = {"news": ({d["id"] for d in news_docs}, news_gold), "corpus": ({d["id"] for d in corpus_docs}, corpus_gold)}
    parts["both"] = (parts["news"][0] | parts["corpus"][0], news_gold + corpus_gold)
    result = {name: {lv: score_by_type(gold, [p for p in preds if p["doc"] in ids], lv) for lv in LEVELS}
              for name, (ids, gold) in parts.items() if ids}
    if a.json:
        print(json.dumps(result))
        return 0
    if not news_docs:
        print(f"(no news articles: {opts.news} is absent; our own corpus's test part only)", file=sys.stderr)
    sizes = {"news": f"{len(news_docs)} articles", "corpus": f"{len(corpus_docs)} sentences of data/corpus",
             "both": "news + corpus"}
    print("\n\n".join(table(f"{name} ({sizes[name]}), event level", res) for name, res in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
