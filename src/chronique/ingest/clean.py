"""Boilerplate removal and text normalisation, driven by ``lang/<code>/boilerplate.yaml``.

``clean_text`` always returns text that is safe for every later stage: valid Unicode (no lone
surrogates, which cannot be encoded), no control characters but tab and newline, ``\\n`` line
ends, NFC, and no page furniture lines. It is idempotent. ``clean_mapped`` also says where each
character of the cleaned text came from, so that what the models find is reported in the coordinates
of the text the user gave (``ingest/offsets.py``).
"""
from __future__ import annotations

import re
import threading
import unicodedata

from chronique import lang as language
from chronique.ingest.offsets import Cleaned
from chronique.model import BATCH_SIZE

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls but tab/newline/CR, DEL, C1 controls, BOM/zero-width no-break space, non-characters.
_DROP = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufeff\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_SPACE = str.maketrans({"\u00a0": " ", "\u202f": " "})
_CONTROL_CHAR = re.compile("[\x00-\x1f\x7f-\x9f]")
_BLANK_RUN = re.compile(r"\n{3,}")


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


def safe_given(text: str) -> str:
    """The text as given, storable: lone surrogates (which cannot be encoded) become U+FFFD, one for one."""
    return _SURROGATE.sub("\ufffd", text)


def one_line(text: str) -> str:
    """A metadata value (title, source, URL, date): safe, NFC, whitespace runs collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", safe_text(text)).split())


def printable(text: str) -> str:
    """A one-line form for messages and origins: control characters shown as ``\\xNN``."""
    text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL_CHAR.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def clean_text(text: str, lang: str = "fr") -> str:
    """Normalise Unicode and line endings, drop boilerplate lines, keep paragraph breaks."""
    return clean_mapped(text, lang).text


def clean_mapped(text: str, lang: str = "fr") -> Cleaned:
    """``clean_text`` with, for each character kept, where it came from in ``text``.

    A document is cleaned three times on its way (ingest checks it, the resume check hashes it, the
    models read it): the last results are kept, up to ``RECENT_DOCS`` documents and ``RECENT_CHARS``
    characters in all (about 20 bytes a character: ~40 MB at most), so the second and third are lookups
    (0.8 ms a document). ``Cleaned`` is never changed in place, so sharing it is safe."""
    global _recent_chars
    key = (text, lang)
    found = _recent.get(key)
    if found is not None:
        return found
    cleaned = _clean_mapped(text, lang)
    with _recent_lock:  # the server cleans in several threads
        if key not in _recent:
            _recent[key] = cleaned
            _recent_chars += len(text)
        while len(_recent) > RECENT_DOCS or _recent_chars > RECENT_CHARS:
            oldest = next(iter(_recent))  # dicts keep insertion order
            del _recent[oldest]
            _recent_chars -= len(oldest[0])
    return cleaned


RECENT_DOCS = 2 * BATCH_SIZE  # a whole batch is read, checked, then parsed
RECENT_CHARS = 2_000_000
_recent: dict[tuple[str, str], Cleaned] = {}
_recent_chars = 0
_recent_lock = threading.Lock()


def _clean_mapped(text: str, lang: str) -> Cleaned:
    state = Cleaned.identity(_SURROGATE.sub("\ufffd", text))
    state = state.sub(_DROP, "").sub(_LINE_BREAK, "\n").translate(_SPACE).nfc()
    state = state.take(_kept_lines(state.text, lang))
    state = state.sub(_BLANK_RUN, "\n\n")
    body = state.text.strip()
    lead = len(state.text) - len(state.text.lstrip())
    return state.take([(lead, lead + len(body))])


def _kept_lines(text: str, lang: str) -> list[tuple[int, int]]:
    """Ranges of the lines that are not boilerplate (right-stripped), each but the last with its newline."""
    ranges, pos, prev_end = [], 0, 0
    for line in text.split("\n"):
        if not is_boilerplate(line, lang):
            if ranges:
                ranges.append((prev_end, prev_end + 1))  # the newline that ended the previous kept line
            ranges.append((pos, pos + len(line.rstrip())))
            prev_end = pos + len(line)
        pos += len(line) + 1
    return ranges
