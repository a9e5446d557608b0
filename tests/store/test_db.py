"""Store: batched upserts keep one copy per document; reads return what was written."""
from __future__ import annotations

import datetime as dt

from chronique.model import Actor, Document, DocResult, Event, InputError, Place, Timex
from chronique.store.db import Store
from chronique.store.filters import EventFilter

TEXT = "Le ministre russe des Affaires étrangères a rencontré lundi à Paris son homologue français."


def _result(doc_id="d1", n_events=1) -> DocResult:
    doc = Document(id=doc_id, text=TEXT, published=dt.date(2019, 6, 3), origin="test")
    events = [Event(doc=doc_id, id=f"{doc_id}-e{i}", event_type="CONSULT", evidence=TEXT, start=0, end=len(TEXT),
                    actor=[Actor(text="Le ministre russe", name="Sergei Lavrov", country="RUS", sector="GOV"),
                           Actor(text="son homologue français", country="FRA", sector="GOV")],
                    date="2019-06-03", date_basis="relative",
                    location=Place(text="Paris", name="Paris", country="FRA", lat=48.86, lon=2.35))
              for i in range(n_events)]
    tx = [Timex(doc=doc_id, text="lundi", start=44, end=49, value="2019-06-03")]
    return DocResult(document=doc, events=events, timexes=tx, actors=[{"name": "Sergei Lavrov", "country": "RUS"}])


def test_write_then_read_round_trip(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.write([_result()], [InputError("bad.txt", "empty document")], version="v1")
        (ev,) = s.events()
        assert ev.event_type == "CONSULT" and ev.location.country == "FRA"
        assert [a.country for a in ev.actor] == ["RUS", "FRA"]
        assert s.timexes(["d1"])[0]["value"] == "2019-06-03"
        assert s.counts()["errors"] == 1


def test_rewriting_a_document_replaces_its_rows(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.write([_result(n_events=3)], version="v1")
        before = s.counts()
        s.write([_result(n_events=3)], version="v1")
        assert s.counts() == before
        s.write([_result(n_events=1)], version="v2")
        assert s.counts()["events"] == 1 and s.counts()["participants"] == 2
        assert s.stored_versions(["d1", "zz"])["d1"][1] == "v2"


def test_filters(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.write([_result("a"), _result("b")], version="v1")
        assert len(s.events(EventFilter(actor="Lavrov"))) == 2
        assert len(s.events(EventFilter(actor="USA"))) == 0
        assert len(s.events(EventFilter(event_type="consult", since="2019-06", until="2019-06"))) == 2
        assert len(s.events(EventFilter(until="2019-05"))) == 0
        assert len(s.events(EventFilter(docs=("a",)))) == 1


def test_failed_batch_leaves_store_unchanged(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.write([_result("a")], version="v1")
        before = s.counts()
        broken = _result("b")
        broken.events.append(broken.events[0])  # duplicate primary key -> the whole batch rolls back
        try:
            s.write([broken], version="v1")
        except Exception:
            pass
        assert s.counts() == before


def test_the_store_builds_the_arrow_tables_pyarrow_would():
    import pyarrow as pa

    from chronique.store.db import ARROW_POOL, arrow_table, result_rows
    rows = result_rows([_result("d1", 2), _result("d2", 0)], "v1")
    for name, table_rows in rows.items():
        if table_rows:
            assert arrow_table(table_rows).equals(pa.Table.from_pylist(table_rows)), name
    sparse = [{"a": 1, "b": None}, {"a": 2}]  # a key missing from a later row is null, as in from_pylist
    assert arrow_table(sparse).equals(pa.Table.from_pylist(sparse))
    assert ARROW_POOL.backend_name == "system"
