"""Infer a publication date when the source gives none: page metadata, URL, dateline, content."""
from __future__ import annotations

import datetime as dt
import re

from .lexicon import Lexicon, alternation, load
from .tagger import candidates, select, tag_candidates

# Rule kinds (time.yaml) whose value depends on the publication date.
RELATIVE_KINDS = {"weekday", "relday", "day_only", "ago", "in", "shift", "daypart"}

_URL_PATTERNS = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$|[-_])"),  # /2018/06/18/
    re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})(?:/|$|[-_])"),  # /2018-06-18/
    re.compile(r"/((?:19|20)\d{2})(\d{2})/(\d{2})/"),  # /201806/18/
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|-|_|\.|\d{6,})"),  # /20180415/, /20181114-, /201811141038...
)
_ISO = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")


def _date(y, m, d) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def from_url(url: str | None) -> dt.date | None:
    """A date written in the URL path (/2018/06/18/, 201806/18, 20181114-, /20180415/)."""
    for pat in _URL_PATTERNS:
        for m in pat.finditer(url or ""):
            if d := _date(*m.groups()):
                return d
    return None


def from_html(html_date: str | None) -> dt.date | None:
    """An ISO date (or datetime) from page metadata such as article:published_time."""
    m = _ISO.search(html_date or "")
    return _date(*m.groups()) if m else None


def _full_dates(text: str, lang: str):
    """Day-precision dates written with their year, with their spans."""
    for c, t in tag_candidates(text, None, lang=lang):
        if t.type in ("DATE", "TIME") and re.match(r"^\d{4}-\d{2}-\d{2}", t.value) and c.groups.get("year"):
            yield t


def from_dateline(text: str, lang: str, head: int = 600) -> dt.date | None:
    """"PARIS, 18 juin 2018 (AFP) -", "Publié le 18/06/2018" near the top of the text (time.yaml ``dateline``)."""
    top = text[:head]
    cue = load(lang).data["dateline"]
    for t in _full_dates(top, lang):
        before, after = top[max(0, t.start - 45):t.start], top[t.end:t.end + 20]
        if cue["before"].search(before) or cue["after"].match(after):
            return dt.date.fromisoformat(t.value[:10])
    return None


def _weekday_dates(text: str, lex: Lexicon):
    wd, mo = alternation(lex.data["weekdays"]), alternation(lex.data["months"])
    first = "|".join(re.escape(w) for w in sorted(lex.data["first_day"]))
    pat = re.compile(rf"\b({wd})\s+({first}|\d{{1,2}})\s+({mo})(?!\s+\d)", re.IGNORECASE)
    for m in pat.finditer(text):
        day = 1 if m.group(2).lower() in lex.data["first_day"] else int(m.group(2))
        yield lex.lookup("weekdays", m.group(1)), lex.lookup("months", m.group(3)), day


def from_content(text: str, lang: str, year_hint: int | None = None) -> dt.date | None:
    """The latest "jeudi 31 mai"-style date whose weekday fits a year near the text's own years.

    Candidate years run from the latest year the text mentions (or ``year_hint``) 15 years on;
    each weekday+date pair narrows them; the earliest remaining year wins.
    """
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", text)]
    low = year_hint or (max(years) if years else None)
    if low is None:
        return None
    cands, best = set(range(low, low + 16)), None
    for isoday, month, day in _weekday_dates(text, load(lang)):
        fits = {y for y in cands if (d := _date(y, month, day)) and d.isoweekday() == isoday}
        if fits:
            cands = fits
            best = (month, day)
    return _date(min(cands), *best) if best else None


def _first_relative(text: str, lang: str) -> int:
    """Where the first expression that needs the publication date ("mardi", "hier", "le 12") starts."""
    starts = [c.start for c in select(candidates(text, load(lang))) if c.rule.kind in RELATIVE_KINDS]
    return min(starts, default=len(text))


def from_full_dates(text: str, lang: str) -> dt.date | None:
    """The latest date written with its year before the first relative one ("Le 15 avril 2019 … Mardi"):
    the story is told from there. Full dates after it may be announced ones ("d'ici le 15 avril 2024");
    with no full date before it, the latest of the text."""
    dates = [(t.start, dt.date.fromisoformat(t.value[:10])) for t in _full_dates(text, lang)]
    first = _first_relative(text, lang)
    before = [d for start, d in dates if start < first]
    return max(before or [d for _, d in dates], default=None)


def infer_published(text: str, url: str | None, html_date: str | None, lang: str,
                    year_hint: int | None = None) -> tuple[dt.date | None, str | None]:
    """(date, basis) with basis page|url|dateline|content, or (None, None) when nothing dates the text."""
    for basis, found in (("page", lambda: from_html(html_date)), ("url", lambda: from_url(url)),
                         ("dateline", lambda: from_dateline(text or "", lang)),
                         ("content", lambda: from_content(text or "", lang, year_hint)),
                         ("content", lambda: from_full_dates(text or "", lang))):
        d = found()
        if d:
            return d, basis
    return None, None
