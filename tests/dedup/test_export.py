"""Each export format is written, parsed back and checked against the store."""
import csv
import json

import pyarrow.parquet as pq
import pytest

from chronique.dedup.index import assign_clusters
from chronique.outputs.export import CSV_COLUMNS, TSV_COLUMNS, cameo_code, export

from .conftest import SINGAPOUR, doc, ev

SUMMIT = "Donald Trump et Kim Jong-un se sont rencontrés mardi à Singapour."
SUMMIT_2 = "Le sommet de Singapour entre Donald Trump et Kim Jong-un s'est tenu le 12 juin."
ARREST = "La garde présidentielle a arrêté le président à Niamey."


@pytest.fixture
def filled(store):
    store.write([
        doc("x1", "2018-06-13", [ev("x1", 1, "CONSULT", SUMMIT, actor=("trump", "kim"), date="2018-06-12",
                                    basis="relative", mode="third-party", place=SINGAPOUR)]),
        doc("x2", "2018-06-14", [ev("x2", 1, "CONSULT", SUMMIT_2, actor=("kim", "trump"), date="2018-06-12")]),
        doc("x3", "2018-06-20", [ev("x3", 1, "ASSAULT", ARREST, actor=("moon",), date="2018-06", mode="aerial")]),
    ])
    assign_clusters(store)
    return store


def test_plover_json_uses_the_codebook_field_names(filled, tmp_path):
    out = tmp_path / "c.jsonl"
    assert export(filled, "plover-json", out) == 2
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    summit = next(r for r in recs if r["event"] == ["CONSULT"])
    assert {"id", "date", "source", "recipient", "event", "mode", "event_loc", "event_text", "quad_code",
            "link"} <= summit.keys()
    assert summit["date"] == "2018-06-12" and summit["quad_code"] == 1 and summit["mode"] == "third-party"
    assert {a["code"] for a in summit["source"]} == {"USA", "PRK"}
    assert summit["event_loc"]["cc3"] == "SGP" and summit["num_articles"] == 2
    assert set(summit["event_text"]) == {SUMMIT, SUMMIT_2}
    month = next(r for r in recs if r["event"] == ["ASSAULT"])
    assert (month["date"], month["enddate"], month["date_precision"]) == ("2018-06-01", "2018-06-30", "month")


def test_plover_json_at_the_event_level_links_reports_to_their_cluster(filled, tmp_path):
    out = tmp_path / "e.jsonl"
    assert export(filled, "plover-json", out, level="events") == 3
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    links = {r["id"]: r["link"] for r in recs}
    assert links["x1-e1"] == links["x2-e1"] != links["x3-e1"]


def test_cameo_tsv_has_gdelt_columns_and_codes(filled, tmp_path):
    out = tmp_path / "c.tsv"
    export(filled, "cameo-tsv", out)
    with open(out, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert tuple(rows[0].keys()) == TSV_COLUMNS and len(rows) == 2
    summit = next(r for r in rows if r["PloverType"] == "CONSULT")
    assert summit["EventCode"] == "044" and summit["EventRootCode"] == "04" and summit["QuadClass"] == "1"
    assert summit["SQLDATE"] == "20180612" and summit["Actor1Code"] in ("USAGOV", "PRKGOV")
    assert (summit["NumArticles"], summit["NumSources"], summit["NumMentions"]) == ("2", "2", "2")
    assert summit["ActionGeo_CountryCode"] == "SGP" and float(summit["ActionGeo_Lat"]) == pytest.approx(1.29)
    assert cameo_code("ASSAULT", "aerial") == "195" and cameo_code("AGREE", None) == "030"


def test_csv_and_parquet_round_trip(filled, tmp_path):
    export(filled, "csv", tmp_path / "c.csv")
    with open(tmp_path / "c.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    summit = next(r for r in rows if r["event_type"] == "CONSULT")
    assert sorted(summit["actor_countries"].split(";")) == ["PRK", "USA"] and summit["num_articles"] == "2"
    assert export(filled, "parquet", tmp_path / "e.parquet", level="events") == 3
    table = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert {r["id"] for r in table} == {"x1-e1", "x2-e1", "x3-e1"}
    assert {a["country"] for a in next(r for r in table if r["id"] == "x1-e1")["actor"]} == {"USA", "PRK"}
    export(filled, "parquet", tmp_path / "c.parquet")
    clusters = pq.read_table(tmp_path / "c.parquet").to_pylist()
    assert sorted(c["n_documents"] for c in clusters) == [1, 2]


def test_unknown_format_is_refused(filled, tmp_path):
    with pytest.raises(ValueError):
        export(filled, "xml", tmp_path / "x")
