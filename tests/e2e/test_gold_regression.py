"""Gold regression: scores on ../shared/gold must not fall below the floors measured when each
capability landed (measured value minus a small margin; raise the floors as quality improves)."""
from __future__ import annotations

import importlib.util
import json

import pytest

from chronique.ingest import load_meta, read_sources
from chronique.model import Document
from chronique.pipeline import process

# Measured on the commit that set them (see CHANGELOG.md); margin 0.03. dev grew from 25 to 36
# articles after #6 (scored 0.637 / 0.467 then, by the rules alone), hence the lower dev floors.
FLOORS = {
    "seeds": {"type+actor": 0.72, "full": 0.55},  # measured 0.750 / 0.582 (CHANGELOG 0.3.0)
    "dev": {"type+actor": 0.60, "full": 0.43},    # measured 0.638 / 0.468 (CHANGELOG 0.3.0)
}
# The 25 dev articles issue #6's criterion was set on; the 11 added since (eur*, kor*) are scored
# with them for the floors above and reported, not held to #6's pair recall.
ISSUE_6_DEV = ("dev", "mena", "afr")


def _scorer(gold_dir):
    spec = importlib.util.spec_from_file_location("score", gold_dir.parent / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scores(gold_dir, nlp):
    scorer = _scorer(gold_dir)
    out = {}
    for name in FLOORS:
        folder = gold_dir / name
        meta = load_meta(folder / "docs.jsonl")
        docs = [d for d in read_sources(sorted(str(p) for p in folder.glob("*.txt")), meta) if isinstance(d, Document)]
        results = process(docs, nlp)
        preds = [e.to_json() for r in results for e in r.events]
        tx = [t.to_json() for r in results for t in r.timexes]
        out[name] = {"events": scorer.score_events(scorer.read_jsonl(folder / "events.jsonl"), preds, set(meta)),
                     "timex": scorer.score_timex(scorer.read_jsonl(folder / "timex.jsonl"), tx, set(meta)),
                     "docs": docs, "results": results}
    return out


@pytest.mark.gold
@pytest.mark.parametrize("name", list(FLOORS))
def test_event_f1_floors(scores, name):
    ev = scores[name]["events"]
    print(name, json.dumps({k: ev[k]["f1"] for k in ("type+actor", "full")}))
    for level, floor in FLOORS[name].items():
        assert ev[level]["f1"] >= floor, (name, level, ev[level])


def _given(doc: Document) -> str:
    """The article file as the user has it: decoded, line ends untouched, the byte-order mark not counted."""
    with open(doc.origin, encoding="utf-8-sig", newline="") as fh:
        return fh.read()


@pytest.mark.gold
@pytest.mark.parametrize("name", list(FLOORS))
def test_gold_offsets_point_into_the_given_files(scores, name):
    """Issue #17: evidence and time expressions are the characters of the user's own file at start:end."""
    texts = {d.id: _given(d) for d in scores[name]["docs"]}
    results = scores[name]["results"]
    assert sum(len(r.events) for r in results) > 20 and sum(len(r.timexes) for r in results) > 10
    for r in results:
        for e in r.events:
            assert texts[e.doc][e.start:e.end] == e.evidence
        for t in r.timexes:
            assert texts[t.doc][t.start:t.end] == t.text


@pytest.mark.gold
@pytest.mark.parametrize("name", list(FLOORS))
def test_gold_evidence_is_never_a_cut_clause(scores, name):
    """Issue #17: no evidence begins with punctuation (but an opening quote or dash) or a lower-case word."""
    for r in scores[name]["results"]:
        for e in r.events:
            first = e.evidence[:1]
            assert first.isupper() or first.isdigit() or first in "«\"“‘(—–-", e.evidence[:80]
            assert e.evidence[-1:] not in ",:;", e.evidence[-80:]


@pytest.mark.gold
def test_one_real_world_event_one_cluster_across_dev_articles(gold_dir, nlp, tmp_path):
    """Issue #6's criterion, end to end: extract dev into a store (clustering runs as in `chronique
    extract`), then score.py's cross-document pairs: precision >= 0.9 over all dev, recall >= 0.7 on
    the 25 articles the criterion was set on (on all 36: 1.00 / 0.58, 19 gold pairs)."""
    from chronique.dedup.index import assign_clusters
    from chronique.pipeline import run
    from chronique.store.db import Store

    folder = gold_dir / "dev"
    meta = load_meta(folder / "docs.jsonl")
    with Store(tmp_path / "dev.duckdb") as store:
        report = run(read_sources(sorted(str(p) for p in folder.glob("*.txt")), meta), store, nlp)
        assign_clusters(store, report.processed)
        preds = [e.to_json() for e in store.events(limit=100_000)]
    scorer = _scorer(gold_dir)
    gold = scorer.read_jsonl(folder / "events.jsonl")
    pairs = scorer.score_events(gold, preds, set(meta))["cross_doc_clusters"]
    first = scorer.score_events(gold, preds, {d for d in meta if d.startswith(ISSUE_6_DEV)})["cross_doc_clusters"]
    print(json.dumps({"all": pairs, "issue_6_articles": first}))
    assert pairs["pair_precision"] >= 0.9, pairs
    assert first["pair_recall"] >= 0.7, first
