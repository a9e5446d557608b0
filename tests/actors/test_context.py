"""Country context: shared aliases decided by the mention's, the sentence's or the story's country; unnamed
groups coded by pattern with a country; demonyms as their state; places and stray names are no actors."""
from __future__ import annotations

import datetime as dt

import pytest

from chronique.actors import load_kb, resolve_document
from tests.actors.conftest import FIXTURES

DAY = dt.date(2024, 3, 5)


@pytest.fixture(scope="module")
def kb2():
    """The packaged organisations (the Belgian, French, Senegalese… "PS" among them) and test people."""
    return load_kb([FIXTURES / "people.yaml"], packaged_people=False)


def coded(nlp, kb, text):
    res = resolve_document(nlp(text), DAY, kb)
    return {m.text: m.actor for m in res.mentions}, [m.text for m in res.unresolved]


@pytest.mark.parametrize("text, mention, expected", [
    ("La Belgique se prépare aux élections. En Belgique, le PS a présenté lundi son programme.", "le PS", "chq:bel-ps"),
    ("Au Sénégal, le PS a présenté lundi son programme électoral pour les législatives.", "le PS", "chq:sen-parti-socialiste"),
    ("Le PS sénégalais a présenté lundi son programme.", "Le PS sénégalais", "chq:sen-parti-socialiste"),
])
def test_a_shared_alias_takes_the_country_of_its_context(nlp, kb2, text, mention, expected):
    actors, _ = coded(nlp, kb2, text)
    assert actors[mention].id == expected


@pytest.mark.parametrize("text, country", [
    ("Le CIO a condamné lundi la violation de la trêve olympique par la Russie.", "NGO"),
    ("À Harare, le CIO a arrêté deux journalistes.", "ZWE"),
])
def test_an_acronym_of_an_international_body_and_a_national_one_follows_the_story(nlp, kb2, text, country):
    actors, _ = coded(nlp, kb2, text)
    assert next(a for t, a in actors.items() if "CIO" in t).country == country


def test_a_shared_alias_without_context_stays_unresolved(nlp, kb2):
    actors, unresolved = coded(nlp, kb2, "Le PS a présenté lundi son programme.")
    assert "Le PS" not in actors and "PS" in " ".join(unresolved)


@pytest.mark.parametrize("text, mention, country, sector", [
    ("Au Mali, la tension monte. Des grévistes ont bloqué la route nationale.", "Des grévistes", "MLI", "CVL"),
    ("Au Mali, la tension monte. La foule a envahi la place de l'Indépendance.", "La foule", "MLI", "CVL"),
    ("Au Mali, la tension monte. Les gendarmes ont dispersé la foule.", "Les gendarmes", "MLI", "COP"),
    ("Au Mali, la tension monte. Des hommes armés ont attaqué un convoi.", "Des hommes armés", "MLI", "REB"),
    ("Au Mali, la tension monte. L'opposition a dénoncé le report du scrutin.", "L'opposition", "MLI", "OPP"),
    ("Au Mali, la tension monte. Des soldats ont été déployés dans le nord.", "Des soldats", "MLI", "MIL"),
])
def test_unnamed_groups_coded_by_pattern_with_the_storys_country(nlp, kb, text, mention, country, sector):
    actors, _ = coded(nlp, kb, text)
    assert (actors[mention].country, actors[mention].sector) == (country, sector)


def test_an_unnamed_group_takes_the_sentences_place_first(nlp, kb):
    text = ("La France a salué l'accord. Paris et la France s'en félicitent. "
            "Des manifestants se sont pourtant rassemblés à Dakar pour le dénoncer.")
    actors, _ = coded(nlp, kb, text)
    assert actors["Des manifestants"].country == "SEN"


def test_a_dispatch_naming_one_country_once_is_that_countrys(nlp, kb):
    text = "Selon le ministère de l'Éducation du Sénégal, les syndicats ont signé le protocole d'accord vendredi."
    actors, _ = coded(nlp, kb, text)
    assert (actors["les syndicats"].country, actors["les syndicats"].sector) == ("SEN", "CVL")


@pytest.mark.parametrize("text, mention, country", [
    ("Des tirs ont visé un quartier sud de Brazzaville. Le gouvernement congolais a condamné l'attaque.",
     "Le gouvernement congolais", "COG"),
    ("Des tirs ont visé un quartier de Brazzaville. Les autorités congolaises ont fermé la frontière.",
     "Les autorités congolaises", "COG"),
    ("Des tirs ont visé un quartier de Kinshasa. Les autorités congolaises ont fermé la frontière.",
     "Les autorités congolaises", "COD"),
    ("Les autorités congolaises ont fermé la frontière.", "Les autorités congolaises", "COD"),
])
def test_an_adjective_two_states_share_reads_as_the_one_the_story_names(nlp, kb, text, mention, country):
    actors, _ = coded(nlp, kb, text)
    assert actors[mention].country == country


def test_a_group_in_a_story_split_between_two_countries_gets_no_guess(nlp, kb):
    text = "La France et le Mali ont signé un accord. Des manifestants ont protesté."
    actors, _ = coded(nlp, kb, text)
    assert "Des manifestants" not in actors or actors["Des manifestants"].country is None


@pytest.mark.parametrize("text, mention, country, sector", [
    ("La partie américaine a rejeté la proposition.", "La partie américaine", "USA", "GOV"),
    ("Les autorités israéliennes ont fermé le point de passage.", "Les autorités israéliennes", "ISR", "GOV"),
])
def test_demonyms_code_their_state(nlp, kb, text, mention, country, sector):
    actors, _ = coded(nlp, kb, text)
    assert (actors[mention].country, actors[mention].sector) == (country, sector)


def test_a_name_that_codes_nothing_is_kept_apart(nlp, kb):
    actors, unresolved = coded(nlp, kb, "Le sommet de Biarritz s'est ouvert samedi sous la présidence d'Emmanuel Macron.")
    assert all(a.country or a.sector or a.id for a in actors.values())
    assert not any("Biarritz" in t for t in actors)


@pytest.mark.parametrize("text, mention", [
    ("Deux cents manifestants ont été arrêtés samedi à Alger.", "Deux cents manifestants"),
    ("Des milliers de manifestants ont défilé samedi à Alger.", "Des milliers de manifestants"),
])
def test_a_counted_group_is_one_mention_with_the_sentences_place(nlp, kb, text, mention):
    actors, _ = coded(nlp, kb, text)
    assert (actors[mention].country, actors[mention].sector) == ("DZA", "CVL")
