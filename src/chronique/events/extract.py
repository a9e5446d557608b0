"""Trigger frames over the dependency parse: spaCy Doc + actor mentions + time expressions -> Events.

For each token whose lemma is in the lexicon, the entry's argument slots are filled from the
parse (see ``frames``), participants are mapped to resolved actor mentions, modality decides
the ``aux`` flag and the PLOVER rule "future meetings are AGREE", and the evidence is the
sentence, kept with its character offsets.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from chronique.events import frames
from chronique.events.lexicon import Lexicon, Trigger, load_lexicon
from chronique.events.modality import Modality, analyse
from chronique.events.participants import ParticipantIndex
from chronique.events.plover import QUAD
from chronique.geo import resolve_place
from chronique.model import Actor, Event, Place, Timex
from chronique.time import event_date

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


def find_triggers(sent: Span, lexicon: Lexicon) -> list[Match]:
    """Every token of the sentence that opens a lexicon entry whose constraints hold."""
    out = []
    for tok in sent:
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ == "NOUN" else None
        if pos is None:
            continue
        for full, trig in lexicon.candidates(tok.lemma_.lower(), pos):
            if _phrase_ok(tok, full) and _constraints_ok(tok, trig):
                out.append(Match(tok, trig, full))
                break
    return out


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
    return near


def _constraints_ok(tok: Token, trig: Trigger) -> bool:
    if trig.requires and not (set(trig.requires) & _near_lemmas(tok)):
        return False
    if trig.reflexive and not any(c.dep_.startswith("expl") or (c.lower_ in ("se", "s'", "me", "nous", "vous")
                                                                and c.pos_ == "PRON") for c in tok.children):
        return False
    if trig.requires_dep and not any(frames.fill(s, tok) if ":" in s else
                                     [c for c in tok.children if c.dep_ == s] for s in trig.requires_dep):
        return False
    return True


def extract_events(doc_id: str, sdoc: Doc, participants: ParticipantIndex, timexes: Sequence[Timex],
                   published: dt.date | None, lexicon: Lexicon | None = None) -> list[Event]:
    """All event mentions of one parsed document, in text order."""
    lexicon = lexicon or load_lexicon()
    events: list[Event] = []
    scene = document_scene(sdoc)
    for sent in sdoc.sents:
        seen: set[tuple] = set()
        for match in _outermost(find_triggers(sent, lexicon)):
            ev = _build(doc_id, sent, match, participants, timexes, published, scene)
            if ev is None:
                continue
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


def _outermost(matches: list[Match]) -> list[Match]:
    """Drop AGREE matches that govern a conflict trigger in their own subtree."""
    out = []
    for m in matches:
        inner = DEFERS_TO.get(m.trigger.type)
        if inner and any(o.trigger.type in inner and o.token in m.token.subtree and o is not m for o in matches):
            continue
        out.append(m)
    return out


def document_scene(sdoc: Doc) -> Place | None:
    """Where the story happens: the most named place among locative phrases ("à Vladivostok")."""
    counts: dict[str, list] = {}
    for tok in sdoc:
        if tok.pos_ == "PROPN" and frames.prep_of(tok) in ("à", "au", "aux", "en", "dans"):
            place = resolve_place(_nominal_text(tok))
            if place is not None and place.country:
                counts.setdefault(place.country, []).append(place)
    if not counts:
        return None
    best = max(counts.values(), key=len)
    return best[0]


def _sentence_place(sent: Span, exclude: set[str]) -> Place | None:
    for tok in sent:
        if tok.pos_ == "PROPN" and frames.prep_of(tok) in ("à", "au", "aux", "en", "dans"):
            place = resolve_place(_nominal_text(tok))
            if place is not None and place.country and place.text not in exclude:
                return place
    return None


def _build(doc_id: str, sent: Span, m: Match, parts: ParticipantIndex, timexes: Sequence[Timex],
           published: dt.date | None, scene: Place | None = None) -> Event | None:
    trig, tok = m.trigger, m.token
    actors = parts.actors_for(_fill(trig.actor, tok), tok, trig.type, exclude=set())
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
        actors = parts.fallback_actor(tok, exclude={a.id or a.text for a in recips})
        if not actors:
            return None
    keys = {a.id or a.name or a.text for a in actors}
    if not recips and not trig.symmetric and trig.type in TARGETED:
        recips = parts.fallback_recipient(tok, trig.type, keys)
    if trig.symmetric:
        actors, recips = _pool(actors, recips), []
    actors = [a for a in actors if not _same(a, recips)] or actors
    mod = analyse(tok)
    date, basis = event_date(tok.doc, tok.i, list(timexes), published)
    event_type, aux = _type_and_aux(trig, mod, date, basis, published)
    if aux == "historical" and basis == "publication":
        date, basis = None, "unknown"  # background with no date of its own
    if place is None:
        place = _sentence_place(sent, {a.text for a in actors + recips}) or scene
    start, end = _evidence_span(sent)
    conf = trig.confidence + (0.1 if recips else 0) - (0.15 if fallback else 0)
    ev = Event(
        doc=doc_id, event_type=event_type, mode=trig.mode, actor=actors, recipient=recips, date=date,
        date_basis=basis, location=place, aux=aux, confidence=max(0.05, min(conf, 0.99)),
        quad=QUAD[event_type], trigger=tok.text, evidence=sent.doc.text[start:end], start=start, end=end)
    ev.id = _event_id(doc_id, tok, event_type)
    return ev


def _fill(slots: Sequence[str], tok: Token) -> list[Token]:
    for slot in slots:
        found = frames.fill(slot, tok)
        if found:
            return frames.expand_conj(found)
    return []


def _pool(actors: list[Actor], recips: list[Actor]) -> list[Actor]:
    out = list(actors)
    for r in recips:
        if not _same(r, out):
            out.append(r)
    return out


def _same(a: Actor, group: list[Actor]) -> bool:
    return any((a.id and a.id == b.id) or (a.name and a.name == b.name) or a.text == b.text for b in group)


def _type_and_aux(trig: Trigger, mod: Modality, date: str | None, basis: str,
                  published: dt.date | None) -> tuple[str, str]:
    """PLOVER: planned meetings are AGREE (the intent is the event); negated/if events flagged;
    background is historical when dated over a month before publication, or told in the
    pluperfect with no date of its own."""
    event_type = trig.type
    planned = mod.planned or (date is not None and published is not None and _after(date, published))
    if planned and trig.future:
        event_type = trig.future
    if mod.negated:
        return event_type, "negated"
    if mod.hypothetical and not (planned and trig.future):
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
