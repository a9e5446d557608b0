"""The offset map from the cleaned text the models read back to the text the user gave.

Cleaning deletes characters (controls, boilerplate lines, trailing blanks), merges some (``\\r\\n``,
combining accents under NFC) and replaces others one for one (no-break spaces). ``Cleaned`` keeps,
for every character of the cleaned text, the range of input characters it stands for; ``span``
turns a cleaned span into the input span that covers it, so ``given[start:end]`` is exactly the
user's characters behind what the models found.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy

# Hangul vowel and final jamo compose with the syllable before them although their combining class is 0.
_JAMO_TAIL = range(0x1160, 0x1200)


@dataclass(frozen=True)
class Cleaned:
    """A transformed text and, per character, the ``[starts[i], ends[i])`` input range it came from."""

    text: str
    starts: array
    ends: array

    @classmethod
    def identity(cls, text: str) -> "Cleaned":
        """The text before any change: character i comes from input range [i, i+1)."""
        positions = numpy.arange(len(text) + 1, dtype=numpy.int64)  # (array("q", range(n)) loops in Python)
        return cls(text, array("q", positions[:-1].tobytes()), array("q", positions[1:].tobytes()))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input span covering cleaned characters [start, end) (an empty span stays empty)."""
        if end > start:
            return self.starts[start], self.ends[end - 1]
        pos = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
        return pos, pos

    def sub(self, pattern: re.Pattern, repl: str | Callable[[re.Match], str]) -> "Cleaned":
        """``pattern.sub``: each replacement character stands for the whole match it replaces."""
        pieces: list[tuple[int, int] | tuple[str, int, int]] = []
        pos = 0
        for m in pattern.finditer(self.text):
            a, b = m.span()
            pieces.append((pos, a))
            out = repl if isinstance(repl, str) else repl(m)
            if out and b > a:
                pieces.append((out, self.starts[a], self.ends[b - 1]))
            pos = b
        pieces.append((pos, len(self.text)))
        return self._build(pieces)

    def translate(self, table: dict) -> "Cleaned":
        """``str.translate`` with a one-for-one table: the map does not change."""
        return Cleaned(self.text.translate(table), self.starts, self.ends)

    def take(self, ranges: Iterable[tuple[int, int]]) -> "Cleaned":
        """The concatenation of these ranges of the current text, in order."""
        return self._build(list(ranges))

    def nfc(self) -> "Cleaned":
        """Unicode NFC, composed cluster by cluster so each stays mapped to the characters it came from."""
        if unicodedata.is_normalized("NFC", self.text):
            return self
        pieces: list[tuple[int, int] | tuple[str, int, int]] = []
        for a, b in _clusters(self.text):
            seg = self.text[a:b]
            norm = unicodedata.normalize("NFC", seg)
            pieces.append((a, b) if norm == seg else (norm, self.starts[a], self.ends[b - 1]))
        return self._build(pieces)

    def _build(self, pieces: list) -> "Cleaned":
        """Kept ranges ``(a, b)`` of the current text and new strings ``(s, start, end)``, joined."""
        parts, starts, ends = [], array("q"), array("q")
        for p in pieces:
            if len(p) == 2:
                a, b = p
                parts.append(self.text[a:b])
                starts.extend(self.starts[a:b])
                ends.extend(self.ends[a:b])
            else:
                s, lo, hi = p
                parts.append(s)
                starts.extend([lo] * len(s))
                ends.extend([hi] * len(s))
        return Cleaned("".join(parts), starts, ends)


def _clusters(text: str) -> list[tuple[int, int]]:
    """Ranges of a starter and the combining characters after it (the units NFC composes)."""
    out, begin = [], 0
    for i, ch in enumerate(text):
        if i and unicodedata.combining(ch) == 0 and ord(ch) not in _JAMO_TAIL:
            out.append((begin, i))
            begin = i
    if text:
        out.append((begin, len(text)))
    return out
