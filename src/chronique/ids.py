"""Stable document ids: a content hash unless the source gives an id."""
from __future__ import annotations

import hashlib


def content_hash(text: str) -> str:
    """Hex digest of the cleaned text; the same article always gets the same value."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]
