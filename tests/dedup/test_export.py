"""Each export format is written, parsed back and checked against the store."""
import csv
import json

import pyarrow.parquet as pq
import pytest

from chronique.dedup.index import assign_clusters
from chronique.outputs.columns import NAMES
from chronique.outputs.export import TSV_COLUMNS, cameo_code, export

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
    assert export(filled, "plover-json", out, per="event") == 3
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


@pytest.mark.parametrize("per", ["cluster", "event"])
def test_csv_jsonl_and_parquet_have_the_same_columns_and_values(filled, tmp_path, per):
    n = export(filled, "csv", tmp_path / "t.csv", per=per)
    with open(tmp_path / "t.csv", encoding="utf-8") as fh:
        from_csv = list(csv.DictReader(fh))
    assert export(filled, "jsonl", tmp_path / "t.jsonl", per=per) == n
    from_jsonl = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()]
    assert export(filled, "parquet", tmp_path / "t.parquet", per=per) == n
    from_parquet = pq.read_table(tmp_path / "t.parquet").to_pylist()
    assert n == (2 if per == "cluster" else 3)
    assert tuple(from_csv[0]) == tuple(from_jsonl[0]) == tuple(from_parquet[0]) == NAMES
    assert from_jsonl == from_parquet
    for flat, nested in zip(from_csv, from_jsonl):
        assert flat["actor_countries"] == ";".join(nested["actor_countries"]) and flat["id"] == nested["id"]
    summit = next(r for r in from_parquet if r["event_type"] == "CONSULT")
    assert sorted(summit["actor_countries"]) == ["PRK", "USA"] and summit["quad"] == "verbal-cooperation"
    assert summit["num_articles"] == (2 if per == "cluster" else 1)
    text = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert summit["evidence"] in text  # the whole sentence, on one line


def test_event_rows_point_at_their_sentence_and_cluster(filled, tmp_path):
    export(filled, "jsonl", tmp_path / "e.jsonl", per="event")
    rows = {r["id"]: r for r in map(json.loads, (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines())}
    assert rows["x1-e1"]["cluster"] == rows["x2-e1"]["cluster"] != rows["x3-e1"]["cluster"]
    assert rows["x1-e1"]["doc"] == "x1" and rows["x1-e1"]["documents"] == ["x1"]
    assert rows["x1-e1"]["end"] - rows["x1-e1"]["start"] == len(SUMMIT) and rows["x1-e1"]["evidence"] == SUMMIT


def test_unknown_format_is_refused(filled, tmp_path):
    with pytest.raises(ValueError):
        export(filled, "xml", tmp_path / "x")
    with pytest.raises(ValueError):
        export(filled, "csv", tmp_path / "x", per="events")


def test_the_readme_documents_exactly_these_columns():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Exports"):readme.index("### Exit codes")]
    documented = [line.split("|")[1].strip().strip("`") for line in section.splitlines() if line.startswith("| `")]
    assert tuple(documented) == NAMES
