"""Rows of the ``merged_events`` and ``clusters`` tables, built from clustering results (pure)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict

from chronique.dedup import when
from chronique.dedup.merge import combined, union_parties
from chronique.dedup.records import Cluster, MergedEvent, Party


def _party_rows(parties: list[Party]) -> list[dict]:
    return [asdict(p) for p in parties]


def _date(ordinal: int | None) -> dt.date | None:
    return dt.date.fromordinal(ordinal) if ordinal is not None else None


def merged_row(ev: MergedEvent, cluster_id: str) -> dict:
    """One real-world event inside one document: combined attributes and every evidence span."""
    attrs = combined(ev)
    attrs["actor"], attrs["recipient"] = _party_rows(attrs["actor"]), _party_rows(attrs["recipient"])
    return {"id": ev.id, "doc": ev.doc, "cluster": cluster_id, **attrs,
            "event_ids": [m.id for m in ev.mentions],
            "spans": [{"event_id": m.id, "start_char": m.start, "end_char": m.end, "evidence": m.evidence}
                      for m in ev.mentions]}


def merged_rows(clusters: list[Cluster]) -> list[dict]:
    return [merged_row(ev, c.id) for c in clusters for ev in c.members]


def _representative(c: Cluster, published: dict[str, dt.date | None]):
    """The mention quoted for the cluster: first one of the earliest-published document."""
    return min((m for ev in c.members for m in ev.mentions),
               key=lambda m: (published.get(m.doc) or dt.date.max, m.doc, -m.confidence, m.start))


def cluster_row(c: Cluster, groups: dict[str, str], published: dict[str, dt.date | None]) -> dict:
    """One real-world event: combined attributes, how many mentions, documents and independent sources."""
    mentions = [m for ev in c.members for m in ev.mentions]
    attrs = [combined(ev) for ev in c.members]
    dated = max(attrs, key=lambda a: when.rank(a["date"], a["date_basis"]))
    placed = min((a for a in attrs if a["location_country"] or a["location_name"]),
                 key=lambda a: a["location_basis"] == "scene", default=attrs[0])
    modes = Counter(a["mode"] for a in attrs if a["mode"])
    actors = union_parties(a["actor"] for a in attrs)
    recipients = union_parties(a["recipient"] for a in attrs)
    rep = _representative(c, published)
    pubs = [published[d] for d in c.docs if published.get(d)]
    shown = when.parse(dated["date"]) or c.interval  # the days the displayed date denotes
    return {
        "id": c.id, "event_type": c.members[0].head.event_type,
        "mode": modes.most_common(1)[0][0] if modes else None,
        "date": dated["date"], "date_basis": dated["date_basis"],
        "date_start": _date(shown[0] if shown else None), "date_end": _date(shown[1] if shown else None),
        "aux": c.members[0].head.aux,
        "actor": _party_rows(actors), "recipient": _party_rows(recipients),
        "actor_countries": sorted({p.country for p in actors if p.country}),
        "recipient_countries": sorted({p.country for p in recipients if p.country}),
        **{k: placed[k] for k in ("location_text", "location_name", "location_country", "location_basis", "lat", "lon")},
        "n_mentions": len(mentions), "n_events": len(c.members), "n_documents": len(c.docs),
        "n_sources": len({groups.get(d, d) for d in c.docs}), "documents": sorted(c.docs),
        "outlets": sorted({m.source for m in mentions if m.source}),
        "first_reported": min(pubs) if pubs else None, "last_reported": max(pubs) if pubs else None,
        "evidence": rep.evidence, "evidence_doc": rep.doc, "evidence_start": rep.start,
        "evidence_end": rep.end, "confidence": max(m.confidence for m in mentions),
    }


def cluster_rows(clusters: list[Cluster], groups: dict[str, str], published: dict) -> list[dict]:
    return [cluster_row(c, groups, published) for c in clusters]
