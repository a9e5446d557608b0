"""Longest-match lookup of multi-word names over token keys, compiled once.

A table maps an alias key ("chef de la diplomatie") to its values; a prefix set lets the
scan stop as soon as no alias can continue, so the cost per token is a few dict probes.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Generic, Iterable, Sequence, TypeVar

V = TypeVar("V")


class Gazetteer(Generic[V]):
    """Alias key -> values, with piece-prefixes for incremental matching."""

    def __init__(self) -> None:
        self.table: dict[str, list[V]] = defaultdict(list)
        self.prefixes: set[str] = set()

    def add(self, k: str, value: V) -> None:
        if not k:
            return
        if value not in self.table[k]:
            self.table[k].append(value)
        pieces = k.split(" ")
        for n in range(1, len(pieces) + 1):
            self.prefixes.add(" ".join(pieces[:n]))

    def get(self, k: str) -> list[V]:
        return self.table.get(k, [])

    def longest(self, keys: Sequence[str | None], i: int,
                skip: Callable[[int], bool] | None = None) -> tuple[int, list[V], list[int]]:
        """Longest alias starting at token i: (end, values, skipped token indexes).

        ``keys[t]`` is the key of token t ("" = transparent, None = hard break); ``skip``
        lets the caller drop optional tokens (a nationality adjective) after the first one.
        """
        best: tuple[int, list[V], list[int]] = (i, [], [])
        if i >= len(keys) or not keys[i] or keys[i] not in self.prefixes:
            return best  # no alias starts here (most tokens): answered without building the scan
        parts: list[str] = []
        skipped: list[int] = []
        for j in range(i, len(keys)):
            k = keys[j]
            if k is None or (j == i and not k):
                break
            if not k:
                continue
            if j > i and skip is not None and skip(j):
                cand = " ".join(parts + [k])
                if cand not in self.prefixes:
                    skipped.append(j)
                    continue
            parts.append(k)
            joined = " ".join(parts)
            if joined not in self.prefixes:
                break
            if joined in self.table:
                best = (j + 1, self.table[joined], list(skipped))
        return best

    def __len__(self) -> int:
        return len(self.table)


def build(pairs: Iterable[tuple[str, V]]) -> Gazetteer[V]:
    g: Gazetteer[V] = Gazetteer()
    for k, v in pairs:
        g.add(k, v)
    return g
