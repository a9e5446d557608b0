"""Date an event from its trigger, the parse and the document's time expressions."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..model import Timex
from ..parse import ancestors, children, sentence, tokens
from . import calendar as cal
from .lexicon import Lexicon, alternation, load, norm
from .tense import governing_verb

_DATED = re.compile(r"^\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}|SP|SU|FA|WI|Q\d))?")


@lru_cache(maxsize=None)
def _explicit_regex(lang: str) -> re.Pattern:
    lex = load(lang)
    day = lex.data["placeholders"]["DAY"]
    return re.compile(rf"\b(?:1[89]|20)\d{{2}}\b|\b(?:{day})\s+{alternation(lex.data['months'])}", re.IGNORECASE)


def basis_of(timex: Timex, lang: str) -> str:
    """"explicit" when the text states the date (a year, or a day and month), else "relative"."""
    return "explicit" if _explicit_regex(lang).search(timex.text) else "relative"


def date_part(value: str) -> str | None:
    """An event date at the text's precision: drop clock parts; seasons and quarters become the year."""
    m = _DATED.match(value or "")
    if not m:
        return None
    v = m.group(0)
    return v[:4] if v[5:6] in ("S", "F", "W", "Q") and "-W" not in v else v


def _start(value: str) -> dt.date | None:
    """First day of a date value (to reject dates after publication)."""
    try:
        if "-W" in value:
            y, w = value.split("-W")
            return dt.date.fromisocalendar(int(y), int(w[:2]), 1)
        parts = [int(p) for p in value.split("-")]
        return dt.date(parts[0], *(parts[1:] + [1, 1][len(parts) - 1:]))
    except ValueError:
        return None


def _token_span(doc, t: Timex):
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _root(span):
    """The span's syntactic root, as the open ``Parse``'s token when there is one."""
    return tokens(span.doc)[span.root.i]


def _attached(trigger, root) -> bool:
    """The expression sits in the trigger's clause: same governing verb, or one dominates the other."""
    if trigger in ancestors(root) or root in ancestors(trigger):
        return True
    verb = governing_verb(trigger)
    return verb is not None and verb == governing_verb(root)


def _in_sentence(doc, trigger, timexes):
    """The sentence's time expressions that can date the trigger: not those inside a subordinate
    clause that does not hold it ("Lavrov s'est rendu à Pyongyang, que Kim avait quitté en avril")."""
    sent = sentence(trigger)
    above = {trigger.i, *(a.i for a in ancestors(trigger))}
    for t in timexes:
        if t.start >= sent.start_char and t.end <= sent.end_char and (span := _token_span(doc, t)):
            clause = governing_verb(_root(span))
            if clause is None or clause.head.i == clause.i or clause.i in above:
                yield t, span


def _score(trigger, t: Timex, span) -> tuple:
    dist = min(abs(trigger.i - span.start), abs(trigger.i - (span.end - 1)))
    return (0 if _attached(trigger, _root(span)) else 1, dist)


def _since(trigger, span, lex: Lexicon) -> bool:
    """The date a first of its kind is counted from ("le premier sommet depuis 2007"): it does not date it."""
    if trigger.pos_ != "NOUN" or not any(lex.has("since_firsts", c.text) for c in children(trigger)
                                         if c.dep_ in ("amod", "nummod")):
        return False
    first = span[0]
    return any(lex.has("since_words", w) for w in [first.text] + ([first.nbor(-1).text] if first.i > 0 else []))


def _usable(t: Timex, published: dt.date | None) -> bool:
    """A concrete date not after publication (later dates are plans, dated when announced)."""
    v = date_part(t.value) if t.type in ("DATE", "TIME") else None
    if not v:
        return False
    start = _start(v)
    return start is not None and (published is None or start <= published)


def _duration_anchor(trigger, dated, published, lex: Lexicon):
    """"six jours après la rencontre": the event after "après" is N units before the clause's date
    (time.yaml ``relative_duration``)."""
    for t, span in dated:
        found = lex.relative_duration.search(t.text)
        if t.type != "DURATION" or not found or trigger.i < span.end:
            continue
        m = re.match(r"P(T?)(\d+)([DWMY])$", t.value)
        others = [o for o, _ in dated if _usable(o, published)]
        base = _start(date_part(others[0].value)) if others else published
        if not m or m.group(1) or base is None:
            continue
        sign = 1 if lex.data["relative_duration"][norm(found.group(0))] == "before" else -1
        return cal.shift(base, sign * int(m.group(2)), m.group(3)).isoformat(), "relative"
    return None


LEAD_SENTENCES = 2  # the lead of a dispatch: its first sentences (title line included when there is one)
NEWS_DAY_LAG = 1  # the lead's day may be the publication day or the day before ("dimanche", read on Monday)


def news_day(doc, timexes: list[Timex], published: dt.date | None) -> dt.date | None:
    """The day the story reports: the first single day the lead states, when it is the publication day
    or the day before. Undated events of the story are dated to it (the guideline resolves dates
    "against the publication date and the story's other dates"): a summit held "ce dimanche" and
    reported on Monday dates the ultimatum it issued, which the third paragraph gives undated."""
    if published is None:
        return None
    lead_end = next((s.end_char for n, s in enumerate(doc.sents, 1) if n == LEAD_SENTENCES), None)
    if lead_end is None:  # doc.text joins every token again: only for a document shorter than its lead
        lead_end = len(doc.text)
    for t in sorted(timexes, key=lambda t: t.start):
        if t.start >= lead_end:
            break
        v = date_part(t.value) if t.type in ("DATE", "TIME") else None
        day = _start(v) if v and len(v) == 10 else None
        if day is not None and 0 <= (published - day).days <= NEWS_DAY_LAG:
            return day
    return None


def on_story_day(date: str | None, basis: str, story_day: dt.date | None) -> tuple[str | None, str]:
    """A news event dated only by the publication takes the story's day (``news_day``) instead."""
    if basis == "publication" and story_day is not None and date != story_day.isoformat():
        return story_day.isoformat(), "relative"
    return date, basis


def _complement_day(doc, trigger, timexes: list[Timex], published: dt.date | None,
                    lang: str) -> tuple[str, str] | None:
    """"au lendemain d'un accord": the accord is dated one day before the clause (time.yaml
    ``complement_day_offsets``), when the clause has a day date."""
    offsets = load(lang).data.get("complement_day_offsets") or {}
    head = trigger.head
    if trigger.dep_ != "nmod" or head.i == trigger.i or head.lemma_.lower() not in offsets:
        return None
    value, _ = event_date(doc, head.i, timexes, published, lang)
    day = _start(value) if value and len(value) == 10 else None
    if day is None:
        return None
    return (day + dt.timedelta(days=int(offsets[head.lemma_.lower()]))).isoformat(), "relative"


def event_date(doc, trigger_i: int, timexes: list[Timex], published: dt.date | None,
               lang: str) -> tuple[str | None, str]:
    """(ISO date at the text's precision, basis) for the event whose trigger is ``doc[trigger_i]``.

    Order: a date expression attached to the trigger's clause; else the nearest in its sentence;
    "N jours après X" dates X N days before the clause's date; else the publication date
    (which ``on_story_day`` may then move to the story's day).
    Vague references, durations and sets never date an event.
    """
    trigger = doc[trigger_i]
    shifted = _complement_day(doc, trigger, timexes, published, lang)
    if shifted:
        return shifted
    in_sent = list(_in_sentence(doc, trigger, timexes))
    lex = load(lang)
    rel = _duration_anchor(trigger, in_sent, published, lex)
    if rel:
        return rel
    dated = [(t, s) for t, s in in_sent if _usable(t, published) and not _since(trigger, s, lex)]
    if dated:
        best, _ = min(dated, key=lambda ts: _score(trigger, *ts))
        return date_part(best.value), basis_of(best, lang)
    if published:
        return published.isoformat(), "publication"
    return None, "unknown"
