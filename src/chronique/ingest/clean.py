"""Boilerplate removal and whitespace normalisation, driven by ``lang/<code>/boilerplate.yaml``."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from chronique.lang import LanguageDataError, load_yaml


@lru_cache(maxsize=None)
def _patterns(lang: str) -> tuple[re.Pattern, ...]:
    data = load_yaml(lang, "boilerplate")
    out = []
    for i, pat in enumerate(data.get("patterns") or []):
        try:
            out.append(re.compile(pat, re.IGNORECASE))
        except re.error as exc:
            raise LanguageDataError(f"lang/{lang}/boilerplate.yaml: pattern {i} {pat!r}: {exc}") from exc
    return tuple(out)


def is_boilerplate(line: str, lang: str = "fr") -> bool:
    """True when a whole line is page furniture (logo, agency credit, share buttons…)."""
    s = line.strip()
    return bool(s) and any(p.match(s) for p in _patterns(lang))


def clean_text(text: str, lang: str = "fr") -> str:
    """Normalise Unicode and line endings, drop boilerplate lines, keep paragraph breaks."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\ufeff", "")
    kept = [line.rstrip() for line in text.split("\n") if not is_boilerplate(line, lang)]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(kept))
    return out.strip()
