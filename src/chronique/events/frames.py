"""Argument slots over a Universal Dependencies parse (language-neutral).

A slot name from the lexicon (``subj``, ``obj``, ``obl:à``, ``nmod:de``, ``gov:à``, ``adj``…) is
turned into the tokens that fill it: passives swap subject and object, infinitives under control
verbs take their controller's subject (or object, for "inviter X à"), relative pronouns stand for
the noun they modify, nouns take the subject of the light verb that governs them ("effectuer une
visite"). The words come from ``lang/<code>/`` (support_verbs, speech, prepositions, grammar), the
repairs of the parser's misreadings from ``lang/<code>/syntax.py``.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from chronique.lang import grammar, syntax, words
from chronique.parse import children, morph, per_span, per_token, sentence, sentence_at, sentence_tokens, subtree, tokens

SUBJ = ("nsubj", "csubj")
OBJ = ("obj",)
OBL = ("obl", "obl:arg", "obl:mod", "iobj", "nmod", "advcl", "obl:agent")
LIGHT_VERB_DEPS = ("obj", "nsubj:pass", "obl", "obl:arg", "obl:mod", "xcomp")


@lru_cache(maxsize=None)
def support_verbs(lang: str) -> frozenset[str]:
    """Verbs whose subject is the actor of the event noun they govern (``support_verbs.yaml``)."""
    return words(lang, "support_verbs", "verbs")


@lru_cache(maxsize=None)
def speech_verbs(lang: str) -> frozenset[str]:
    """Lemmas of verbs that report speech (``speech.yaml``)."""
    return words(lang, "speech", "verbs")


@lru_cache(maxsize=None)
def prepositions(kind: str, lang: str) -> frozenset[str]:
    """One list of ``prepositions.yaml`` (locative, party, circumstance, agent, venue…); the word lists are
    read once, this keeps the lookups out of the loops that ask per token."""
    return words(lang, "prepositions", kind)


@lru_cache(maxsize=None)
def _forms(prep: str, lang: str) -> frozenset[str]:
    """A preposition and its fused or elided forms (``Grammar.forms``), built once."""
    return grammar(lang).forms(prep)


def light_verb(noun: Token, lang: str) -> Token | None:
    """The support verb whose subject does the event noun: the noun is its object or complement,
    directly or through a measure noun ("imposer un train de sanctions"); not in "prendre note
    de l'expulsion", where "note" is the light verb's noun."""
    tok, head = noun, noun.head
    measures = words(lang, "support_verbs", "measure_nouns")
    while head.pos_ == "NOUN" and head.lemma_.lower() in measures and tok.dep_ == "nmod" and head.i != tok.i:
        tok, head = head, head.head
    if head.i == tok.i or tok.dep_ not in LIGHT_VERB_DEPS:
        return None
    if head.pos_ == "AUX" or (head.pos_ == "VERB" and head.lemma_.lower() in support_verbs(lang)):
        return head
    return None


def inverted_speaker(verb: Token, lang: str) -> list[Token]:
    """The speaker of an inverted speech incise ("« … », a déclaré le ministre") that the parser
    took for an object: a speech verb with no subject, in parataxis or right after a quote."""
    if verb.lemma_.lower() not in speech_verbs(lang) or any(c.dep_ in SUBJ for c in children(verb)):
        return []
    if _present_participle(verb) or "Inf" in morph(verb, "VerbForm"):
        return []  # "…, dénonçant un complot": an incise is finite; a participle's object is no speaker
    before = tokens(verb.doc)[max(sentence(verb).start, verb.i - 4): verb.i]
    marks = words(lang, "speech", "incise_marks")
    incise = verb.dep_ == "parataxis" or any(t.text in marks for t in before)
    if not incise:
        return []
    named = [c for c in children(verb) if c.dep_ == "obj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")]
    # "« … », a-t-il déclaré": the inverted clitic stands for the speaker (resolved as a pronoun)
    return named or [c for c in children(verb) if c.dep_ == "expl:subj" and c.text.startswith("-") and c.text != "-t"]


@per_span
def speaker(sent: Span, lang: str) -> list[Token]:
    """Who speaks in the sentence: the subject of an incise speech verb, or "selon X"; for a quote
    the parser cut from its incise ("« … »" | ", a écrit le ministre"), the incise's speaker (once per
    sentence: every trigger of it asks)."""
    found = _speaker_within(sent, lang)
    if found or sent.end >= len(sent.doc):
        return found
    nxt = sentence_at(sent.doc, sent.end)
    opener = next((t for t in nxt if not t.is_space), None)
    if opener is not None and opener.text in words(lang, "speech", "incise_marks"):
        return _speaker_within(nxt, lang, cut=True)
    return []


def _speaker_within(sent: Span, lang: str, cut: bool = False) -> list[Token]:
    """``cut``: the sentence is the incise itself, so its main speech verb is the incise's."""
    verbs, according = speech_verbs(lang), words(lang, "speech", "according_to")
    for tok in sentence_tokens(sent):
        if tok.lemma_.lower() in verbs and tok.pos_ == "VERB" and (
                tok.dep_ == "parataxis" or (cut and tok.dep_ == "ROOT") or inverted_speaker(tok, lang)):
            found = inverted_speaker(tok, lang) or [c for c in children(tok) if c.dep_ in SUBJ]
            if found:
                return found
    for tok in sentence_tokens(sent):
        if tok.pos_ in ("NOUN", "PROPN") and prep_of(tok) in according:
            return [tok]
    return []


def is_passive(tok: Token) -> bool:
    """Passive voice, including a past participle modifying a noun ("le Bélarus, accusé de…") or one with an
    agent ("Le cessez-le-feu, salué par l'Union africaine, …")."""
    return auxiliary_passive(tok) or ("Pass" in morph(tok, "Voice") and not unaccusative(tok)) \
        or passive_participle(tok) or (tok.pos_ == "VERB" and "Part" in morph(tok, "VerbForm")
                                       and "Past" in morph(tok, "Tense") and not unaccusative(tok)
                                       and any(c.dep_ == "obl:agent" for c in children(tok))
                                       and not any(c.dep_ == "aux:tense" for c in children(tok)))


def auxiliary_passive(verb: Token) -> bool:
    """A passive with its auxiliary ("a été suspendue"): its subject is what undergoes the act. Not a verb that
    takes "être" in its compound tenses and has no passive ("est arrivé", "sont parvenus à"), which the parser
    often reads so (``grammar.unaccusative_verbs`` of the document's language)."""
    return any(c.dep_ == "aux:pass" for c in children(verb)) and not unaccusative(verb)


def unaccusative(verb: Token) -> bool:
    """A verb with no passive whose "être" is the auxiliary of its compound tenses ("est arrivé")."""
    return verb.lemma_.lower() in grammar(verb.doc.lang_).unaccusative_verbs


def passive_participle(tok: Token) -> bool:
    """A past participle that modifies a noun: the noun is what undergoes the action."""
    return (tok.dep_ == "acl" and tok.pos_ == "VERB" and "Part" in morph(tok, "VerbForm")
            and "Past" in morph(tok, "Tense") and tok.head.pos_ in ("NOUN", "PROPN")) \
        or (tok.dep_ == "advcl" and not unaccusative(tok) and bool(syntax(tok.doc.lang_).apposed_patient(tok)))


@per_token
def prep_of(tok: Token) -> str | None:
    """The preposition introducing a nominal (``à`` for "à Pyongyang", ``au`` kept as ``au``; once per token)."""
    cases = [c for c in children(tok) if c.i < tok.i and c.dep_ in ("case", "mark")]
    if not cases:
        return None
    return " ".join(c.lower_ for c in cases)


def circumstantial(tok: Token, lang: str) -> bool:
    """The event noun sits in a time or cause adjunct or is the topic of another noun, directly or
    as a complement of its head ("après la signature de la trêve", "au lendemain d'un vote",
    "un sommet sur les combats"): background, not the act of the clause's subject."""
    t = tok
    for _ in range(6):
        if prep_of(t) in prepositions("circumstance", lang) or _after_circumstance_noun(t, lang) or (
                t is not tok and t.lemma_.lower() in prepositions("circumstance_nouns", lang)) or (
                t.dep_ == "nmod" and t.head.pos_ == "NOUN" and prep_of(t) in prepositions("topic", lang)):
            return True
        if t.head.i == t.i or not (t.dep_ in ("nmod", "obl:agent", "conj") or (t.dep_ == "acl" and t.head.pos_ == "NOUN")
                                   or (t.dep_.startswith("obl") and t.head.dep_ == "acl")):
            return False  # up through noun complements, coordinates and participles, never past a clause
        t = t.head
    return False


def _after_circumstance_noun(t: Token, lang: str) -> bool:
    """"au lendemain d'un accord" when the parser hung "accord" on the verb, not on "lendemain"."""
    cases = [c for c in children(t) if c.dep_ == "case" and c.i < t.i]
    first = min((c.i for c in cases), default=None)
    return first is not None and first > 0 and t.doc[first - 1].lemma_.lower() in prepositions("circumstance_nouns", lang)


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


def subjects(verb: Token, lang: str) -> list[Token]:
    """Who does the verb: explicit subject, passive agent, or the controller of an infinitive."""
    seen = set()
    while verb.i not in seen:
        seen.add(verb.i)
        passive = is_passive(verb)
        deps = ("obl:agent",) if passive else (*SUBJ, "nsubj:pass")  # (the second: an unaccusative read as passive)
        found = [c for c in children(verb) if c.dep_ in deps] or [
            c for a in children(verb) if a.dep_.startswith("aux") for c in children(a) if c.dep_ in deps]
        # (the second: a subject the parser hung on the auxiliary, cut off by an incise: "La France a, de son
        # côté, décidé…")
        if passive and not found:
            found = [c for c in children(verb) if c.dep_.startswith("obl") and prep_of(c) in prepositions("agent", lang)]
        if passive and not found:
            found = _agent_hung_below(verb, lang)
        if found:
            return [_author(relative_antecedent(t), t, lang) for t in found]
        if passive:
            return []
        stray = inverted_speaker(verb, lang) or syntax(lang).stray_subject(verb) or syntax(lang).caseless_subject(verb) \
            or syntax(lang).quantity_subject(verb) or next(
                (p for c in children(verb) if c.dep_ == "advcl" and (p := syntax(lang).apposed_patient(c))), [])
        if stray:
            return stray
        if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj") and verb.head.i != verb.i:
            head = verb.head
            if verb.dep_ == "xcomp" and head.lemma_ in words(lang, "support_verbs", "object_control"):
                objs = [c for c in children(head) if c.dep_ in ("obj", "iobj")] or misparsed_relative(head, lang)
                if objs:
                    return [relative_antecedent(t) for t in objs]
            if verb.dep_ == "advcl" and not any(c.lower_ in prepositions("shared_subject", lang) for c in children(verb)) \
                    and not _present_participle(verb):
                return []  # (a present participle shares it: "Accusant le Maroc d'actions hostiles, Alger a rompu…")
            verb = head
            continue
        if verb.dep_ == "acl:relcl":
            return []
        if verb.dep_ == "acl" and (_gerund(verb, lang) or _apposed_participle(verb)):
            verb = _clause_head(verb.head)  # "en publiant…", "…, lui donnant 72 heures": the clause's subject
            continue
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            noun = verb.head
            if noun.lemma_.lower() in words(lang, "speech", "documents") and noun.dep_ in OBJ and noun.head.i != noun.i:
                verb = noun.head  # "adopter une résolution exigeant…": the text speaks for who adopts it
                continue
            return [noun]
        return []
    return []


def _agent_hung_below(verb: Token, lang: str) -> list[Token]:
    """Parse repair (PP attachment): the agent of a passive hung on the verb's complement ("suspendue
    du programme d'exemption de visas par l'UE": "par l'UE" on "visas")."""
    agent = prepositions("agent", lang)
    for c in children(verb):
        if c.dep_.startswith("obl") or c.dep_ in ("obj", "nsubj:pass"):
            for t in subtree(c):
                if t.i > verb.i and t.dep_ == "nmod" and prep_of(t) in agent and not _under_clause_of(t, c):
                    return [t]
    return []


def nominal_agent_below(noun: Token, lang: str) -> list[Token]:
    """Parse repair (PP attachment): the agent of an event noun hung on its "de" complement ("l'expulsion
    de son ambassadeur par les autorités maliennes": "par" on "ambassadeur")."""
    agent = prepositions("agent", lang)
    for c in children(noun):
        if c.dep_ == "nmod" and c.i > noun.i and prep_of(c) not in agent:
            found = [t for t in children(c) if t.dep_ == "nmod" and prep_of(t) in agent]
            if found:
                return found
    return []


def _under_clause_of(t: Token, top: Token) -> bool:
    """``t`` hangs below a verb inside ``top``'s phrase (a clause of its own)."""
    while t.i != top.i and t.head.i != t.i:
        t = t.head
        if t.i != top.i and t.pos_ in ("VERB", "AUX"):
            return True
    return False


def _gerund(verb: Token, lang: str) -> bool:
    """A gérondif ("en publiant"): its subject is the subject of the clause it modifies."""
    return any(c.dep_ == "mark" and c.lower_ in prepositions("gerund", lang) for c in children(verb))


def _apposed_participle(verb: Token) -> bool:
    """A present participle set off by a comma after the object of its clause ("a expulsé l'ambassadeur,
    lui donnant 72 heures pour partir"): apposed, it speaks of the clause's subject, not of the noun before it."""
    noun, left = verb.head, verb.left_edge
    return ("Part" in morph(verb, "VerbForm") and "Pres" in morph(verb, "Tense") and left.i > 0
            and verb.doc[left.i - 1].text == "," and noun.dep_ in OBJ and noun.head.i != noun.i)


def _clause_head(tok: Token) -> Token:
    """The nearest verb above a token (the token itself if it is the root)."""
    steps = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 6:
        tok, steps = tok.head, steps + 1
    return tok


def objects(verb: Token, lang: str) -> list[Token]:
    if inverted_speaker(verb, lang):
        return []
    if passive_participle(verb):
        return [verb.head] if verb.dep_ == "acl" else syntax(lang).apposed_patient(verb)
    passive = is_passive(verb)
    deps = ("nsubj:pass",) if passive else OBJ
    found = [relative_antecedent(c) for c in children(verb) if c.dep_ in deps] or misparsed_relative(verb, lang)
    if not found and passive:
        found = syntax(lang).caseless_subject(verb) or syntax(lang).quantity_subject(verb)
    if not found and passive and verb.dep_ in ("advcl", "xcomp") and verb.head.i != verb.i:
        return subjects(verb.head, lang)  # "le sommet semble relancé après avoir été annulé": the sommet
    return found


def misparsed_relative(verb: Token, lang: str) -> list[Token]:
    """Parse repair (``syntax.misparsed_relative``): the object of an active verb whose relative
    pronoun the parser read as a conjunction."""
    return [] if is_passive(verb) else syntax(lang).misparsed_relative(verb)


def with_prep(tok: Token, prep: str, lang: str) -> list[Token]:
    """Nominal dependents of ``tok`` introduced by ``prep`` or its contractions (à: au, aux)."""
    wanted = _forms(prep, lang)
    return [c for c, case in _nominal_dependents(tok) if case in wanted]


@per_token
def _nominal_dependents(tok: Token) -> list[tuple[Token, str | None]]:
    """The nominal complements of ``tok`` with their preposition (``prep_of``), once per token: every slot and
    place slot of a trigger looks for its own preposition among them."""
    return [(c, prep_of(c)) for c in children(tok) if c.dep_ in OBL and c.pos_ in ("NOUN", "PROPN", "PRON", "X", "NUM")]


def _hung_on_object(verb: Token, prep: str, lang: str) -> list[Token]:
    """Parse repair (PP attachment): a party phrase ("avec le Mali") hung on the verb's object or on
    another of its complements, or, for a passive, on its subject ("l'accord entre X et Y a été signé")."""
    if prep not in prepositions("party", lang) | prepositions("between", lang) or verb.pos_ not in ("VERB", "AUX"):
        return []
    hosts = [c for c in children(verb) if c.dep_ in OBJ or (c.dep_ in OBL and c.pos_ == "NOUN")
             or (c.dep_ == "nsubj:pass" and c.pos_ == "NOUN")]
    return [n for o in hosts for n in with_prep(o, prep, lang)]  # "s'entretenir par téléphone avec X"


def indirect(verb: Token, lang: str) -> list[Token]:
    """Clitic indirect objects ("lui", "leur") that stand for the recipient."""
    clitics = grammar(lang).indirect_clitics
    return [c for c in children(verb) if c.dep_ in ("iobj", "obl:arg") and c.lower_ in clitics]


def possessed(noun: Token) -> bool:
    """A noun with a possessive determiner ("son agression", "sa solidarité", "ses soutiens")."""
    return any("Yes" in morph(c, "Poss") for c in children(noun) if c.dep_ == "det")


def _author(antecedent: Token, pronoun: Token, lang: str) -> Token:
    """A text that speaks ("une déclaration du gouvernement, qui salue…") speaks for its author: the
    relative's subject is the "de" complement of a document noun, where it has one."""
    if antecedent is pronoun or antecedent.lemma_.lower() not in words(lang, "speech", "documents"):
        return antecedent
    return next(iter(with_prep(antecedent, "de", lang)), antecedent)


def relative_antecedent(tok: Token) -> Token:
    """A relative pronoun ("qui", "que") stands for the noun its clause modifies."""
    if "Rel" in morph(tok, "PronType") and tok.head.dep_ == "acl:relcl":
        return tok.head.head
    return tok


def fill(slot: str, trig: Token, lang: str) -> list[Token]:
    """Tokens (heads of nominals) filling one argument slot of a trigger."""
    if slot == "subj":
        if trig.pos_ == "NOUN":
            gov = light_verb(trig, lang)
            return participle_agent(trig, lang) or (subjects(gov, lang) if gov is not None else [])
        return subjects(trig, lang)
    if slot == "obj":
        return objects(trig, lang) if trig.pos_ != "NOUN" else []
    if slot == "iobj":
        return indirect(trig, lang)
    if slot == "adj":
        return [c for c in children(trig) if c.dep_ == "amod" and c.pos_ == "ADJ"]
    if slot == "xcomp":
        return infinitive_complements(trig, lang)
    kind, prep = slot.split(":", 1)
    if kind == "obl":
        return with_prep(trig, prep, lang) or _hung_on_object(trig, prep, lang)
    if kind == "nmod":
        if prep in prepositions("agent", lang) and trig.pos_ == "NOUN":
            return with_prep(trig, prep, lang) or nominal_agent_below(trig, lang)
        found = (with_prep(trig, prep, lang) or _misattached(trig, prep, lang)
                 or _participle_complement(trig, prep, lang)
                 or [t for a in children(trig) if a.dep_ == "amod" for t in with_prep(a, prep, lang)])  # hung on its adjective
        return _second_party(found, lang) if prep in prepositions("between", lang) else found
    if kind == "gov":
        gov = governor(trig) if trig.pos_ == "NOUN" else None
        return [t for t in with_prep(gov, prep, lang) if not _after_circumstance_noun(t, lang)] if gov is not None else []
    return []


def _present_participle(verb: Token) -> bool:
    """"accusant", "estimant": a present participle (it shares its clause's subject)."""
    return "Part" in morph(verb, "VerbForm") and "Pres" in morph(verb, "Tense")


def infinitive(tok: Token) -> bool:
    """An infinitive, present ("libérer") or perfect ("d'avoir tué", "d'être intervenu": the participle's
    auxiliary is the infinitive)."""
    return "Inf" in morph(tok, "VerbForm") or "Part" in morph(tok, "VerbForm") and any(
        c.dep_.startswith("aux") and "Inf" in morph(c, "VerbForm") for c in children(tok))


def infinitive_complements(verb: Token, lang: str) -> list[Token]:
    """The infinitive a verb governs ("appeler X à reprendre"), also when the parser hung it on the
    object as a noun modifier ("les deux camps à reprendre", tagged ``acl`` or ``nmod``)."""
    direct = [c for c in children(verb) if c.dep_ == "xcomp"]
    hung = [a for o in children(verb) if o.dep_ in OBJ for a in children(o)
            if a.dep_ in ("acl", "nmod") and infinitive(a)
            and prep_of(a) in prepositions("infinitive", lang)]
    return direct + hung


def _participle_complement(noun: Token, prep: str, lang: str) -> list[Token]:
    """A party named on the participle that describes the event noun: "l'accord conclu avec le
    Hamas", "la trêve négociée avec Israël" (the agent "par" is ``participle_agent``'s)."""
    if prep not in prepositions("participle_party", lang):
        return []  # "déployé au Mali", "signé à Paris": a place, not a party
    return [t for c in children(noun) if c.dep_ == "acl" and "Part" in morph(c, "VerbForm")
            for t in with_prep(c, prep, lang)]


def participle_agent(noun: Token, lang: str) -> list[Token]:
    """The agent of a participle modifying an event noun: "les sanctions annoncées par l'UE",
    "le sommet présidé par X", "une conférence organisée par la France"."""
    for c in children(noun):
        if c.dep_ == "acl" and c.pos_ in ("VERB", "ADJ") and "Part" in morph(c, "VerbForm"):
            agents = [a for a in children(c) if a.dep_ == "obl:agent" or (
                a.dep_.startswith("obl") and prep_of(a) in prepositions("agent", lang))]
            if agents:
                return [relative_antecedent(a) for a in agents]
    return []


def _second_party(found: list[Token], lang: str) -> list[Token]:
    """"entre X et Y" names two parties: when the parser hung Y elsewhere, take the nominal after "et"."""
    if len(found) != 1 or expand_conj(found, lang) != found:
        return found
    x = found[0]
    doc = tokens(x.doc)
    for j in range(x.i + 1, min(x.i + 10, len(doc))):
        t = doc[j]
        if t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ".", ":"):
            break
        if t.lower_ in grammar(lang).pair_conjunctions:
            nxt = next((u for u in doc[j + 1: j + 5] if u.pos_ in ("NOUN", "PROPN")), None)
            return found + [nxt] if nxt is not None else found
    return found


def _misattached(trig: Token, prep: str, lang: str) -> list[Token]:
    """PP-attachment repair: "cinq jours de combats entre X et Y" hangs "entre X" on "jours"."""
    head = trig.head
    if trig.dep_ != "nmod" or head.pos_ != "NOUN" or head.i == trig.i:
        return []
    return [t for t in with_prep(head, prep, lang) if t.i > trig.i]


def expand_conj(toks: list[Token], lang: str) -> list[Token]:
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
            stack.extend(c for c in children(x) if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"))
            stack.extend(a for c in children(x) if c.dep_ in ("appos", "flat:name")
                         for a in children(c) if a.dep_ == "conj" and a.pos_ in ("NOUN", "PROPN"))
            stack.extend(syntax(lang).coordinated_appositions(x))
    return sorted(out, key=lambda x: x.i)
