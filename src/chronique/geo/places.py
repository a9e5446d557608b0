"""Resolve a place name ("Pékin", "la bande de Gaza", "Corée du Nord") to a `Place`.

Cities come from lang/<lang>/places.yaml, capitals and country centroids from
countries.yaml; all are compiled once per language into one dict keyed by the normalised name.
Names they do not hold fall back on the GeoNames world cities of `world.py` ("Kramatorsk",
"Kassala"), except names the actor knowledge base gives a person or a group.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from pydantic import BaseModel, ConfigDict

from .. import lang as language
from ..actors import CountriesFile, default_kb, key, key_prefixes, strip_prefix
from ..model import Place
from .world import world_table


class PlaceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    en: str
    country: Optional[str] = None
    lat: float
    lon: float
    aliases: list[str] = []


class PlacesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    regions: list[str] = []
    neighbours: list[str] = []
    prefixes: list[str] = []
    places: list[PlaceEntry]


def places_file(lang: str) -> PlacesFile:
    """``lang/<lang>/places.yaml``, validated once."""
    return language.load(lang, "places", PlacesFile)


def countries_file(lang: str) -> CountriesFile:
    """``lang/<lang>/countries.yaml``, validated once (the knowledge base reads the same file)."""
    return language.load(lang, "countries", CountriesFile)


@lru_cache(maxsize=None)
def locative_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(region nouns, neighbour words) of places.yaml, lower-cased: see the file's comments."""
    f = places_file(lang)
    return frozenset(w.lower() for w in f.regions), frozenset(w.lower() for w in f.neighbours)


@dataclass(frozen=True)
class Naming:
    """What a language puts before a place name: prepositions (places.yaml) and articles (grammar.yaml)."""

    prepositions: tuple[str, ...]
    articles: tuple[str, ...]

    def keys(self, text: str) -> tuple[str, ...]:
        """The keys a name is looked up under: without a leading preposition, then without article."""
        k = strip_prefix(key(text), self.prepositions)
        return (strip_prefix(k, self.articles), k)

    def name_key(self, text: str) -> str:
        """The key a name is filed under (article dropped)."""
        return strip_prefix(key(text), self.articles)


@lru_cache(maxsize=None)
def naming(lang: str) -> Naming:
    """The language's place-name prefixes, as matching-key prefixes."""
    return Naming(key_prefixes(places_file(lang).prefixes), key_prefixes(language.grammar(lang).articles))


@dataclass(frozen=True)
class Gazetteer:
    """Normalised name -> (English name, ISO3, lat, lon)."""

    table: dict[str, tuple[str, str | None, float, float]]
    naming: Naming

    def get(self, text: str) -> tuple[str, str | None, float, float] | None:
        return next((self.table[k] for k in self.naming.keys(text) if k in self.table), None)


@lru_cache(maxsize=None)
def load_places(lang: str) -> Gazetteer:
    """Compile places, capitals and countries of one language into a lookup table, once."""
    table: dict[str, tuple[str, str | None, float, float]] = {}
    names = naming(lang)
    countries = countries_file(lang)
    for c in countries.countries:
        for n in c.names:
            table.setdefault(names.name_key(n), (c.name, c.iso3, c.lat, c.lon))
    for p in places_file(lang).places:
        for n in [p.name, p.en, *p.aliases]:
            table[names.name_key(n)] = (p.en, p.country, p.lat, p.lon)
    for c in countries.countries:
        if c.capital:
            table.setdefault(names.name_key(c.capital.name),
                             (c.capital.name, c.iso3, c.capital.lat, c.capital.lon))
    return Gazetteer(table, names)


@lru_cache(maxsize=None)
def actor_keys(lang: str) -> dict[str, bool]:
    """Keys the knowledge base gives an actor, never looked up among world cities: every alias
    ("Hamas", "Obama", "l'Élysée") and every person's surname ("Austin" of Lloyd Austin), each
    with whether it is only an acronym written in capitals ("GAO" of the US audit office hides the
    Malian town "Gao" only when the text is in capitals too)."""
    kb = default_kb(lang)
    keys = {k: all(h.acronym for h in hits) for k, hits in kb.aliases.table.items()}
    keys.update((key(e.name).split(" ")[-1], False) for e in kb.entities.values() if e.type == "PER")
    return keys


def world_city(text: str, lang: str) -> tuple[str, str | None, float, float] | None:
    """The GeoNames city of a capitalised name that is not an actor's ("Kramatorsk"), else None:
    "la garde" or "la providence" in lower case are common nouns, whatever towns bear the name."""
    if not any(c.isupper() for c in text):
        return None
    table = world_table()
    for k in naming(lang).keys(text):
        if k in table:
            acronym = actor_keys(lang).get(k)
            if acronym is not None and (not acronym or text.isupper()):
                return None
            c = table[k]
            return c.name, c.country, c.lat, c.lon
    return None


@lru_cache(maxsize=1 << 16)
def resolve_place(text: str, lang: str) -> Place | None:
    """The place a name denotes (accent/case-insensitive, articles and 'à/en' stripped):
    places.yaml and countries.yaml first, then the world cities. Remembered per name (``Place`` is frozen):
    the scene, every trigger's frame and sentence ask for the same names, each lookup normalising the name
    again."""
    hit = load_places(lang).get(text) or world_city(text, lang)
    if hit is None:
        return None
    name, country, lat, lon = hit
    return Place(text=text, name=name, country=country, lat=lat, lon=lon)


@lru_cache(maxsize=None)
def _countries(lang: str) -> dict[str, tuple[str, str, float, float]]:
    return {c.iso3: (c.names[-1] if c.names else c.name, c.name, c.lat, c.lon) for c in countries_file(lang).countries}


def country_place(iso3: str, lang: str) -> Place | None:
    """A country as a place (its centroid), named in the language's own words ("Algérie")."""
    hit = _countries(lang).get(iso3)
    if hit is None:
        return None
    text, name, lat, lon = hit
    return Place(text=text, name=name, country=iso3, lat=lat, lon=lon)
