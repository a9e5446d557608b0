"""Modality of an event mention: negated, hypothetical, planned (irrealis) or historical background.

The cue words are French data (``lang/fr/modality.yaml``); the reading of morphology
(Mood=Cnd, Tense=Fut, pluperfect auxiliaries) follows Universal Dependencies features.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from chronique.lang import LanguageDataError, load_yaml


@dataclass(frozen=True)
class Cues:
    negation: frozenset[str]
    negative_det: frozenset[str]
    without: frozenset[str]
    intent: frozenset[str]
    hypothesis_marks: frozenset[str]
    planned_adj: frozenset[str]
    planned_nouns: frozenset[str]


@lru_cache(maxsize=None)
def cues(lang: str = "fr") -> Cues:
    data = load_yaml(lang, "modality")
    try:
        return Cues(**{k: frozenset(data[k]) for k in Cues.__dataclass_fields__})
    except KeyError as exc:
        raise LanguageDataError(f"lang/{lang}/modality.yaml: missing list {exc}") from exc


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    planned: bool = False      # future, intended, promised, invited: not (yet) happened
    pluperfect: bool = False   # background narrated in the plus-que-parfait


def clause_verb(trig: Token) -> Token:
    """The verb whose clause carries the trigger's modality (itself for verbs)."""
    tok, steps = trig, 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 4:
        tok, steps = tok.head, steps + 1
    return tok


def _auxes(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_.startswith("aux")]


def _is_negated(verb: Token, trig: Token, c: Cues) -> bool:
    if any(ch.lemma_.lower() in c.negation for ch in verb.children if ch.dep_ in ("advmod", "advmod:neg", "det")):
        return True
    if trig.pos_ == "NOUN" and any(ch.lower_ in c.negative_det for ch in trig.children if ch.dep_ == "det"):
        return True
    return any(ch.lower_ in c.without for ch in trig.children if ch.dep_ in ("mark", "case"))


def _chain(verb: Token):
    """The verb and the verbs it is an infinitive/complement of ("prêt à rencontrer")."""
    tok, steps = verb, 0
    while steps < 4:
        yield tok
        if tok.dep_ not in ("xcomp", "ccomp", "acl", "obl", "obl:arg", "obj") or tok.head.i == tok.i:
            return
        tok, steps = tok.head, steps + 1


def analyse(trig: Token, lang: str = "fr") -> Modality:
    """Read negation, condition, plan/intent and pluperfect around a trigger."""
    c = cues(lang)
    verb = clause_verb(trig)
    negated = _is_negated(verb, trig, c)
    planned = hypothetical = False
    for i, tok in enumerate(_chain(verb)):
        words = [tok, *_auxes(tok)]
        if any("Fut" in w.morph.get("Tense") for w in words):
            planned = True
        if any("Cnd" in w.morph.get("Mood") for w in words):
            if i == 0 and tok.lemma_ not in c.intent:
                hypothetical = True
            else:
                planned = True
        if i > 0 and tok.lemma_.lower() in c.intent:
            planned = True
        if i > 0 and tok.lemma_.lower() in c.planned_adj:
            planned = True
        if any(m.lower_ in c.hypothesis_marks for m in tok.children if m.dep_ == "mark"):
            hypothetical = True
        if i == 0 and tok.lemma_.lower() in c.intent and tok.i != trig.i:
            planned = True
    if trig.pos_ == "VERB" and trig.morph.get("VerbForm") == ["Inf"] and trig.dep_ in ("xcomp", "obl:arg", "ccomp"):
        if trig.head.lemma_.lower() in c.intent or trig.head.lemma_.lower() in c.planned_adj:
            planned = True
    if trig.pos_ == "NOUN" and trig.head.lemma_.lower() in c.planned_nouns and trig.head.i != trig.i:
        planned = True
    aux = _auxes(verb)
    pluperfect = any(a.lemma_ in ("avoir", "être") and "Imp" in a.morph.get("Tense") for a in aux) \
        and "Part" in verb.morph.get("VerbForm")
    if hypothetical and planned and any("Cnd" in a.morph.get("Mood") for a in aux) and verb.lemma_ in c.intent:
        hypothetical = False
    return Modality(negated=negated, hypothetical=hypothetical, planned=planned, pluperfect=pluperfect)
