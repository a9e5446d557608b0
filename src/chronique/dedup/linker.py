"""The clustering pass itself (pure): within-document merge of every document, then constrained
agglomerative linking of merged events across documents into clusters with stable ids.

``cluster.assign_clusters`` feeds it the whole store or, incrementally, only the merged events a new
document can affect. It is deterministic: the same merged events give the same clusters and ids, whichever
run feeds them.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from chronique.dedup import compat, when
from chronique.dedup.blocks import block_pairs, blocks, event_profile
from chronique.dedup.merge import merge_document, stable_id
from chronique.dedup.records import Cluster, MergedEvent, Mention


def merge_all(mentions: Iterable[Mention]) -> list[MergedEvent]:
    """Within-document merge, document by document."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc].append(m)
    return [ev for doc in sorted(by_doc) for ev in merge_document(by_doc[doc])]


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
        self.profiles = [event_profile(e) for e in self.events]
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
        by_block: dict[tuple, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for i, p in enumerate(self.profiles):
            for key, anchor in blocks(p):
                by_block[key][0 if anchor else 1].append(i)
            doc = self.events[i].doc
            if doc in self.syndicated:  # copies of one sentence meet whatever their dates
                for text in self.texts[i]:
                    by_block[("copy", self.groups[doc], text)][0].append(i)
        seen, out = set(), []
        for anchors, others in by_block.values():
            for i, j in block_pairs(anchors, others):
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
