"""Across documents: merged events of compatible type, participants, dates and places join one cluster.

``assign_clusters(store, docs)`` brings the store's de-duplication tables up to date in one transaction:
``events.cluster``, ``merged_events`` (one row per event per document, with every evidence span),
``clusters`` (one row per real-world event, with how many independent sources report it),
``document_links`` (syndicated copies), ``doc_signatures``/``doc_bands`` (MinHash cache and its LSH
bands) and ``merged_blocks`` (each merged event's blocking keys).

With ``docs`` (the documents just written, replaced or removed) the run is incremental (``incremental``):
only what those documents can affect is recomputed. Without ``docs``, or while the store has no complete
block index (a store from before it), everything is recomputed. The clustering itself is ``linker``'s;
ids are stable either way: a hash of the earliest member mention's id.
"""
from __future__ import annotations

from collections.abc import Iterable

from chronique.dedup import syndication
from chronique.dedup.index import copies, incremental, persist, scope
from chronique.dedup.index.mentions import StaleMergedEvent, load_mentions
from chronique.dedup.linker import cluster_events, merge_all
from chronique.dedup.records import ClusterReport
from chronique.store.db import Store


def assign_clusters(store: Store, docs: Iterable[str] | None = None) -> ClusterReport:
    """Bring merged events, clusters and syndication links up to date, in one transaction: for the
    documents ``docs`` just written, replaced or removed (incremental), or over the whole store (None)."""
    store.con.execute("BEGIN TRANSACTION")
    try:
        report = _assign(store, docs)
        store.con.execute("COMMIT")
    except Exception:
        store.con.execute("ROLLBACK")
        raise
    return report


def _assign(store: Store, docs: Iterable[str] | None) -> ClusterReport:
    """Incremental when asked and possible; full otherwise, or when the index turns out stale."""
    if docs is None or not scope.index_ready(store):
        return full(store)
    try:
        return incremental.run(store, set(docs))
    except StaleMergedEvent:  # a document changed without being named: start again from scratch
        return full(store)


def full(store: Store) -> ClusterReport:
    """Recompute everything over the whole store, and the block and band index incremental runs use."""
    copies.refresh_signatures(store)
    copies.rebuild_bands(store)
    links = copies.relink_all(store)
    published = dict(store.con.execute("SELECT id, published FROM documents").fetchall())
    groups = syndication.groups(sorted(published), links)
    mentions = load_mentions(store)
    clusters = cluster_events(merge_all(mentions), groups)
    persist.clear_all(store)
    persist.write(store, clusters, groups, published)
    scope.mark_index(store)
    return ClusterReport.of(len(mentions), clusters, links, full=True)
