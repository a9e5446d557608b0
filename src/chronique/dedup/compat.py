"""When may two reports be the same real-world event? Pure predicates, precision first.

Across documents, two reports are compatible when they have the same PLOVER type and factuality, no
conflicting mode or place, overlapping participants (countries; non-state groups apart from their
state; IGOs by name), no two different named people or organisations in the same role, and dates that
share a day once each is read at its own precision.

Inside one document the bar is higher (``restatement``): the same participants in each role and the
same stated date, because a writer who names a second event of the same kind in the same article
usually means a different one (a second sanctions package, another demand), and background
(historical) is not the news.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chronique.dedup import when
from chronique.dedup.records import Mention
from chronique.plover import SYMMETRIC

SENTENCE_SUBSETS = False  # in one sentence, a report with a subset of the participants is the same event
ASSUMED = frozenset({"publication", "unknown", None})  # date bases that are defaults, not statements


@dataclass(frozen=True)
class Profile:
    """What is compared: one mention, or the union of several mentions of one event."""

    event_type: str
    aux: str  # "factual" for none/historical (one event may be news here and background there)
    aux_exact: str  # inside one article, background (historical) and news are different events
    modes: frozenset[str]
    actors: frozenset[str]
    recipients: frozenset[str]
    actor_entities: frozenset[str]
    recipient_entities: frozenset[str]
    places: frozenset[str]  # stated places only: the story's assumed scene never keeps reports apart
    interval: when.Interval | None
    stated: when.Interval | None  # from stated dates only (explicit or relative)

    @property
    def day_stated(self) -> bool:
        """The date is one day, and the texts state it (not assumed from the publication)."""
        return self.stated is not None and self.stated[0] == self.stated[1] and self.interval == self.stated


def _keys(parties) -> set[str]:
    return {k for k in (p.key() for p in parties) if k}


def _entities(parties) -> set[str]:
    return {e for e in (p.entity() for p in parties) if e}


def profile(mentions: Iterable[Mention], interval: when.Interval | None = None) -> Profile:
    """Union of the mentions' attributes; symmetric types (meetings of equals) pool both sides."""
    ms = list(mentions)
    head = ms[0]
    actors = set().union(*(_keys(m.actor) for m in ms))
    recipients = set().union(*(_keys(m.recipient) for m in ms))
    a_ent = set().union(*(_entities(m.actor) for m in ms))
    r_ent = set().union(*(_entities(m.recipient) for m in ms))
    if head.event_type in SYMMETRIC:
        actors, recipients, a_ent, r_ent = actors | recipients, set(), a_ent | r_ent, set()
    return Profile(
        event_type=head.event_type, aux="factual" if head.factual else head.aux, aux_exact=head.aux,
        modes=frozenset(m.mode for m in ms if m.mode), actors=frozenset(actors),
        recipients=frozenset(recipients), actor_entities=frozenset(a_ent), recipient_entities=frozenset(r_ent),
        places=frozenset(m.location_country.upper() for m in ms if m.location_country and m.location_basis != "scene"),
        interval=interval if interval is not None else _common(m.interval for m in ms),
        stated=_common(m.interval for m in ms if m.date_basis not in ASSUMED))


def _common(intervals) -> when.Interval | None:
    out = None
    for iv in intervals:
        out = when.intersect(out, iv) if iv else out
    return out


def _overlap_ok(a: frozenset[str], b: frozenset[str]) -> bool:
    """Share at least one participant, and two when both sides name two or more."""
    need = min(2, len(a), len(b))
    return need > 0 and len(a & b) >= need


def entities_ok(p: Profile, q: Profile) -> bool:
    """No role where each side names people or organisations and none of them is the same; and no
    target that is a state on one side and named people on the other (sanctions on Russia are not
    sanctions on two of its ministers)."""
    for a, b in ((p.actor_entities, q.actor_entities), (p.recipient_entities, q.recipient_entities)):
        if a and b and not (a & b):
            return False
    if p.recipients and q.recipients and bool(p.recipient_entities) != bool(q.recipient_entities):
        return False
    return True


def participants_ok(p: Profile, q: Profile) -> bool:
    """Actors overlap (or, when one side has none, the recipients do); recipients never conflict."""
    if p.recipients and q.recipients and not (p.recipients & q.recipients):
        return False
    if not entities_ok(p, q):
        return False
    if p.actors and q.actors:
        return _overlap_ok(p.actors, q.actors)
    return bool(p.recipients & q.recipients)


def kind_ok(p: Profile, q: Profile) -> bool:
    """Same type and factuality, and no two different stated modes or places."""
    if p.event_type != q.event_type or p.aux != q.aux:
        return False
    if p.modes and q.modes and not (p.modes & q.modes):
        return False
    return not (p.places and q.places and not (p.places & q.places))


def dates_ok(p: Profile, q: Profile) -> bool:
    """Both dates known and sharing a day; two stated days may differ by one."""
    slack = when.STATED_SLACK_DAYS if p.day_stated and q.day_stated else 0
    return when.compatible(p.interval, q.interval, slack)


def compatible(p: Profile, q: Profile) -> bool:
    """Across documents: may these two be reports of one real-world event?"""
    return kind_ok(p, q) and participants_ok(p, q) and dates_ok(p, q)


def _same(a: frozenset, b: frozenset, loose: bool) -> bool:
    return a == b or (loose and (a <= b or b <= a))


def restatement(p: Profile, q: Profile, same_sentence: bool = False) -> bool:
    """Inside one document: the same event named again (same participants, same stated date).

    Across sentences the modes must agree too (a general "attacked" and later "air strikes on the
    capital" are two events). ``SENTENCE_SUBSETS`` lets a same-sentence report with a subset of the
    other's participants merge; it is off: two demands in one sentence are two events.
    """
    if not (kind_ok(p, q) and entities_ok(p, q)) or p.aux_exact != q.aux_exact:
        return False
    if not (p.actors or p.recipients) or not (q.actors or q.recipients):
        return False
    if not same_sentence and p.modes != q.modes:  # "attacked" then "air strikes": two events
        return False
    for a, b in ((p.actors, q.actors), (p.recipients, q.recipients),
                 (p.actor_entities, q.actor_entities), (p.recipient_entities, q.recipient_entities)):
        if not _same(a, b, same_sentence and SENTENCE_SUBSETS):
            return False
    return p.stated is None or q.stated is None or p.stated == q.stated


def similarity(p: Profile, q: Profile) -> tuple:
    """Tie-break among compatible candidates: more shared participants, then the tighter date match."""
    shared = len(p.actors & q.actors) + len(p.recipients & q.recipients)
    span = 0
    if p.interval and q.interval:
        common = when.intersect(p.interval, q.interval)
        span = -(common[1] - common[0]) if common else -999
    return shared, bool(p.modes & q.modes), bool(p.places & q.places), span
