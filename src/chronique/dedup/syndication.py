"""Syndicated copies: the same agency dispatch republished by several outlets.

MinHash over word 5-shingles (dependency-free: blake2b + numpy), LSH banding to find candidate pairs,
then the estimated Jaccard or containment (a trimmed copy is contained in the full dispatch) decides.
Linked documents form groups; a group counts as one independent source.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

NUM_PERM = 128
BANDS = 64  # 64 bands of 2 rows: pairs above ~0.3 Jaccard almost always become candidates
ROWS = NUM_PERM // BANDS  # values per band, packed into one 64-bit band key (see band_keys)
SHINGLE = 5
JACCARD_MIN = 0.6
CONTAINMENT_MIN = 0.8
MIN_SHINGLES = 20  # shorter texts (a headline, a stub) are never called copies
_MASK = np.uint64(0xFFFFFFFF)
_PRIME = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(20180612)
_A = _rng.integers(1, (1 << 61) - 1, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, (1 << 61) - 1, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)
assert ROWS * 32 <= 64, "a band key packs ROWS 32-bit MinHash values into 64 bits"


@dataclass(frozen=True)
class Signature:
    """A document's MinHash signature and how many distinct shingles it summarises."""

    doc: str
    minhash: tuple[int, ...]
    n_shingles: int


@dataclass(frozen=True)
class Link:
    """Two documents judged near-duplicates, with the estimated similarities."""

    doc_a: str
    doc_b: str
    jaccard: float
    containment: float


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Distinct lower-cased word k-grams of a text."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + k]) for i in range(max(0, len(words) - k + 1))}


def signature(doc: str, text: str) -> Signature:
    """MinHash of the text's shingles (all-max when the text is too short to shingle)."""
    sh = shingles(text)
    if not sh:
        return Signature(doc, tuple([int(_MASK)] * NUM_PERM), 0)
    hv = np.fromiter((int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "little")
                      for s in sh), dtype=np.uint64, count=len(sh))
    with np.errstate(over="ignore"):
        ph = ((np.outer(hv, _A) + _B) % _PRIME) & _MASK
    return Signature(doc, tuple(int(x) for x in ph.min(axis=0)), len(sh))


def estimate(a: Signature, b: Signature) -> tuple[float, float]:
    """Estimated (Jaccard, containment of the smaller in the larger)."""
    j = float(np.mean(np.asarray(a.minhash) == np.asarray(b.minhash)))
    small = min(a.n_shingles, b.n_shingles)
    inter = j * (a.n_shingles + b.n_shingles) / (1 + j)
    return j, min(1.0, inter / small) if small else 0.0


def band_keys(sig: Signature) -> list[tuple[int, int]]:
    """(band, key) for each LSH band: the band's ROWS 32-bit values packed into one exact 64-bit key.

    Two signatures are candidates when they share a (band, key); texts too short to shingle have none.
    The store keeps these (``doc_bands``) so a new document meets its copies by one SQL join.
    """
    if sig.n_shingles < MIN_SHINGLES:
        return []
    rows = np.asarray(sig.minhash, dtype=np.uint64).reshape(BANDS, ROWS)
    keys = np.zeros(BANDS, dtype=np.uint64)
    for r in range(ROWS):
        keys = (keys << np.uint64(32)) | rows[:, r]
    return list(enumerate(keys.tolist()))


def candidates(sigs: list[Signature]) -> set[tuple[int, int]]:
    """Index pairs that share at least one LSH band."""
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, s in enumerate(sigs):
        for bk in band_keys(s):
            buckets[bk].append(i)
    out: set[tuple[int, int]] = set()
    for idx in buckets.values():
        out.update((idx[x], idx[y]) for x in range(len(idx)) for y in range(x + 1, len(idx)))
    return out


def judge(a: Signature, b: Signature) -> Link | None:
    """A link when the two texts are (mostly) the same dispatch, ``doc_a`` the smaller id; else None."""
    a, b = sorted((a, b), key=lambda s: s.doc)
    j, c = estimate(a, b)
    if j >= JACCARD_MIN or c >= CONTAINMENT_MIN:
        return Link(a.doc, b.doc, round(j, 4), round(c, 4))
    return None


def near_duplicates(sigs: Iterable[Signature]) -> list[Link]:
    """Every pair of documents whose text is (mostly) the same dispatch."""
    sigs = sorted(sigs, key=lambda s: s.doc)
    links = (judge(sigs[i], sigs[k]) for i, k in sorted(candidates(sigs)))
    return [ln for ln in links if ln is not None]


def groups(docs: Iterable[str], links: Iterable[Link]) -> dict[str, str]:
    """doc -> group id (the smallest doc id of its connected component of copies)."""
    parent = {d: d for d in docs}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ln in links:
        a, b = find(ln.doc_a), find(ln.doc_b)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {d: find(d) for d in list(parent)}
