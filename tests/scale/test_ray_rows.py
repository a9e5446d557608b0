"""The Ray runner's plumbing that needs no cluster: rows <-> records, file groups, the manifest tally."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa

from chronique.model import Document, InputError
from chronique.scale.pool import slices
from chronique.pipeline import RunReport
from chronique.scale.ray_runner import SOURCE_SCHEMA, groups, item_row, row_item, tally


def test_document_and_error_survive_the_arrow_round_trip():
    doc = Document(id="d1", text="Le président a reçu vendredi son homologue.", title="Visite",
                   published=dt.date(2023, 5, 12), published_basis="given", source="test", origin="a.jsonl:1")
    err = InputError("a.jsonl:2", "not a JSON object", kind="input")
    table = pa.Table.from_pylist([item_row(doc), item_row(err)], schema=SOURCE_SCHEMA)
    assert [row_item(r) for r in table.to_pylist()] == [doc, err]


def test_a_skipped_document_travels_without_its_text():
    doc = Document(id="d1", text="Un texte déjà enregistré dans la base.")
    row = item_row(doc, skipped=True)
    assert row["kind"] == "skipped" and row["text"] == ""


def test_groups_keep_order_and_cover_every_file():
    files = [f"f{i}.jsonl" for i in range(10)]
    for n in (1, 3, 4, 10, 50):
        parts = groups(files, n)
        assert len(parts) <= n and [f for g in parts for f in g] == files
    assert groups([], 4) == []


def test_slices_balance_a_batch():
    assert slices(list(range(7)), 4) == [[0, 1], [2, 3], [4, 5], [6]]
    assert slices([], 4) == []


def test_tally_counts_each_document_once():
    report = RunReport()
    tally(report, [{"kind": "doc", "id": "a", "events": 2}, {"kind": "skipped", "id": "b", "events": 0},
                    {"kind": "error", "id": "x:3", "events": None, "reason": "empty document", "error_kind": None}])
    tally(report, [{"kind": "doc", "id": "a", "events": 2}])
    assert report.processed == ["a"] and report.skipped == ["b"] and report.events == 2
    assert report.errors == [InputError("x:3", "empty document", "input")]
