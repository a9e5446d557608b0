"""One event filter for every reader of the store: the CLI ``events`` and ``timeline`` commands and the API.

``EventFilter(...).where()`` gives a WHERE clause over ``events e`` and its parameters (user input is only
ever bound, never spliced into the SQL). A filter means the same wherever it is used:

- ``actor``: a participant whose knowledge-base id is the value, whose name or mention text contains it
  (ignoring case and accents: ``poutine`` finds "Vladimir Poutine"), or whose ISO country code it is
  (``RUS``); with ``role``, only where that participant is the ``actor`` or the ``recipient``.
- ``country``: ISO 3166 alpha-3 code of a participant or of the event's place.
- ``since`` / ``until``: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (or an ISO week ``YYYY-Www``), inclusive at
  the precision given: ``until=2024-03`` runs to 31 March. Event dates have their own precision; an event
  is kept when the days its date denotes meet the range (an event dated only "2024" is in
  ``since=2024-03``, one dated "2024-W10" is in ``until=2024-03-04``). Undated events are left out as
  soon as a bound is given.
- ``event_type``, ``quad``, ``aux``: equal (type case-insensitive); ``docs``: the events of these documents;
  ``cluster``: the events of this cluster (or the lone event with this id); ``q``: free text in the
  evidence, trigger, participants or article title.

A timeline shows the clusters of the events a filter selects, so it selects what the event list does.

A filter checks its own values when it is made (``FilterError``: an unknown type, quad, aux or role, a
country that is no alpha-3 code, a malformed or impossible date such as ``2023-02-30``, ``until`` before
``since``, text too long or too short), so the CLI (exit 2) and the API (422) refuse the same values with
the same message, named by the option the user typed (``type``, ``since``…).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from chronique.plover import AUX_VALUES, EVENT_TYPES, QUAD

# "col IN_IDS" with one list parameter: a membership test DuckDB plans as one join, not a long OR.
IN_IDS = "IN (SELECT unnest(?::VARCHAR[]))"
# A participant's identity (``participants p``): knowledge-base id when resolved, else its canonical name, else its text.
ACTOR_KEY = "coalesce(p.kb_id, p.name, p.text)"


def stable_mode(expr: str) -> str:
    """SQL for the most frequent value, ties broken the same way on every run (plain ``mode`` is not stable)."""
    return f"mode({expr} ORDER BY {expr})"
# YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www; whether the day or week exists is checked apart (``_days``).
BOUND = re.compile(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?")
BOUND_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www"
COUNTRY = re.compile(r"[A-Za-z]{3}")
ROLES = ("actor", "recipient")
QUADS = tuple(dict.fromkeys(QUAD.values()))
MAX_TEXT = 200   # longest actor, free text, document or cluster id a filter takes
MIN_QUERY = 2    # shortest free text (one letter would match nearly everything)


class FilterError(ValueError):
    """A filter value that cannot be used; the message starts with the option's name and says why."""


def _days(name: str, bound: str) -> tuple[dt.date, dt.date]:
    """The first and last day a bound denotes, or FilterError when it is malformed or no real date."""
    if not BOUND.fullmatch(bound):
        raise FilterError(f"{name}: expected {BOUND_FORMS}, got {bound!r}")
    year, _, rest = bound.partition("-")
    try:
        if rest.startswith("W"):
            first = dt.date.fromisocalendar(int(year), int(rest[1:]), 1)
            return first, first + dt.timedelta(days=6)
        if len(rest) > 2:
            day = dt.date.fromisoformat(bound)
            return day, day
        if rest:
            first = dt.date(int(year), int(rest), 1)
            return first, (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    except ValueError:
        raise FilterError(f"{name}: {bound!r} is not a real date") from None


def _one_of(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    """FilterError unless ``value`` is empty or one of ``allowed``."""
    if value and value not in allowed:
        raise FilterError(f"{name}: unknown value {value!r}; expected one of {', '.join(allowed)}")


def _text(name: str, value: str | None, shortest: int = 1) -> None:
    """FilterError when a free-text value is shorter than ``shortest`` or longer than ``MAX_TEXT`` characters."""
    if value is not None and not shortest <= len(value) <= MAX_TEXT:
        raise FilterError(f"{name}: expected {shortest} to {MAX_TEXT} characters, got {len(value)}")


def normalised(expr: str) -> str:
    """SQL: a case- and accent-insensitive form of ``expr`` (``Hanoï`` matches ``hanoi``)."""
    return f"strip_accents(lower(coalesce({expr}, '')))"


def contains(expr: str) -> str:
    """SQL: ``expr`` contains the next bound parameter, ignoring case and accents."""
    return f"strpos({normalised(expr)}, {normalised('?')}) > 0"


def first_day(expr: str) -> str:
    """SQL: the first day an ISO date string denotes (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY), else NULL."""
    day, week, month, year = _parses(expr)
    return f"coalesce({day}, {week}, {month}, {year})"


def last_day(expr: str) -> str:
    """SQL: the last day an ISO date string denotes, else NULL."""
    day, week, month, year = _parses(expr)
    return f"coalesce({day}, {week} + 6, last_day({month}), last_day({year} + INTERVAL 11 MONTH))"


def _parses(expr: str) -> tuple[str, str, str, str]:
    """SQL: ``expr`` read as a day, the Monday of a week, the first of a month, the first of a year."""
    return (f"try_strptime(left({expr}, 10), '%Y-%m-%d')::DATE", f"try_strptime({expr} || '-1', '%G-W%V-%u')::DATE",
            f"try_strptime({expr}, '%Y-%m')::DATE", f"try_strptime({expr}, '%Y')::DATE")


def _bound(day_of: str) -> str:
    """SQL: a scalar subquery giving ``day_of`` the bound parameter (bound once, read twice)."""
    return f"(SELECT {day_of} FROM (SELECT ?::VARCHAR AS b))"


@dataclass(frozen=True)
class EventFilter:
    """Which stored events to read; every field optional, all given ones must hold (see the module)."""

    actor: str | None = None
    role: str | None = None       # actor | recipient: where ``actor`` must appear
    country: str | None = None
    event_type: str | None = None
    quad: str | None = None
    aux: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    docs: tuple[str, ...] | None = None
    cluster: str | None = None

    def __post_init__(self) -> None:
        _one_of("type", self.event_type and self.event_type.upper(), EVENT_TYPES)
        _one_of("quad", self.quad, QUADS)
        _one_of("aux", self.aux, AUX_VALUES)
        _one_of("role", self.role, ROLES)
        if self.country and not COUNTRY.fullmatch(self.country):
            raise FilterError(f"country: expected an ISO 3166 alpha-3 code such as FRA, got {self.country!r}")
        for name, value in (("actor", self.actor), ("cluster", self.cluster), *(("doc", d) for d in self.docs or ())):
            _text(name, value or None)
        _text("q", self.q, MIN_QUERY)
        self._check_range()

    def _check_range(self) -> None:
        """FilterError when a bound is malformed or impossible, or when ``until`` ends before ``since`` starts."""
        since = _days("since", self.since)[0] if self.since else None
        until = _days("until", self.until)[1] if self.until else None
        if since and until and until < since:
            raise FilterError(f"until: {self.until} ends before since ({self.since}) begins")

    def where(self) -> tuple[str, list]:
        """A WHERE clause over ``events e`` and its parameters."""
        clauses: list[str] = ["TRUE"]
        params: list = []
        for sql, values in self._clauses():
            clauses.append(sql)
            params.extend(values)
        return " AND ".join(clauses), params

    def _clauses(self):
        """(SQL, parameters) of each given filter."""
        if self.actor:
            role = "p.role = ? AND " if self.role else ""
            match = f"(p.kb_id = ? OR {contains('p.name')} OR {contains('p.text')} OR p.country = upper(?))"
            yield (f"e.id IN (SELECT p.event_id FROM participants p WHERE {role}{match})",
                   [*([self.role] if self.role else []), *[self.actor] * 4])
        if self.country:
            yield ("(e.location_country = upper(?) OR e.id IN "
                   "(SELECT event_id FROM participants WHERE country = upper(?)))", [self.country] * 2)
        for column, value in (("event_type", self.event_type and self.event_type.upper()), ("quad", self.quad),
                              ("aux", self.aux)):
            if value:
                yield f"e.{column} = ?", [value]
        if self.docs is not None:
            yield f"e.doc {IN_IDS}", [list(self.docs)]
        if self.cluster:
            yield "coalesce(e.cluster, e.id) = ?", [self.cluster]
        if self.since:
            yield f"{last_day('e.date')} >= {_bound(first_day('b'))}", [self.since]
        if self.until:
            yield f"{first_day('e.date')} <= {_bound(last_day('b'))}", [self.until]
        if self.q:
            people = contains("concat_ws(' ', p.name, p.text)")
            yield (f"({contains('e.evidence')} OR {contains('e.trigger')}"
                   f" OR e.id IN (SELECT p.event_id FROM participants p WHERE {people})"
                   f" OR e.doc IN (SELECT id FROM documents WHERE {contains('title')}))", [self.q] * 4)
