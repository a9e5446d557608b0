"""Document-level actor rows (the shape of gold actors.jsonl), one per mention cluster."""
from __future__ import annotations

from .resolve import Mention


def _is_pronoun(m: Mention) -> bool:
    return m.end - m.start == 1 and m.actor.text != m.text


def _best(ms: list[Mention]):
    """The most informative actor of a cluster: KB-linked, then named, then any."""
    return max(ms, key=lambda m: (m.actor.id is not None, m.actor.name is not None,
                                  m.actor.country is not None)).actor


def actors_rows(doc_id: str, mentions: list[Mention]) -> list[dict]:
    """One dict per cluster: doc, name, id, type, country, sector, role, distinct mentions."""
    clusters: dict[str, list[Mention]] = {}
    for m in mentions:
        clusters.setdefault(m.cluster, []).append(m)
    rows = []
    for ms in clusters.values():
        a = _best(ms)
        texts = list(dict.fromkeys(m.text for m in ms if not _is_pronoun(m)))
        if not texts:
            continue
        rows.append({"doc": doc_id, "name": a.name, "id": a.id, "type": a.type,
                     "country": a.country, "sector": a.sector, "role": a.role,
                     "mentions": texts})
    return rows
