"""Place names to countries and coordinates, offline (see `resolve_place`)."""
from .places import load_places, locative_words, resolve_place

__all__ = ["load_places", "locative_words", "resolve_place"]
