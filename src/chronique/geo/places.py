"""Resolve a place name ("Pékin", "la bande de Gaza", "Corée du Nord") to a `Place`.

Cities come from lang/<lang>/places.yaml, capitals and country centroids from
countries.yaml; all are compiled once into one dict keyed by the normalised name.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict

from ..actors.schema import CountriesFile, load_validated
from ..actors.text import key, strip_article
from ..model import Place

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
        k = key(text)
        for prep in _PREPS:
            if k.startswith(prep):
                k = k[len(prep):]
                break
        return self.table.get(strip_article(k)) or self.table.get(k)


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


def resolve_place(text: str, lang: str = "fr") -> Place | None:
    """The place a name denotes (accent/case-insensitive, articles and 'à/en' stripped)."""
    hit = _default(lang).get(text)
    if hit is None:
        return None
    name, country, lat, lon = hit
    return Place(text=text, name=name, country=country, lat=lat, lon=lon)
