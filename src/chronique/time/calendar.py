"""Calendar arithmetic and TIMEX3 value formatting (no clock is ever read)."""
from __future__ import annotations

import calendar as _cal
import datetime as dt

PAST, FUTURE, PRESENT = "past", "future", "present"


def add_months(d: dt.date, n: int) -> dt.date:
    """``d`` moved by ``n`` calendar months (day clipped to the month's length)."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return d.replace(year=year, month=month, day=min(d.day, _cal.monthrange(year, month)[1]))


def shift(d: dt.date, n: float, unit: str) -> dt.date:
    """``d`` moved by ``n`` units (D, W, M, Y, DE, CE; H/MIN/S round to days)."""
    if unit in ("M", "Y", "DE", "CE"):
        months = {"M": 1, "Y": 12, "DE": 120, "CE": 1200}[unit]
        return add_months(d, round(n * months))
    days = {"D": 1, "W": 7, "H": 1 / 24, "MIN": 1 / 1440, "S": 1 / 86400}.get(unit, 1)
    return d + dt.timedelta(days=round(n * days))


def weekday_near(ref: dt.date, isoday: int, direction: str | None, strict: bool = False) -> dt.date:
    """The ``isoday`` weekday closest to ``ref`` in ``direction`` (past: on/before; future: on/after).

    ``strict`` excludes ``ref`` itself ("lundi dernier" is never today). PRESENT or None
    picks the nearest occurrence either way, ties going to the past.
    """
    back = (ref.isoweekday() - isoday) % 7 or (7 if strict else 0)
    ahead = (isoday - ref.isoweekday()) % 7 or (7 if strict else 0)
    if direction == FUTURE:
        return ref + dt.timedelta(days=ahead)
    if direction == PAST:
        return ref - dt.timedelta(days=back)
    return ref - dt.timedelta(days=back) if back <= ahead else ref + dt.timedelta(days=ahead)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nearest_date(ref: dt.date, month: int, day: int, direction: str | None = None,
                 isoday: int | None = None) -> dt.date | None:
    """Year-less day+month: the occurrence nearest ``ref`` (dernier: on/before, prochain: on/after).

    Rule: "le 2 janvier" in a 30 December article is the coming 2 January; "le 28 décembre"
    in a 3 January article is the past one. A weekday given with it ("jeudi 31 mai") picks the
    year where that day is that weekday, when one of the three candidates fits.
    """
    cands = [c for y in (ref.year - 1, ref.year, ref.year + 1) if (c := _safe_date(y, month, day))]
    if isoday and any(c.isoweekday() == isoday for c in cands):
        cands = [c for c in cands if c.isoweekday() == isoday]
    if direction == PAST:
        cands = [c for c in cands if c <= ref] or cands
    elif direction == FUTURE:
        cands = [c for c in cands if c >= ref] or cands
    return min(cands, key=lambda c: (abs((c - ref).days), c > ref)) if cands else None


def nearest_month(ref: dt.date, month: int, direction: str | None = None, strict: bool = True) -> str:
    """Year-less month: nearest to ``ref``; "dernier" is the latest before this month, "prochain" after.

    With ``strict`` False the current month counts (a future verb: "en juin" said in June).
    """
    cands = [(y, month) for y in (ref.year - 1, ref.year, ref.year + 1)]
    here = (ref.year, ref.month)
    if direction == PAST:
        cands = [c for c in cands if c < here or (not strict and c == here)]
    elif direction == FUTURE:
        cands = [c for c in cands if c > here or (not strict and c == here)]
    dist = lambda c: abs((c[0] - here[0]) * 12 + c[1] - here[1])  # noqa: E731
    y, m = min(cands, key=lambda c: (dist(c), c > here))
    return f"{y:04d}-{m:02d}"


def iso_week(d: dt.date) -> str:
    """TIMEX3 week value (ISO year, which differs from the calendar year around 1 January)."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def easter(year: int) -> dt.date:
    """Western (Gregorian) Easter Sunday, anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def period_value(d: dt.date, unit: str) -> str:
    """The TIMEX3 value of the period of kind ``unit`` containing ``d``."""
    if unit == "W":
        return iso_week(d)
    if unit == "WE":
        return iso_week(d) + "-WE"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "Y":
        return f"{d.year:04d}"
    return d.isoformat()


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P3Y, P1W, PT72H, PXD for an unknown count; halves go to the smaller unit."""
    timed = unit in ("H", "MIN", "S")
    letter = {"MIN": "M"}.get(unit, unit)
    prefix = "PT" if timed else "P"
    if n is None:
        return f"{prefix}X{letter}"
    if n != int(n):
        smaller = {"Y": (12, "P", "M"), "M": (30, "P", "D"), "W": (7, "P", "D"), "D": (24, "PT", "H"),
                   "H": (60, "PT", "M"), "DE": (10, "P", "Y"), "CE": (100, "P", "Y")}.get(unit)
        if smaller:
            k, prefix, letter = smaller
            n = n * k
    return f"{prefix}{round(n) if n == int(n) else n}{letter}"
