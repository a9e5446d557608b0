"""Find time expressions (all rules, longest match wins) and resolve them in reading order."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import Timex
from .calendar import FUTURE, PAST
from .lexicon import WORD_START, Lexicon, Rule, load, norm
from .resolve import RESOLVERS, Context
from .starts import DEPTH
from .tense import direction_from_doc, direction_from_text

_DAY_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_NEEDS_TENSE = {"weekday", "date", "month", "time", "period"}
_WORD_BEFORE = re.compile(r"([\w'’-]+)\W*$")
_WORD_AFTER = re.compile(r"^[\s\xa0]+([a-zà-ÿ][\w'’-]*)")
_CLOCK_KINDS = {"time", "daypart"}
_DAY_KINDS = {"weekday", "relday", "date"}
_DAY_AFTER_CLOCK = re.compile(r"[\s,]{1,3}")
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n")
_WORD_STARTS = re.compile(WORD_START, re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A rule match before resolution."""

    start: int
    end: int
    rule: Rule
    order: int
    groups: dict


def _span(m: re.Match) -> tuple[int, int]:
    """The match span without a leading ``pre`` group (prepositions kept out of the expression)."""
    start = m.end("pre") if "pre" in m.re.groupindex and m.group("pre") else m.start()
    while start < m.end() and m.string[start].isspace():
        start += 1
    return start, m.end()


def _word_before(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text[max(0, start - 30):start])
    return norm(m.group(1)) if m else ""


def _plausible_year(text: str, c: Candidate, lex: Lexicon) -> bool:
    """A bare 4-digit number is a year after a date preposition or when no noun follows it."""
    if c.groups.get("mod") or c.end - c.start > 4:
        return True
    before = _word_before(text, c.start)
    if before in lex.data["date_prepositions"] or before.endswith(tuple(lex.data["year_elisions"])):
        return True
    if c.start and (text[c.start - 1].isdigit() or text[c.start - 1] in ".,"):
        return False
    after = _WORD_AFTER.match(text[c.end:c.end + 30])
    return not after or norm(after.group(1)) in lex.data["year_followers"]


def _in_name(text: str, start: int, lex: Lexicon) -> bool:
    """"Mouvement du 23 mars": a date inside a proper name."""
    m = lex.name_before.search(text[max(0, start - 40):start])
    return bool(m) and norm(m.group(1)) in lex.data["name_heads"]


def _timestamp_line(text: str, c: Candidate) -> bool:
    """A live-blog time stamp alone on its line ("19H58") heads an entry; it is not in the prose."""
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return line.strip() == text[c.start:c.end].strip()


_COUNT_AT_END = re.compile(r"(.*?)\S+\s+\S+$", re.S)
_AFTER_NAME = re.compile(r"[A-ZÀ-Ý][\w-]+\s*[,(]\s*$")
_CLOSE = re.compile(r"\s*[,)]")


def _is_age(text: str, c: Candidate, lex: Lexicon) -> bool:
    """"âgé de 54 ans", "les moins de 17 ans", "Alain Parmentier, 53 ans,": an age, not a duration."""
    if c.groups.get("pre") or norm(c.groups.get("unit") or "") not in lex.data["ages"]["units"]:
        return False
    before = text[max(0, c.start - 40):c.start]
    head = _COUNT_AT_END.match(text[c.start:c.end])
    if lex.age_before.search(before + (head.group(1) if head else "")):
        return True
    return bool(_AFTER_NAME.search(before) and _CLOSE.match(text, c.end))


def _plausible(text: str, c: Candidate, lex: Lexicon) -> bool:
    """Reject stop phrases (unless a preposition makes them time: "depuis des années"), quantities read as years, and bare month names ("mai" alone)."""
    if not c.groups.get("pre") and norm(text[c.start:c.end]) in lex.data["stop_phrases"]:
        return False
    if c.rule.kind in ("date", "day_only", "month") and _in_name(text, c.start, lex):
        return False
    if c.rule.kind == "time" and _timestamp_line(text, c):
        return False
    if c.rule.kind == "duration" and _is_age(text, c, lex):
        return False
    if c.rule.kind == "set" and c.groups.get("word") and _word_before(text, c.start) in lex.data["set_word_blockers"]:
        return False  # "les quotidiens": the newspapers
    if c.rule.kind == "year":
        return _plausible_year(text, c, lex)
    if c.rule.kind == "month":
        g = c.groups
        return bool(g.get("pre") or g.get("mod") or g.get("year") or g.get("dir")
                    or any(w in text[c.start:c.end].lower() for w in lex.data["month_nouns"]))
    return True


def matches(text: str, lex: Lexicon) -> list[list[re.Match]]:
    """Each rule's matches, the very ones of ``rule.regex.finditer(text)``, in one pass: a rule is tried only at
    the word starts whose next characters can begin it (``StartIndex``), not at every position of the text."""
    found: list[list[re.Match]] = [[] for _ in lex.rules]
    ends = [0] * len(lex.rules)
    rules_at, regexes = lex.starts.rules_at, [rule.regex for rule in lex.rules]
    for pos in map(re.Match.start, _WORD_STARTS.finditer(text)):
        for i in rules_at[text[pos:pos + DEPTH]]:
            if pos >= ends[i] and (m := regexes[i].match(text, pos)):
                found[i].append(m)
                ends[i] = m.end()
    return found


def candidates(text: str, lex: Lexicon) -> list[Candidate]:
    """Every plausible rule match in ``text``."""
    out = []
    for order, (rule, found) in enumerate(zip(lex.rules, matches(text, lex))):
        for m in found:
            start, end = _span(m)
            if end > start:
                c = Candidate(start, end, rule, order, m.groupdict())
                if _plausible(text, c, lex):
                    out.append(c)
    return out


def select(cands: list[Candidate]) -> list[Candidate]:
    """Longest non-overlapping matches (ties: the rule listed first), in text order."""
    taken: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.order, c.start)):
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _relative_complement(text: str, c: Candidate, prev: Candidate | None, lex: Lexicon) -> str | None:
    """"trois jours avant le référendum de dimanche": a day named in the complement of "N jours avant" lies
    after the clause's date (FUTURE), of "N jours après" before it (PAST), whatever the verb's tense
    (time.yaml ``relative_duration``)."""
    if prev is None or not prev.groups.get("sdir") or _SENTENCE_END.search(text, prev.end, c.start):
        return None
    side = lex.data["relative_duration"].get(norm(prev.groups["sdir"]))
    return {"before": FUTURE, "after": PAST}.get(side)


def _direction(text: str, c: Candidate, doc, lex: Lexicon, prev: Candidate | None = None) -> str | None:
    """Tense of the clause for weekdays (default past) and year-less dates (only a future counts); a day in
    the complement of "N jours avant/après" takes the side that relation gives it."""
    if c.rule.kind not in _NEEDS_TENSE or c.groups.get("year"):
        return None
    if c.rule.kind == "weekday" and (side := _relative_complement(text, c, prev, lex)):
        return side
    found = direction_from_doc(doc, c.start, c.end, lex) if doc is not None else None
    found = found or direction_from_text(text, c.start, c.end, lex)
    if c.rule.kind == "weekday" or c.groups.get("weekday") and c.rule.kind == "time":
        return found or PAST
    if c.rule.kind == "period":
        return found
    return FUTURE if found == FUTURE else None


def _advance(ctx: Context, value: str, kind: str) -> bool:
    """A day-precision date becomes the day the sentence's clock times belong to; on or before publication,
    also the story's current date. True when ``value`` is such a date."""
    m = _DAY_VALUE.match(value)
    if not m:
        return False
    d = dt.date.fromisoformat(m.group(1))
    ctx.day = d
    if "T" in value:
        ctx.timed = d
    if kind != "anaphor" and (ctx.published is None or d <= ctx.published):
        ctx.current = d
    return True


def _reading_order(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Text order, except that a clock time followed by its day ("vers 0 h 40, jeudi", "à 10 h, hier")
    is resolved after that day."""
    order = list(chosen)
    for i in range(len(order) - 1):
        c, nxt = order[i], order[i + 1]
        if (c.rule.kind in _CLOCK_KINDS and nxt.rule.kind in _DAY_KINDS
                and _DAY_AFTER_CLOCK.fullmatch(text[c.end:nxt.start])):
            order[i], order[i + 1] = nxt, c
    return order


def resolve_all(text: str, chosen: list[Candidate], published, doc, lex: Lexicon, doc_id: str):
    """Resolve candidates in reading order; yields (Candidate, Timex) in text order."""
    ctx = Context(lex, published)
    out = []
    day_end, last_day, prev = 0, None, None
    for c in _reading_order(text, chosen):
        ctx.direction = _direction(text, c, doc, lex, prev)
        prev = c
        ends = len(_SENTENCE_END.findall(text, day_end, max(day_end, c.start)))
        if ends:
            ctx.day = None  # a day named in an earlier sentence does not date this one's clock times
        ctx.day_before = last_day if ends == 1 else None
        try:
            res = RESOLVERS[c.rule.kind](c.groups, c.rule, ctx)
        except (ValueError, OverflowError):  # "il y a 30 siècles": off the calendar, not a date we can give
            continue
        if res is None:
            continue
        value, ttype = res
        if _advance(ctx, value, c.rule.kind):
            day_end, last_day = c.end, ctx.day
        out.append((c, Timex(doc_id, text[c.start:c.end], c.start, c.end, value, ttype)))
    return sorted(out, key=lambda ct: ct[0].start)


def tag_candidates(text: str, published: dt.date | None, doc_id: str = "", doc=None, *, lang: str):
    """Like ``tag`` but keeps the rule that produced each expression: list of (Candidate, Timex)."""
    lex = load(lang)
    return list(resolve_all(text, select(candidates(text, lex)), published, doc, lex, doc_id))
