"""Resolve a place name ("Pékin", "la bande de Gaza", "Corée du Nord") to a `Place`.

Cities come from lang/<lang>/places.yaml, capitals and country centroids from
countries.yaml; all are compiled once into one dict keyed by the normalised name.
Names they do not hold fall back on the GeoNames world cities of `world.py` ("Kramatorsk",
"Kassala"), except names the actor knowledge base gives a person or a group.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict

from ..actors.kb import default_kb
from ..actors.schema import CountriesFile, load_validated
from ..actors.text import key, strip_article
from ..model import Place
from .world import world_table

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"
_PREPS = ("a ", "au ", "aux ", "en ", "dans ", "de ", "du ", "d' ", "vers ", "pres de ")


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
    places: list[PlaceEntry]


@lru_cache(maxsize=4)
def locative_words(lang: str = "fr") -> tuple[frozenset[str], frozenset[str]]:
    """(region nouns, neighbour words) of places.yaml, lower-cased: see the file's comments."""
    f = load_validated(LANG_DIR / lang / "places.yaml", PlacesFile)
    return frozenset(w.lower() for w in f.regions), frozenset(w.lower() for w in f.neighbours)


@dataclass(frozen=True)
class Gazetteer:
    """Normalised name -> (English name, ISO3, lat, lon)."""

    table: dict[str, tuple[str, str | None, float, float]]

    def get(self, text: str) -> tuple[str, str | None, float, float] | None:
        return next((self.table[k] for k in lookup_keys(text) if k in self.table), None)


def lookup_keys(text: str) -> tuple[str, ...]:
    """The keys a name is looked up under: without a leading preposition, then without article."""
    k = key(text)
    for prep in _PREPS:
        if k.startswith(prep):
            k = k[len(prep):]
            break
    return (strip_article(k), k)


def load_places(lang: str = "fr") -> Gazetteer:
    """Compile places, capitals and countries of one language into a lookup table."""
    table: dict[str, tuple[str, str | None, float, float]] = {}
    countries = load_validated(LANG_DIR / lang / "countries.yaml", CountriesFile)
    for c in countries.countries:
        for n in c.names:
            table.setdefault(strip_article(key(n)), (c.name, c.iso3, c.lat, c.lon))
    places = load_validated(LANG_DIR / lang / "places.yaml", PlacesFile)
    for p in places.places:
        for n in [p.name, p.en, *p.aliases]:
            table[strip_article(key(n))] = (p.en, p.country, p.lat, p.lon)
    for c in countries.countries:
        if c.capital:
            table.setdefault(strip_article(key(c.capital.name)),
                             (c.capital.name, c.iso3, c.capital.lat, c.capital.lon))
    return Gazetteer(table)


@lru_cache(maxsize=4)
def _default(lang: str) -> Gazetteer:
    return load_places(lang)


@lru_cache(maxsize=1)
def actor_names() -> frozenset[str]:
    """Keys the knowledge base gives an actor, never looked up among world cities: every alias
    ("Hamas", "Obama", "l'Élysée") and every person's surname ("Austin" of Lloyd Austin)."""
    kb = default_kb()
    surnames = {key(e.name).split(" ")[-1] for e in kb.entities.values() if e.type == "PER"}
    return frozenset(kb.aliases.table) | frozenset(surnames)


def world_city(text: str) -> tuple[str, str | None, float, float] | None:
    """The GeoNames city of a capitalised name that is not an actor's ("Kramatorsk"), else None:
    "la garde" or "la providence" in lower case are common nouns, whatever towns bear the name."""
    if not any(c.isupper() for c in text):
        return None
    table = world_table()
    for k in lookup_keys(text):
        if k in table:
            if k in actor_names():
                return None
            c = table[k]
            return c.name, c.country, c.lat, c.lon
    return None


def resolve_place(text: str, lang: str = "fr") -> Place | None:
    """The place a name denotes (accent/case-insensitive, articles and 'à/en' stripped):
    places.yaml and countries.yaml first, then the world cities."""
    hit = _default(lang).get(text) or world_city(text)
    if hit is None:
        return None
    name, country, lat, lon = hit
    return Place(text=text, name=name, country=country, lat=lat, lon=lon)


@lru_cache(maxsize=4)
def _countries(lang: str) -> dict[str, tuple[str, str, float, float]]:
    countries = load_validated(LANG_DIR / lang / "countries.yaml", CountriesFile)
    return {c.iso3: (c.names[-1] if c.names else c.name, c.name, c.lat, c.lon) for c in countries.countries}


def country_place(iso3: str, lang: str = "fr") -> Place | None:
    """A country as a place (its centroid), named in the language's own words ("Algérie")."""
    hit = _countries(lang).get(iso3)
    if hit is None:
        return None
    text, name, lat, lon = hit
    return Place(text=text, name=name, country=iso3, lat=lat, lon=lon)
