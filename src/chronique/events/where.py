"""Where an event happens: a place in the trigger's frame, else in its clause, else the story's
scene (the most named place, or the participants' country), with the basis that says which."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from chronique.events import frames
from chronique.events.lexicon import Lexicon, Trigger
from chronique.events.participants import ParticipantIndex
from chronique.geo import country_place, locative_words, resolve_place
from chronique.model import Place
from chronique.parse import ancestors, children, entities, per_span, per_token, sentence_tokens, span_text, tokens
from chronique.time import governing_verb


def document_scene(sdoc: Doc, lang: str) -> Place | None:
    """Where the story happens: the most named place among locative phrases ("à Vladivostok")."""
    counts: dict[str, list] = {}
    for tok in tokens(sdoc):
        if tok.pos_ == "PROPN" and _locative(tok, lang):
            place = resolve_place(nominal_text(tok), lang)
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
    place = country_place(home, participants.lang) if home else None
    return replace(place, basis="scene") if place else None


SCENE_MIN_MENTIONS = 3


@per_token
def _locative(tok: Token, lang: str) -> bool:
    """A proper name said to be where something happens: "à Gaza", or the name completing a
    locative common noun ("dans la bande de Gaza", "dans l'est de la RDC", "près de l'école d'Alger"; once
    per token: the scene and every trigger of the sentence ask)."""
    if tok.pos_ != "PROPN":
        return False
    regions, neighbours = locative_words(lang)
    head = tok.head
    if head.pos_ == "ADJ" or head.lower_ in neighbours or any(c.lower_ in neighbours and c.i < tok.i
                                                               for c in children(head)):
        return False  # "une ville frontalière de l'Ouganda", "proche de Moscou": beside the place
    prep = frames.prep_of(tok)
    locative = frames.prepositions("locative", lang)
    if prep in locative:
        return True
    return prep in frames.prepositions("region_of", lang) and (head.pos_ == "NOUN" or head.lower_ in regions) \
        and head.i != tok.i and frames.prep_of(head) in locative


def sentence_place(sent: Span, exclude: set[str], trigger: Token, lang: str) -> Place | None:
    """The first place named in the trigger's clause, or in the main clause above it: "un sommet
    samedi sur les combats qui ont éclaté au Soudan" does not put the summit in Sudan."""
    above = None  # the trigger and its ancestors, read when a place sits in a subordinate clause
    for clause, place in _sentence_places(sent, lang):
        if clause is not None:
            above = above if above is not None else {trigger.i, *(a.i for a in ancestors(trigger))}
            if clause not in above:
                continue  # inside a subordinate clause that does not hold the trigger
        if place.text not in exclude:
            return place
    return None


@per_span
def _sentence_places(sent: Span, lang: str) -> list[tuple[int | None, Place]]:
    """The sentence's located places with a country, in order, each with the index of the verb of the
    clause it sits in (None: no verb above it; the main clause's verb is above every trigger); once per sentence,
    for all its triggers."""
    out = []
    for tok in sentence_tokens(sent):
        if tok.pos_ != "PROPN" or not _locative(tok, lang):
            continue
        place = resolve_place(nominal_text(tok), lang)
        if place is not None and place.country:
            clause = governing_verb(tok)
            out.append((clause.i if clause is not None else None, place))
    return out


def frame_place(trig: Trigger, tok: Token, lexicon: Lexicon, lang: str) -> Place | None:
    """The first place the trigger's place slots hold (the lexicon's ``place_slots`` when the entry names none)."""
    for slot in trig.place or lexicon.place_slots:
        for t in frames.fill(slot, tok, lang):
            place = resolve_place(nominal_text(t), lang)
            if place is not None:
                return place
    return None


@per_token
def nominal_text(t: Token) -> str:
    """The name a place token stands for: its entity if any, else the token with its flat parts;
    either way extended over hyphens the tokenizer split off ("Addis - Abeba", "Port - au - Prince"). Once per
    token: the scene, the sentence's places and every trigger's frame ask."""
    span = next((ent for ent in entities(t.doc) if ent.start <= t.i < ent.end), None) if t.ent_type_ else None
    if span is None:
        parts = sorted([t, *(c for c in children(t) if c.dep_.startswith("flat") or c.dep_ == "compound")],
                       key=lambda x: x.i)
        span = t.doc[parts[0].i: parts[-1].i + 1]
    end = span.end
    doc = tokens(t.doc)
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2  # "Addis" "-" "Abeba" written without spaces is one name
    return span_text(t.doc, span.start, end)
