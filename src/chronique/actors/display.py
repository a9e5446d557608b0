"""Display names in the reader's language for canonical actor names: what the web page shows.

The canonical name (``name`` in the knowledge base, usually English) stays the one stored, filtered on and
exported; a language adds a display name where its data has one: an organisation's ``fr`` field, a
country's first name without an article in ``lang/<code>/countries.yaml`` ("Corée du Nord").
"""
from __future__ import annotations

from functools import lru_cache

from .. import lang as language
from .kb import KB_DIR, _org_files
from .schema import CountriesFile, KBError, OrgsFile


def _bare(name: str, articles: tuple[str, ...]) -> bool:
    """True when ``name`` does not open with an article ("l'Afghanistan", "la France")."""
    low = name.lower()
    return not any(low.startswith(a if a.endswith("'") else a + " ") for a in articles)


@lru_cache(maxsize=None)
def display_names(lang: str = "fr") -> dict[str, str]:
    """Canonical name -> display name in ``lang``, for the countries and organisations that have one."""
    articles = language.grammar(lang).articles
    out: dict[str, str] = {}
    for c in language.load(lang, "countries", CountriesFile).countries:
        bare = next((n for n in c.names if _bare(n, articles)), None)
        if bare and bare != c.name:
            out[c.name] = bare
    for path in [KB_DIR / "organizations.yaml", *_org_files()]:
        for o in language.read(path, OrgsFile, KBError).organizations:
            if getattr(o, lang, None) and o.name not in out:
                out[o.name] = getattr(o, lang)
    return out
