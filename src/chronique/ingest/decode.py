"""Bytes to text: refuse binaries, detect legacy encodings (Windows-1252, Latin-1…)."""
from __future__ import annotations

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can trust."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean a binary file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return len(head) > 0 and ctrl / len(head) > 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding); UTF-8 first, then charset detection."""
    if looks_binary(data):
        raise DecodeError("binary content (NUL or control bytes), not a text article")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable bytes: no text encoding fits")
    return str(best), best.encoding
