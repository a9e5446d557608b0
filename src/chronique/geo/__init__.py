"""Place names to countries and coordinates, offline (see `resolve_place`).

    resolve_place(text, lang) -> Place | None      a place name (places, capitals, countries, world cities)
    country_place(iso3, lang) -> Place | None      a country as a place, named in the language
    locative_words(lang) -> (regions, neighbours)  nouns that put a name around a place
    data_files() -> list[Path]                     the place tables whose change re-processes documents
"""
from pathlib import Path

from . import world
from .places import country_place, locative_words, resolve_place

__all__ = ["country_place", "data_files", "locative_words", "resolve_place"]


def data_files() -> list[Path]:
    """The geo stage's own data (the world cities table); places and countries are language data."""
    return [world.DATA]
