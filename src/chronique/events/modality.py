"""Modality of an event mention: negated, hypothetical, planned (irrealis) or historical background.

The cue words are language data (``lang/<code>/modality.yaml``); the reading of morphology
(Mood=Cnd, Tense=Fut, pluperfect auxiliaries) follows Universal Dependencies features.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from chronique import lang as language
from chronique.events.frames import circumstantial, possessed
from chronique.parse import children, morph, per_token, subtree, tokens


@dataclass(frozen=True)
class Cues:
    negation: frozenset[str]
    negation_with_ne: frozenset[str]
    ne: frozenset[str]
    negative_det: frozenset[str]
    without: frozenset[str]
    intent: frozenset[str]
    hypothesis_marks: frozenset[str]
    planned_adj: frozenset[str]
    planned_nouns: frozenset[str]
    enacting: frozenset[str]
    purpose: frozenset[str]
    future_endings: frozenset[str]
    possibility: frozenset[str]
    attempt: frozenset[str]
    background: frozenset[str]
    realised_past: frozenset[str]
    anyone: frozenset[str]
    only: frozenset[str]


def parse_cues(data) -> Cues:
    """Schema of ``modality.yaml``: every list of ``Cues``, as words."""
    lists = language.word_lists(data)
    missing = [k for k in Cues.__dataclass_fields__ if k not in lists]
    if missing:
        raise ValueError(f"missing list '{missing[0]}'")
    return Cues(**{k: lists[k] for k in Cues.__dataclass_fields__})


def cues(lang: str) -> Cues:
    """The modality cue words of a language, validated once."""
    return language.load(lang, "modality", parse_cues)


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    planned: bool = False      # future, intended, promised, invited: not (yet) happened
    pluperfect: bool = False   # background: plus-que-parfait with "déjà", "par le passé"…
    enacted: bool = False      # planned only because decided/announced: real for material acts
    possible: bool = False     # only said to be possible ("pourrait attaquer", "peut frapper")
    attempted: bool = False    # only tried ("a tenté d'obtenir le soutien"): an attempt, not a promise
    conditional: bool = False  # planned only by a conditional above it ("justifierait que…"): no commitment
    warned: bool = False       # promised in the passive to anyone who acts ("tous les casseurs seront punis")


def clause_verb(trig: Token) -> Token:
    """The verb whose clause carries the trigger's modality (itself for verbs)."""
    tok, steps = trig, 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 4:
        tok, steps = tok.head, steps + 1
    return tok


def _auxes(verb: Token) -> list[Token]:
    return [c for c in children(verb) if c.dep_.startswith("aux")]


def _is_negated(verb: Token, trig: Token, c: Cues) -> bool:
    adverbs = [ch for ch in children(verb) if ch.dep_ in ("advmod", "advmod:neg", "det")]
    if any(ch.lemma_.lower() in c.negation for ch in adverbs):
        return True
    if any(ch.lemma_.lower() in c.negation_with_ne for ch in adverbs) and any(ch.lower_ in c.ne for ch in adverbs):
        return True  # "ne négocie plus", not "Plus de 200 000 étudiants ont défilé"
    if trig.pos_ == "NOUN" and any(ch.lower_ in c.negative_det for ch in children(trig) if ch.dep_ == "det"):
        return True
    return any(ch.lower_ in c.without for ch in children(trig) if ch.dep_ in ("mark", "case"))


def _chain(verb: Token):
    """The verb and the verbs it is an infinitive/complement of ("prêt à rencontrer")."""
    tok, steps = verb, 0
    while steps < 4:
        yield tok
        if tok.dep_ not in ("xcomp", "ccomp", "acl", "obl", "obl:arg", "obj") or tok.head.i == tok.i:
            return
        tok, steps = tok.head, steps + 1


@per_token
def analyse(trig: Token, lang: str) -> Modality:
    """Read negation, condition, plan/intent and pluperfect around a trigger (once per token: the trigger's
    constraints, its event and its fallback actor ask)."""
    c = cues(lang)
    verb = clause_verb(trig)
    perfect = language.grammar(lang).perfect_auxiliaries
    hypothetical, causes = _plan_and_hypothesis(trig, verb, c, perfect, lang)
    aux = _auxes(verb)
    pluperfect = any(a.lemma_ in perfect and "Imp" in morph(a, "Tense") for a in aux) \
        and "Part" in morph(verb, "VerbForm") and _background_cue(verb, c)
    if hypothetical and causes and any("Cnd" in morph(a, "Mood") for a in aux) and verb.lemma_ in c.intent:
        hypothetical = False
    enacted = bool(causes) and causes <= c.enacting
    return Modality(negated=_is_negated(verb, trig, c), hypothetical=hypothetical, planned=bool(causes),
                    pluperfect=pluperfect, enacted=enacted, possible=bool(causes & c.possibility),
                    attempted=bool(causes & c.attempt), conditional=causes == {"Cnd"}, warned=_warned(verb, c))


def _only(infinitive: Token, c: Cues) -> bool:
    """The infinitive follows the "que" of "ne … que" ("ne peut que regretter")."""
    return "Inf" in morph(infinitive, "VerbForm") and any(
        ch.lower_ in c.only and ch.i < infinitive.i for ch in children(infinitive) if ch.dep_ in ("advmod", "mark"))


def _warned(verb: Token, c: Cues) -> bool:
    """A passive in the future or the conditional whose subject is anyone ("tous les vandales seront
    retrouvés et punis", "toute personne appelant à la révolte serait traduite en justice")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "retrouvés et punis": the subject and auxiliaries hang on the first verb
    words = [verb, *_auxes(verb)]
    if not any("Fut" in morph(w, "Tense") or "Cnd" in morph(w, "Mood") or _untagged_future(w, c) for w in words):
        return False
    return any(s.dep_ == "nsubj:pass" and (s.lemma_.lower() in c.anyone or any(  # "tous": det or amod
        d.lemma_.lower() in c.anyone and d.i < s.i for d in children(s))) for s in children(verb))


def _untagged_future(tok: Token, c: Cues) -> bool:
    """A finite verb the tagger mistook for a present (first persons: "je me rendrai") whose
    ending can only be a simple future."""
    return tok.pos_ in ("VERB", "AUX") and "Fin" in morph(tok, "VerbForm") and "Cnd" not in morph(tok, "Mood") \
        and tok.lower_ != tok.lemma_.lower() and any(tok.lower_.endswith(e) for e in c.future_endings)


def _background_cue(verb: Token, c: Cues) -> bool:
    """News tells the same days' events in the pluperfect too ("X avait annoncé mardi"); only a
    background adverb ("avait déjà rencontré", "par le passé") marks an older story."""
    words = {t.lower_ for t in subtree(verb) if t.head.i == verb.i or t.head.head.i == verb.i}
    doc = tokens(verb.doc)
    return bool(words & c.background) or any(" ".join(t.lower_ for t in doc[t.i:t.i + 3]) in c.background
                                             for t in children(verb))


def _compound_past(tok: Token, perfect: tuple[str, ...]) -> bool:
    """A verb in the passé composé ("a dû", "ont pu") or the passé simple ("dut", "put")."""
    if any(a.dep_ == "aux:tense" and a.lemma_ in perfect for a in _auxes(tok)):
        return True
    return "Past" in morph(tok, "Tense") and "Fin" in morph(tok, "VerbForm")


def _case(tok: Token) -> str:
    """The preposition words before a nominal ("pour", "en vue de")."""
    return " ".join(c.lower_ for c in children(tok) if c.dep_ in ("case", "fixed") and c.i < tok.i)


def _judged(noun: Token) -> bool:
    """A possessed noun after a verb acting on a party ("a condamné Moscou pour son agression", "l'a félicité
    pour sa victoire"): what the party is judged for, already done, not a purpose."""
    return possessed(noun) and any(c.dep_ == "obj" and (c.pos_ in ("PROPN", "PRON") or c.ent_type_)
                                   for c in children(noun.head))


def _plan_and_hypothesis(trig: Token, verb: Token, c: Cues, perfect: tuple[str, ...],
                         lang: str) -> tuple[bool, set[str]]:
    """Whether the trigger is only supposed, and the cues (lemmas, or "Fut"/"Cnd") that make it
    planned rather than done."""
    causes: set[str] = set()
    hypothetical = False
    below = verb
    for i, tok in enumerate(_chain(verb)):
        words = [tok, *_auxes(tok)]
        lemma = tok.lemma_.lower()
        if i > 0 and lemma in c.intent and _only(below, c):
            break  # "ne peut que condamner": condemns
        below = tok
        if any("Fut" in morph(w, "Tense") or _untagged_future(w, c) for w in words):
            causes.add("Fut")
        if any("Cnd" in morph(w, "Mood") for w in words):
            if i == 0 and tok.lemma_ not in c.intent:
                hypothetical = True
            else:
                causes.add("Cnd")
        if lemma in c.realised_past and _compound_past(tok, perfect):
            continue  # "a dû être exfiltrée", "a pu quitter le pays": it happened
        # (a verb trigger under a noun of intent is planned too: "son intention de se rendre à Moscou")
        intended = lemma in c.intent or lemma in c.planned_adj or (lemma in c.planned_nouns and verb.i == trig.i)
        if (i > 0 and intended) or (
                i == 0 and lemma in c.intent and tok.i != trig.i and not circumstantial(trig, lang)):
            # (a noun in a time adjunct, "a annoncé sa démission lors d'une réunion": when, not what, is announced)
            direct = tok.i in (trig.head.i, trig.head.head.i)
            causes.add(lemma if direct else f"via {lemma}")  # only a direct decision enacts
        if any(m.lower_ in c.hypothesis_marks for m in children(tok) if m.dep_ == "mark"):
            hypothetical = True
    head = trig.head.lemma_.lower()
    if trig.pos_ == "VERB" and morph(trig, "VerbForm") == ["Inf"] and trig.dep_ in ("xcomp", "obl:arg", "ccomp"):
        if (head in c.intent or head in c.planned_adj) and not _only(trig, c) and not (
                head in c.realised_past and _compound_past(trig.head, perfect)):
            causes.add(head)
    if trig.pos_ == "NOUN" and head in c.planned_nouns and trig.head.i != trig.i:
        causes.add(head)
    if trig.pos_ == "NOUN":
        causes.update(f"via {a.lemma_.lower()}" for a in children(trig)
                      if a.dep_ in ("amod", "acl") and a.lemma_.lower() in c.planned_adj)
    if trig.pos_ == "NOUN" and trig.dep_.startswith("obl") and _case(trig) in c.purpose and not _judged(trig):
        causes.add("purpose")  # "pour négocier", "arrivé pour son sommet"; not "a condamné X pour son agression"
    return hypothetical, causes
