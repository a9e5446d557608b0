"""Which tokens open a lexicon entry: lemma (with repairs for the tagger's slips), multi-word
phrase and the entry's constraints (required or excluded neighbours, reflexive, required slots)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from chronique.events import frames
from chronique.events.lexicon import Lexicon, Trigger
from chronique.events.modality import analyse
from chronique.lang import grammar, syntax
from chronique.parse import children, morph, sentence_tokens, tokens


@dataclass(frozen=True)
class Match:
    """A lexicon entry matched at a token."""

    token: Token
    trigger: Trigger
    lemma: str

    def phrase(self) -> set[int]:
        """Token indices of a multi-word trigger ("état d'urgence"): its words fill no slot."""
        n = len(self.lemma.replace("'", "' ").split())
        return set(range(self.token.i, min(self.token.i + n, len(self.token.doc))))


OPEN_TAGS = frozenset({"VERB", "AUX", "ADJ", "NOUN"})  # the parts of speech an entry can open on


def find_triggers(sent: Span, lexicon: Lexicon, lang: str) -> list[Match]:
    """Every token of the sentence that opens a lexicon entry whose constraints hold."""
    out = []
    misread_participle = syntax(lang).misread_participle  # a participle the tagger read as an adjective or noun
    openers = lexicon.openers
    for tok in sentence_tokens(sent):
        tag = tok.pos_  # (read once: most tokens are none of these)
        if tag not in OPEN_TAGS:
            continue
        lemma, form = tok.lemma_.lower(), tok.lower_
        if lemma not in openers and lemma != form:
            continue  # no entry for this word, whatever its part of speech (a form left as its own lemma may
            # still be a verb the lexicon knows by its infinitive: ``verb_candidates``)
        pos = "VERB" if tag in ("VERB", "AUX") or (tag in ("ADJ", "NOUN") and misread_participle(tok)) else \
            "NOUN" if tag == "NOUN" else "ADJ" if tag == "ADJ" and _predicative(tok) else None
        if pos is None:
            continue
        found = lexicon.verb_candidates(lemma, form) if pos == "VERB" else lexicon.candidates(lemma, pos)
        first = next(_opening(tok, found, lang), None)
        if first is not None:
            out.append(Match(tok, first[1], first[0]))
    return out


def verb_types(tok: Token, lexicon: Lexicon, lang: str) -> set[str]:
    """The types of the verb entries that open at this token, constraints checked ("placer en détention" is an
    arrest, "placer une commande" no event)."""
    return {trig.type for _, trig in _opening(tok, lexicon.verb_candidates(tok.lemma_.lower(), tok.lower_), lang)}


def _opening(tok: Token, found: list[tuple[str, Trigger]], lang: str):
    """The (phrase, entry) pairs of ``found`` that open at this token: phrase present, constraints holding."""
    return ((full, trig) for full, trig in found if _phrase_ok(tok, full) and _constraints_ok(tok, trig, lang))


def _predicative(tok: Token) -> bool:
    """An adjective that is what a copula says of its subject ("c'est inacceptable", "la réaction est
    injustifiée"), or one coordinated with such an adjective ("injustifié et inacceptable")."""
    if tok.pos_ != "ADJ":
        return False
    head = tok.head if tok.dep_ == "conj" and tok.head.pos_ in ("ADJ", "VERB") else tok
    return any(c.dep_ == "cop" for c in children(head))


def _phrase_ok(tok: Token, full: str) -> bool:
    words = full.split()
    if len(words) == 1:
        return True
    rest = " ".join(t.lower_ for t in tokens(tok.doc)[tok.i + 1: tok.i + len(words) + 2]).replace("' ", "'")
    return rest.startswith(" ".join(words[1:]).replace("' ", "'"))


def _near_tokens(tok: Token, lang: str) -> list[Token]:
    """The words an entry's context words are looked for in: the token's dependents and theirs, a noun's
    head and its dependents, a passive verb's patient."""
    near = []
    for c in children(tok):
        near.append(c)
        near.extend(children(c))
    if tok.pos_ == "NOUN":
        near.append(tok.head)
        near.extend(children(tok.head))
    elif frames.is_passive(tok):  # "le sommet, qui avait été annulé": the patient behind a relative or control
        near.extend(frames.objects(tok, lang))
    return near


def _near_lemmas(tok: Token, lang: str) -> set[str]:
    """The lemmas of ``_near_tokens``, lower case."""
    return {t.lemma_.lower() for t in _near_tokens(tok, lang)}


def context_words(m: Match, lang: str) -> list[Token]:
    """The words that completed a match's multiword trigger (its entry's ``requires``: "garde" of "mettre en
    garde", "téléphone" of "parler au téléphone"): part of that event, none of their own."""
    if not m.trigger.requires:
        return []
    return [t for t in _near_tokens(m.token, lang) if t.lemma_.lower() in m.trigger.requires and t.i != m.token.i]


def excluded(tok: Token, trig: Trigger, lang: str, near: set[str] | None = None) -> bool:
    """The entry explicitly rules this reading out: an excluded word near the token (``near``, if already
    read), a preposition that makes it the manner of another act, or the plural of a singular-only noun."""
    if trig.singular and "Plur" in morph(tok, "Number"):
        return True
    if trig.not_after and any(c.dep_ == "case" and c.lower_ in trig.not_after for c in children(tok)):
        return True
    return bool(trig.excludes) and bool(set(trig.excludes) & (near if near is not None else _near_lemmas(tok, lang)))


def _constraints_ok(tok: Token, trig: Trigger, lang: str) -> bool:
    if trig.refusal and not analyse(tok, lang).negated:
        return False
    near = _near_lemmas(tok, lang) if trig.requires or trig.excludes else set()
    if trig.requires and not (set(trig.requires) & near):
        return False
    if excluded(tok, trig, lang, near):
        return False
    clitics = grammar(lang).reflexive_clitics
    if trig.reflexive and not any(c.dep_.startswith("expl") or (c.lower_ in clitics and c.pos_ == "PRON")
                                  for c in children(tok)):
        return False
    if trig.requires_dep and not any(frames.fill(s, tok, lang) if ":" in s or s == "xcomp" else
                                     [c for c in children(tok) if c.dep_ == s] for s in trig.requires_dep):
        return False
    return True
