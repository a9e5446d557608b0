"""Resolvers: one per rule ``kind``, turning a match's named groups into a TIMEX3 value.

Each resolver gets the groups (text or None), the rule and a ``Context`` and returns
``(value, type)`` or None when the expression cannot be anchored.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import calendar as cal
from .calendar import FUTURE, PAST, PRESENT
from .lexicon import Lexicon, Rule, norm, word_regex


@dataclass
class Context:
    """What a resolver may use: the publication date, the story's current date, the clause tense."""

    lex: Lexicon
    published: dt.date | None
    current: dt.date | None = None  # last day-precision date mentioned (the story's "now")
    direction: str | None = None  # tense of the governing verb
    day: dt.date | None = None  # last day of this sentence, past or future: the day of its clock times and day parts
    timed: dt.date | None = None  # day of the last time of day ("hier soir"): "dans la nuit" goes on from it
    day_before: dt.date | None = None  # last day of the previous sentence: a day part opening this one goes on from it

    @property
    def story(self) -> dt.date | None:
        """Anchor for "la veille", "ce jour-là", clock times: the last date mentioned, else publication."""
        return self.current or self.published


Result = tuple[str, str] | None


def _num(g: dict, lex: Lexicon) -> float | None:
    """Count from digits or number words; None for "plusieurs"/"quelques"; +0.5 with "et demi"."""
    raw = norm(g.get("num") or "1")
    n = float(raw.replace(",", ".")) if raw.replace(",", "", 1).isdigit() else lex.data["numbers"].get(raw)
    if n is None:
        return None
    return n + 0.5 if g.get("half") else n


def _day(raw: str, lex: Lexicon) -> int:
    raw = norm(raw)
    return int(raw) if raw.isdigit() else lex.data["ordinals"].get(raw, 1)


def _year(raw: str | None) -> int | None:
    """A written year; two digits ("octobre 98", "en 02") are 19xx from 70, else 20xx."""
    if not raw:
        return None
    raw = raw.lstrip("'’")
    y = int(raw)
    return y + (2000 if y < 70 else 1900) if len(raw) == 2 else y


def _month(g: dict, lex: Lexicon) -> int | None:
    if g.get("month_num"):
        m = int(g["month_num"])
        return m if 1 <= m <= 12 else None
    return lex.lookup("months", g["month"]) if g.get("month") else None


def _dir(g: dict, lex: Lexicon) -> str | None:
    """PAST for "dernier", FUTURE for "prochain", else None."""
    word = g.get("dir")
    if not word:
        return None
    return PAST if lex.has("past_words", word) else FUTURE if lex.has("future_words", word) else None


def _with_part(d: dt.date, g: dict, rule: Rule, lex: Lexicon) -> Result:
    part = rule.part or (lex.lookup("day_parts", g["part"]) if g.get("part") else None)
    return (f"{d.isoformat()}T{part}", "TIME") if part else (d.isoformat(), "DATE")


def r_date(g: dict, rule: Rule, ctx: Context) -> Result:
    """"le 10 juin", "jeudi 31 mai", "12/06/2018", "1er décembre 2018", "12 juin dernier"."""
    month, day, year = _month(g, ctx.lex), _day(g["day"], ctx.lex), _year(g.get("year"))
    if month is None:
        return None
    isoday = ctx.lex.lookup("weekdays", g["weekday"]) if g.get("weekday") else None
    if year:
        d = cal._safe_date(year, month, day)
    elif ctx.published:
        d = cal.nearest_date(ctx.published, month, day, _dir(g, ctx.lex) or ctx.direction, isoday)
    else:
        return None
    return _with_part(d, g, rule, ctx.lex) if d else None


def r_day_only(g: dict, rule: Rule, ctx: Context) -> Result:
    """"Le 30, ..." after other dates: that day of the story's current month."""
    if not ctx.current:
        return None
    d = cal._safe_date(ctx.current.year, ctx.current.month, _day(g["day"], ctx.lex))
    return (d.isoformat(), "DATE") if d else None


def r_month(g: dict, rule: Rule, ctx: Context) -> Result:
    """"novembre 2017", "en avril dernier", "mi-juin", "au mois de mars"."""
    month, year = _month(g, ctx.lex), _year(g.get("year"))
    if year:
        return f"{year:04d}-{month:02d}", "DATE"
    if not ctx.published:
        return None
    fixed = _dir(g, ctx.lex)
    return cal.nearest_month(ctx.published, month, fixed or ctx.direction, strict=bool(fixed)), "DATE"


def r_year(g: dict, rule: Rule, ctx: Context) -> Result:
    """"2018", "en 2001", "début 2019", "l'an 2000"."""
    return g["year"], "DATE"


def r_season(g: dict, rule: Rule, ctx: Context) -> Result:
    """"au printemps 2017" → 2017-SP; "cet été", "l'hiver dernier" from the publication year."""
    code = ctx.lex.lookup("seasons", g["season"])
    year = _year(g.get("year"))
    if year is None:
        if not ctx.published:
            return None
        year = ctx.published.year + {PAST: -1, FUTURE: 1}.get(_dir(g, ctx.lex), 0)
        if code == "WI" and not g.get("dir") and ctx.published.month <= 3:
            year -= 1  # "cet hiver" in February is the winter that began last December
    return f"{year:04d}-{code}", "DATE"


def r_weekday(g: dict, rule: Rule, ctx: Context) -> Result:
    """"lundi" (by tense), "lundi dernier/prochain", "ce lundi", "mardi soir"."""
    if not ctx.published:
        return None
    isoday = ctx.lex.lookup("weekdays", g["weekday"])
    fixed = _dir(g, ctx.lex)
    if fixed:
        d = cal.weekday_near(ctx.published, isoday, fixed, strict=True)
    elif g.get("this"):
        d = cal.weekday_near(ctx.published, isoday, PRESENT if ctx.direction != FUTURE else FUTURE)
    else:
        d = cal.weekday_near(ctx.published, isoday, ctx.direction or PAST)
    return _with_part(d, g, rule, ctx.lex)


def r_relday(g: dict, rule: Rule, ctx: Context) -> Result:
    """"hier", "avant-hier", "aujourd'hui", "demain", "hier soir", "hier vendredi"."""
    if not ctx.published:
        return None
    offset = ctx.lex.lookup("relative_days", g["rel"])
    return _with_part(ctx.published + dt.timedelta(days=offset), g, rule, ctx.lex)


def r_period(g: dict, rule: Rule, ctx: Context) -> Result:
    """"la semaine dernière" → 2018-W24, "le mois prochain", "cette année", "l'an dernier"."""
    if not ctx.published:
        return None
    unit = ctx.lex.lookup("period_units", g["unit"])
    step = {PAST: -1, FUTURE: 1}.get(_dir(g, ctx.lex), 0)
    if unit == "WE" and g.get("this") and ctx.direction == PAST and ctx.published.isoweekday() < 6:
        step = -1  # "ils se sont rendus ce week-end", read on a weekday: the weekend just gone
    move = {"WE": "W", "Q": "M"}.get(unit, unit)
    d = cal.shift(ctx.published, step * (3 if unit == "Q" else 1), move)
    return cal.period_value(d, unit), "DATE"


def _offset_value(d: dt.date, unit: str) -> str:
    """Precision of "il y a N <unit>": days and weeks → day, months and years → month."""
    if unit in ("M", "Y"):
        return cal.period_value(d, "M")
    if unit in ("DE", "CE"):
        return cal.period_value(d, "Y")
    return d.isoformat()


def _offset(g: dict, ctx: Context, anchor: dt.date | None, sign: int, vague: str) -> Result:
    if not anchor:
        return None
    unit = ctx.lex.lookup("units", g["unit"])
    n = _num(g, ctx.lex)
    if n is None:
        return vague, "DATE"
    return _offset_value(cal.shift(anchor, sign * n, unit), unit), "DATE"


def r_ago(g: dict, rule: Rule, ctx: Context) -> Result:
    """"il y a trois jours" → date; "il y a un an" → month a year back; "il y a quelques jours" → PAST_REF."""
    return _offset(g, ctx, ctx.published, -1, "PAST_REF")


def r_in(g: dict, rule: Rule, ctx: Context) -> Result:
    """"dans deux semaines" → date two weeks after publication."""
    return _offset(g, ctx, ctx.published, 1, "FUTURE_REF")


def r_shift(g: dict, rule: Rule, ctx: Context) -> Result:
    """"trois jours plus tard" / "une semaine plus tôt": counted from the story's current date."""
    sign = -1 if norm(g["sdir"]) in ctx.lex.data["earlier_words"] else 1
    if _num(g, ctx.lex) is None:
        return r_duration(g, rule, ctx)
    return _offset(g, ctx, ctx.story, sign, "PAST_REF" if sign < 0 else "FUTURE_REF")


def r_duration(g: dict, rule: Rule, ctx: Context) -> Result:
    """"pendant trois ans" P3Y, "72 heures" PT72H, "plusieurs jours" PXD, "six jours après" P6D,
    "un quinquennat" P5Y."""
    if g.get("word"):
        return ctx.lex.lookup("duration_words", g["word"]), "DURATION"
    unit = ctx.lex.lookup("units", g["unit"])
    return cal.duration_value(_num(g, ctx.lex), unit), "DURATION"


def r_set(g: dict, rule: Rule, ctx: Context) -> Result:
    """"chaque lundi" XXXX-WXX-1, "tous les ans" P1Y, "tous les deux jours" P2D, "deux fois par semaine" P1W,
    "par semestre" P6M, "annuel" P1Y."""
    if g.get("weekday"):
        return f"XXXX-WXX-{ctx.lex.lookup('weekdays', g['weekday'])}", "SET"
    if g.get("word"):
        return ctx.lex.lookup("set_words", g["word"]), "SET"
    per = ctx.lex.lookup("duration_words", g["unit"])
    if per:
        return per, "SET"
    return cal.duration_value(_num(g, ctx.lex) or 1, ctx.lex.lookup("units", g["unit"])), "SET"


def r_time(g: dict, rule: Rule, ctx: Context) -> Result:
    """"vers 10h", "à 22 heures", "23H05", "minuit" on the day the sentence is at (``Context.day``), else the
    story's current date; "hier à 10 h", "ce jeudi à midi" on the day they name."""
    day = ctx.day or ctx.story
    if g.get("rel") and ctx.published:
        day = ctx.published + dt.timedelta(days=ctx.lex.lookup("relative_days", g["rel"]))
    elif g.get("weekday"):
        on = r_weekday(g, rule, ctx)
        day = dt.date.fromisoformat(on[0][:10]) if on else None
    if not day:
        return None
    named = ctx.lex.data["named_hours"].get(norm(g.get("named") or ""))
    hour, minute = (named, 0) if named is not None else (int(g["hour"]), int(g.get("minute") or 0))
    if hour > 24 or (hour == 24 and minute):
        return None
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}", "TIME"


def r_daypart(g: dict, rule: Rule, ctx: Context) -> Result:
    """"ce matin": the publication day; "dans la soirée", "pendant la nuit": the day of the sentence, else of
    the last time of day ("hier soir ... au cours de la nuit"), else of the sentence before ("... dès mercredi.
    Dans la nuit, ..." is Wednesday night), else the publication day."""
    anchor = ctx.published if g.get("this") else ctx.day or ctx.timed or ctx.day_before or ctx.published
    if not anchor:
        return None
    return f"{anchor.isoformat()}T{ctx.lex.lookup('day_parts', g['part'])}", "TIME"


def r_anaphor(g: dict, rule: Rule, ctx: Context) -> Result:
    """"la veille", "le lendemain", "ce jour-là", "le même jour": from the story's current date."""
    if not ctx.story:
        return None
    offset = ctx.lex.lookup("anaphoric_days", g["rel"])
    return (ctx.story + dt.timedelta(days=offset)).isoformat(), "DATE"


def _holiday_dates(spec, year: int) -> list[dt.date]:
    kind, val = spec
    if kind == "fixed":
        return [dt.date(y, *map(int, val.split("-"))) for y in (year - 1, year, year + 1)]
    if kind == "easter":
        return [cal.easter(y) + dt.timedelta(days=int(val)) for y in (year - 1, year, year + 1)]
    return [dt.date.fromisoformat(v) for y, v in val.items() if abs(int(y) - year) <= 1]


def r_holiday(g: dict, rule: Rule, ctx: Context) -> Result:
    """"l'Aïd al-Adha", "Noël", "Pâques 2019": the occurrence nearest publication (or in the year given)."""
    spec = ctx.lex.holidays.get(_holiday_key(g["holiday"], ctx.lex))
    year = _year(g.get("year")) or (ctx.published.year if ctx.published else None)
    if not spec or not year:
        return None
    dates = _holiday_dates(spec, year)
    if g.get("year"):
        dates = [d for d in dates if d.year == year]
    ref = ctx.published or dt.date(year, 7, 1)
    return (min(dates, key=lambda d: abs((d - ref).days)).isoformat(), "DATE") if dates else None


def _holiday_key(text: str, lex: Lexicon) -> str | None:
    """Map a matched holiday surface form back to its lexicon key (accents/hyphens may differ)."""
    return next((k for k in lex.holidays if re.fullmatch(word_regex(k), norm(text), re.IGNORECASE)), None)


def r_decade(g: dict, rule: Rule, ctx: Context) -> Result:
    """"les années 60" 196X, "les années 1990" 199X, "début des années 2000" 200X (two digits: the 1900s)."""
    digits = g["decade"]
    return (digits if len(digits) == 4 else "19" + digits)[:3] + "X", "DATE"


def r_vague(g: dict, rule: Rule, ctx: Context) -> Result:
    """"bientôt" FUTURE_REF, "récemment" PAST_REF, "actuellement" PRESENT_REF."""
    value = ctx.lex.lookup("vague", g["vague"])
    return (value, "DATE") if value else None


RESOLVERS = {
    "date": r_date, "day_only": r_day_only, "month": r_month, "year": r_year, "season": r_season,
    "weekday": r_weekday, "relday": r_relday, "period": r_period, "ago": r_ago, "in": r_in,
    "shift": r_shift, "duration": r_duration, "set": r_set, "time": r_time, "daypart": r_daypart,
    "anaphor": r_anaphor, "holiday": r_holiday, "vague": r_vague,
    "decade": r_decade,
}
