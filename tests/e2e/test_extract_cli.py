"""End to end: the bundled examples through `chronique extract` into DuckDB and the FORMAT.md output."""
from __future__ import annotations

import json

import duckdb
import pytest

from chronique.cli import main

REQUIRED = {"doc", "event_type", "mode", "actor", "recipient", "date", "location", "aux", "evidence",
            "start", "end", "confidence", "cluster"}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, nlp, examples_dir):
    EXAMPLES = examples_dir
    tmp = tmp_path_factory.mktemp("e2e")
    db, out, tx = tmp / "ex.duckdb", tmp / "events.jsonl", tmp / "timex.jsonl"
    code = main(["extract", str(EXAMPLES), "--meta", str(EXAMPLES / "docs.jsonl"), "--db", str(db),
                 "--out", str(out), "--timex-out", str(tx), "--quiet"])
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    timexes = [json.loads(line) for line in tx.read_text(encoding="utf-8").splitlines()]
    return code, db, events, timexes


def _texts(db) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT id, text FROM documents").fetchall())
    finally:
        con.close()


def test_examples_give_events_of_several_types(extracted):
    code, db, events, _ = extracted
    assert code == 0
    assert len(_texts(db)) >= 12
    types = {e["event_type"] for e in events}
    assert {"CONSULT", "AGREE"} <= types and len(types) >= 6, types
    assert all(REQUIRED <= set(e) for e in events)


def test_every_event_slices_its_evidence(extracted):
    _, db, events, timexes = extracted
    texts = _texts(db)
    for e in events:
        assert texts[e["doc"]][e["start"]:e["end"]] == e["evidence"]
    for t in timexes:
        assert texts[t["doc"]][t["start"]:t["end"]] == t["text"]


def test_participants_are_coded(extracted):
    _, _, events, _ = extracted
    coded = [a for e in events for a in e["actor"] if a["country"]]
    assert len(coded) >= 0.8 * sum(len(e["actor"]) for e in events)
    singapore = [e for e in events if e["doc"].startswith("02_") and e["event_type"] == "CONSULT"]
    assert any({"USA", "PRK"} <= {a["country"] for a in e["actor"] + e["recipient"]} for e in singapore)


def test_reingest_changes_nothing(extracted, examples_dir):
    EXAMPLES = examples_dir
    _, db, _, _ = extracted
    con = duckdb.connect(str(db), read_only=True)
    before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("documents", "events", "participants", "timexes")}
    con.close()
    for force in ([], ["--force"]):
        assert main(["extract", str(EXAMPLES), "--meta", str(EXAMPLES / "docs.jsonl"), "--db", str(db),
                     "--quiet", *force]) == 0
        con = duckdb.connect(str(db), read_only=True)
        after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
        con.close()
        assert after == before


def test_events_query_command(extracted, capsys):
    _, db, _, _ = extracted
    assert main(["events", "--db", str(db), "--type", "CONSULT", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["event_type"] == "CONSULT" for r in rows)
    assert main(["events", "--db", str(db), "--actor", "Poutine"]) == 0
    table = capsys.readouterr().out
    assert "Vladimir Putin" in table
