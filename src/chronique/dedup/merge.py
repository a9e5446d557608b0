"""Within a document: the mentions of one real-world event (a summit named in three sentences) become one
merged event that keeps every evidence span and combines attributes (a place here, a precise date there).

Greedy complete linkage in reading order: a mention joins the group whose every member it restates
(``compat.restatement``), so a chain of loosely similar mentions never glues two events together.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from chronique.dedup import compat, when
from chronique.dedup.records import MergedEvent, Mention, Party


def stable_id(prefix: str, seed: str) -> str:
    """A short deterministic id derived from a member id."""
    return prefix + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]


def merge_document(mentions: Iterable[Mention]) -> list[MergedEvent]:
    """Group one document's mentions into merged events (in reading order)."""
    groups: list[tuple[MergedEvent, list[compat.Profile]]] = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end, m.id)):
        p = compat.profile([m])
        best = _best_group(groups, p, m)
        if best is None:
            groups.append((MergedEvent(id=stable_id("m", m.id), doc=m.doc, mentions=[m]), [p]))
        else:
            best[0].mentions.append(m)
            best[1].append(p)
    return [rebuild(g.id, g.doc, g.mentions) for g, _ in groups]


def rebuild(merged_id: str, doc: str, mentions: list[Mention]) -> MergedEvent:
    """A merged event from its mentions in reading order: what ``merge_document`` returns, and how a
    stored one (``merged_events.event_ids``) is brought back without merging its document again."""
    return MergedEvent(id=merged_id, doc=doc, mentions=list(mentions), interval=compat.profile(mentions).interval)


def _best_group(groups, p: compat.Profile, m: Mention):
    """The group whose every member ``m`` restates, sharing most with it; or None."""
    fits = [g for g in groups if all(compat.restatement(p, q, (o.start, o.end) == (m.start, m.end))
                                     for o, q in zip(g[0].mentions, g[1]))]
    if not fits:
        return None
    return max(fits, key=lambda g: compat.similarity(p, compat.profile(g[0].mentions)))


def combined(ev: MergedEvent) -> dict:
    """The merged event's attributes: best date, most frequent mode, first stated place, union of participants."""
    ms = ev.mentions
    dated = max(ms, key=lambda m: when.rank(m.date, m.date_basis))
    placed = min((m for m in ms if m.location_country or m.location_name),
                 key=lambda m: m.location_basis == "scene", default=None)  # a stated place first
    modes = Counter(m.mode for m in ms if m.mode)
    return {
        "event_type": ev.head.event_type, "mode": modes.most_common(1)[0][0] if modes else None,
        "date": dated.date, "date_basis": dated.date_basis, "aux": ev.head.aux,
        "actor": union_parties(m.actor for m in ms), "recipient": union_parties(m.recipient for m in ms),
        "location_text": placed.location_text if placed else None,
        "location_name": placed.location_name if placed else None,
        "location_country": placed.location_country if placed else None,
        "location_basis": placed.location_basis if placed else None,
        "lat": placed.lat if placed else None, "lon": placed.lon if placed else None,
        "confidence": max(m.confidence for m in ms),
    }


def union_parties(lists: Iterable[Iterable[Party]]) -> list[Party]:
    """Participants of several mentions, each named once (by canonical name, else text), in order."""
    seen, out = set(), []
    for parties in lists:
        for p in parties:
            k = ((p.kb_id or p.name or p.text or "").lower(), (p.country or "").upper())
            if k not in seen:
                seen.add(k)
                out.append(p)
    return out
