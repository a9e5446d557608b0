"""Events from trigger frames over the dependency parse: spaCy Doc + actor mentions + time expressions.

For each token whose lemma is in the lexicon, the entry's argument slots are filled from the
parse (see ``frames``), participants are mapped to resolved actor mentions, modality decides
the ``aux`` flag and the PLOVER rule "future meetings are AGREE", and the evidence is the
sentence, kept with its character offsets.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from chronique.nlp import surface

from chronique.parse import children, morph, sentence, sentence_tokens, subtree, tokens
from chronique import lang as language
from chronique.events import frames
from chronique.events.arbiter import arbitrate
from chronique.events.decide import TypeModel, default_model
from chronique.events.evidence import evidence_span
from chronique.events.lexicon import Lexicon, Trigger, load_lexicon
from chronique.events.modality import analyse
from chronique.events.nesting import DEFERS_TO, content_aux, outermost
from chronique.events.participants import ParticipantIndex
from chronique.events.reaction import Told, target_of_reaction
from chronique.events.status import held, type_and_aux
from chronique.events.triggers import Match, find_triggers, verb_types
from chronique.events.where import document_scene, frame_place, home_country, sentence_place
from chronique.model import Actor, Event, Place, Timex
from chronique.plover import GENERIC_CODES, MODES, QUAD
from chronique.time import event_date, news_day, on_story_day

# Types whose target is nearly always named (PLOVER codes who is sanctioned, accused, asked…):
# with no syntactic recipient, the nearest other actor of the clause is taken.
TARGETED = {"SANCTION", "SUPPORT", "ACCUSE", "THREATEN", "REQUEST", "COERCE", "ASSAULT", "REJECT"}
# ... except the measures that weigh on everyone at once: a curfew, martial law or a cut-off of media or the
# internet has no named target in the annotation (../shared/train: 24 of 24, 30 of 33, 13 of 20 with none).
UNTARGETED_MODES = {"curfew", "martial-law", "censor"}
# Force used on people the text names without a code ("a chargé les manifestants", "ont arrêté des
# journalistes"): those people are the target (coded as local civilians below), not another actor of the clause.
MATERIAL_TARGETED = {"ASSAULT", "COERCE"}


def extract_events(doc_id: str, sdoc: Doc, participants: ParticipantIndex, timexes: Sequence[Timex],
                   published: dt.date | None, lang: str, model: TypeModel | None = None) -> list[Event]:
    """All event mentions of one parsed document, in text order (``model``: the learned type
    decision, the shipped one by default)."""
    lexicon = load_lexicon(lang)
    model = model or default_model()
    events: list[Event] = []
    scene = document_scene(sdoc, lang)
    home = None if scene else home_country(participants)
    story_day = news_day(sdoc, list(timexes), published)
    topic: list[Actor] = []
    told = Told()
    sents = list(sdoc.sents)
    decided = arbitrate(sents, [find_triggers(sent, lexicon, lang) for sent in sents], lexicon, model, lang)
    for n, sent in enumerate(sents):
        seen: set[tuple] = set()
        first = len(events)
        matches = outermost(decided[n], lang)
        built = [(m, _build(doc_id, sent, m, participants, timexes, published, lexicon, scene, story_day, home, topic))
                 for m in matches]
        for match, ev in built:
            if ev is not None:
                told.add(n, match.token.i, ev)
        for match, ev in built:
            if ev is None:
                continue
            content = content_aux(match, matches) if ev.aux == "none" else None
            if content:
                ev.aux = content  # "exiger la libération de X": asked for, not done
            ev.recipient = ev.recipient or target_of_reaction(ev, match.token, told, n, lexicon, lang)
            key = (ev.event_type, tuple(sorted(a.country or "" for a in ev.actor)),
                   tuple(sorted(a.country or "" for a in ev.recipient)))
            if key in seen:  # one event per real-world event per sentence
                continue
            seen.add(key)
            events.append(ev)
        topic = next((e.actor for e in reversed(events[first:]) if _coded(e.actor)), topic)
    return events


def _coded(actors: list[Actor]) -> bool:
    """Actors named in the text and coded with a country: they can carry on as the story's doer."""
    return any(a.country and a.text for a in actors)


def _build(doc_id: str, sent: Span, m: Match, parts: ParticipantIndex, timexes: Sequence[Timex],
           published: dt.date | None, lexicon: Lexicon, scene: Place | None = None,
           story_day: dt.date | None = None, home: Place | None = None,
           topic: Sequence[Actor] = ()) -> Event | None:
    trig, tok, lang = m.trigger, m.token, parts.lang
    if _in_timex(tok, timexes):
        return None  # "fin septembre", "à la mi-juin": a date, not an event
    if tok.pos_ == "NOUN" and (parts.inside_name(tok) or _capitalised(tok)):
        return None  # "la Mission d'appui de l'ONU", "le Conseil des ministres", "l'Entente": a name, not an event
    # a time ("un ultimatum d'une semaine"), a plain adjective ("une attaque chimique") or an event noun (the
    # content: "la menace de sanctions contre l'Iran") names no doer
    phrase = m.phrase()
    actor_slots, recipient_slots = _nominal_agent(trig, tok, lang)
    actor_slot, actor_toks = _fill_slot(actor_slots, tok, lang, skip=lambda t: t.i in phrase or _no_party(
        t, lexicon, timexes) or (t.pos_ == "ADJ" and not parts.adjective_country(t.text)) or _possessed(t, parts)
        or _thing_complement(t, tok, parts))
    actor_toks = _possessor_tokens(tok, parts) or actor_toks
    actors = parts.actors_for(actor_toks, tok, trig.type, exclude=set()) or parts.actors_for(
        _enumerated(actor_toks, lang), tok, trig.type, exclude=set())
    recips = _recipients(recipient_slots, tok, parts, trig.type, exclude={a.id or a.text for a in actors})
    place = frame_place(trig, tok, lexicon, lang)
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
        actors = _fallback_actors(trig, tok, parts, recips, named=named, subject=named and actor_slot == "subj",
                                  topic=topic)
        if actors is None:
            return None
    keys = {a.id or a.name or a.text for a in actors}
    if (not recips and not trig.symmetric and trig.type in TARGETED and trig.mode not in UNTARGETED_MODES
            and not (trig.type in MATERIAL_TARGETED and _named_target(recipient_slots, tok, lexicon, timexes, lang))):
        recips = parts.fallback_recipient(tok, trig.type, keys, actor_toks)
    mod = analyse(tok, lang)
    date, basis = event_date(tok.doc, tok.i, list(timexes), published, lang)
    event_type, aux = type_and_aux(trig, mod, date, basis, published, held(tok, timexes, published))
    if trig.symmetric and event_type not in DIRECTED and not _proposed(trig, tok, event_type, actors, recips):
        actors, recips = _pool(actors, recips), []
    actors = [a for a in actors if not _same(a, recips)] or actors
    if aux == "historical" and basis == "publication":
        date, basis = None, "unknown"  # background with no date of its own
    elif aux == "none":
        date, basis = on_story_day(date, basis, story_day)
    if place is None:
        place = sentence_place(sent, {a.text for a in actors + recips}, tok, lang) or scene
    if not trig.symmetric:
        actors, recips = _local_civilians(trig.type, actors, recips, place, home, trig.mode)
    place = place or home
    mode = _mode(trig, event_type, lang, tok)
    actors = actors or _authority(event_type, mode, place, recips)
    actors = _placed(actors, place)
    start, end, evidence = evidence_span(sent)
    conf = trig.confidence + (0.1 if recips else 0) - (0.15 if fallback else 0)
    ev = Event(
        doc=doc_id, event_type=event_type, mode=mode, actor=actors, recipient=recips, date=date,
        date_basis=basis, location=place, aux=aux, confidence=max(0.05, min(conf, 0.99)),
        quad=QUAD[event_type], trigger=surface(tok), evidence=evidence, start=start, end=end)
    ev.id = _event_id(doc_id, tok, event_type)
    return ev


# Meetings a time adjunct can tell ("lors d'un entretien", "après des négociations"): the clause's subject attended.
MEETINGS = {"CONSULT"}


# An agreement "avec X" is coded toward X, as annotators do ("l'accord avec la Tunisie": the partner is the
# recipient); the parties of "un accord entre X et Y" are both in its actor slot and stay together.
DIRECTED = {"AGREE"}


# Material events reported without their doer ("195 personnes ont été arrêtées", "la mobilisation
# contre le président se poursuit") are coded with an unknown actor, as PLOVER coders do.
AGENTLESS = {"COERCE", "ASSAULT", "PROTEST", "SANCTION", "AID", "MOBILIZE"}
# "137 personnes ont été tuées": a casualty count with no doer is a statistic, not an event.
CASUALTY = {"ASSAULT"}


def _fallback_actors(trig: Trigger, tok: Token, parts: ParticipantIndex, recips: list[Actor],
                     named: bool = False, subject: bool = False, topic: Sequence[Actor] = ()) -> list[Actor] | None:
    """Who does an event whose frame names no actor: the sentence's subject or speaker, except
    for a noun that another event verb governs (in "Paris condamne le coup d'État" Paris is not
    the putschist). An agentless passive, or a noun that is itself the subject or headline of its
    clause, of a material event keeps an empty actor; otherwise there is no event (None).
    When the frame does name a doer that is no coded actor ("ce groupe, qui s'est emparé de…"),
    nobody else in the sentence is made the doer (``named``); an uncoded subject of a material
    event ("des milliers de personnes ont manifesté") leaves the actor empty (``subject``).
    A clause that names nobody at all ("Sur place, plusieurs otages ont ensuite été libérés") carries
    on the story's doer: ``topic``, the actors of the last sentence with a coded event. On the
    validation stories of ../shared/train this recovered a fifth of the events dropped for want of
    an actor (measured alone: type+actor F1 0.446 -> 0.500; dev 0.638 -> 0.660). Failing that, the
    story's protagonist (``ParticipantIndex.protagonist``) is the doer: measured when introduced, on all
    of ../shared/train this coded 3.7% more gold events for 2% less precision (F1 0.658 -> 0.668;
    validation 0.591 -> 0.601; dev 0.705 -> 0.703)."""
    lang = parts.lang
    passive = frames.is_passive(tok)
    owner = _possessor(tok, parts)
    if owner:
        return owner
    visiting = trig.mode == "visit" and _occupation(tok, lang)
    if visiting and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i != tok.i:
        visitor = parts.actors_for([tok.head], tok, trig.type, exclude={a.id or a.name or a.text for a in recips})
        if visitor:
            return visitor  # "Y, en visite à Rome, a été reçu…": the noun the visit describes
    if not named and (visiting or not _reacted_to(tok, lang)):
        # a meeting of equals told as the time of the clause, naming no side ("lors d'un entretien téléphonique,
        # X et Y sont convenus…", "après seize heures de négociations"): the clause's subject took part (not
        # fighting: "après des jours de combats, les rebelles…")
        adjunct = frames.circumstantial(tok, lang)
        meeting = trig.type in MEETINGS and trig.symmetric and tok.pos_ == "NOUN"
        if not adjunct or meeting:
            likely = trig.future if trig.future and analyse(tok, lang).planned else trig.type
            spoken = QUAD[likely].startswith("verbal") and not passive
            found = parts.fallback_actor(tok, exclude={a.id or a.name or a.text for a in recips}, speaker=spoken,
                                         adjunct=adjunct)
            if found:
                return found
        if not (passive and trig.type in AGENTLESS):  # an agentless arrest is the state's (``_authority``)
            found = [a for a in topic if not _same(a, recips)]
            if found:
                return found
    nominal = tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubj:pass", "ROOT")
    if ((nominal or subject) and trig.type in AGENTLESS) or (passive and trig.type in AGENTLESS - CASUALTY):
        return []  # "des milliers de personnes ont manifesté": a doer, but no coded actor
    # nobody in the clause or the last sentences: the story's protagonist, except for a meeting or fighting
    # of equals, whose sides are named where it is told (guessing one merged unrelated meetings across articles)
    lead = parts.protagonist if not named and not trig.symmetric else None
    if lead is not None and not _same(lead, recips):
        return [lead]
    if passive and (trig.type, trig.mode) in RELEASES:
        return []  # "des dizaines de détenus ont été libérés": the state's act (``_authority``)
    return None


def _enumerated(toks: Sequence[Token], lang: str) -> list[Token]:
    """The members a sentence names of an uncoded plural subject ("plusieurs dirigeants lui ont adressé leurs
    félicitations, dont Vladimir Poutine et Abdel Fattah al-Sissi"): the nominals after an enumeration word
    that follows the doer, when no verb comes after it (not the relative "dont": "dont le chef a…")."""
    plural = [t for t in toks if t.pos_ == "NOUN" and t.dep_ == "nsubj" and "Plur" in morph(t, "Number")]
    if not plural:
        return []
    sent = sentence_tokens(sentence(plural[0]))
    marks = language.grammar(lang).enumeration
    opener = next((t for t in sent if t.i > plural[0].i and t.lower_ in marks), None)
    if opener is None:
        return []
    rest = [t for t in sent if t.i > opener.i]
    if any(t.pos_ in ("VERB", "AUX") for t in rest):
        return []
    return [t for t in rest if t.pos_ in ("PROPN", "NOUN") and t.dep_ not in ("nmod", "flat:name", "amod")]


def _possessed(t: Token, parts: ParticipantIndex) -> bool:
    """A thing its owner holds ("la rupture de ses relations", "le rappel de son ambassadeur"), naming no
    actor of its own: not the doer; the next slot (the subject announcing it) is."""
    return t.pos_ == "NOUN" and parts.mention_for(t) is None and frames.possessed(t)


def _possessor_tokens(tok: Token, parts: ParticipantIndex) -> list[Token]:
    """A possessive on an event noun ("sa solidarité avec X", "son premier sommet") names the
    subject of the clause it sits in: "Kim est arrivé pour son sommet" -> Kim, or, for a noun in an adjunct of a
    verb with a party as its object, that object ("a félicité Lula pour sa victoire", "a condamné Moscou pour son
    agression"). It outranks a "de" complement, which is then the target ("sa solidarité vis-à-vis du Danemark")."""
    if tok.pos_ != "NOUN" or not frames.possessed(tok):
        return []
    verb, lang = frames.governor(tok), parts.lang
    if verb is None:
        return []
    objects = [o for o in frames.objects(verb, lang) if parts.mention_for(o)] if tok.dep_.startswith("obl") else []
    if objects:
        return frames.expand_conj(objects, lang)  # "a condamné Moscou pour son agression": Moscou's
    return frames.expand_conj(frames.subjects(verb, lang), lang)


def _possessor(tok: Token, parts: ParticipantIndex) -> list[Actor]:
    """The coded actors the possessive stands for (see ``_possessor_tokens``)."""
    return parts.actors_for(_possessor_tokens(tok, parts), tok, "", exclude=set())


def _reacted_to(tok: Token, lang: str) -> bool:
    """A noun trigger complementing another event verb ("condamner l'invasion", "prendre note de
    l'expulsion"): its actor is not that verb's subject."""
    if tok.pos_ != "NOUN":
        return False
    if tok.dep_ == "nmod" and tok.head.lemma_.lower() in language.words(lang, "support_verbs", "reaction_nouns"):
        return True
    gov = frames.governor(tok)
    if gov is None or gov.lemma_.lower() in frames.support_verbs(lang):
        return False
    types = verb_types(gov, load_lexicon(lang), lang)
    if types & set(DEFERS_TO):
        return False  # "s'entendre sur des sanctions": the agreement is the sanction itself
    return bool(types) or gov.lemma_.lower() in frames.speech_verbs(lang)


def _occupation(tok: Token, lang: str) -> bool:
    """"En visite à Moscou, Xi Jinping a…": a bare noun after "en" says what the subject is doing (for visits
    only: "nous sommes en guerre", "en étroite collaboration avec" are no act of the clause's own)."""
    return (frames.prep_of(tok) in frames.prepositions("occupation", lang)
            and not any(c.dep_ == "det" for c in children(tok)))


# Unnamed participants are the people of the place: protesters marching in Algiers are Algerian
# civilians; the unnamed people arrested, shot at or released in a country are its civilians (released
# hostages: full F1 +0.007 on the validation stories, dev unchanged).
CIVILIAN_ACTOR = {"PROTEST"}
# The forces a crowd clashes with are the protest's target, not its doers ("des affrontements entre manifestants et
# forces de l'ordre": ../shared/train codes the police as the recipient).
CROWD_FORCES = {"COP"}
# Type -> the modes whose unnamed targets are local civilians (None: every mode). A curfew, martial law, a
# censorship or a seizure of power has no such target in the annotation (../shared/train: 24 of 24, 30 of
# 33, 13 of 20 and 46 of 94 with none), an arrest, a deportation or a restriction nearly always has one.
CIVILIAN_TARGET = {"ASSAULT": None, "COERCE": {"arrest", "deport", "restrict", None}, "RETREAT": {"release"}}


def _local_civilians(event_type: str, actors: list[Actor], recips: list[Actor], place: Place | None,
                     home: Place | None = None, mode: str | None = None) -> tuple[list[Actor], list[Actor]]:
    """Code unnamed protesters (actor) or victims (recipient) as civilians of the event's place; a protest
    or victims with no place of their own are the story's country's (``home``: for protests, on
    ../shared/train this coded 1% more events right, dev and validation alike; for victims — "82 lycéennes
    ont été libérées" — full F1 0.426 -> 0.430 there and 0.409 -> 0.413 on the validation stories, dev
    0.534 -> 0.528)."""
    def local(where: Place | None) -> Actor | None:
        if where is None or not where.country:
            return None
        return Actor(text=where.text, name=None, country=where.country, sector="CVL", type="GPE")
    civilians = local(place or home)
    if event_type in CIVILIAN_ACTOR:
        police = [a for a in actors if a.sector in CROWD_FORCES]
        if not recips and police and len(police) < len(actors):  # "des heurts entre manifestants et policiers"
            actors, recips = [a for a in actors if a not in police], police
        if civilians and not any(a.country for a in actors):
            actors = [*actors, civilians]
    targeted = event_type in CIVILIAN_TARGET and (CIVILIAN_TARGET[event_type] is None or mode in CIVILIAN_TARGET[event_type])
    if targeted and civilians and not recips:
        recips = [civilians]
    return actors, recips


def _placed(actors: list[Actor], place: Place | None) -> list[Actor]:
    """Doers named but unknown to the knowledge base ("le général Godefroid Nyombaré") take the country
    of the place where the event happens, as a coder reading the story would; their ``id`` stays empty,
    which marks them as unlinked. On ../shared/train this coded 0.4% more events right
    (type+actor F1 0.652 -> 0.656; dev 0.704 -> 0.708, validation 0.582 -> 0.584)."""
    if not actors or any(a.country for a in actors) or place is None or not place.country:
        return actors
    return [replace(a, country=place.country) for a in actors]


# Arrests, curfews, bans, sentences, expulsions and mobilisations reported without their doer ("200
# personnes ont été interpellées", "3 000 policiers ont été mobilisés") are the acts of the state where
# they happen, as annotators code them: its police for arrests, its courts for sentences, its government
# otherwise. Text "" marks an implied actor. A sanction's targets are foreign ("23 diplomates
# britanniques ont été expulsés"): only a sentence falls back on the targets' state.
AUTHORITY = {"COERCE": "GOV", "SANCTION": "GOV", "MOBILIZE": "GOV", "RETREAT": "GOV"}
# Releases told without their releaser and with no story doer to carry on ("plusieurs dizaines de détenus
# ont été libérés mardi à Alger") are the state's: ../shared/train names a releaser for 87 of its 96
# releases, a government or a court for 56 of them.
RELEASES = {("RETREAT", "release")}
AUTHORITY_SECTOR = {"arrest": "COP", "convict": "JUD"}


def _authority(event_type: str, mode: str | None, place: Place | None, recips: list[Actor]) -> list[Actor]:
    """The implied state actor of an agentless coercive act: that of its place, else of its targets."""
    if event_type not in AUTHORITY:
        return []
    domestic = event_type != "SANCTION" or mode == "convict"
    country = place.country if place is not None and place.country else next(
        (r.country for r in recips if domestic and r.country and r.country not in GENERIC_CODES), None)
    if not country:
        return []
    return [Actor(text="", name=None, country=country, sector=AUTHORITY_SECTOR.get(mode or "", AUTHORITY[event_type]),
                  type="GPE")]


def _proposed(trig: Trigger, tok: Token, event_type: str, actors: list[Actor], recips: list[Actor]) -> bool:
    """A meeting one side plans with the other ("Poutine est prêt à rencontrer Trump") is that
    side's AGREE toward the other; a planned summit "avec X" or "entre X et Y" stays joint."""
    return event_type != trig.type and tok.pos_ == "VERB" and bool(actors) and bool(recips)


def _capitalised(tok: Token) -> bool:
    """A noun written with a capital inside a sentence, not after an opening quote: part of a name."""
    prev = tokens(tok.doc)[tok.i - 1] if tok.i > sentence(tok).start else None
    return (tok.text[:1].isupper() and not tok.text.isupper() and prev is not None
            and not prev.is_punct and not prev.is_quote)


def _in_timex(tok: Token, timexes: Sequence[Timex]) -> bool:
    """The token is part of a time expression ("un ultimatum d'une semaine")."""
    return any(t.start <= tok.idx < t.end for t in timexes)


def _nominal_agent(trig: Trigger, tok: Token, lang: str) -> tuple[Sequence[str], Sequence[str]]:
    """The entry's actor and recipient slots; on an event noun with an agent ("le rappel par la France
    de son ambassadeur", "l'arrestation de X par la police") the agent is the doer and "de" names the
    party acted upon, whatever order the entry gives."""
    if tok.pos_ != "NOUN" or trig.symmetric:
        return trig.actor, trig.recipient
    agent = [f"nmod:{p}" for p in frames.prepositions("agent", lang)]
    if not any(frames.fill(slot, tok, lang) for slot in agent):  # also hung on the "de" complement
        return trig.actor, trig.recipient
    of = [s for s in trig.actor if s.startswith("nmod:") and s not in agent]
    return ([*agent, *(s for s in trig.actor if s not in agent and s not in of)],
            [*(s for s in trig.recipient if s not in agent), *of])


def _recipients(slots: Sequence[str], tok: Token, parts: ParticipantIndex, event_type: str,
                exclude: set[str]) -> list[Actor]:
    """The actors of the first slot that names one: a slot filled by the content ("impute à la Russie
    cet empoisonnement": the object) does not hide the party in the next ("à la Russie")."""
    for slot in slots:
        found = frames.fill(slot, tok, parts.lang)
        if found:
            actors = parts.actors_for(frames.expand_conj(found, parts.lang), tok, event_type, exclude=exclude)
            if actors:
                return actors
    return []


def _named_target(slots: Sequence[str], tok: Token, lexicon: Lexicon, timexes: Sequence[Timex], lang: str) -> bool:
    """A recipient slot holds a noun that is no time and no event ("les manifestants", not "lundi")."""
    _, found = _fill_slot(slots, tok, lang,
                          skip=lambda t: t.pos_ not in ("NOUN", "PROPN") or _no_party(t, lexicon, timexes))
    return bool(found)


def _thing_complement(t: Token, noun: Token, parts: ParticipantIndex) -> bool:
    """The "de" complement of an event noun that names no party ("la livraison de chars", "la dénucléarisation de la
    péninsule"): what the act is about, not a doer left uncoded (a party there is: "la visite du ministre",
    "l'offensive des rebelles"), so the event finds its doer as an actorless one does."""
    return (noun.pos_ == "NOUN" and t.pos_ == "NOUN" and t.dep_ == "nmod"
            and t in frames.with_prep(noun, "de", parts.lang) and parts.mention_for(t) is None)


def _no_party(t: Token, lexicon: Lexicon, timexes: Sequence[Timex]) -> bool:
    """A slot word that names no participant: a time ("un ultimatum d'une semaine") or an event noun (the
    content: "la menace de sanctions contre l'Iran")."""
    return _in_timex(t, timexes) or (t.pos_ == "NOUN" and bool(lexicon.candidates(t.lemma_.lower(), "NOUN")))


def _fill_slot(slots: Sequence[str], tok: Token, lang: str,
               skip: Callable[[Token], bool] = lambda t: False) -> tuple[str | None, list[Token]]:
    """The first slot that the parse fills, with its tokens (coordination expanded); tokens
    for which ``skip`` holds (a time: "un ultimatum d'une semaine") fill nothing."""
    for slot in slots:
        found = [t for t in frames.fill(slot, tok, lang) if not skip(t)]
        if found:
            return slot, frames.expand_conj(found, lang)
    return None, []


def _mode(trig: Trigger, event_type: str, lang: str, tok: Token | None = None) -> str | None:
    """What is demanded or refused decides a REQUEST/REJECT mode; otherwise the entry's mode, kept
    when the event type changed only if the new type has that mode too."""
    if tok is not None:
        cued = _content_mode(event_type, tok, lang)
        if cued:
            return cued
    return trig.mode if trig.mode in MODES.get(event_type, ()) else None


def parse_content_modes(data) -> dict[str, dict[str, frozenset[str]]]:
    """Schema of ``content_modes.yaml``: event type -> PLOVER mode -> cue lemmas."""
    if not isinstance(data, dict):
        raise ValueError("expected a mapping of event types")
    out = {}
    for etype, modes in data.items():
        if not isinstance(modes, dict):
            raise ValueError(f"{etype}: expected a mapping of modes to word lists")
        bad = set(modes) - set(MODES.get(etype, ()))
        if bad:
            raise ValueError(f"{sorted(bad)} are not PLOVER modes of {etype}")
        out[etype] = language.word_lists(modes)
    return out


def _content_mode(event_type: str, tok: Token, lang: str) -> str | None:
    """The mode cued by the nearest content word after the trigger, in its own complements."""
    cues = language.load(lang, "content_modes", parse_content_modes).get(event_type)
    if not cues:
        return None
    subjects = {t.i for c in children(tok) if c.dep_.startswith("nsubj") for t in subtree(c)}
    for t in sorted((t for t in subtree(tok) if t.i > tok.i and t.i not in subjects), key=lambda t: t.i):
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


def _event_id(doc_id: str, tok: Token, event_type: str) -> str:
    return hashlib.sha1(f"{doc_id}:{tok.idx}:{event_type}".encode()).hexdigest()[:16]
