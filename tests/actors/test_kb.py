"""Knowledge base: loading, validation errors, lookups by alias, adjective and date."""
import datetime as dt

import pytest

from chronique.actors import KBError, load_kb
from chronique.actors.text import key


def test_key_unifies_accents_hyphens_apostrophes():
    assert key("l’Élysée") == key("l'Elysee")
    assert key("Kim Jong-un") == key("KIM JONG UN")


@pytest.mark.parametrize("adj,iso", [("russes", "RUS"), ("nord-coréennes", "PRK"), ("Nord-Coréen", "PRK"),
                                     ("américaine", "USA"), ("états-uniens", "USA"), ("nigérienne", "NER"),
                                     ("nigérian", "NGA"), ("burkinabè", "BFA"), ("grecque", "GRC")])
def test_nationality_adjectives(kb, adj, iso):
    assert kb.adjective(adj) == iso


@pytest.mark.parametrize("name,iso", [("la Russie", "RUS"), ("Moscou", "RUS"), ("le Kremlin", "RUS"),
                                      ("les États-Unis", "USA"), ("la Maison-Blanche", "USA"),
                                      ("l'Élysée", "FRA"), ("Matignon", "FRA"), ("Quai d’Orsay", "FRA"),
                                      ("Pékin", "CHN"), ("Downing Street", "GBR"), ("Kyiv", "UKR"),
                                      ("la RDC", "COD"), ("Corée du Nord", "PRK")])
def test_country_names_and_metonyms(kb, name, iso):
    assert kb.country_of(name) == iso


def test_organisation_aliases(kb):
    assert kb.lookup("l'ONU")[0].name == "United Nations"
    assert kb.lookup("Cédéao")[0].country == "IGO"
    assert kb.lookup("Daech")[0].sector == "REB"


def test_holder_by_date(kb):
    assert kb.holder("head_of_state", "USA", dt.date(2015, 5, 1)).name == "Barack Obama"
    assert kb.holder("head_of_state", "USA", dt.date(2018, 5, 1)).name == "Donald Trump"
    assert kb.holder("foreign_minister", "IGO", dt.date(2022, 2, 25), org="European Union").name == "Josep Borrell"
    assert kb.holder("foreign_minister", "USA", dt.date(2010, 1, 1)) is None


def test_bad_people_file_names_file_and_entry(tmp_path):
    bad = tmp_path / "mine.yaml"
    bad.write_text("people:\n  - id: chq:x\n    name: Jean Test\n    roles:\n"
                   "      - {role: emperor, country: FRA}\n", encoding="utf-8")
    with pytest.raises(KBError) as err:
        load_kb([bad])
    msg = str(err.value)
    assert "mine.yaml" in msg and "Jean Test" in msg and "role" in msg


def test_bad_country_code_is_rejected(tmp_path):
    bad = tmp_path / "orgs.yaml"
    bad.write_text("organizations:\n  - {id: chq:y, name: Groupe Y, country: France, aliases: [Y]}\n",
                   encoding="utf-8")
    with pytest.raises(KBError, match="Groupe Y"):
        load_kb([bad])


def test_extra_file_from_environment(tmp_path, monkeypatch):
    extra = tmp_path / "local.yaml"
    extra.write_text("people:\n  - id: chq:lea-martin\n    name: Léa Martin\n    gender: f\n"
                     "    aliases: [Léa Martin]\n    roles:\n"
                     "      - {role: head_of_government, country: FRA, sector: GOV, start: 2030-01-01}\n",
                     encoding="utf-8")
    monkeypatch.setenv("CHRONIQUE_KB_EXTRA", str(extra))
    kb = load_kb(packaged_people=False)
    assert kb.holder("head_of_government", "FRA", dt.date(2031, 1, 1)).name == "Léa Martin"


def test_packaged_people_file_is_valid():
    from chronique.actors.kb import KB_DIR
    if not (KB_DIR / "people.yaml").exists():
        pytest.skip("no packaged people.yaml")
    assert any(e.type == "PER" for e in load_kb().entities.values())
