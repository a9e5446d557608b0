"""The recipient of a reaction to an act ("Paris a condamné cette attaque", "Bamako rejette la décision") is who
did that act: the doer of the event its object names, told in the sentence or shortly before. The reaction's own
frame often names only the act ("a dénoncé un coup d'État"), and annotators code the act's doer as the target."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from chronique.events import frames
from chronique.lang import words
from chronique.parse import children, morph
from chronique.events.lexicon import Lexicon
from chronique.events.participants import actor_key
from chronique.model import Actor, Event

# Reactions whose target is the doer of the act they name.
REACTIONS = {"ACCUSE", "SUPPORT", "REJECT"}
# The act reacted to is looked for in the reaction's sentence and this many sentences before it.
LOOKBACK = 3
# How a reaction names the act: its object, or the act it is "against" or "faced with" ("face à la décision").
ACT_SLOTS = ("obj", "obl:contre", "obl:face", "obl:devant")


@dataclass
class Told:
    """The events of a document so far, with their sentence and trigger token."""
    events: list[tuple[int, int, Event]] = field(default_factory=list)

    def add(self, sentence: int, token: int, event: Event) -> None:
        self.events.append((sentence, token, event))

    def doer(self, act: Token, types: set[str] | None, sentence: int, reactor: list[Actor]) -> list[Actor]:
        """The actors of the event told on ``act`` itself, else of the latest factual event of one of ``types``
        (None: any) told in the last ``LOOKBACK`` sentences (that one first when a demonstrative points back to
        it: "cette attaque"); never the reactor's own."""
        own = {actor_key(a) for a in reactor}
        here = [e for s, i, e in self.events if i == act.i]
        recent = [e for s, i, e in reversed(self.events) if sentence - LOOKBACK <= s <= sentence
                  and (types is None or e.event_type in types) and e.aux == "none" and i != act.i]
        back = _demonstrative(act)
        for event in (recent + here if back else here + recent):
            found = [a for a in event.actor if a.country and actor_key(a) not in own]
            if found:
                return found
        return []


def acts_named(trigger: Token, lexicon: Lexicon, lang: str) -> list[tuple[Token, set[str] | None]]:
    """The event nouns a reaction's frame names as what it reacts to, with the types their entries give, and the
    nouns that stand for any act told before ("la décision": types None)."""
    out: list[tuple[Token, set[str] | None]] = []
    act_nouns = words(lang, "support_verbs", "act_nouns")
    for slot in ACT_SLOTS:
        for tok in frames.fill(slot, trigger, lang):
            if tok.pos_ != "NOUN":
                continue
            lemma = tok.lemma_.lower()
            types = {t.type for _, t in lexicon.candidates(lemma, "NOUN")}
            if types:
                out.append((tok, types))
            elif lemma in act_nouns and _definite(tok):
                out.append((tok, None))
    return out


def _demonstrative(tok: Token) -> bool:
    return any(c.dep_ == "det" and "Dem" in morph(c, "PronType") for c in children(tok))


def _definite(tok: Token) -> bool:
    """With a definite or demonstrative article: an act already told, not a new one ("une décision")."""
    return any(c.dep_ == "det" and ("Def" in morph(c, "Definite") or "Dem" in morph(c, "PronType"))
               for c in children(tok))


def target_of_reaction(event: Event, trigger: Token, told: Told, sentence: int, lexicon: Lexicon,
                       lang: str) -> list[Actor]:
    """Who a reaction with no recipient of its own is aimed at: the doer of the act it names, if told."""
    if event.event_type not in REACTIONS or event.recipient or event.aux != "none":
        return []
    for act, types in acts_named(trigger, lexicon, lang):
        found = told.doer(act, types, sentence, event.actor)
        if found:
            return found
    return []
