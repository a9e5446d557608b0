"""An incremental clustering run: recompute what the documents just written (or removed) can affect.

1. Syndication: signatures of new documents, their links against the stored bands; documents whose
   syndication group changes are redone with them (copies and sources are counted per group).
2. Merge: the written documents only (merging is per document).
3. Scope: the stored merged events a new one meets in a block (``merged_blocks``), and those of the
   changed groups and of clusters that lost a member; every cluster they belong to is dissolved whole.
4. Cluster the scope with the same linker; wherever a stored cluster gained or lost a member, its
   block neighbours (and its syndicated copies) join the scope and the pass is redone, until the change
   is enclosed.
5. Rewrite only those merged events and clusters, and the event lines' cluster ids.

The linker is greedy and order-dependent, so a change can ripple beyond the first scope: a member freed
by one cluster may join a neighbouring one. Step 4 follows such ripples until they stop, and the result
is then the full run's (checked batch by batch against one in tests/dedup/test_incremental.py, on dense
random stores where ripples are common). ``chronique cluster --full`` recomputes everything.
"""
from __future__ import annotations

from collections import defaultdict

from chronique.dedup.blocks import block_keys
from chronique.dedup.index import copies, persist, scope
from chronique.dedup.index.mentions import mentions_of_documents, stored_merged
from chronique.dedup.linker import cluster_events, merge_all
from chronique.dedup.records import Cluster, ClusterReport, MergedEvent
from chronique.dedup.syndication import Link
from chronique.store.db import Store


def run(store: Store, docs: set[str]) -> ClusterReport:
    """Update the clustering tables for these documents (and any the store shows as never clustered)."""
    written = sorted(docs | scope.pending_documents(store))
    if not written:
        return ClusterReport(0, 0, 0, 0, 0, full=False)
    kept = scope.present(store, written)  # the others were removed from the store
    links, mates = _resync_copies(store, written, kept)
    dissolved = scope.drop_merged_of(store, written)
    fresh_mentions = mentions_of_documents(store, kept)
    work = _Reclustering(store, merge_all(fresh_mentions))
    seeds = scope.merged_of(store, mates) | scope.members_of(store, dissolved).keys()
    near = scope.neighbours(store, [k for ev in work.fresh for k in block_keys(ev)], seeds)
    work.add(dissolved | scope.clusters_of(store, seeds | near))
    clusters, groups = work.run()
    persist.clear(store, work.stored, work.dissolved)
    persist.write(store, clusters, groups, scope.published(store, {d for c in clusters for d in c.docs}))
    n_mentions = len(fresh_mentions) + sum(len(ev.mentions) for ev in work.stored.values())
    return ClusterReport.of(n_mentions, clusters, links, full=False)


def _resync_copies(store: Store, written: list[str], kept: list[str]) -> tuple[list[Link], set[str]]:
    """Refresh signatures and the written documents' links; return the new links and the other
    documents whose syndication group may have changed (group mates before or after)."""
    before = copies.linked(store, written)
    copies.refresh_signatures(store)
    links = copies.relink(store, written)
    after = copies.linked(store, kept)
    return links, (before | after) - set(written)


class _Reclustering:
    """The fresh merged events and the stored ones re-clustered with them (whole clusters at a time)."""

    def __init__(self, store: Store, fresh: list[MergedEvent]):
        self.store, self.fresh = store, fresh
        self.stored: dict[str, MergedEvent] = {}
        self.was: dict[str, str] = {}  # stored merged id -> its cluster before this run
        self.dissolved: set[str] = set()

    def add(self, clusters: set[str]) -> None:
        """Dissolve these stored clusters: their members are loaded and clustered again."""
        new = clusters - self.dissolved
        self.dissolved |= new
        members = {m: c for m, c in scope.members_of(self.store, new).items() if m not in self.stored}
        self.stored.update((ev.id, ev) for ev in stored_merged(self.store, sorted(members)))
        self.was.update(members)

    def run(self) -> tuple[list[Cluster], dict[str, str]]:
        """Cluster the scope; widen it to the neighbours of changed clusters until none is left outside."""
        while True:
            merged = self.fresh + list(self.stored.values())
            groups = copies.groups_of(self.store, {ev.doc for ev in merged})
            clusters = cluster_events(merged, groups)
            changed = self._changed(clusters)
            reached = scope.neighbours(self.store, [], changed) | self._copies_of(changed, groups)
            reached -= self.stored.keys()
            if not reached:
                return clusters, groups
            self.add(scope.clusters_of(self.store, reached))

    def _copies_of(self, merged: set[str], groups: dict[str, str]) -> set[str]:
        """Stored merged events of the other syndicated copies of these events' documents: copies pair by
        their shared sentences whatever their dates, a kind of block ``merged_blocks`` does not hold."""
        docs = {self.stored[m].doc for m in merged}
        ids = {groups.get(d, d) for d in docs}
        return scope.merged_of(self.store, {d for d, g in groups.items() if g in ids} - docs)

    def _changed(self, clusters: list[Cluster]) -> set[str]:
        """Stored merged events whose cluster gained or lost a member (a neighbour may now join or leave)."""
        before: dict[str, set[str]] = defaultdict(set)
        for m, c in self.was.items():
            before[c].add(m)
        out: set[str] = set()
        for c in clusters:
            ids = {ev.id for ev in c.members}
            stored = ids & self.stored.keys()
            if any(before[self.was[m]] != ids for m in stored):
                out |= stored
        return out
