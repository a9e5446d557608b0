"""chronique: evidence-backed political event data (PLOVER) from French news.

The public Python API is this module's names (``docs/api.md``); everything under it is internal.
They are loaded on first use, so ``import chronique`` (and the command line) stays fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chronique.version import __version__

if TYPE_CHECKING:
    from chronique.api import Event, Events, EventStore, Filters, extract, open

__all__ = ["Event", "EventStore", "Events", "Filters", "__version__", "extract", "open"]


def __getattr__(name: str) -> Any:
    """The public names, imported from ``chronique.api`` when first used."""
    if name in __all__:
        from chronique import api

        return getattr(api, name)
    raise AttributeError(f"module 'chronique' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
