"""Dates as day intervals at their own precision, so "2018-06-12", "2018-W24" and "2018-06" can be compared.

An interval is a pair of proleptic ordinals (first day, last day). A date given only by the publication
(the guideline's default for an undated report) is taken at face value; two days both stated in texts
may differ by one (relative dates resolved across time zones or late editions).
"""
from __future__ import annotations

import datetime as dt

Interval = tuple[int, int]
PUBLICATION_LAG_DAYS = 0  # an undated report is taken at its publication day (precision first)
# Two days stated in texts may differ by one: "mardi soir" here is "mercredi" there (late news, time
# zones), as the annotation guideline's own scorer tolerates. Set to 0 for exact agreement.
STATED_SLACK_DAYS = 1
PRECISION = {"day": 4, "week": 3, "month": 2, "year": 1}
BASIS_RANK = {"explicit": 3, "relative": 2, "publication": 1}


def precision(value: str | None) -> str | None:
    """day | week | month | year for an ISO 8601 value, else None."""
    if not value or not isinstance(value, str):
        return None
    v = value.strip()
    if "-W" in v:
        return "week"
    return {3: "day", 2: "month", 1: "year"}.get(len(v[:10].split("-")))


def parse(value: str | None) -> Interval | None:
    """(first, last) ordinal covered by YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY; None when unparseable."""
    p = precision(value)
    try:
        v = value.strip()[:10] if p != "week" else value.strip()
        if p == "week":
            y, w = v.split("-W")
            first = dt.date.fromisocalendar(int(y), int(w[:2]), 1)
            return first.toordinal(), first.toordinal() + 6
        parts = [int(x) for x in v.split("-")]
    except (ValueError, AttributeError):
        return None
    if p == "day":
        d = dt.date(*parts).toordinal() if _valid(parts) else None
        return (d, d) if d else None
    if p == "month" and 1 <= parts[1] <= 12:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first.toordinal(), nxt.toordinal() - 1
    if p == "year" and len(v) == 4:
        return dt.date(parts[0], 1, 1).toordinal(), dt.date(parts[0], 12, 31).toordinal()
    return None


def _valid(parts: list[int]) -> bool:
    try:
        dt.date(*parts)
        return True
    except ValueError:
        return False


def event_interval(value: str | None, basis: str | None) -> Interval | None:
    """The days an event date can denote; a day taken from the publication date reaches back a little."""
    iv = parse(value)
    if iv and basis == "publication" and iv[0] == iv[1]:
        return iv[0] - PUBLICATION_LAG_DAYS, iv[1]
    return iv


def intersect(a: Interval | None, b: Interval | None) -> Interval | None:
    """Common days of two intervals; an unknown side leaves the other unchanged; None when disjoint."""
    if a is None or b is None:
        return a or b
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


def compatible(a: Interval | None, b: Interval | None, slack: int = 0) -> bool:
    """Two known intervals share at least one day (or come within ``slack`` days of each other)."""
    return a is not None and b is not None and a[0] <= b[1] + slack and b[0] <= a[1] + slack


def rank(value: str | None, basis: str | None) -> tuple[int, int]:
    """How much to trust a date when combining mentions: finer precision first, then stated over assumed."""
    return PRECISION.get(precision(value) or "", 0), BASIS_RANK.get(basis or "", 0)


def iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()
