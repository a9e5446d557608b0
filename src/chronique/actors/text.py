"""Text normalisation shared by every lookup: casefold, no accents, one hyphen, one apostrophe.

Aliases and document spans go through the same `key` function, so token boundaries
chosen by spaCy never decide whether "Jong-un", "Jong un" or "JONG-UN" match.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

_APOS = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u00b4`\u2032"})
_HYPH = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212\u00ad"})
_SPLIT = re.compile(r"[\s\-]+|(?<=')")
_STRIP = re.compile(r"^[«»\"“”()\[\],;:!?]+|[«»\"“”()\[\],;:!?]+$")


def fold(text: str) -> str:
    """Casefold, drop accents, unify apostrophes/hyphens/spaces."""
    text = text.translate(_APOS).translate(_HYPH)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Matching key: folded pieces split at spaces, hyphens and after apostrophes."""
    pieces = (_STRIP.sub("", p) for p in _SPLIT.split(fold(text)))
    return " ".join(p for p in pieces if p)


def key_prefixes(words: Iterable[str]) -> tuple[str, ...]:
    """Words to drop from the start of a name (articles, prepositions: "l'", "près de") as key prefixes."""
    return tuple(key(w) + " " for w in words)


def strip_prefix(k: str, prefixes: tuple[str, ...]) -> str:
    """Drop the first of ``prefixes`` (see ``key_prefixes``) that opens key ``k`` and leaves a name."""
    for prefix in prefixes:
        if k.startswith(prefix) and len(k) > len(prefix):
            return k[len(prefix):]
    return k


def is_acronym(text: str) -> bool:
    """True for all-capital short names (ONU, EI, US) that must match in capitals."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(text) <= 8
