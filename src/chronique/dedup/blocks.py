"""Blocking: which merged events are ever compared across documents (type x participant x calendar bucket).

The clustering pass pairs events inside blocks; the store keeps each merged event's blocks
(``merged_blocks``, hashed by ``block_keys``) so an incremental run finds, by SQL, the stored events
a new one can meet.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from chronique.dedup import compat, when
from chronique.dedup.records import MergedEvent

Block = tuple  # (event type, participant key, (level, bucket))


def interval(ev: MergedEvent) -> when.Interval | None:
    """The merged event's days; undated reports fall back on the publication date (guideline default)."""
    if ev.interval is not None:
        return ev.interval
    pub = ev.head.published
    return (pub - when.PUBLICATION_LAG_DAYS, pub) if pub is not None else None


def event_profile(ev: MergedEvent) -> compat.Profile:
    """What the cross-document comparison sees of a merged event."""
    return compat.profile(ev.mentions, interval(ev))


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


def blocks(p: compat.Profile) -> list[tuple[Block, bool]]:
    """Blocking keys: type x participant x calendar bucket. An event anchors the buckets of its own
    level (paired with everything there) and is a plain member of coarser ones, so a day-level report
    meets its week, the month-level reports of its month and the year-level reports of its year."""
    if p.interval is None:
        return []
    level, buckets = _buckets(p.interval)
    return [((p.event_type, k, b), b[0] == level) for k in sorted(p.actors | p.recipients) for b in buckets]


def block_pairs(anchors: list[int], others: list[int]):
    """Pairs among a block's anchors, and between its anchors and the finer events it covers."""
    for n, a in enumerate(anchors):
        for b in anchors[n + 1:]:
            yield min(a, b), max(a, b)
        for b in others:
            yield min(a, b), max(a, b)


def key_hash(block: Block) -> int:
    """A signed 64-bit hash of a block (a collision only makes an incremental run look at more events)."""
    digest = hashlib.blake2b(repr(block).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def block_keys(ev: MergedEvent) -> list[tuple[int, bool]]:
    """(hashed block, anchors it) for each block of a merged event: the rows of ``merged_blocks``."""
    return [(key_hash(b), anchor) for b, anchor in blocks(event_profile(ev))]
