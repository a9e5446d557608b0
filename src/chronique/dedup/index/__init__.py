"""De-duplication against the store: load mentions, keep signatures, bands and blocks, write clusters.

The modules here take the ``Store`` handle and hold the SQL; the decisions they apply are the pure steps
of ``chronique.dedup`` (merge, syndication, linker). ``assign_clusters(store, docs)`` is the entry point:
``extract``, ``load``, ``cluster`` and the API's ingestion call it after writing.
"""
from chronique.dedup.index.cluster import assign_clusters

__all__ = ["assign_clusters"]
