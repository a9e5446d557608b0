"""Which way a weekday points: the tense of the verb that governs it.

With a spaCy ``Doc`` the governing verb's morphology decides (passé composé, plus-que-parfait,
passé simple → past; futur, conditionnel, "aller"/"devoir" + infinitive → future; présent →
nearest). Without one, the nearest tense cue in the clause decides; no cue means past, as
news mostly reports what already happened.
"""
from __future__ import annotations

import re

from ..parse import children, morph
from .calendar import FUTURE, PAST, PRESENT
from .lexicon import Lexicon, load

_CLAUSE_END = re.compile(r"[.!?;\n]")


def _aux_children(verb):
    return [c for c in children(verb) if c.dep_.startswith("aux")]


def _is_conditional(tok, lex: Lexicon) -> bool:
    if "Cnd" in morph(tok, "Mood"):
        return True
    finite = "Fin" in morph(tok, "VerbForm")
    return finite and tok.text.lower().endswith(tuple(lex.data["tense"]["conditional_endings"]))


def _aux_direction(auxes, lex: Lexicon) -> str | None:
    """Compound tense (aux:tense avoir/être): present/imperfect aux → past, future aux → future.

    A passive auxiliary alone ("est attendu") carries the clause's own tense.
    """
    perfect = [a for a in auxes if a.dep_ != "aux:pass" and a.lemma_.lower() in lex.perfect_aux]
    if perfect:
        return FUTURE if "Fut" in perfect[0].morph.get("Tense") else PAST
    passive = [a for a in auxes if a.dep_ == "aux:pass" and "Fin" in morph(a, "VerbForm")]
    return _finite_direction(passive[0], lex) if passive else None


def _finite_direction(tok, lex: Lexicon) -> str | None:
    tense = morph(tok, "Tense")
    if "Fut" in tense or _is_conditional(tok, lex):
        return FUTURE
    if "Past" in tense or "Imp" in tense:
        return PAST
    return PRESENT if "Pres" in tense else None


def _periphrastic(verb, lex: Lexicon) -> bool:
    """"va signer", "doit se rendre": a future-auxiliary verb governing an infinitive."""
    fut = lex.data["tense"]["future_aux"]
    if "Inf" in morph(verb, "VerbForm"):  # (a root infinitive is its own head)
        return verb.head.lemma_.lower() in fut
    return verb.lemma_.lower() in fut and any("Inf" in morph(c, "VerbForm") for c in children(verb))


def verb_direction(verb, lex: Lexicon) -> str | None:
    """PAST, FUTURE, PRESENT or None for a verb token; an infinitive takes the direction of the
    verb it depends on. The walk up is a loop with a visited set: some parses of coordinated
    infinitive chains are not trees, and a recursive walk never ended on them."""
    seen: set[int] = set()
    while verb.i not in seen:
        seen.add(verb.i)
        by_aux = _aux_direction(_aux_children(verb), lex)
        if by_aux:
            return by_aux
        if _periphrastic(verb, lex):
            return FUTURE
        if "Inf" not in morph(verb, "VerbForm") or verb.head is verb:
            break
        verb = verb.head
    return _finite_direction(verb, lex)


def governing_verb(tok):
    """The nearest verb above ``tok`` in the parse (``tok`` itself if it is a verb), or None."""
    seen = 0
    while seen < 30:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "aux:tense", "aux:pass"):
            return tok
        head = tok.head
        if head is tok or head.i == tok.i:  # no head, or the root (where the walk would only mark time): none
            return None
        tok, seen = head, seen + 1
    return None


def direction_from_doc(doc, start: int, end: int, lex: Lexicon) -> str | None:
    """Direction of the clause containing chars [start, end) of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = governing_verb(span.root)
    return verb_direction(verb, lex) if verb is not None else None


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    m = _CLAUSE_END.search(text, end, end + 300)
    return left, (m.start() if m else min(len(text), end + 300))


def direction_from_text(text: str, start: int, end: int, lex: Lexicon) -> str | None:
    """Direction from the tense cue nearest to chars [start, end) within their clause."""
    lo, hi = _clause(text, start, end)
    best = None
    for direction, key in ((PAST, "past_cue"), (FUTURE, "future_cue")):
        for m in lex.data["tense"][key].finditer(text, lo, hi):
            dist = max(m.start() - end, start - m.end(), 0)
            if best is None or dist < best[0]:
                best = (dist, direction)
    return best[1] if best else None


def is_pluperfect(token, lang: str) -> bool:
    """True for a plus-que-parfait verb ("avait visité", "s'était rendu", "avait été reçu")."""
    lex = load(lang)
    verb = token.head if token.dep_.startswith("aux") else token
    for aux in _aux_children(verb):
        if aux.lemma_.lower() in lex.perfect_aux and "Imp" in morph(aux, "Tense"):
            return "Part" in morph(verb, "VerbForm") or verb.pos_ == "VERB"
    return False
