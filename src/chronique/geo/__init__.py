"""Place names to countries and coordinates, offline (see `resolve_place`)."""
from .places import country_place, load_places, locative_words, resolve_place

__all__ = ["country_place", "load_places", "locative_words", "resolve_place"]
