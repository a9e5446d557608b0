"""A batch full of bad inputs never removes or alters what earlier runs stored, and one document a
stage fails on costs only itself (the rest of its batch is stored, the failure is recorded)."""
from __future__ import annotations

import io
import json

from chronique.ingest import read_sources
from chronique.ingest.sources import read_jsonl_stream
from chronique.ingest.limits import Limits
from chronique.pipeline import process, run
from chronique.store.db import Store

from .hostile import ENGLISH, FRENCH

KEPT = {f"garde-{i}": FRENCH[i] for i in range(3)}
SNAPSHOT_SQL = {
    "documents": "SELECT * FROM documents WHERE id LIKE 'garde-%' ORDER BY id",
    "events": "SELECT * FROM events WHERE doc LIKE 'garde-%' ORDER BY id",
    "timexes": "SELECT * FROM timexes WHERE doc LIKE 'garde-%' ORDER BY doc, start_char",
    "actors": "SELECT * FROM actors WHERE doc LIKE 'garde-%' ORDER BY doc, position",
}


def _lines(*rows) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows).encode()


def _snapshot(store: Store) -> dict[str, list[tuple]]:
    return {name: store.con.execute(sql).fetchall() for name, sql in SNAPSHOT_SQL.items()}


def _items(data: bytes):
    return read_jsonl_stream(io.BytesIO(data), "lot.jsonl", {}, Limits())


def test_bad_batch_leaves_earlier_documents_untouched(tmp_path, nlp):
    with Store(tmp_path / "s.duckdb") as store:
        first = run(_items(_lines(*({"id": k, "text": v, "published": "2023-04-03"} for k, v in KEPT.items()))),
                    store, nlp)
        assert sorted(first.processed) == sorted(KEPT) and not first.errors
        before = _snapshot(store)
        hostile = _lines(
            {"id": "garde-0", "text": ["pas", "une", "chaîne"]},       # same id, wrong type
            {"id": "garde-1", "text": FRENCH[1], "published": "2023-02-30"},  # same id, bad date
            {"id": "garde-2", "text": ENGLISH},                          # same id, not French
            {"id": "garde-0", "text": "   "},                            # same id, empty
            "{\"id\": \"garde-1\", \"text\": ",                          # broken line
            {"id": "nouveau", "text": FRENCH[5]})
        second = run(_items(hostile), store, nlp, batch_size=2)
        assert _snapshot(store) == before
        assert second.processed == ["nouveau"] and len(second.errors) == 5
        assert store.con.execute("SELECT count(*) FROM errors").fetchone()[0] == 5
        assert store.con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(KEPT) + 1


def test_a_stage_failure_costs_only_its_document(tmp_path, nlp):
    def fragile(docs):
        if any(d.id == "piege" for d in docs):
            raise ValueError("year -7876 is out of range")
        return process(docs, nlp)

    rows = [{"id": "avant", "text": FRENCH[6]}, {"id": "piege", "text": FRENCH[7]}, {"id": "apres", "text": FRENCH[8]}]
    with Store(tmp_path / "s.duckdb") as store:
        report = run(_items(_lines(*rows)), store, nlp, processor=fragile)
        ids = {r[0] for r in store.con.execute("SELECT id FROM documents").fetchall()}
        errors = store.con.execute("SELECT origin, reason, kind FROM errors").fetchall()
    assert ids == {"avant", "apres"} and sorted(report.processed) == ["apres", "avant"]
    assert errors == [("lot.jsonl:2", "internal error on document 'piege': ValueError: year -7876 is out of range",
                       "internal")]


def test_rerun_after_a_bad_run_adds_no_duplicates(tmp_path, nlp):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"art{i}.txt").write_text(FRENCH[10 + i], encoding="utf-8")
    (corpus / "binaire.txt").write_bytes(b"\x00\xff" * 50)
    with Store(tmp_path / "s.duckdb") as store:
        run(read_sources([str(corpus)]), store, nlp)
        again = run(read_sources([str(corpus)]), store, nlp)
        assert again.processed == [] and len(again.skipped) == 3
        assert store.con.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone() == (3, 3)


def test_a_binary_file_named_jsonl_gives_one_error_not_thousands():
    import random

    rng = random.Random(3)
    blob = b"\n".join(bytes(rng.randrange(256) for _ in range(40)) for _ in range(3000))
    items = list(read_jsonl_stream(io.BytesIO(blob), "blob.jsonl", {}, Limits()))
    assert len(items) <= 20 and "not JSON Lines" in items[-1].reason
    pretty = json.dumps([{"id": "a", "text": FRENCH[0]}] * 50, indent=2).encode()
    items = list(read_jsonl_stream(io.BytesIO(pretty), "joli.jsonl", {}, Limits()))
    assert len(items) <= 20 and "not JSON Lines" in items[-1].reason
