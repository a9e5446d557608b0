"""Wikidata / CSV import into the people.yaml schema."""
import datetime as dt

from chronique.actors import load_kb
from chronique.actors.wikidata_import import import_wikidata, write_people

from .conftest import FIXTURES


def test_wikidata_json_extract(tmp_path):
    people = import_wikidata(FIXTURES / "wikidata_extract.json")
    assert [p["id"] for p in people] == ["Q312010"]
    lav = people[0]
    assert "Sergueï Lavrov" in lav["aliases"] and lav["gender"] == "m"
    assert lav["roles"] == [{"role": "foreign_minister", "country": "RUS", "sector": "GOV",
                             "start": "2004-03-09", "end": None, "org": None}]


def test_csv_and_round_trip_into_kb(tmp_path):
    people = import_wikidata(FIXTURES / "people.csv")
    out = tmp_path / "people.yaml"
    write_people(people, out)
    kb = load_kb([out], packaged_people=False)
    assert kb.holder("head_of_government", "MLI", dt.date(2022, 1, 1)).name == "Aminata Koné"
    assert kb.holder("foreign_minister", "MLI", dt.date(2020, 1, 1)).name == "Aminata Koné"
