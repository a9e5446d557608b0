"""From argument tokens to coded participants, using the resolved actor mentions of the document."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import cached_property

from spacy.tokens import Token

from chronique.actors import Mention
from chronique.events.frames import auxiliary_passive, prep_of, prepositions, relative_antecedent, speaker
from chronique.geo import resolve_place
from chronique.model import Actor
from chronique.parse import children, morph, sentence, subtree
from chronique.plover import GENERIC_CODES

# Types whose state participants act through their armed forces ("Israël a frappé…").
MILITARY_TYPES = {"ASSAULT", "MOBILIZE"}


class ParticipantIndex:
    """Token -> mention lookups for one document in its language, plus nationality adjectives for nouns."""

    def __init__(self, mentions: Sequence[Mention], adjective_country: Callable[[str], str | None], lang: str):
        self.lang = lang
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.by_token: dict[int, Mention] = {}
        self.members: dict[tuple[int, int], list[Mention]] = {}  # a span naming several ("les deux pays")
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, m)
            self.members.setdefault((m.start, m.end), []).append(m)
        self.adjective_country = adjective_country

    def main_country(self, at_least: int) -> str | None:
        """The state most participant mentions belong to, if named ``at_least`` times and more
        than any other (international bodies are no country)."""
        counts = Counter(m.actor.country for m in self.mentions
                         if m.actor.country and len(m.actor.country) == 3 and m.actor.country not in GENERIC_CODES)
        top = counts.most_common(2)
        if not top or top[0][1] < at_least or (len(top) > 1 and top[1][1] == top[0][1]):
            return None
        return top[0][0]

    @cached_property
    def protagonist(self) -> Actor | None:
        """The coded actor the story names most, at least ``PROTAGONIST_MENTIONS`` times and more than any
        other: the doer of a clause that names nobody, when no earlier sentence has one either."""
        counts = Counter(actor_key(m.actor) for m in self.mentions if m.actor.country)
        top = counts.most_common(2)
        if not top or top[0][1] < PROTAGONIST_MENTIONS or (len(top) > 1 and top[1][1] == top[0][1]):
            return None
        return next(m.actor for m in self.mentions if actor_key(m.actor) == top[0][0])

    def inside_name(self, tok: Token) -> bool:
        """The token is a word inside an actor's name, not that mention's head."""
        m = self.by_token.get(tok.i)
        return m is not None and m.head != tok.i and m.end - m.start > 1

    def mention_for(self, tok: Token) -> Mention | None:
        """The mention covering the token, else the nearest one inside its subtree."""
        if tok.i in self.by_token:
            return self.by_token[tok.i]
        inside = [self.by_token[t.i] for t in subtree(tok) if t.i in self.by_token
                  and abs(t.i - tok.i) < 12 and not _set_apart(t, tok, self.lang)]
        return min(inside, key=lambda m: abs(m.head - tok.i)) if inside else None

    def actors_for(self, toks: Sequence[Token], trig: Token, event_type: str, exclude: set[str]) -> list[Actor]:
        out: list[Actor] = []
        seen = set(exclude)
        for tok in toks:
            actor = self._actor(tok, event_type)
            if actor is None:
                continue
            m = self.by_token.get(tok.i)
            group = self.members.get((m.start, m.end), []) if m is not None else []
            found = [_with_sector(g.actor, event_type) for g in group] if len(group) > 1 else [actor]
            for actor in found:
                key = actor_key(actor)
                if key not in seen:
                    seen.add(key)
                    out.append(actor)
        return out

    def _actor(self, tok: Token, event_type: str, quoted: bool = True) -> Actor | None:
        if quoted and tok.pos_ == "PRON" and "1" in morph(tok, "Person"):
            return self.speaker_actor(tok, event_type)
        if tok.pos_ == "NOUN" and tok.i not in self.by_token:
            # "l'initiative égyptienne", "l'offensive russe en Ukraine": the noun's own adjective names its
            # state before any name further inside its phrase
            tok = next((c for c in children(tok) if c.dep_ == "amod" and c.pos_ == "ADJ"
                        and self.adjective_country(c.text)), tok)
        m = self.mention_for(tok) if tok.pos_ != "ADJ" else None
        if m is not None:
            named = tok if tok.i in self.by_token else tok.doc[m.head]  # found inside tok's phrase
            if m.actor.type == "GPE" and (_is_locative(named, m, self.lang) or _meeting_venue(named, event_type, self.lang)):
                return None
            return _with_sector(m.actor, event_type)
        if tok.pos_ == "ADJ":
            iso = self.adjective_country(tok.text)
            if iso:
                sector = "MIL" if event_type in MILITARY_TYPES else "GOV"
                return Actor(text=tok.text, name=None, country=iso, sector=sector, type="GPE")
        return None

    def fallback_recipient(self, trig: Token, event_type: str, exclude: set[str],
                           actor_toks: Sequence[Token] = ()) -> list[Actor]:
        """No syntactic recipient: the nearest other actor named in the trigger's clause, outside
        the actor's own phrase ("l'ambassadeur à l'ONU" does not make the ONU a recipient) and
        outside the source the sentence is attributed to ("selon l'AFP")."""
        clause = trig
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        sources = {t.i for src in speaker(sentence(trig), self.lang) for t in subtree(src)}
        span = {t.i for t in subtree(clause)} - {t.i for a in actor_toks for t in subtree(a)} - sources
        found = [m for m in self.mentions if m.head in span and m.head != trig.i]
        found.sort(key=lambda m: (m.head < trig.i, abs(m.head - trig.i)))
        for m in found:
            tok = trig.doc[m.head]
            actor = self._actor(tok, event_type)
            if actor is not None and actor_key(actor) not in exclude:
                return [actor]
        return []

    def speaker_actor(self, tok: Token, event_type: str) -> Actor | None:
        """The coded speaker of the sentence ("« Nous … », a déclaré X" -> X), if any."""
        for t in speaker(sentence(tok), self.lang):
            actor = self._actor(relative_antecedent(t), event_type, quoted=False)
            if actor is not None:
                return actor
        return None

    def fallback_actor(self, trig: Token, exclude: set[str], speaker: bool = True, adjunct: bool = False) -> list[Actor]:
        """No syntactic actor: the subject of the sentence's main verb, if it is a known actor,
        else (for spoken events: demands, threats, accusations) the speaker the sentence is
        attributed to ("…, a indiqué le ministère"). "Selon la police, 400 personnes ont été
        arrêtées" does not make the police the source of every event it counts. A trigger in a phrase
        fronted before the verb takes the subject that follows it ("En visite à Moscou, X…"); with
        ``adjunct`` (a meeting told as the time of the clause), however deep in that phrase ("Lors d'un
        entretien téléphonique, X et Y…")."""
        root = sentence(trig).root
        top = trig
        while adjunct and top.head.i != root.i and top.head.i != top.i:
            top = top.head
        fronted = top.head.i == root.i and top.i < root.i and (
            top.dep_.startswith("obl") or (adjunct and top.dep_ in ("advmod", "advcl")))
        for tok in children(root):
            if tok.dep_ not in ("nsubj", "nsubj:pass") or (tok.i >= trig.i and not fronted) or trig in subtree(tok):
                continue
            if root.i == trig.i and tok.dep_ == "nsubj:pass" and auxiliary_passive(trig):
                continue  # "la Libye a été suspendue": the subject undergoes the act
            actor = self._actor(relative_antecedent(tok), "")
            if actor is not None and actor_key(actor) not in exclude:
                return [actor]
        actor = self.speaker_actor(trig, "") if speaker else None
        if actor is not None and actor_key(actor) not in exclude:
            return [actor]
        return []


def _set_apart(t: Token, top: Token, lang: str) -> bool:
    """``t`` sits below ``top`` in a clause modifying a noun ("une résolution exigeant un cessez-le-feu à Gaza":
    Gaza is not the resolution's author) or in a time or cause adjunct ("le poste sera rouvert après un accord
    entre le Bénin et le Niger" parsed under "poste"): not part of what ``top`` names."""
    circumstance = prepositions("circumstance", lang)
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in ("acl", "acl:relcl") and t.pos_ in ("VERB", "AUX"):
            return True  # a verbal clause; "dont le mouvement Hamas" (verbless) still names members
        if prep_of(t) in circumstance:
            return True
        t = t.head
    return False


# Meetings are named after where they are held: "le sommet de Singapour", "la conférence de Paris".
MEETING_TYPES = {"CONSULT", "AGREE"}


def _meeting_venue(tok: Token, event_type: str, lang: str) -> bool:
    """A state or city in "de X" on a meeting noun is the venue, not a participant."""
    return event_type in MEETING_TYPES and tok.head.pos_ == "NOUN" and prep_of(tok) in prepositions("venue", lang)


def _is_locative(tok: Token, m: Mention, lang: str) -> bool:
    """A state or city named as the place of the event, not who takes part: "en Russie", "dans la
    capitale"; for cities also "à Vladivostok", "le sommet de Singapour"."""
    prep = prep_of(tok)
    if prep is None or tok.dep_ == "obl:arg":  # a verb's argument takes part ("attendre de Pékin qu'il…")
        return False
    if prep in prepositions("country_locative", lang):
        return True
    place = resolve_place(m.text, lang)
    is_city = place is not None and place.name != m.actor.name
    if (is_city and tok.dep_ == "nmod" and prep in prepositions("venue", lang)
            and tok.head.lemma_.lower() in prepositions("capital_acts", lang)):
        return False  # "la décision de Moscou", "les agissements de Pékin": the capital stands for its state
    return is_city and prep in prepositions("city_locative", lang)


def _with_sector(actor: Actor, event_type: str) -> Actor:
    """A state named as the doer of an armed action acts through its military."""
    if event_type in MILITARY_TYPES and actor.type == "GPE" and actor.sector in (None, "GOV"):
        return Actor(text=actor.text, name=actor.name, country=actor.country, sector="MIL", id=actor.id,
                     type=actor.type, role=actor.role)
    return actor


# A protagonist is named this often (at two: validation type+actor F1 0.597 against 0.601 at three).
PROTAGONIST_MENTIONS = 3


def actor_key(actor: Actor) -> str:
    """What tells one participant from another: its id, else its name, else its words."""
    return actor.id or actor.name or actor.text
