"""Trigger frames over the dependency parse: spaCy Doc + actor mentions + time expressions -> Events.

For each token whose lemma is in the lexicon, the entry's argument slots are filled from the
parse (see ``frames``), participants are mapped to resolved actor mentions, modality decides
the ``aux`` flag and the PLOVER rule "future meetings are AGREE", and the evidence is the
sentence, kept with its character offsets.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from chronique.events import frames
from chronique.events.lexicon import Lexicon, Trigger, load_lexicon
from chronique.events.modality import Modality, analyse
from chronique.events.participants import ParticipantIndex
from chronique.events.plover import MODES, QUAD
from chronique.geo import country_place, locative_words, resolve_place
from chronique.lang import LanguageDataError, load_yaml
from chronique.model import Actor, Event, Place, Timex
from chronique.time import event_date, news_day, on_story_day
from chronique.time.anchor import date_part
from chronique.time.tense import governing_verb

HISTORICAL_DAYS = 31
# Types whose target is nearly always named (PLOVER codes who is sanctioned, accused, asked…):
# with no syntactic recipient, the nearest other actor of the clause is taken.
TARGETED = {"SANCTION", "SUPPORT", "ACCUSE", "THREATEN", "REQUEST", "COERCE", "ASSAULT", "REJECT"}


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


def find_triggers(sent: Span, lexicon: Lexicon) -> list[Match]:
    """Every token of the sentence that opens a lexicon entry whose constraints hold."""
    out = []
    for tok in sent:
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") or _tensed_adjective(tok) else "NOUN" if tok.pos_ == "NOUN" else None
        if pos is None:
            continue
        lemma = tok.lemma_.lower()
        found = lexicon.verb_candidates(lemma, tok.lower_) if pos == "VERB" else lexicon.candidates(lemma, pos)
        for full, trig in found:
            if _phrase_ok(tok, full) and _constraints_ok(tok, trig):
                out.append(Match(tok, trig, full))
                break
    return out


def _tensed_adjective(tok: Token) -> bool:
    """Tagger repair: a participle read as an adjective although it carries a tense auxiliary
    ("deux ministres ont déjà démissionné")."""
    return tok.pos_ == "ADJ" and any(c.dep_ == "aux:tense" for c in tok.children)


def _phrase_ok(tok: Token, full: str) -> bool:
    words = full.split()
    if len(words) == 1:
        return True
    rest = " ".join(t.lower_ for t in tok.doc[tok.i + 1: tok.i + len(words) + 2]).replace("' ", "'")
    return rest.startswith(" ".join(words[1:]).replace("' ", "'"))


def _near_lemmas(tok: Token) -> set[str]:
    near = set()
    for c in tok.children:
        near.add(c.lemma_.lower())
        near.update(g.lemma_.lower() for g in c.children)
    if tok.pos_ == "NOUN":
        near.add(tok.head.lemma_.lower())
        near.update(s.lemma_.lower() for s in tok.head.children)
    elif frames.is_passive(tok):  # "le sommet, qui avait été annulé": the patient behind a relative or control
        near.update(t.lemma_.lower() for t in frames.objects(tok))
    return near


def _constraints_ok(tok: Token, trig: Trigger) -> bool:
    near = _near_lemmas(tok) if trig.requires or trig.excludes else set()
    if trig.requires and not (set(trig.requires) & near):
        return False
    if trig.excludes and set(trig.excludes) & near:
        return False
    if trig.reflexive and not any(c.dep_.startswith("expl") or (c.lower_ in ("se", "s'", "me", "nous", "vous")
                                                                and c.pos_ == "PRON") for c in tok.children):
        return False
    if trig.requires_dep and not any(frames.fill(s, tok) if ":" in s or s == "xcomp" else
                                     [c for c in tok.children if c.dep_ == s] for s in trig.requires_dep):
        return False
    return True


def extract_events(doc_id: str, sdoc: Doc, participants: ParticipantIndex, timexes: Sequence[Timex],
                   published: dt.date | None, lexicon: Lexicon | None = None) -> list[Event]:
    """All event mentions of one parsed document, in text order."""
    lexicon = lexicon or load_lexicon()
    events: list[Event] = []
    scene = document_scene(sdoc)
    home = None if scene else home_country(participants)
    story_day = news_day(sdoc, list(timexes), published)
    for sent in sdoc.sents:
        seen: set[tuple] = set()
        matches = _outermost(find_triggers(sent, lexicon))
        for match in matches:
            ev = _build(doc_id, sent, match, participants, timexes, published, scene, story_day, home)
            if ev is None:
                continue
            content = _content_aux(match, matches) if ev.aux == "none" else None
            if content:
                ev.aux = content  # "exiger la libération de X": asked for, not done
            key = (ev.event_type, tuple(sorted(a.country or "" for a in ev.actor)),
                   tuple(sorted(a.country or "" for a in ev.recipient)))
            if key in seen:  # one event per real-world event per sentence
                continue
            seen.add(key)
            events.append(ev)
    return events


# An agreement or approval whose object is itself a conflict event ("approuver des sanctions",
# "donner son accord pour sanctionner") reports that event, not a separate AGREE.
DEFERS_TO = {"AGREE": {"SANCTION", "ASSAULT", "COERCE", "THREATEN", "MOBILIZE"}}


# A cancelled, refused or postponed meeting ("annuler le sommet") did not happen: the meeting noun
# the REJECT verb governs is no CONSULT/AGREE of its own.
CANCELS = {"REJECT": {"CONSULT", "AGREE"}}


def _outermost(matches: list[Match]) -> list[Match]:
    """Drop AGREE matches that govern a conflict trigger in their own subtree, meeting nouns
    that a cancelling verb governs, and participles that describe an event noun."""
    out = []
    for m in matches:
        inner = DEFERS_TO.get(m.trigger.type)
        if inner and any(o.trigger.type in inner and o is not m and _in_content(o.token, m.token) for o in matches):
            continue
        if any(m.trigger.type in CANCELS.get(o.trigger.type, ()) and m.token.head.i == o.token.i
               and o.trigger.mode == "meet" for o in matches):
            continue
        if m.token.dep_ == "acl" and any(o.token.i == m.token.head.i and m.trigger.type in ("AGREE", o.trigger.type)
                                         for o in matches):
            continue  # "le cessez-le-feu conclu avec Israël": the participle is the noun's own event
        if m.token.pos_ == "NOUN" and m.token.dep_ in ("obj", "nsubj:pass") and any(
                o.token.i == m.token.head.i and o.token.pos_ == "VERB" and o.trigger.type == m.trigger.type
                for o in matches):
            continue  # "fournir une aide à X": the verb and its object report one event
        out.append(m)
    return out


def _in_content(tok: Token, trigger: Token) -> bool:
    """``tok`` is what ``trigger`` is about: in its subtree, or, for an event noun, in the
    infinitive its verb governs ("donner son accord pour sanctionner X")."""
    if tok in trigger.subtree:
        return True
    gov = frames.governor(trigger) if trigger.pos_ == "NOUN" else None
    return gov is not None and any(tok in c.subtree for c in frames.infinitive_complements(gov)
                                   + [c for c in gov.children if c.dep_ == "advcl"])


# Triggers whose content (object, infinitive, complement) is an act that did not happen as such:
# asked for or threatened (hypothetical), refused (negated).
CONTENT_AUX = {"REQUEST": "hypothetical", "THREATEN": "hypothetical", "REJECT": "negated"}
CONTENT_DEPS = ("obj", "xcomp", "obl:arg", "ccomp", "nsubj:pass", "acl")
NOUN_CONTENT_DEPS = ("nmod",)  # "l'appel de l'ONU à un cessez-le-feu"
CONTENT_HOPS = 3


def _content_aux(m: Match, matches: list[Match]) -> str | None:
    """The aux of an act that another trigger of the sentence asks for, threatens or refuses:
    "appeler les auteurs à libérer le président", "menacer de lancer une offensive", "refuser de
    libérer les otages", "l'appel à un cessez-le-feu". Walks up content links through plain verbs."""
    if m.trigger.type in CONTENT_AUX:
        return None
    by_token = {o.token.i: o for o in matches}
    tok = m.token
    for _ in range(CONTENT_HOPS):
        head = tok.head
        deps = CONTENT_DEPS + (NOUN_CONTENT_DEPS if head.pos_ == "NOUN" else ())
        if head.i == tok.i or tok.dep_ not in deps or (tok.dep_ == "acl" and "Inf" not in tok.morph.get("VerbForm")):
            return None  # an "acl" counts only as an infinitive hung on the object ("appeler X à libérer")
        o = by_token.get(head.i)
        if o is not None:
            return CONTENT_AUX.get(o.trigger.type)
        tok = head
    return None


def document_scene(sdoc: Doc) -> Place | None:
    """Where the story happens: the most named place among locative phrases ("à Vladivostok")."""
    counts: dict[str, list] = {}
    for tok in sdoc:
        if _locative(tok):
            place = resolve_place(_nominal_text(tok))
            if place is not None and place.country:
                counts.setdefault(place.country, []).append(place)
    if not counts:
        return None
    best = max(counts.values(), key=len)
    return replace(best[0], basis="scene")


def home_country(participants: ParticipantIndex) -> Place | None:
    """A story that names no place happens in the country most of its participants belong to
    (named ``SCENE_MIN_MENTIONS`` times, more than any other). Only a location: unnamed people
    are not made its civilians, as they are for a place the text names."""
    home = participants.main_country(SCENE_MIN_MENTIONS)
    place = country_place(home) if home else None
    return replace(place, basis="scene") if place else None


SCENE_MIN_MENTIONS = 3


def _locative(tok: Token) -> bool:
    """A proper name said to be where something happens: "à Gaza", or the name completing a
    locative common noun ("dans la bande de Gaza", "dans l'est de la RDC", "près de l'école d'Alger")."""
    regions, neighbours = locative_words()
    head = tok.head
    beside = head.lower_ in neighbours or any(c.lower_ in neighbours and c.i < tok.i for c in head.children)
    if tok.pos_ != "PROPN" or head.pos_ == "ADJ" or beside:
        return False  # "une ville frontalière de l'Ouganda", "proche de Moscou": beside the place
    prep = frames.prep_of(tok)
    if prep in frames.prepositions("locative"):
        return True
    return prep in ("de", "d'", "du", "des") and (head.pos_ == "NOUN" or head.lower_ in regions) \
        and head.i != tok.i and frames.prep_of(head) in frames.prepositions("locative")


def _sentence_place(sent: Span, exclude: set[str], trigger: Token) -> Place | None:
    """The first place named in the trigger's clause, or in the main clause above it: "un sommet
    samedi sur les combats qui ont éclaté au Soudan" does not put the summit in Sudan."""
    for tok in sent:
        clause = governing_verb(tok)
        if clause is not None and clause.head is not clause and clause not in (trigger, *trigger.ancestors):
            continue  # inside a subordinate clause that does not hold the trigger
        if _locative(tok):
            place = resolve_place(_nominal_text(tok))
            if place is not None and place.country and place.text not in exclude:
                return place
    return None


def _build(doc_id: str, sent: Span, m: Match, parts: ParticipantIndex, timexes: Sequence[Timex],
           published: dt.date | None, scene: Place | None = None,
           story_day: dt.date | None = None, home: Place | None = None) -> Event | None:
    trig, tok = m.trigger, m.token
    if tok.pos_ == "NOUN" and parts.inside_name(tok):
        return None  # "la Mission d'appui de l'ONU", "le Conseil de sécurité": a name, not an event
    # a time ("un ultimatum d'une semaine") or a plain adjective ("une attaque chimique") names no doer
    phrase = m.phrase()
    actor_slot, actor_toks = _fill_slot(trig.actor, tok, skip=lambda t: t.i in phrase or _in_timex(t, timexes) or (
        t.pos_ == "ADJ" and not parts.adjective_country(t.text)))
    actor_toks = _possessor_tokens(tok) or actor_toks
    actors = parts.actors_for(actor_toks, tok, trig.type, exclude=set())
    recips = parts.actors_for(_fill(trig.recipient, tok), tok, trig.type, exclude={a.id or a.text for a in actors})
    place = _place(trig, tok)
    if trig.mode == "visit" and not recips and place and place.country:
        recips = [Actor(text=place.text, name=place.name, country=place.country, sector="GOV", type="GPE")]
    if "recipient" in trig.needs and not recips:
        return None
    if "place" in trig.needs and place is None:
        return None
    fallback = not actors
    if fallback:
        # a doer named but not coded still is the doer; an unresolved "ils" or a time ("d'une semaine") is not
        named = any(t.pos_ in ("NOUN", "PROPN") and not _in_timex(t, timexes) for t in actor_toks)
        actors = _fallback_actors(trig, tok, parts, recips, named=named, subject=named and actor_slot == "subj")
        if actors is None:
            return None
    keys = {a.id or a.name or a.text for a in actors}
    if not recips and not trig.symmetric and trig.type in TARGETED:
        recips = parts.fallback_recipient(tok, trig.type, keys, actor_toks)
    mod = analyse(tok)
    date, basis = event_date(tok.doc, tok.i, list(timexes), published)
    event_type, aux = _type_and_aux(trig, mod, date, basis, published, _held(tok, timexes, published))
    if trig.symmetric and not _proposed(trig, tok, event_type, actors, recips):
        actors, recips = _pool(actors, recips), []
    actors = [a for a in actors if not _same(a, recips)] or actors
    if aux == "historical" and basis == "publication":
        date, basis = None, "unknown"  # background with no date of its own
    elif aux == "none":
        date, basis = on_story_day(date, basis, story_day)
    if place is None:
        place = _sentence_place(sent, {a.text for a in actors + recips}, tok) or scene
    if not trig.symmetric:
        actors, recips = _local_civilians(trig.type, actors, recips, place)
    place = place or home
    start, end = _evidence_span(sent)
    conf = trig.confidence + (0.1 if recips else 0) - (0.15 if fallback else 0)
    ev = Event(
        doc=doc_id, event_type=event_type, mode=_mode(trig, event_type, tok), actor=actors, recipient=recips, date=date,
        date_basis=basis, location=place, aux=aux, confidence=max(0.05, min(conf, 0.99)),
        quad=QUAD[event_type], trigger=tok.text, evidence=sent.text[start - sent.start_char:end - sent.start_char], start=start, end=end)
    ev.id = _event_id(doc_id, tok, event_type)
    return ev


# Material events reported without their doer ("195 personnes ont été arrêtées", "la mobilisation
# contre le président se poursuit") are coded with an unknown actor, as PLOVER coders do.
AGENTLESS = {"COERCE", "ASSAULT", "PROTEST", "SANCTION", "AID", "MOBILIZE"}
# "137 personnes ont été tuées": a casualty count with no doer is a statistic, not an event.
CASUALTY = {"ASSAULT"}


def _fallback_actors(trig: Trigger, tok: Token, parts: ParticipantIndex, recips: list[Actor],
                     named: bool = False, subject: bool = False) -> list[Actor] | None:
    """Who does an event whose frame names no actor: the sentence's subject or speaker, except
    for a noun that another event verb governs (in "Paris condamne le coup d'État" Paris is not
    the putschist). An agentless passive, or a noun that is itself the subject or headline of its
    clause, of a material event keeps an empty actor; otherwise there is no event (None).
    When the frame does name a doer that is no coded actor ("ce groupe, qui s'est emparé de…"),
    nobody else in the sentence is made the doer (``named``); an uncoded subject of a material
    event ("des milliers de personnes ont manifesté") leaves the actor empty (``subject``)."""
    passive = frames.is_passive(tok)
    owner = _possessor(tok, parts)
    if owner:
        return owner
    if not named and not _reacted_to(tok) and not frames.circumstantial(tok):
        likely = trig.future if trig.future and analyse(tok).planned else trig.type
        spoken = QUAD[likely].startswith("verbal") and not passive
        found = parts.fallback_actor(tok, exclude={a.id or a.text for a in recips}, speaker=spoken)
        if found:
            return found
    nominal = tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubj:pass", "ROOT")
    if ((nominal or subject) and trig.type in AGENTLESS) or (passive and trig.type in AGENTLESS - CASUALTY):
        return []  # "des milliers de personnes ont manifesté": a doer, but no coded actor
    return None


def _possessor_tokens(tok: Token) -> list[Token]:
    """A possessive on an event noun ("sa solidarité avec X", "son premier sommet") names the
    subject of the clause it sits in: "Kim est arrivé pour son sommet" -> Kim. It outranks a
    "de" complement, which is then the target ("sa solidarité vis-à-vis du Danemark")."""
    if tok.pos_ != "NOUN" or not any("Yes" in c.morph.get("Poss") for c in tok.children if c.dep_ == "det"):
        return []
    verb = frames.governor(tok)
    return frames.expand_conj(frames.subjects(verb)) if verb is not None else []


def _possessor(tok: Token, parts: ParticipantIndex) -> list[Actor]:
    """The coded actors the possessive stands for (see ``_possessor_tokens``)."""
    return parts.actors_for(_possessor_tokens(tok), tok, "", exclude=set())


def _reacted_to(tok: Token) -> bool:
    """A noun trigger complementing another event verb ("condamner l'invasion", "prendre note de
    l'expulsion"): its actor is not that verb's subject."""
    if tok.pos_ != "NOUN":
        return False
    gov = frames.governor(tok)
    if gov is None or gov.lemma_.lower() in frames.support_verbs():
        return False
    types = {t.type for _, t in load_lexicon().candidates(gov.lemma_.lower(), "VERB")}
    if types & set(DEFERS_TO):
        return False  # "s'entendre sur des sanctions": the agreement is the sanction itself
    return bool(types) or gov.lemma_.lower() in frames.speech_data()[0]


# Unnamed participants are the people of the place: protesters marching in Algiers are Algerian
# civilians; the unnamed people arrested or shot at in a country are its civilians.
CIVILIAN_ACTOR = {"PROTEST"}
CIVILIAN_TARGET = {"COERCE", "ASSAULT"}


def _local_civilians(event_type: str, actors: list[Actor], recips: list[Actor],
                     place: Place | None) -> tuple[list[Actor], list[Actor]]:
    """Code unnamed protesters (actor) or victims (recipient) as civilians of the event's place."""
    if place is None or not place.country:
        return actors, recips
    local = Actor(text=place.text, name=None, country=place.country, sector="CVL", type="GPE")
    if event_type in CIVILIAN_ACTOR and not any(a.country for a in actors):
        actors = [*actors, local]
    if event_type in CIVILIAN_TARGET and not recips:
        recips = [local]
    return actors, recips


def _proposed(trig: Trigger, tok: Token, event_type: str, actors: list[Actor], recips: list[Actor]) -> bool:
    """A meeting one side plans with the other ("Poutine est prêt à rencontrer Trump") is that
    side's AGREE toward the other; a planned summit "avec X" or "entre X et Y" stays joint."""
    return event_type != trig.type and tok.pos_ == "VERB" and bool(actors) and bool(recips)


def _in_timex(tok: Token, timexes: Sequence[Timex]) -> bool:
    """The token is part of a time expression ("un ultimatum d'une semaine")."""
    return any(t.start <= tok.idx < t.end for t in timexes)


def _fill(slots: Sequence[str], tok: Token) -> list[Token]:
    """The tokens of the first slot that the parse fills."""
    return _fill_slot(slots, tok)[1]


def _fill_slot(slots: Sequence[str], tok: Token,
               skip: Callable[[Token], bool] = lambda t: False) -> tuple[str | None, list[Token]]:
    """The first slot that the parse fills, with its tokens (coordination expanded); tokens
    for which ``skip`` holds (a time: "un ultimatum d'une semaine") fill nothing."""
    for slot in slots:
        found = [t for t in frames.fill(slot, tok) if not skip(t)]
        if found:
            return slot, frames.expand_conj(found)
    return None, []


def _mode(trig: Trigger, event_type: str, tok: Token | None = None) -> str | None:
    """What is demanded or refused decides a REQUEST/REJECT mode; otherwise the entry's mode, kept
    when the event type changed only if the new type has that mode too."""
    if tok is not None:
        cued = _content_mode(event_type, tok)
        if cued:
            return cued
    return trig.mode if trig.mode in MODES.get(event_type, ()) else None


@lru_cache(maxsize=None)
def _content_cues(lang: str = "fr") -> dict[str, dict[str, frozenset[str]]]:
    data = load_yaml(lang, "content_modes")
    for etype, modes in data.items():
        bad = set(modes) - set(MODES.get(etype, ()))
        if bad:
            raise LanguageDataError(f"lang/{lang}/content_modes.yaml: {sorted(bad)} are not PLOVER modes of {etype}")
    return {etype: {m: frozenset(words) for m, words in modes.items()} for etype, modes in data.items()}


def _content_mode(event_type: str, tok: Token) -> str | None:
    """The mode cued by the nearest content word after the trigger, in its own complements."""
    cues = _content_cues().get(event_type)
    if not cues:
        return None
    subjects = {t.i for c in tok.children if c.dep_.startswith("nsubj") for t in c.subtree}
    for t in sorted((t for t in tok.subtree if t.i > tok.i and t.i not in subjects), key=lambda t: t.i):
        lemma = t.lemma_.lower()
        for mode, words in cues.items():
            if lemma in words:
                return mode
    return None


def _pool(actors: list[Actor], recips: list[Actor]) -> list[Actor]:
    out = list(actors)
    for r in recips:
        if not _same(r, out):
            out.append(r)
    return out


def _same(a: Actor, group: list[Actor]) -> bool:
    return any((a.id and a.id == b.id) or (a.name and a.name == b.name) or a.text == b.text for b in group)


def _type_and_aux(trig: Trigger, mod: Modality, date: str | None, basis: str,
                  published: dt.date | None, held: bool = False) -> tuple[str, str]:
    """PLOVER: planned meetings are AGREE (the intent is the event) unless the trigger's own
    phrase dates them in the past (``held``); negated/if events flagged; background is historical
    when dated over a month before publication, or told in the pluperfect with no date of its own."""
    event_type = trig.type
    enacted = (mod.enacted and QUAD[trig.type].startswith("material")) or held
    planned = (mod.planned and not enacted) or (date is not None and published is not None and _after(date, published))
    if planned and trig.future:
        event_type = trig.future
    if mod.negated:
        return event_type, "negated"
    if (mod.hypothetical or mod.possible) and not (planned and trig.future):
        return event_type, "hypothetical"
    if date and published and _before(date, published, HISTORICAL_DAYS):
        return event_type, "historical"
    if mod.pluperfect and basis in ("publication", "unknown"):
        return event_type, "historical"
    return event_type, "none"


def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
    try:
        if "-W" in value:
            y, w = value.split("-W")
            first = dt.date.fromisocalendar(int(y), int(w[:2]), 1)
            return first, first + dt.timedelta(days=6)
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 3:
            d = dt.date(*parts)
            return d, d
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except (ValueError, IndexError):
        return None
    return None


def _held(tok: Token, timexes: Sequence[Timex], published: dt.date | None) -> bool:
    """An event noun whose own phrase carries a past date took place, whatever the clause around it
    says ("préparer la rencontre historique de la semaine dernière")."""
    if tok.pos_ != "NOUN" or published is None:
        return False
    sub = list(tok.subtree)
    lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
    return any(lo <= t.start and t.end <= hi and t.type in ("DATE", "TIME") and (v := date_part(t.value))
               and _before(v, published, 0) for t in timexes)


def _after(value: str, published: dt.date) -> bool:
    b = _bounds(value)
    return b is not None and b[0] > published


def _before(value: str, published: dt.date, days: int) -> bool:
    b = _bounds(value)
    return b is not None and b[1] < published - dt.timedelta(days=days)


def _place(trig: Trigger, tok: Token) -> Place | None:
    slots = trig.place or ("obl:à", "obl:en", "obl:au", "obl:dans", "nmod:à", "gov:à", "gov:en")
    for slot in slots:
        for t in frames.fill(slot, tok):
            place = resolve_place(_nominal_text(t))
            if place is not None:
                return place
    return None


def _nominal_text(t: Token) -> str:
    """The name a place token stands for: its entity if any, else the token with its flat parts."""
    if t.ent_type_:
        for ent in t.doc.ents:
            if ent.start <= t.i < ent.end:
                return ent.text
    parts = [t, *(c for c in t.children if c.dep_.startswith("flat") or c.dep_ == "compound")]
    parts.sort(key=lambda x: x.i)
    return t.doc[parts[0].i: parts[-1].i + 1].text


def _evidence_span(sent: Span) -> tuple[int, int]:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    return sent.start_char + lead, sent.start_char + len(text.rstrip())


def _event_id(doc_id: str, tok: Token, event_type: str) -> str:
    return hashlib.sha1(f"{doc_id}:{tok.idx}:{event_type}".encode()).hexdigest()[:16]
