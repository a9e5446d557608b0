"""Across documents: merged events of compatible type, participants, dates and places join one cluster.

``assign_clusters(store)`` recomputes everything over the whole store (so an incremental run joins the
clusters of earlier runs) and writes it back in bulk through Arrow, in one transaction:
``events.cluster``, ``merged_events`` (one row per event per document, with every evidence span),
``clusters`` (one row per real-world event, with how many independent sources report it),
``document_links`` (syndicated copies) and ``doc_signatures`` (MinHash cache).
Ids are stable: a hash of the earliest member mention's id.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa

from chronique.dedup import compat, syndication, when
from chronique.dedup.merge import merge_document, stable_id
from chronique.dedup.records import Cluster, MergedEvent, Mention, Party
from chronique.dedup.rows import cluster_rows, merged_rows
from chronique.store.db import Store

_PARTS = """
WITH p AS (
  SELECT event_id, role, list(struct_pack(text := text, name := name, country := country,
         sector := sector, kb_id := kb_id) ORDER BY position) AS ps
  FROM participants GROUP BY event_id, role)
SELECT e.id, e.doc, e.event_type, e.mode, e.date, e.date_basis, e.location_text, e.location_name,
       e.location_country, e.location_basis, e.lat, e.lon, e.aux, e.evidence, e.start_char, e.end_char, e.confidence,
       d.published, d.source, d.url, pa.ps AS actor, pr.ps AS recipient
FROM events e JOIN documents d ON d.id = e.doc
LEFT JOIN p pa ON pa.event_id = e.id AND pa.role = 'actor'
LEFT JOIN p pr ON pr.event_id = e.id AND pr.role = 'recipient'
ORDER BY e.doc, e.start_char, e.id
"""


@dataclass(frozen=True)
class ClusterReport:
    """What a recomputation found."""

    mentions: int
    merged: int
    clusters: int
    multi_document: int
    syndicated_links: int


def load_mentions(store: Store) -> list[Mention]:
    """Every stored event with its participants and its document's publication date and source."""
    rows = store.con.sql(_PARTS).to_arrow_table().to_pylist()
    return [_mention(r) for r in rows]


def _mention(r: dict) -> Mention:
    pub = r["published"].toordinal() if isinstance(r["published"], dt.date) else None
    return Mention(
        id=r["id"], doc=r["doc"], event_type=r["event_type"], start=r["start_char"], end=r["end_char"],
        evidence=r["evidence"], mode=r["mode"], actor=_parties(r["actor"]), recipient=_parties(r["recipient"]),
        date=r["date"], date_basis=r["date_basis"], interval=when.event_interval(r["date"], r["date_basis"]),
        location_text=r["location_text"], location_name=r["location_name"],
        location_country=r["location_country"], location_basis=r["location_basis"], lat=r["lat"], lon=r["lon"],
        aux=r["aux"] or "none",
        confidence=r["confidence"] if r["confidence"] is not None else 0.5, published=pub,
        source=r["source"], url=r["url"])


def _parties(rows) -> tuple[Party, ...]:
    return tuple(Party(**p) for p in rows or ())


def merge_all(mentions: Iterable[Mention]) -> list[MergedEvent]:
    """Within-document merge, document by document."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc].append(m)
    return [ev for doc in sorted(by_doc) for ev in merge_document(by_doc[doc])]


def _interval(ev: MergedEvent) -> when.Interval | None:
    """The merged event's days; undated reports fall back on the publication date (guideline default)."""
    if ev.interval is not None:
        return ev.interval
    pub = ev.head.published
    return (pub - when.PUBLICATION_LAG_DAYS, pub) if pub is not None else None


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


class _Linker:
    """Constrained agglomerative clustering over merged events.

    Candidate pairs (same type, a shared participant, the same calendar bucket) are ranked strongest first:
    syndicated copies of one sentence, then exact date agreement, then shared participants. Two
    clusters join only when every pair across them is compatible (complete linkage) and they share no
    document (inside a document, the merge step has already said these are different events). A copy
    is represented by its original in the complete-linkage check, so copies neither split nor block.
    """

    def __init__(self, merged: list[MergedEvent], groups: dict[str, str]):
        self.events = sorted(merged, key=lambda e: (e.doc, e.head.start, e.id))
        self.groups = groups
        self.profiles = [compat.profile(e.mentions, _interval(e)) for e in self.events]
        self.texts = [{_norm(m.evidence) for m in e.mentions} for e in self.events]
        self.parent = list(range(len(self.events)))
        self.members = {i: [i] for i in range(len(self.events))}
        self.docs = {i: {e.doc} for i, e in enumerate(self.events)}
        self.copy_of: dict[int, int] = {}
        sizes = Counter(groups.values())
        self.syndicated = {d for d, g in groups.items() if sizes[g] > 1}

    def copied(self, a: int, b: int) -> bool:
        """The same sentence in two syndicated copies of one dispatch, with the same kind of event."""
        ea, eb = self.events[a], self.events[b]
        return (self.groups.get(ea.doc, ea.doc) == self.groups.get(eb.doc, eb.doc)
                and bool(self.texts[a] & self.texts[b]) and compat.kind_ok(self.profiles[a], self.profiles[b]))

    def candidates(self) -> list[tuple[tuple, int, int]]:
        """(strength, i, j) for every compatible pair from different documents, strongest first."""
        blocks: dict[tuple, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for i, p in enumerate(self.profiles):
            for key, anchor in _blocks(p):
                blocks[key][0 if anchor else 1].append(i)
            doc = self.events[i].doc
            if doc in self.syndicated:  # copies of one sentence meet whatever their dates
                for text in self.texts[i]:
                    blocks[("copy", self.groups[doc], text)][0].append(i)
        seen, out = set(), []
        for anchors, others in blocks.values():
            for i, j in _block_pairs(anchors, others):
                if (i, j) in seen or self.events[i].doc == self.events[j].doc:
                    continue
                seen.add((i, j))
                strength = self._strength(i, j)
                if strength is not None:
                    out.append((strength, i, j))
        return sorted(out, key=lambda t: (t[0], -t[1], -t[2]), reverse=True)

    def _strength(self, i: int, j: int) -> tuple | None:
        if self.copied(i, j):
            return (1, 0, 0)
        p, q = self.profiles[i], self.profiles[j]
        if not compat.compatible(p, q):
            return None
        return (0, int(p.interval == q.interval), compat.similarity(p, q))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, copy: bool) -> None:
        a, b = self.find(i), self.find(j)
        if a == b or self.docs[a] & self.docs[b]:
            return
        if not copy and not self._all_compatible(a, b):
            return
        if copy:  # the later publication is the copy; the first one stands for both
            first, later = sorted((i, j), key=lambda x: _order(self.events[x]))
            self.copy_of.setdefault(later, first)
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.members[a] += self.members.pop(b)
        self.docs[a] |= self.docs.pop(b)

    def _all_compatible(self, a: int, b: int) -> bool:
        reps_a = [x for x in self.members[a] if x not in self.copy_of]
        reps_b = [y for y in self.members[b] if y not in self.copy_of]
        return all(compat.compatible(self.profiles[x], self.profiles[y]) for x in reps_a for y in reps_b)

    def run(self) -> list[Cluster]:
        for strength, i, j in self.candidates():
            self.join(i, j, copy=strength[0] == 1)
        return [self._cluster(root) for root in sorted(self.members)]

    def _cluster(self, root: int) -> Cluster:
        idx = sorted(self.members[root], key=lambda x: _order(self.events[x]))
        reps = [self.events[x] for x in idx if x not in self.copy_of]
        interval = None
        for x in idx:
            if x not in self.copy_of:
                interval = when.intersect(interval, self.profiles[x].interval) or interval
        return Cluster(id="", members=[self.events[x] for x in idx], reps=reps, interval=interval,
                       docs=set(self.docs[root]))


def _block_pairs(anchors: list[int], others: list[int]):
    """Pairs among a block's anchors, and between its anchors and the finer events it covers."""
    for n, a in enumerate(anchors):
        for b in anchors[n + 1:]:
            yield min(a, b), max(a, b)
        for b in others:
            yield min(a, b), max(a, b)


def _buckets(iv: when.Interval) -> tuple[str, list[tuple]]:
    """The calendar level of an interval (week, month or year) and the buckets of each level it touches."""
    lo, hi = dt.date.fromordinal(iv[0]), dt.date.fromordinal(iv[1])
    span = iv[1] - iv[0]
    level = "w" if span < 7 else "m" if span < 31 else "y"
    weeks = {("w", d.isocalendar()[:2]) for d in (lo, hi)} if level == "w" else set()
    months = {("m", (y, m)) for y in range(lo.year, hi.year + 1) for m in range(1, 13)
              if (lo.year, lo.month) <= (y, m) <= (hi.year, hi.month)} if span < 366 else set()
    years = {("y", y) for y in range(lo.year, hi.year + 1)}
    return level, sorted(weeks | months | years)


def _blocks(p: compat.Profile) -> list[tuple[tuple, bool]]:
    """Blocking keys: type x participant x calendar bucket. An event anchors the buckets of its own
    level (paired with everything there) and is a plain member of coarser ones, so a day-level report
    meets its week, the month-level reports of its month and the year-level reports of its year."""
    if p.interval is None:
        return []
    level, buckets = _buckets(p.interval)
    return [((p.event_type, k, b), b[0] == level) for k in sorted(p.actors | p.recipients) for b in buckets]


def _order(ev: MergedEvent) -> tuple:
    return (ev.head.published or 0, ev.doc, ev.head.start, ev.id)


def cluster_events(merged: list[MergedEvent], groups: dict[str, str] | None = None) -> list[Cluster]:
    """Cross-document clusters with stable ids (hash of the earliest member mention)."""
    clusters = _Linker(merged, groups or {}).run()
    for c in clusters:
        first = min((m for ev in c.members for m in ev.mentions),
                    key=lambda m: (m.published or 0, m.doc, m.start, m.id))
        c.id = stable_id("c", first.id)
    return sorted(clusters, key=lambda c: c.id)


def _syndication(store: Store, docs: list[str]) -> tuple[list[syndication.Link], dict[str, str]]:
    """Refresh cached MinHash signatures of new or changed documents, then link near-duplicates."""
    con = store.con
    con.execute("DELETE FROM doc_signatures WHERE doc NOT IN (SELECT id FROM documents) OR doc IN "
                "(SELECT s.doc FROM doc_signatures s JOIN documents d ON d.id = s.doc "
                "WHERE s.content_hash <> d.content_hash)")
    todo = con.execute("SELECT id, content_hash, text FROM documents WHERE id NOT IN "
                       "(SELECT doc FROM doc_signatures)").fetchall()
    new = [(i, h, syndication.signature(i, t)) for i, h, t in todo]
    store.insert("doc_signatures", [{"doc": i, "content_hash": h, "n_shingles": s.n_shingles,
                                       "minhash": list(s.minhash)} for i, h, s in new])
    sigs = [syndication.Signature(d, tuple(mh), n) for d, n, mh in
            con.execute("SELECT doc, n_shingles, minhash FROM doc_signatures").fetchall()]
    links = syndication.near_duplicates(sigs)
    return links, syndication.groups(docs, links)


def assign_clusters(store: Store) -> ClusterReport:
    """Recompute merged events, clusters and syndication links over the whole store, in one transaction."""
    store.con.execute("BEGIN TRANSACTION")
    try:
        report = _assign(store)
        store.con.execute("COMMIT")
    except Exception:
        store.con.execute("ROLLBACK")
        raise
    return report


def _assign(store: Store) -> ClusterReport:
    mentions = load_mentions(store)
    docs = [r[0] for r in store.con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
    links, groups = _syndication(store, docs)
    merged = merge_all(mentions)
    clusters = cluster_events(merged, groups)
    published = {r[0]: r[1] for r in store.con.execute("SELECT id, published FROM documents").fetchall()}
    for table in ("merged_events", "clusters", "document_links"):
        store.con.execute(f"DELETE FROM {table}")
    store.insert("document_links", [{"doc_a": ln.doc_a, "doc_b": ln.doc_b, "jaccard": ln.jaccard,
                                       "containment": ln.containment, "kind": "syndicated"} for ln in links])
    store.insert("merged_events", merged_rows(clusters))
    store.insert("clusters", cluster_rows(clusters, groups, published))
    _update_event_clusters(store, clusters)
    return ClusterReport(len(mentions), len(merged), len(clusters),
                         sum(1 for c in clusters if len(c.docs) > 1), len(links))


def _update_event_clusters(store: Store, clusters: list[Cluster]) -> None:
    """One bulk UPDATE through an Arrow table: every event gets its cluster id."""
    pairs = [{"id": m.id, "cluster": c.id} for c in clusters for ev in c.members for m in ev.mentions]
    if not pairs:
        return
    store.con.register("_clusters", pa.Table.from_pylist(pairs))
    try:
        store.con.execute("UPDATE events SET cluster = _clusters.cluster FROM _clusters "
                          "WHERE events.id = _clusters.id")
    finally:
        store.con.unregister("_clusters")
