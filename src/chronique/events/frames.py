"""Argument slots over a Universal Dependencies parse (language-neutral).

A slot name from the lexicon (``subj``, ``obj``, ``obl:à``, ``nmod:de``, ``gov:à``, ``adj``…) is
turned into the tokens that fill it, following French news syntax: passives swap subject and
object, infinitives under control verbs take their controller's subject (or object, for
"inviter X à"), relative pronouns stand for the noun they modify, nouns take the subject of
the light verb that governs them ("effectuer une visite").
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from chronique.lang import load_words

SUBJ = ("nsubj", "csubj")
OBJ = ("obj",)
OBL = ("obl", "obl:arg", "obl:mod", "iobj", "nmod", "advcl", "obl:agent")
CLITIC_IOBJ = {"lui", "leur"}
LIGHT_VERB_DEPS = ("obj", "nsubj:pass", "obl", "obl:arg", "obl:mod", "xcomp")


@lru_cache(maxsize=None)
def support_verbs(lang: str = "fr") -> frozenset[str]:
    """Verbs whose subject is the actor of the event noun they govern (lang/<code>/support_verbs.yaml)."""
    return load_words(lang, "support_verbs", "verbs")


@lru_cache(maxsize=None)
def object_control(lang: str = "fr") -> frozenset[str]:
    """Verbs whose object, not subject, does the infinitive ("inviter X à venir", "accuser X d'avoir tiré")."""
    return load_words(lang, "support_verbs", "object_control")


@lru_cache(maxsize=None)
def measure_nouns(lang: str = "fr") -> frozenset[str]:
    """Nouns that may stand between a support verb and its event noun ("lancer une série de frappes")."""
    return load_words(lang, "support_verbs", "measure_nouns")


def light_verb(noun: Token) -> Token | None:
    """The support verb whose subject does the event noun: the noun is its object or complement,
    directly or through a measure noun ("imposer un train de sanctions"); not in "prendre note
    de l'expulsion", where "note" is the light verb's noun."""
    tok, head = noun, noun.head
    while head.pos_ == "NOUN" and head.lemma_.lower() in measure_nouns() and tok.dep_ == "nmod" and head.i != tok.i:
        tok, head = head, head.head
    if head.i == tok.i or tok.dep_ not in LIGHT_VERB_DEPS:
        return None
    if head.pos_ == "AUX" or (head.pos_ == "VERB" and head.lemma_.lower() in support_verbs()):
        return head
    return None


@lru_cache(maxsize=None)
def speech_data(lang: str = "fr") -> tuple[frozenset[str], frozenset[str]]:
    """Speech verbs and attribution prepositions (lang/<code>/speech.yaml), validated."""
    return load_words(lang, "speech", "verbs"), load_words(lang, "speech", "according_to")


def inverted_speaker(verb: Token) -> list[Token]:
    """The speaker of an inverted speech incise ("« … », a déclaré le ministre") that the parser
    took for an object: a speech verb with no subject, in parataxis or right after a quote."""
    if verb.lemma_.lower() not in speech_data()[0] or any(c.dep_ in SUBJ for c in verb.children):
        return []
    before = verb.doc[max(verb.sent.start, verb.i - 4): verb.i]
    incise = verb.dep_ == "parataxis" or any(t.text in ("»", "\"", ",", "»,") for t in before)
    if not incise:
        return []
    return [c for c in verb.children if c.dep_ == "obj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")]


def speaker(sent: Span) -> list[Token]:
    """Who speaks in the sentence: the subject of an incise speech verb, or "selon X"."""
    verbs, according = speech_data()
    for tok in sent:
        if tok.lemma_.lower() in verbs and tok.pos_ == "VERB" and (tok.dep_ == "parataxis" or inverted_speaker(tok)):
            found = inverted_speaker(tok) or [c for c in tok.children if c.dep_ in SUBJ]
            if found:
                return found
    for tok in sent:
        if tok.pos_ in ("NOUN", "PROPN") and prep_of(tok) in according:
            return [tok]
    return []


def is_passive(tok: Token) -> bool:
    """Passive voice, including a past participle modifying a noun ("le Bélarus, accusé de…")."""
    return any(c.dep_ == "aux:pass" for c in tok.children) or "Pass" in tok.morph.get("Voice") \
        or passive_participle(tok)


def passive_participle(tok: Token) -> bool:
    """A past participle that modifies a noun: the noun is what undergoes the action."""
    return tok.dep_ == "acl" and tok.pos_ == "VERB" and "Part" in tok.morph.get("VerbForm") \
        and "Past" in tok.morph.get("Tense") and tok.head.pos_ in ("NOUN", "PROPN")


def prep_of(tok: Token) -> str | None:
    """The preposition introducing a nominal (``à`` for "à Pyongyang", ``au`` kept as ``au``)."""
    cases = [c for c in tok.children if c.dep_ in ("case", "mark") and c.i < tok.i]
    if not cases:
        return None
    words = " ".join(c.lower_ for c in cases)
    return words


def circumstantial(tok: Token) -> bool:
    """The event noun sits in a time or cause adjunct or is the topic of another noun, directly or
    as a complement of its head ("après la signature de la trêve", "au lendemain d'un vote",
    "un sommet sur les combats"): background, not the act of the clause's subject."""
    t = tok
    for _ in range(6):
        if prep_of(t) in prepositions("circumstance") or _after_circumstance_noun(t) or (
                t is not tok and t.lemma_.lower() in prepositions("circumstance_nouns")) or (
                t.dep_ == "nmod" and t.head.pos_ == "NOUN" and prep_of(t) in prepositions("topic")):
            return True
        if t.head.i == t.i or not (t.dep_ in ("nmod", "obl:agent", "conj") or (t.dep_ == "acl" and t.head.pos_ == "NOUN")
                                   or (t.dep_.startswith("obl") and t.head.dep_ == "acl")):
            return False  # up through noun complements, coordinates and participles, never past a clause
        t = t.head
    return False


def _after_circumstance_noun(t: Token) -> bool:
    """"au lendemain d'un accord" when the parser hung "accord" on the verb, not on "lendemain"."""
    cases = [c for c in t.children if c.dep_ == "case" and c.i < t.i]
    first = min((c.i for c in cases), default=None)
    return first is not None and first > 0 and t.doc[first - 1].lemma_.lower() in prepositions("circumstance_nouns")


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
        stray = inverted_speaker(verb) or stray_subject(verb)
        if stray:
            return stray
        if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj") and verb.head.i != verb.i:
            head = verb.head
            if verb.dep_ == "xcomp" and head.lemma_ in object_control():
                objs = [c for c in head.children if c.dep_ in ("obj", "iobj")] or misparsed_relative(head)
                if objs:
                    return [relative_antecedent(t) for t in objs]
            if verb.dep_ == "advcl" and not any(c.lower_ in ("pour", "avant", "après", "en") for c in verb.children):
                return []
            verb = head
            continue
        if verb.dep_ == "acl:relcl":
            return []
        if verb.dep_ == "acl" and _gerund(verb):
            verb = _clause_head(verb.head)  # "en publiant…" hung on a noun: the clause's subject
            continue
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            noun = verb.head
            if noun.lemma_.lower() in documents() and noun.dep_ in OBJ and noun.head.i != noun.i:
                verb = noun.head  # "adopter une résolution exigeant…": the text speaks for who adopts it
                continue
            return [noun]
        return []
    return []


@lru_cache(maxsize=None)
def documents(lang: str = "fr") -> frozenset[str]:
    """Texts that speak for their author (lang/<code>/speech.yaml ``documents``)."""
    return load_words(lang, "speech", "documents")


def stray_subject(verb: Token) -> list[Token]:
    """Parse repair: after a fronted adverbial ("Après une poignée de main, MM. X et Y se sont
    entretenus") the parser may hang the subject on the adverbial as an apposition. The nominal
    right before the verb's clitics and auxiliaries is then its subject."""
    if verb.dep_ not in ("ROOT", "conj") or "Fin" not in (verb.morph.get("VerbForm") or ["Fin"]) and \
            not any(a.dep_.startswith("aux") for a in verb.children):
        return []
    i = verb.i - 1
    while i >= verb.sent.start and (verb.doc[i].head.i == verb.i and verb.doc[i].dep_.startswith(("aux", "expl", "advmod"))):
        i -= 1
    if i < verb.sent.start:
        return []
    tok = verb.doc[i]
    while tok.dep_ in ("flat:name", "conj", "flat", "amod") and tok.head.i < tok.i:
        tok = tok.head
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "appos" and tok.head.i < tok.i and tok.head.i != verb.i:
        return [tok]
    return []


def _gerund(verb: Token) -> bool:
    """A gérondif ("en publiant"): its subject is the subject of the clause it modifies."""
    return any(c.dep_ == "mark" and c.lower_ == "en" for c in verb.children)


def _clause_head(tok: Token) -> Token:
    """The nearest verb above a token (the token itself if it is the root)."""
    steps = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 6:
        tok, steps = tok.head, steps + 1
    return tok


def objects(verb: Token) -> list[Token]:
    if inverted_speaker(verb):
        return []
    if passive_participle(verb):
        return [verb.head]
    passive = is_passive(verb)
    deps = ("nsubj:pass",) if passive else OBJ
    found = [relative_antecedent(c) for c in verb.children if c.dep_ in deps] or misparsed_relative(verb)
    if not found and passive and verb.dep_ in ("advcl", "xcomp") and verb.head.i != verb.i:
        return subjects(verb.head)  # "le sommet semble relancé après avoir été annulé": the sommet
    return found


def misparsed_relative(verb: Token) -> list[Token]:
    """Parse repair: in "…a rencontré le président, qu'il a invité à…" the parser may read the
    relative "qu'" as a conjunction; the object is then the nominal before the comma."""
    if is_passive(verb) or not any(c.dep_ == "mark" and c.lower_ in ("qu'", "que") for c in verb.children):
        return []
    mark = min(c.i for c in verb.children if c.dep_ == "mark")
    if mark < verb.sent.start + 2 or verb.doc[mark - 1].text != ",":
        return []
    tok = verb.doc[mark - 2]
    while tok.dep_ in ("amod", "flat:name", "flat") and tok.head.i < tok.i:
        tok = tok.head
    return [tok] if tok.pos_ in ("NOUN", "PROPN") else []


def with_prep(tok: Token, prep: str) -> list[Token]:
    """Nominal dependents of ``tok`` introduced by ``prep`` (à also matches au/aux)."""
    wanted = {prep}
    if prep == "à":
        wanted |= {"au", "aux"}
    if prep == "de":
        wanted |= {"du", "des", "d'"}
    return [c for c in tok.children
            if c.dep_ in OBL and c.pos_ in ("NOUN", "PROPN", "PRON", "X", "NUM") and prep_of(c) in wanted]


@lru_cache(maxsize=None)
def prepositions(kind: str, lang: str = "fr") -> frozenset[str]:
    """One list of lang/<code>/prepositions.yaml (locative, party, circumstance, circumstance_nouns)."""
    return load_words(lang, "prepositions", kind)


def _hung_on_object(verb: Token, prep: str) -> list[Token]:
    """Parse repair (PP attachment): a party phrase ("avec le Mali") hung on the verb's object or on
    another of its complements."""
    if prep not in prepositions("party") or verb.pos_ not in ("VERB", "AUX"):
        return []
    hosts = [c for c in verb.children if c.dep_ in OBJ or (c.dep_ in OBL and c.pos_ == "NOUN")]
    return [n for o in hosts for n in with_prep(o, prep)]  # "s'entretenir par téléphone avec X"


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
            gov = light_verb(trig)
            return participle_agent(trig) or (subjects(gov) if gov is not None else [])
        return subjects(trig)
    if slot == "obj":
        return objects(trig) if trig.pos_ != "NOUN" else []
    if slot == "iobj":
        return indirect(trig)
    if slot == "adj":
        return [c for c in trig.children if c.dep_ == "amod" and c.pos_ == "ADJ"]
    if slot == "xcomp":
        return infinitive_complements(trig)
    kind, prep = slot.split(":", 1)
    if kind == "obl":
        return with_prep(trig, prep) or _hung_on_object(trig, prep)
    if kind == "nmod":
        found = (with_prep(trig, prep) or _misattached(trig, prep) or _participle_complement(trig, prep)
                 or [t for a in trig.children if a.dep_ == "amod" for t in with_prep(a, prep)])  # hung on its adjective
        return _second_party(found) if prep == "entre" else found
    if kind == "gov":
        gov = governor(trig) if trig.pos_ == "NOUN" else None
        return [t for t in with_prep(gov, prep) if not _after_circumstance_noun(t)] if gov is not None else []
    return []


def infinitive_complements(verb: Token) -> list[Token]:
    """The infinitive a verb governs ("appeler X à reprendre"), also when the parser hung it on the
    object as a noun modifier ("les deux camps à reprendre")."""
    direct = [c for c in verb.children if c.dep_ == "xcomp"]
    hung = [a for o in verb.children if o.dep_ in OBJ for a in o.children
            if a.dep_ == "acl" and "Inf" in a.morph.get("VerbForm") and prep_of(a) in ("à", "de", "d'")]
    return direct + hung


def _participle_complement(noun: Token, prep: str) -> list[Token]:
    """A party named on the participle that describes the event noun: "l'accord conclu avec le
    Hamas", "la trêve négociée avec Israël" (the agent "par" is ``participle_agent``'s)."""
    if prep not in ("avec", "contre", "envers"):
        return []  # "déployé au Mali", "signé à Paris": a place, not a party
    return [t for c in noun.children if c.dep_ == "acl" and "Part" in c.morph.get("VerbForm")
            for t in with_prep(c, prep)]


def participle_agent(noun: Token) -> list[Token]:
    """The agent of a participle modifying an event noun: "les sanctions annoncées par l'UE",
    "le sommet présidé par X", "une conférence organisée par la France"."""
    for c in noun.children:
        if c.dep_ == "acl" and c.pos_ in ("VERB", "ADJ") and "Part" in c.morph.get("VerbForm"):
            agents = [a for a in c.children if a.dep_ == "obl:agent" or (a.dep_.startswith("obl") and prep_of(a) == "par")]
            if agents:
                return [relative_antecedent(a) for a in agents]
    return []


def _second_party(found: list[Token]) -> list[Token]:
    """"entre X et Y" names two parties: when the parser hung Y elsewhere, take the nominal after "et"."""
    if len(found) != 1 or expand_conj(found) != found:
        return found
    x = found[0]
    for j in range(x.i + 1, min(x.i + 10, len(x.doc))):
        t = x.doc[j]
        if t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ".", ":"):
            break
        if t.lower_ == "et":
            nxt = next((u for u in x.doc[j + 1: j + 5] if u.pos_ in ("NOUN", "PROPN")), None)
            return found + [nxt] if nxt is not None else found
    return found


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
            stack.extend(_coordinated_appositions(x))
    return sorted(out, key=lambda x: x.i)


def _coordinated_appositions(x: Token) -> list[Token]:
    """Parse repair: "le président X et le chancelier Y" parsed as two appositions of "président";
    an apposition with a coordinating conjunction before it is a second participant."""
    appos = [c for c in x.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")]
    out = []
    for prev, nxt in zip(appos, appos[1:]):
        between = x.doc[prev.i + 1: nxt.i]
        if any(t.pos_ == "CCONJ" and t.lower_ in ("et", "ainsi") for t in between):
            out.append(nxt)
    return out
