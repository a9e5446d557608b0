"""Partitioned Parquet: same rows as the DuckDB store, latest run wins, loading is idempotent.

Records are built by hand (no model needed), with the team's own French sentences.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow.dataset as pads
import pytest

from chronique.model import Actor, Document, DocResult, Event, InputError, Timex
from chronique.scale import parquet
from chronique.store.db import Store

TEXT = "Le ministre a rencontré jeudi son homologue à Paris pour discuter du cessez-le-feu."


def result(doc_id: str, event_type: str = "CONSULT", text: str = TEXT) -> DocResult:
    doc = Document(id=doc_id, text=text, title=None, published=dt.date(2024, 3, 14), source="test", origin="t")
    ev = Event(doc=doc_id, event_type=event_type, evidence=text, start=0, end=len(text), mode="meet",
               actor=[Actor(text="Le ministre", name="ministre", country="FRA", sector="GOV")],
               recipient=[Actor(text="son homologue"), Actor(text="Paris", country="FRA")],
               date="2024-03-14", aux="none", trigger="rencontré", id=f"{doc_id}:ev0")
    tx = Timex(doc=doc_id, text="jeudi", start=24, end=29, value="2024-03-14")
    return DocResult(document=doc, events=[ev], timexes=[tx],
                     actors=[{"name": "ministre", "country": "FRA", "sector": "GOV", "mentions": ["Le ministre"]}])


def test_schema_follows_the_store():
    schemas = parquet.table_schemas()
    assert set(schemas) == {"documents", "events", "participants", "timexes", "actors", "errors"}
    assert "ingested_at" not in schemas["documents"].names  # DuckDB fills it on load
    assert str(schemas["documents"].field("published").type) == "date32[day]"


def test_loaded_parquet_equals_direct_store_write(tmp_path, table_dump):
    results = [result("a"), result("b", "AGREE")]
    errors = [InputError("x.jsonl:3", "not a JSON object")]
    parquet.write_parts(tmp_path / "pq", "r1", results, errors, "v1")
    counts = parquet.load(tmp_path / "pq", tmp_path / "from_parquet.duckdb")
    assert counts["documents"] == 2 and counts["events"] == 2 and counts["participants"] == 6
    with Store(tmp_path / "direct.duckdb") as direct:
        direct.write(results, errors, "v1")
    with Store(tmp_path / "from_parquet.duckdb") as loaded, Store(tmp_path / "direct.duckdb") as direct:
        for table in ("documents", "events", "participants", "timexes", "actors", "errors"):
            assert table_dump(loaded.con, table) == table_dump(direct.con, table), table


def test_latest_run_wins_and_loading_twice_changes_nothing(tmp_path):
    pq = tmp_path / "pq"
    parquet.write_parts(pq, "20240101T000000000000", [result("a", "CONSULT")], [], "v1")
    parquet.write_parts(pq, "20240202T000000000000", [result("a", "AGREE", TEXT + " Un accord suit.")], [], "v2")
    db = tmp_path / "s.duckdb"
    parquet.load(pq, db)
    parquet.load(pq, db)
    with Store(db) as store:
        assert store.con.execute("SELECT event_type FROM events").fetchall() == [("AGREE",)]
        assert store.con.execute("SELECT version FROM documents").fetchall() == [("v2",)]
        assert store.counts()["participants"] == 3
    assert parquet.stored_keys(pq)["a"][1] == "v2"


def test_part_files_are_hive_partitioned_and_readable_by_other_engines(tmp_path):
    pq = tmp_path / "pq"
    paths = parquet.write_parts(pq, "r1", [result("a"), result("b")], [], "v1")
    again = parquet.write_parts(pq, "r1", [result("a"), result("b")], [], "v1")
    assert paths == again  # a retried task rewrites its own files
    assert all(p.parent.name == "run=r1" for p in paths)
    events = pads.dataset(pq / "events", format="parquet", partitioning="hive").to_table()
    assert events.num_rows == 2 and "run" in events.column_names
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{pq}/participants/*/*.parquet', hive_partitioning = true)")
    assert n.fetchall() == [(6,)]


def test_only_errors_still_load(tmp_path):
    parquet.write_parts(tmp_path / "pq", "r1", [], [InputError("a.txt", "empty document")], "v1")
    assert parquet.load(tmp_path / "pq", tmp_path / "s.duckdb")["errors"] == 1


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="no such Parquet directory"):
        parquet.load(tmp_path / "nope", tmp_path / "s.duckdb")


def test_clear_removes_only_part_files(tmp_path):
    pq = tmp_path / "pq"
    parquet.write_parts(pq, "r1", [result("a")], [], "v1")
    (pq / "README").write_text("kept")
    assert parquet.clear(pq) == 5
    assert (pq / "README").exists() and parquet.stored_keys(pq) == {}


def test_loading_again_leaves_stored_documents_and_their_clusters_alone(tmp_path):
    pq, db = tmp_path / "pq", tmp_path / "s.duckdb"
    parquet.write_parts(pq, "r1", [result("a"), result("b", "AGREE")], [], "v1")
    assert parquet.load(pq, db)["documents"] == 2
    with Store(db) as store:
        store.con.execute("UPDATE events SET cluster = 'c-kept'")
    assert parquet.load(pq, db)["documents"] == 0
    with Store(db) as store:
        assert store.con.execute("SELECT DISTINCT cluster FROM events").fetchall() == [("c-kept",)]
