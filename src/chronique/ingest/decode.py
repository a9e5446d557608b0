"""Bytes to text: refuse binaries, honour byte-order marks, detect legacy encodings (Windows-1252…).

Order of trust: a byte-order mark (UTF-8/16/32), BOM-less UTF-16 (every other byte NUL), strict
UTF-8, then charset detection. French legacy files are nearly always Windows-1252; charset
detection often mistakes them for a Central-European or Baltic code page ("étrangčres",
"inaugurķ"), so Windows-1252 wins whenever it fits and its accented letters are French ones (or
when detection guesses any single-byte Latin code page).
"""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from chronique.model import InputError

BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Single-byte Latin code pages charset detection may propose for a Windows-1252 French file.
LATIN_SINGLE_BYTE = {
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish", "cp437", "cp850", "cp858", "hp_roman8",
}
LEGACY = "cp1252"
FRENCH_LETTERS = set("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can trust."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean a binary file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return len(head) > 0 and ctrl / len(head) > 0.05


def _bom(data: bytes) -> tuple[str, int] | None:
    """(encoding, length of the mark) when the data starts with a byte-order mark."""
    return next(((enc, len(mark)) for mark, enc in BOMS if data.startswith(mark)), None)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on one parity only (ASCII-heavy UTF-16 text)."""
    head = data[:8192]
    if len(head) < 4 or len(data) % 2:
        return None
    pairs = len(head) // 2
    odd = head[1::2].count(0) / pairs
    even = head[0::2].count(0) / pairs
    if odd > 0.3 and even < 0.02:
        return "utf-16-le"
    if even > 0.3 and odd < 0.02:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, why: str) -> tuple[str, str]:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"{why} but the bytes are not valid {encoding} (byte {exc.start})") from exc
    return text.lstrip("\ufeff"), encoding


def _legacy_french(data: bytes) -> str | None:
    """The Windows-1252 reading when it fits and its accented letters are French ones."""
    try:
        text = data.decode(LEGACY)
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ord(ch) > 127 and ch.isalpha()]
    french = sum(ch in FRENCH_LETTERS for ch in letters)
    return text if not letters or french / len(letters) >= 0.9 else None


def _detect(data: bytes) -> tuple[str, str]:
    """Windows-1252 for French legacy text, else charset detection (Latin guesses read as 1252)."""
    text = _legacy_french(data)
    if text is not None:
        return text, LEGACY
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable bytes: no text encoding fits")
    if best.encoding in LATIN_SINGLE_BYTE:
        try:
            return data.decode(LEGACY), LEGACY
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise DecodeError with the reason."""
    bom = _bom(data)
    if bom:
        return _strict(data[bom[1]:], bom[0], f"{bom[0]} byte-order mark")
    enc = _utf16_without_bom(data)
    if enc:
        try:
            return _strict(data, enc, "UTF-16 byte pattern")
        except DecodeError:
            pass  # not UTF-16 after all: judged as binary below
    if looks_binary(data):
        raise DecodeError("binary content (NUL or control bytes), not a text article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _detect(data)


def decode_utf8(data: bytes) -> str:
    """Strict UTF-8 (JSON Lines are UTF-8 by RFC 8259); DecodeError names the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid UTF-8 at byte {exc.start} (JSON Lines must be UTF-8)") from exc


def decode_within(data: bytes, origin: str, max_bytes: int) -> str | InputError:
    """Text of one document's bytes, or the error naming the input: over the size limit, or not text."""
    if len(data) > max_bytes:
        return InputError(origin, f"decompressed size over the {max_bytes:,}-byte limit (--max-bytes)", "limit")
    try:
        return decode(data)[0]
    except DecodeError as exc:
        return InputError(origin, str(exc), "encoding")
