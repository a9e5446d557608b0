"""The event's status from modality and dates: PLOVER's planned-meeting rule (type), and whether
it is reported as fact, negated, hypothetical or background (aux)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Token

from chronique.events.lexicon import Trigger
from chronique.events.modality import Modality
from chronique.model import Timex
from chronique.parse import subtree
from chronique.plover import QUAD
from chronique.time import date_part


HISTORICAL_DAYS = 31
# Acts promised in the passive to anyone who does something ("tous les casseurs seront punis") warn (THREATEN).
WARNED_ACTS = {"COERCE", "SANCTION", "ASSAULT"}


def type_and_aux(trig: Trigger, mod: Modality, date: str | None, basis: str,
                  published: dt.date | None, held: bool = False) -> tuple[str, str]:
    """PLOVER: planned meetings are AGREE (the intent is the event) unless the trigger's own
    phrase dates them in the past (``held``); negated/if events flagged; background is historical
    when dated over a month before publication, or told in the pluperfect with no date of its own."""
    event_type = trig.type
    if mod.warned and event_type in WARNED_ACTS and not mod.negated:
        return "THREATEN", "none"
    enacted = (mod.enacted and QUAD[trig.type].startswith("material")) or held
    planned = (mod.planned and not enacted) or (date is not None and published is not None and _after(date, published))
    # a possible, attempted or conditional meeting is already an AGREE; such an attack, resignation or support is
    # no threat, concession or promise
    promised = planned and trig.future is not None and not (
        (mod.possible or mod.attempted or mod.conditional) and trig.type != "CONSULT")
    if promised:
        event_type = trig.future
    if mod.negated and not trig.refusal:  # "ne reconnaît pas": the refusal itself happened
        return event_type, "negated"
    if (mod.hypothetical or mod.possible) and not promised:
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


def held(tok: Token, timexes: Sequence[Timex], published: dt.date | None) -> bool:
    """An event noun whose own phrase carries a past date took place, whatever the clause around it
    says ("préparer la rencontre historique de la semaine dernière")."""
    if tok.pos_ != "NOUN" or published is None:
        return False
    sub = subtree(tok)
    lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
    return any(lo <= t.start and t.end <= hi and t.type in ("DATE", "TIME") and (v := date_part(t.value))
               and _before(v, published, 0) for t in timexes)


def _after(value: str, published: dt.date) -> bool:
    b = _bounds(value)
    return b is not None and b[0] > published


def _before(value: str, published: dt.date, days: int) -> bool:
    b = _bounds(value)
    return b is not None and b[1] < published - dt.timedelta(days=days)
