"""Boilerplate removal and text normalisation, driven by ``lang/<code>/boilerplate.yaml``.

``clean_text`` always returns text that is safe for every later stage: valid Unicode (no lone
surrogates, which cannot be encoded), no control characters but tab and newline, ``\\n`` line
ends, NFC, and no page furniture lines. It is idempotent.
"""
from __future__ import annotations

import re
import unicodedata

from chronique import lang as language

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls but tab/newline/CR, DEL, C1 controls, BOM/zero-width no-break space, non-characters.
_DROP = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufeff\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_SPACE = str.maketrans({"\u00a0": " ", "\u202f": " "})
_CONTROL_CHAR = re.compile("[\x00-\x1f\x7f-\x9f]")


def parse_patterns(data) -> tuple[re.Pattern, ...]:
    """Schema of ``boilerplate.yaml``: its ``patterns``, compiled (case-insensitive)."""
    if not isinstance(data, dict):
        raise ValueError("expected a mapping at the top level")
    out = []
    for i, pat in enumerate(data.get("patterns") or []):
        try:
            out.append(re.compile(pat, re.IGNORECASE))
        except (re.error, TypeError) as exc:
            raise ValueError(f"pattern {i} {pat!r}: {exc}") from None
    return tuple(out)


def _patterns(lang: str) -> tuple[re.Pattern, ...]:
    return language.load(lang, "boilerplate", parse_patterns)


def is_boilerplate(line: str, lang: str = "fr") -> bool:
    """True when a whole line is page furniture (logo, agency credit, share buttons…)."""
    s = line.strip()
    return bool(s) and any(p.match(s) for p in _patterns(lang))


def safe_text(text: str) -> str:
    """Valid, printable Unicode: lone surrogates become U+FFFD, control characters go."""
    return _DROP.sub("", _SURROGATE.sub("\ufffd", text))


def one_line(text: str) -> str:
    """A metadata value (title, source, URL, date): safe, NFC, whitespace runs collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", safe_text(text)).split())


def printable(text: str) -> str:
    """A one-line form for messages and origins: control characters shown as ``\\xNN``."""
    text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL_CHAR.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def clean_text(text: str, lang: str = "fr") -> str:
    """Normalise Unicode and line endings, drop boilerplate lines, keep paragraph breaks."""
    text = _LINE_BREAK.sub("\n", safe_text(text)).translate(_SPACE)
    text = unicodedata.normalize("NFC", text)
    kept = [line.rstrip() for line in text.split("\n") if not is_boilerplate(line, lang)]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(kept))
    return out.strip()
