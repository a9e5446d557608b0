"""Syndicated copies, against the store: cached MinHash signatures, their LSH bands, document links, groups.

``syndication`` decides (pure); this module keeps ``doc_signatures``, ``doc_bands`` and ``document_links``
up to date. A new document is linked by joining its bands with the stored ones (the same LSH candidates
as ``syndication.candidates``), so no run loads every signature.
"""
from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from chronique.dedup import syndication
from chronique.store.db import Store
from chronique.store.filters import IN_IDS

_PAGE = 2048  # signatures read at a time when the bands are rebuilt


def refresh_signatures(store: Store) -> None:
    """Drop the signatures and bands of removed or changed documents, and compute the missing ones."""
    con = store.con
    dropped = {d for (d,) in con.execute(
        "DELETE FROM doc_signatures WHERE doc NOT IN (SELECT id FROM documents) OR doc IN "
        "(SELECT s.doc FROM doc_signatures s JOIN documents d ON d.id = s.doc "
        "WHERE s.content_hash <> d.content_hash) RETURNING doc").fetchall()}
    if dropped:
        con.execute(f"DELETE FROM doc_bands WHERE doc {IN_IDS}", [sorted(dropped)])
    todo = con.execute("SELECT id, content_hash, text FROM documents WHERE id NOT IN "
                       "(SELECT doc FROM doc_signatures)").fetchall()
    sigs = [(h, syndication.signature(i, t)) for i, h, t in todo]
    store.insert("doc_signatures", [{"doc": s.doc, "content_hash": h, "n_shingles": s.n_shingles,
                                       "minhash": list(s.minhash)} for h, s in sigs])
    _insert_bands(store, [s for _, s in sigs])


def _insert_bands(store: Store, sigs: Iterable[syndication.Signature]) -> None:
    """Store the LSH bands of these signatures (``doc_bands``), in bulk."""
    docs, bands, keys = [], [], []
    for s in sigs:
        for b, k in syndication.band_keys(s):
            docs.append(s.doc)
            bands.append(b)
            keys.append(k)
    store.insert("doc_bands", pa.table([pa.array(docs, pa.string()), pa.array(bands, pa.int16()),
                                        pa.array(keys, pa.uint64())], names=["doc", "band", "key"]))


def rebuild_bands(store: Store) -> None:
    """Recompute every stored signature's bands (a full run: stores from before ``doc_bands`` gain them),
    a page of signatures at a time so memory does not grow with the store."""
    store.con.execute("DELETE FROM doc_bands")
    last = None
    sql = "SELECT doc, n_shingles, minhash FROM doc_signatures WHERE ? IS NULL OR doc > ? ORDER BY doc LIMIT ?"
    while page := store.con.execute(sql, [last, last, _PAGE]).fetchall():
        _insert_bands(store, (syndication.Signature(d, tuple(mh), n) for d, n, mh in page))
        last = page[-1][0]


def _signatures(store: Store, docs: Iterable[str]) -> dict[str, syndication.Signature]:
    """The stored signatures of these documents."""
    rows = store.con.execute(f"SELECT doc, n_shingles, minhash FROM doc_signatures WHERE doc {IN_IDS}",
                             [sorted(set(docs))]).fetchall()
    return {d: syndication.Signature(d, tuple(mh), n) for d, n, mh in rows}


def _candidates(store: Store, docs: list[str] | None) -> list[tuple[str, str]]:
    """Document pairs sharing an LSH band: every pair (docs=None), or those involving ``docs``."""
    where, params = ("", []) if docs is None else (f"WHERE n.doc {IN_IDS}", [docs])
    return store.con.execute(
        "SELECT DISTINCT least(n.doc, o.doc), greatest(n.doc, o.doc) FROM doc_bands n "
        f"JOIN doc_bands o ON o.band = n.band AND o.key = n.key AND o.doc <> n.doc {where} ORDER BY 1, 2",
        params).fetchall()


def _judge(store: Store, pairs: list[tuple[str, str]]) -> list[syndication.Link]:
    """The candidate pairs that are copies, by their estimated Jaccard or containment."""
    sigs = _signatures(store, (d for pair in pairs for d in pair))
    links = (syndication.judge(sigs[a], sigs[b]) for a, b in pairs)
    return [ln for ln in links if ln is not None]


def relink_all(store: Store) -> list[syndication.Link]:
    """Replace every document link (a full run)."""
    links = _judge(store, _candidates(store, None))
    store.con.execute("DELETE FROM document_links")
    _insert_links(store, links)
    return links


def relink(store: Store, docs: list[str]) -> list[syndication.Link]:
    """Redo the links of these documents against every stored signature; other links are kept."""
    store.con.execute(f"DELETE FROM document_links WHERE doc_a {IN_IDS} OR doc_b {IN_IDS}", [docs, docs])
    links = _judge(store, _candidates(store, docs))
    _insert_links(store, links)
    return links


def _insert_links(store: Store, links: list[syndication.Link]) -> None:
    """Store these links (``document_links``)."""
    store.insert("document_links", [{"doc_a": ln.doc_a, "doc_b": ln.doc_b, "jaccard": ln.jaccard,
                                       "containment": ln.containment, "kind": "syndicated"} for ln in links])


def linked(store: Store, docs: Iterable[str]) -> set[str]:
    """These documents and every document linked to them, transitively (their syndication groups)."""
    seen = set(docs)
    frontier = sorted(seen)
    while frontier:
        rows = store.con.execute(f"SELECT doc_a, doc_b FROM document_links WHERE doc_a {IN_IDS} OR doc_b {IN_IDS}",
                                 [frontier, frontier]).fetchall()
        frontier = sorted({d for pair in rows for d in pair} - seen)
        seen.update(frontier)
    return seen


def groups_of(store: Store, docs: Iterable[str]) -> dict[str, str]:
    """doc -> syndication group id for these documents and their group mates (as over the whole store)."""
    members = sorted(linked(store, docs))
    rows = store.con.execute(f"SELECT doc_a, doc_b, jaccard, containment FROM document_links WHERE doc_a {IN_IDS}",
                             [members]).fetchall()
    return syndication.groups(members, [syndication.Link(*r) for r in rows])
