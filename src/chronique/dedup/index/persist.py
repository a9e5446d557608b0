"""Clustering results into the store: ``merged_events``, ``merged_blocks``, ``clusters`` and ``events.cluster``.

A full run clears the tables first; an incremental run deletes only the merged events it recomputed and
the clusters it dissolved. Either way the rows come from the same builders (``rows``), in bulk through Arrow.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pyarrow as pa

from chronique.dedup.blocks import block_keys
from chronique.dedup.records import Cluster
from chronique.dedup.rows import cluster_rows, merged_rows
from chronique.store.db import Store
from chronique.store.filters import IN_IDS


def clear_all(store: Store) -> None:
    """Empty the clustering tables (a full run rewrites them)."""
    for table in ("merged_events", "merged_blocks", "clusters"):
        store.con.execute(f"DELETE FROM {table}")


def clear(store: Store, merged: Iterable[str], clusters: Iterable[str]) -> None:
    """Delete these merged events (with their blocks) and these clusters (an incremental run)."""
    merged, clusters = sorted(set(merged)), sorted(set(clusters))
    store.con.execute(f"DELETE FROM merged_blocks WHERE merged {IN_IDS}", [merged])
    store.con.execute(f"DELETE FROM merged_events WHERE id {IN_IDS}", [merged])
    store.con.execute(f"DELETE FROM clusters WHERE id {IN_IDS}", [clusters])


def write(store: Store, clusters: list[Cluster], groups: dict[str, str],
          published: dict[str, dt.date | None]) -> None:
    """Insert the rows of these clusters and their members, and point their event lines at them."""
    store.insert("merged_events", merged_rows(clusters))
    store.insert("merged_blocks", _block_table(clusters))
    store.insert("clusters", cluster_rows(clusters, groups, published))
    _update_event_clusters(store, clusters)


def _block_table(clusters: list[Cluster]) -> pa.Table:
    """The ``merged_blocks`` rows of these clusters' members."""
    blocks, merged, anchors = [], [], []
    for c in clusters:
        for ev in c.members:
            for b, a in block_keys(ev):
                blocks.append(b)
                merged.append(ev.id)
                anchors.append(a)
    return pa.table([pa.array(blocks, pa.int64()), pa.array(merged, pa.string()), pa.array(anchors, pa.bool_())],
                    names=["block", "merged", "anchor"])


def _update_event_clusters(store: Store, clusters: list[Cluster]) -> None:
    """One bulk UPDATE through an Arrow table: every event line of these clusters gets its cluster id."""
    pairs = [{"id": m.id, "cluster": c.id} for c in clusters for ev in c.members for m in ev.mentions]
    if not pairs:
        return
    store.con.register("_clusters", pa.Table.from_pylist(pairs))
    try:
        store.con.execute("UPDATE events SET cluster = _clusters.cluster FROM _clusters "
                          "WHERE events.id = _clusters.id")
    finally:
        store.con.unregister("_clusters")
