"""Place resolution with French exonyms, articles and accents."""
import pytest

from chronique.geo import resolve_place


@pytest.mark.parametrize("text,name,iso", [
    ("Pékin", "Beijing", "CHN"), ("pekin", "Beijing", "CHN"), ("Moscou", "Moscow", "RUS"),
    ("Singapour", "Singapore", "SGP"), ("Hanoï", "Hanoi", "VNM"), ("Détroit", "Detroit", "USA"),
    ("Alger", "Algiers", "DZA"), ("Le Caire", "Cairo", "EGY"), ("Vladivostok", "Vladivostok", "RUS"),
    ("Bunagana", "Bunagana", "COD"), ("Goma", "Goma", "COD"), ("Tripoli", "Tripoli", "LBY"),
    ("la bande de Gaza", "Gaza City", "PSE"), ("à Pyongyang", "Pyongyang", "PRK")])
def test_cities(text, name, iso):
    p = resolve_place(text, "fr")
    assert p is not None and (p.name, p.country) == (name, iso) and p.text == text


def test_country_resolves_to_centroid():
    p = resolve_place("la Corée du Nord", "fr")
    assert p.country == "PRK" and 37 < p.lat < 43 and 124 < p.lon < 131


def test_capital_from_countries_file():
    assert resolve_place("Nouakchott", "fr").country == "MRT"


def test_unknown_place():
    assert resolve_place("Trifouilly-les-Oies", "fr") is None
