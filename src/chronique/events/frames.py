"""Argument slots over a Universal Dependencies parse (language-neutral).

A slot name from the lexicon (``subj``, ``obj``, ``obl:à``, ``nmod:de``, ``gov:à``, ``adj``…) is
turned into the tokens that fill it, following French news syntax: passives swap subject and
object, infinitives under control verbs take their controller's subject (or object, for
"inviter X à"), relative pronouns stand for the noun they modify, nouns take the subject of
the light verb that governs them ("effectuer une visite").
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from chronique.lang import load_yaml

SUBJ = ("nsubj", "csubj")
OBJ = ("obj",)
OBL = ("obl", "obl:arg", "obl:mod", "iobj", "nmod", "advcl", "obl:agent")
CLITIC_IOBJ = {"lui", "leur"}
# Verbs whose object, not subject, is the one who does the infinitive ("inviter X à venir").
OBJECT_CONTROL = {"inviter", "appeler", "exhorter", "autoriser", "pousser", "encourager", "obliger",
                  "contraindre", "sommer", "enjoindre", "demander", "charger", "aider", "forcer", "inciter"}
LIGHT_VERB_DEPS = ("obj", "nsubj:pass", "obl", "obl:arg", "obl:mod", "xcomp")


@lru_cache(maxsize=None)
def support_verbs(lang: str = "fr") -> frozenset[str]:
    """Verbs whose subject is the actor of the event noun they govern (lang/<code>/support_verbs.yaml)."""
    return frozenset(load_yaml(lang, "support_verbs").get("verbs") or ())


def is_passive(tok: Token) -> bool:
    return any(c.dep_ == "aux:pass" for c in tok.children) or "Pass" in tok.morph.get("Voice")


def prep_of(tok: Token) -> str | None:
    """The preposition introducing a nominal (``à`` for "à Pyongyang", ``au`` kept as ``au``)."""
    cases = [c for c in tok.children if c.dep_ in ("case", "mark") and c.i < tok.i]
    if not cases:
        return None
    words = " ".join(c.lower_ for c in cases)
    return words


def governor(tok: Token) -> Token | None:
    """The verb a noun trigger depends on ("visite" in "effectuer une visite" -> effectuer)."""
    head = tok.head
    steps = 0
    while head.i != tok.i and steps < 3:
        if head.pos_ in ("VERB", "AUX") or (head.pos_ == "ADJ" and head.dep_ != "amod"):
            return head
        if tok.dep_ not in ("nmod", "appos", "conj") and head.pos_ not in ("NOUN", "PROPN"):
            return None
        tok, head = head, head.head
        steps += 1
    return None


def subjects(verb: Token) -> list[Token]:
    """Who does the verb: explicit subject, passive agent, or the controller of an infinitive."""
    seen = set()
    while verb.i not in seen:
        seen.add(verb.i)
        passive = is_passive(verb)
        deps = ("obl:agent",) if passive else SUBJ
        found = [c for c in verb.children if c.dep_ in deps]
        if passive and not found:
            found = [c for c in verb.children if c.dep_.startswith("obl") and prep_of(c) == "par"]
        if found:
            return [relative_antecedent(t) for t in found]
        if passive:
            return []
        if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj") and verb.head.i != verb.i:
            head = verb.head
            if verb.dep_ == "xcomp" and head.lemma_ in OBJECT_CONTROL:
                objs = [c for c in head.children if c.dep_ in ("obj", "iobj")]
                if objs:
                    return [relative_antecedent(t) for t in objs]
            if verb.dep_ == "advcl" and not any(c.lower_ in ("pour", "avant", "après", "en") for c in verb.children):
                return []
            verb = head
            continue
        if verb.dep_ == "acl:relcl":
            return []
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return [verb.head]
        return []
    return []


def objects(verb: Token) -> list[Token]:
    deps = ("nsubj:pass",) if is_passive(verb) else OBJ
    return [relative_antecedent(c) for c in verb.children if c.dep_ in deps]


def with_prep(tok: Token, prep: str) -> list[Token]:
    """Nominal dependents of ``tok`` introduced by ``prep`` (à also matches au/aux)."""
    wanted = {prep}
    if prep == "à":
        wanted |= {"au", "aux"}
    if prep == "de":
        wanted |= {"du", "des", "d'"}
    return [c for c in tok.children
            if c.dep_ in OBL and c.pos_ in ("NOUN", "PROPN", "PRON", "X", "NUM") and prep_of(c) in wanted]


def indirect(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("iobj", "obl:arg") and c.lower_ in CLITIC_IOBJ]


def relative_antecedent(tok: Token) -> Token:
    """A relative pronoun ("qui", "que") stands for the noun its clause modifies."""
    if "Rel" in tok.morph.get("PronType") and tok.head.dep_ == "acl:relcl":
        return tok.head.head
    return tok


def fill(slot: str, trig: Token) -> list[Token]:
    """Tokens (heads of nominals) filling one argument slot of a trigger."""
    if slot == "subj":
        if trig.pos_ == "NOUN":
            gov = governor(trig)
            ok = gov is not None and (gov.lemma_.lower() in support_verbs() or gov.pos_ == "AUX")
            return subjects(gov) if ok else []
        return subjects(trig)
    if slot == "obj":
        return objects(trig) if trig.pos_ != "NOUN" else []
    if slot == "iobj":
        return indirect(trig)
    if slot == "adj":
        return [c for c in trig.children if c.dep_ == "amod" and c.pos_ == "ADJ"]
    kind, prep = slot.split(":", 1)
    if kind == "obl":
        return with_prep(trig, prep)
    if kind == "nmod":
        return with_prep(trig, prep) or _misattached(trig, prep)
    if kind == "gov":
        gov = governor(trig) if trig.pos_ == "NOUN" else None
        return with_prep(gov, prep) if gov is not None else []
    return []


def _misattached(trig: Token, prep: str) -> list[Token]:
    """PP-attachment repair: "cinq jours de combats entre X et Y" hangs "entre X" on "jours"."""
    head = trig.head
    if trig.dep_ != "nmod" or head.pos_ != "NOUN" or head.i == trig.i:
        return []
    return [t for t in with_prep(head, prep) if t.i > trig.i]


def expand_conj(toks: list[Token]) -> list[Token]:
    """Coordinated nominals form one compound participant ("X et Y"), also when the parser hangs
    the conjunct on an apposed name ("le président sud-coréen Moon Jae-in et le dirigeant…")."""
    out: list[Token] = []
    for t in toks:
        stack = [t]
        while stack:
            x = stack.pop()
            if x in out:
                continue
            out.append(x)
            stack.extend(c for c in x.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"))
            stack.extend(a for c in x.children if c.dep_ in ("appos", "flat:name")
                         for a in c.children if a.dep_ == "conj" and a.pos_ in ("NOUN", "PROPN"))
    return sorted(out, key=lambda x: x.i)
