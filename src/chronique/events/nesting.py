"""How the triggers of one sentence relate: which one reports the event when one governs another
("approuver des sanctions", "annuler le sommet"), and which acts are only asked for, threatened or
refused by another trigger (their aux)."""
from __future__ import annotations

from spacy.tokens import Token

from chronique.events import frames
from chronique.events.modality import cues
from chronique.events.triggers import Match
from chronique.parse import children, subtree


# An agreement or approval whose object is itself a conflict event ("approuver des sanctions",
# "donner son accord pour sanctionner") reports that event, not a separate AGREE; so does a promise of an
# act that is coded otherwise when only promised ("a promis de riposter": THREATEN; "a promis de
# démissionner": CONCEDE; ../shared/train annotates one event there, never the AGREE beside it).
DEFERS_TO = {"AGREE": {"SANCTION", "ASSAULT", "COERCE", "THREATEN", "MOBILIZE"}}
# ... and the types acts take when only promised ("future" in the lexicon): a promise to resign concedes. A
# concession agreed on ("ont convenu de rouvrir les ambassades") stays the AGREE.
DEFERS_TO_PROMISED = {"AGREE": {"THREATEN", "CONCEDE"}}
# An approval that enacts what it approves (the modality cues' ``enacting`` verbs: "approuver", "adopter",
# "voter") reports a concession it passes as that concession, and aid it grants as that aid ("le FMI a approuvé
# un prêt de 3 milliards": AID, as the guideline codes a decided delivery).
ENACTED = {"CONCEDE", "AID"}


# A cancelled, refused or postponed meeting ("annuler le sommet") did not happen, and an agreement a
# party leaves or rejects ("se retirer de l'accord", "rejeter le traité") is not a new one: the
# meeting or agreement noun the REJECT trigger governs is no CONSULT/AGREE of its own, nor the accusation
# a party denies ("Moscou dément les accusations": ../shared/train codes the denial alone); a sanction or a
# restriction that is lifted ("lever les sanctions") is no SANCTION/COERCE of its own, nor a strike
# called off ("suspendre la grève") a PROTEST.
CANCELS = {"REJECT": {"CONSULT", "AGREE", "ACCUSE"}, "SANCTION": {"AGREE"},
           "CONCEDE": {"SANCTION", "COERCE", "PROTEST"}}


# How a ceasefire or a withdrawal hangs on the agreement that provides for it ("signer une trêve", "un accord de
# cessation des hostilités", "ont convenu de l'arrêt des combats").
AGREED_DEPS = ("obj", "nsubj:pass", "nmod", "obl:arg")


def outermost(matches: list[Match], lang: str) -> list[Match]:
    """Drop AGREE matches that govern a conflict trigger in their own subtree, meeting and agreement
    nouns that a rejecting trigger governs, and participles that describe an event noun."""
    out = []
    for m in matches:
        inner = DEFERS_TO.get(m.trigger.type)
        promised = DEFERS_TO_PROMISED.get(m.trigger.type, set())
        if inner and m.token.lemma_.lower() in cues(lang).enacting:
            inner = inner | ENACTED  # "ont approuvé une loi d'amnistie": the amnesty is the event
        if inner and any((o.trigger.type in inner or o.trigger.future in promised) and o is not m
                         and _in_content(o.token, m.token, lang) for o in matches):
            continue
        if any(m.trigger.type in CANCELS.get(o.trigger.type, ()) and _acts_on(o.token, m.token)
               and (o.trigger.mode == "meet" or m.token.pos_ == "NOUN") for o in matches):
            continue
        if m.token.dep_ == "acl" and any(o.token.i == m.token.head.i and m.trigger.type in ("AGREE", o.trigger.type)
                                         for o in matches):
            continue  # "le cessez-le-feu conclu avec Israël": the participle is the noun's own event
        if m.trigger.type == "RETREAT" and m.token.pos_ == "NOUN" and m.token.dep_ in AGREED_DEPS and any(
                o.token.i == m.token.head.i and o.trigger.type == "AGREE" for o in matches):
            continue  # "ont accepté un cessez-le-feu", "un accord de cessation des hostilités": the agreement
        if m.token.pos_ == "NOUN" and m.token.dep_ in ("obj", "nsubj:pass") and any(
                o.token.i == m.token.head.i and o.token.pos_ == "VERB" and o.trigger.type == m.trigger.type
                for o in matches):
            continue  # "fournir une aide à X": the verb and its object report one event
        out.append(m)
    return out


def _acts_on(trigger: Token, tok: Token) -> bool:
    """``tok`` is what ``trigger`` acts on: its dependent, the complement of its object, or, for the noun of a
    support-verb phrase, the verb's complement ("mettre fin à la grève": the strike)."""
    if tok.head.i == trigger.i:
        return True
    if tok.dep_ == "nmod" and tok.head.dep_ == "obj" and tok.head.head.i == trigger.i:
        return True  # through the noun of its object: "suspendre l'application du traité", "sa participation au traité"
    return trigger.pos_ == "NOUN" and tok.head.i == trigger.head.i != trigger.i and tok.dep_.startswith("obl")


def _in_content(tok: Token, trigger: Token, lang: str) -> bool:
    """``tok`` is what ``trigger`` is about: in its subtree, or, for an event noun, in the
    infinitive its verb governs ("donner son accord pour sanctionner X")."""
    if tok in subtree(trigger):
        return True
    gov = frames.governor(trigger) if trigger.pos_ == "NOUN" else None
    return gov is not None and any(tok in subtree(c) for c in frames.infinitive_complements(gov, lang)
                                   + [c for c in children(gov) if c.dep_ == "advcl"])


# Triggers whose content (object, infinitive, complement) is an act that did not happen as such:
# asked for or threatened (hypothetical), refused (negated).
CONTENT_AUX = {"REQUEST": "hypothetical", "THREATEN": "hypothetical", "REJECT": "negated", "AGREE": "hypothetical"}
# What one is accused of ("accuse Moscou d'avoir empoisonné", "impute à la Russie l'empoisonnement") is alleged,
# not reported as fact; what is condemned ("dénonce l'invasion") did happen.
ALLEGED = {"ACCUSE": {"allege"}}
CONTENT_DEPS = ("obj", "xcomp", "obl:arg", "ccomp", "nsubj:pass", "acl")
# A promise's content is only its infinitive ("s'engager à soutenir", "accepter de libérer"): the act
# is promised, not done. Its object is the agreement itself ("accepter la démission" happened); an act
# whose entry has a promised variant is coded as that (``future``: "promettre de retirer" is CONCEDE).
PROMISE_DEPS = ("xcomp",)
NOUN_CONTENT_DEPS = ("nmod",)  # "l'appel de l'ONU à un cessez-le-feu"
CONTENT_HOPS = 3


def content_aux(m: Match, matches: list[Match]) -> str | None:
    """The aux of an act that another trigger of the sentence asks for, threatens or refuses:
    "appeler les auteurs à libérer le président", "menacer de lancer une offensive", "refuser de
    libérer les otages", "l'appel à un cessez-le-feu". Walks up content links through plain verbs."""
    if m.trigger.type in CONTENT_AUX:
        return None
    by_token = {o.token.i: o for o in matches}
    tok = m.token
    for _ in range(CONTENT_HOPS):
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head  # "convenir de rétablir les relations et de rouvrir les ambassades": both are the content
        head = tok.head
        deps = CONTENT_DEPS + (NOUN_CONTENT_DEPS if head.pos_ == "NOUN" else ())
        if head.i == tok.i or tok.dep_ not in deps or (tok.dep_ == "acl" and not frames.infinitive(tok)):
            return None  # an "acl" counts only as an infinitive hung on the object ("appeler X à libérer")
        o = by_token.get(head.i)
        if o is not None:
            if o.trigger.type == "AGREE" and (tok.dep_ not in PROMISE_DEPS or o.token.pos_ != "VERB" or m.trigger.future):
                return None  # an entry with a promised variant ("promettre de retirer" -> CONCEDE) codes it
            if o.trigger.mode in ALLEGED.get(o.trigger.type, ()):
                return "hypothetical"
            return CONTENT_AUX.get(o.trigger.type)
        tok = head
    return None
