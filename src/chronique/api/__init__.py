"""The public Python API: ``extract`` events from strings, ``open`` a store and read it as Arrow tables.

``chronique/__init__.py`` re-exports these names; everything else in the package is internal.
"""
from chronique.api.strings import extract
from chronique.api.records import Event, Events
from chronique.api.store import EventStore, Filters, open

__all__ = ["Event", "EventStore", "Events", "Filters", "extract", "open"]
