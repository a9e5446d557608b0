"""What an incremental run must recompute, found by SQL over the stored index (never by loading the store).

A new merged event can only join stored events it meets in a block (``merged_blocks``), and a stored
cluster it joins or splits must be rebuilt whole; documents whose syndication group changes are redone
too, because copies and independent sources are counted per group.
"""
from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from chronique.store.db import Store
from chronique.store.filters import IN_IDS

INDEX_KEY = "index_version"
INDEX_VERSION = "1"  # change it when blocking or linking changes: every store is then recomputed once
_SEEDS_SCHEMA = pa.schema([("block", pa.int64()), ("anchor", pa.bool_())])


def index_ready(store: Store) -> bool:
    """True when a full run of this index version has written the blocks and bands of the whole store."""
    row = store.con.execute("SELECT value FROM dedup_state WHERE key = ?", [INDEX_KEY]).fetchone()
    return row is not None and row[0] == INDEX_VERSION


def mark_index(store: Store) -> None:
    """Record that the blocks and bands now cover the whole store (end of a full run)."""
    store.con.execute("INSERT OR REPLACE INTO dedup_state VALUES (?, ?)", [INDEX_KEY, INDEX_VERSION])


def pending_documents(store: Store) -> set[str]:
    """Documents written but never clustered (an interrupted run, ``chronique load``), documents whose
    signature is missing or stale, and documents gone from the store that still have merged events."""
    return {d for (d,) in store.con.execute(
        "SELECT DISTINCT doc FROM events WHERE cluster IS NULL "
        "UNION SELECT d.id FROM documents d LEFT JOIN doc_signatures s ON s.doc = d.id "
        "WHERE s.doc IS NULL OR s.content_hash <> d.content_hash "
        "UNION SELECT DISTINCT doc FROM merged_events WHERE doc NOT IN (SELECT id FROM documents)").fetchall()}


def present(store: Store, docs: Iterable[str]) -> list[str]:
    """Those of these documents that are stored."""
    return [d for (d,) in store.con.execute(f"SELECT id FROM documents WHERE id {IN_IDS} ORDER BY id",
                                            [sorted(set(docs))]).fetchall()]


def drop_merged_of(store: Store, docs: list[str]) -> set[str]:
    """Delete the merged events (and blocks) of these documents; return the clusters they were in."""
    con = store.con
    rows = con.execute(f"SELECT id, cluster FROM merged_events WHERE doc {IN_IDS}", [docs]).fetchall()
    ids = [i for i, _ in rows]
    con.execute(f"DELETE FROM merged_blocks WHERE merged {IN_IDS}", [ids])
    con.execute(f"DELETE FROM merged_events WHERE id {IN_IDS}", [ids])
    return {c for _, c in rows}


def merged_of(store: Store, docs: Iterable[str]) -> set[str]:
    """Stored merged event ids of these documents."""
    return {i for (i,) in store.con.execute(f"SELECT id FROM merged_events WHERE doc {IN_IDS}",
                                            [sorted(set(docs))]).fetchall()}


def neighbours(store: Store, blocks: list[tuple[int, bool]], merged: Iterable[str]) -> set[str]:
    """Stored merged events that would be paired with an event having ``blocks``, or with one of the
    stored ``merged``: they share a block where at least one of the two anchors (see ``blocks.blocks``)."""
    con = store.con
    con.register("_seed_blocks", pa.Table.from_pylist([{"block": b, "anchor": a} for b, a in blocks],
                                                     schema=_SEEDS_SCHEMA))
    try:
        rows = con.execute(
            "WITH seeds AS (SELECT block, anchor FROM _seed_blocks "
            f"  UNION ALL SELECT block, anchor FROM merged_blocks WHERE merged {IN_IDS}) "
            "SELECT DISTINCT b.merged FROM merged_blocks b JOIN seeds s ON s.block = b.block "
            "WHERE b.anchor OR s.anchor", [sorted(set(merged))]).fetchall()
    finally:
        con.unregister("_seed_blocks")
    return {m for (m,) in rows}


def clusters_of(store: Store, merged: Iterable[str]) -> set[str]:
    """The clusters these stored merged events belong to."""
    return {c for (c,) in store.con.execute(f"SELECT DISTINCT cluster FROM merged_events WHERE id {IN_IDS}",
                                            [sorted(set(merged))]).fetchall()}


def members_of(store: Store, clusters: Iterable[str]) -> dict[str, str]:
    """merged event id -> cluster, for every stored merged event of these clusters."""
    return dict(store.con.execute(f"SELECT id, cluster FROM merged_events WHERE cluster {IN_IDS}",
                                  [sorted(set(clusters))]).fetchall())


def published(store: Store, docs: Iterable[str]) -> dict:
    """doc -> publication date, for these documents."""
    return dict(store.con.execute(f"SELECT id, published FROM documents WHERE id {IN_IDS}",
                                  [sorted(set(docs))]).fetchall())
