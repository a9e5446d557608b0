"""``chronique.open``: read-only by default, Arrow tables, and filters meaning what they mean in the CLI."""
from __future__ import annotations

import pyarrow as pa
import pytest

import chronique
from chronique.outputs.timeline import timeline
from chronique.store.db import Store
from chronique.store.filters import EventFilter

FILTERS = [{}, {"actor": "macron"}, {"actor": "RUS", "role": "actor"}, {"country": "DEU"},
           {"event_type": "protest"}, {"since": "2024-04"}, {"until": "2024-03"}, {"q": "retraites"},
           {"docs": ["berlin", "paris"]}, {"quad": "verbal-conflict"}]


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_events_are_the_cli_events_for_every_filter(store_path, filters):
    with Store(store_path, read_only=True) as store:
        f = EventFilter(**{**filters, "docs": tuple(filters["docs"]) if "docs" in filters else None})
        cli = [e.to_json() for e in store.events(f)]
        cli_timeline = [e.cluster for e in timeline(store, f)]
    with chronique.open(store_path) as db:
        table = db.events(**filters)
        assert table.column("id").to_pylist() == [e["id"] for e in cli]
        assert db.timeline(**filters).column("id").to_pylist() == cli_timeline
    rows = table.to_pylist()
    for row, e in zip(rows, cli):
        assert (row["start"], row["end"], row["evidence"], row["date"]) == (e["start"], e["end"], e["evidence"], e["date"])
        assert [p["name"] for p in row["actor"]] == [a["name"] for a in e["actor"]]
        assert [p["kb_id"] for p in row["recipient"]] == [a["id"] for a in e["recipient"]]


def test_the_filter_selects_something_and_not_everything(store_path):
    with chronique.open(store_path) as db:
        every = db.events().num_rows
        assert 0 < db.events(actor="macron").num_rows < every
        assert db.events(limit=1).num_rows == 1


def test_tables_convert_to_pandas_and_polars(store_path):
    pl = pytest.importorskip("polars")
    with chronique.open(store_path) as db:
        table = db.events()
    assert isinstance(table, pa.Table)
    df = table.to_pandas()
    assert list(df.columns[:3]) == ["id", "doc", "doc_title"] and len(df) == table.num_rows
    assert pl.from_arrow(table).height == table.num_rows


def test_actors_network_and_documents(store_path):
    with chronique.open(store_path) as db:
        actors = db.actors().to_pylist()
        edges = db.network().to_pylist()
        docs = db.documents().to_pylist()
        moscou = db.documents(actor="lavrov").column("id").to_pylist()
    macron = next(a for a in actors if a["name"] == "Emmanuel Macron")
    assert macron["as_actor"] >= 1 and macron["country"] == "FRA"
    assert all(e["source"] != e["target"] and e["n_events"] >= 1 for e in edges)
    assert {d["id"] for d in docs} == {"berlin", "moscou", "paris"} and all(d["text"] for d in docs)
    assert moscou == ["moscou"]


def test_read_only_by_default(store_path, tmp_path):
    with chronique.open(store_path) as db:
        with pytest.raises(PermissionError, match="read-only"):
            db.add("Le président a rencontré son homologue.")
        assert "read-only" in repr(db)
    with pytest.raises(FileNotFoundError, match="no such store"):
        chronique.open(tmp_path / "missing.duckdb")
    with pytest.raises(ValueError, match="YYYY"):
        chronique.open(store_path).events(since="mars 2024")


def test_adding_again_changes_nothing(store_path, tmp_path):
    from tests.api.conftest import DISPATCHES

    path = tmp_path / "again.duckdb"
    with chronique.open(path, read_only=False) as db:
        first = db.add(DISPATCHES)
        again = db.add(DISPATCHES[0])
        assert (again["processed"], again["skipped"]) == (0, 1)
        assert db.events().num_rows == first["events"]
