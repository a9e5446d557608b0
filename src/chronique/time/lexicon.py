"""Load, validate and compile a language's time data (``lang/<code>/time.yaml``) once."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import lang as language
from .starts import StartIndex, can_match_empty

KINDS = {"date", "day_only", "month", "season", "year", "relday", "weekday", "period", "ago", "in",
         "shift", "duration", "set", "time", "daypart", "anaphor", "holiday", "vague", "decade"}
MAPPINGS = ("months", "weekdays", "seasons", "numbers", "ordinals", "units", "day_parts",
            "relative_days", "anaphoric_days", "period_units", "modifiers", "vague", "named_hours",
            "relative_duration", "duration_words", "set_words")
LISTS = ("vague_numbers", "past_words", "future_words", "this_words", "stop_phrases",
         "date_prepositions", "year_followers", "name_heads", "name_linkers", "year_elisions", "month_nouns",
         "earlier_words", "first_day", "set_word_blockers", "since_words", "since_firsts")
TENSE_KEYS = ("future_aux", "conditional_endings", "past_cue", "future_cue")
DATELINE_KEYS = ("before", "after")
WORD_START = r"(?<![\w-])"  # every rule starts at a word start (not inside a word or after a hyphen)
_FOLD = {"é": "[ée]", "è": "[èe]", "ê": "[êe]", "ï": "[ïi]", "î": "[îi]", "ô": "[ôo]", "û": "[ûu]"}


@dataclass(frozen=True)
class Rule:
    """One compiled pattern and the resolver (``kind``) that turns its groups into a value."""

    name: str
    kind: str
    regex: re.Pattern
    part: str | None = None


@dataclass
class Lexicon:
    """A language's time words (lower-cased keys) and its compiled rules, in priority order."""

    data: dict
    holidays: dict
    perfect_aux: frozenset[str]  # lemmas of the compound tenses' auxiliaries (grammar.yaml)
    rules: list[Rule]
    name_before: re.Pattern  # "Mouvement du": the head noun of a name a date completes
    relative_duration: re.Pattern  # "six jours après": a duration counted from another event
    age_before: re.Pattern  # "âgé de", "une fillette de": what makes a following count of years an age
    starts: StartIndex  # which rules can match at a word start, from the characters that follow it

    def lookup(self, table: str, word: str):
        """Value of ``word`` in mapping ``table`` (normalised, accents and hyphens tolerated), or None."""
        key = norm(word)
        found = self.data[table].get(key)
        if found is None:
            found = next((v for k, v in self.data[table].items()
                          if re.fullmatch(word_regex(k), key, re.IGNORECASE)), None)
        return found

    def has(self, table: str, word: str) -> bool:
        """True when ``word`` belongs to list ``table``."""
        return norm(word) in self.data[table]


def norm(word: str) -> str:
    """Lower-case, one space, straight apostrophe: the key form of every word list."""
    return " ".join(word.lower().replace("’", "'").split())


def word_regex(word: str) -> str:
    """Regex for a lexicon word: any whitespace, either apostrophe, hyphen or space, unaccented."""
    out = []
    for ch in norm(word):
        if ch == " ":
            out.append(r"\s+")
        elif ch == "'":
            out.append("['’]")
        elif ch == "-":
            out.append(r"[-\s]?")
        else:
            out.append(_FOLD.get(ch, re.escape(ch)))
    return "".join(out)


def alternation(words) -> str:
    """Non-capturing alternation, longest words first so the regex is greedy on phrases."""
    words = sorted({norm(w) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(word_regex(w) for w in words) + ")"


def _template_regex(pattern: str) -> str:
    """Literal spaces become whitespace runs (" ?" optional), apostrophes match both forms."""
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+").replace("'", "['’]")


def _need(cond: bool, msg: str) -> None:
    if not cond:
        raise ValueError(msg)


def _validate(data: dict) -> dict:
    _need(isinstance(data, dict), "top level must be a mapping")
    for key in MAPPINGS:
        _need(isinstance(data.get(key), dict) and data[key], f"'{key}' must be a non-empty mapping")
    for key in LISTS:
        _need(isinstance(data.get(key), list), f"'{key}' must be a list")
    for m, n in data["months"].items():
        _need(isinstance(n, int) and 1 <= n <= 12, f"months: '{m}' must map to 1..12")
    for d, n in data["weekdays"].items():
        _need(isinstance(n, int) and 1 <= n <= 7, f"weekdays: '{d}' must map to 1..7 (ISO)")
    for h, n in data["named_hours"].items():
        _need(isinstance(n, int) and 0 <= n <= 24, f"named_hours: '{h}' must map to 0..24")
    for w, sense in data["relative_duration"].items():
        _need(sense in ("after", "before"), f"relative_duration: '{w}' must be after|before")
    for value, words in data["vague"].items():
        _need(value in {"PAST_REF", "PRESENT_REF", "FUTURE_REF"} and isinstance(words, list),
              f"vague: '{value}' must be PAST_REF|PRESENT_REF|FUTURE_REF with a list of phrases")
    _need(isinstance(data.get("rules"), list) and data["rules"], "'rules' must be a non-empty list")
    _need(isinstance(data.get("placeholders"), dict), "'placeholders' must be a mapping")
    tense = data.get("tense")
    _need(isinstance(tense, dict) and all(k in tense for k in TENSE_KEYS),
          f"'tense' must be a mapping with {', '.join(TENSE_KEYS)}")
    ages = data.get("ages")
    _need(isinstance(ages, dict) and all(isinstance(ages.get(k), list) and ages[k] for k in ("units", "before")),
          "'ages' must map units and before to non-empty lists")
    dateline = data.get("dateline")
    _need(isinstance(dateline, dict) and all(isinstance(dateline.get(k), str) for k in DATELINE_KEYS),
          f"'dateline' must map {', '.join(DATELINE_KEYS)} to regexes")
    return data


def _compile(table: dict, keys, where: str, flags: int = 0) -> dict:
    """Compile the regexes of one section once."""
    out = dict(table)
    for key in keys:
        try:
            out[key] = re.compile(table[key], flags)
        except re.error as e:
            raise ValueError(f"{where}.{key}: bad regex: {e}") from None
    return out


def _normalise(data: dict) -> dict:
    """Key every mapping and list by its normalised form."""
    for key in MAPPINGS:
        if key != "vague":
            data[key] = {norm(str(k)): v for k, v in data[key].items()}
    data["vague"] = {norm(w): value for value, words in data["vague"].items() for w in words}
    for key in LISTS:
        data[key] = {norm(str(w)) for w in data[key]}
    data["ages"] = {k: {norm(str(w)) for w in v} for k, v in data["ages"].items()}
    return data


def check(data) -> dict:
    """Schema of ``time.yaml``: validated, keyed by normalised words, its own regexes compiled."""
    data = _normalise(_validate(data))
    data["tense"] = _compile(data["tense"], ("past_cue", "future_cue"), "tense", re.IGNORECASE)
    data["dateline"] = _compile(data["dateline"], DATELINE_KEYS, "dateline")
    return data


def parse_holidays(raw) -> dict:
    """Schema of ``time_holidays.yaml``: name -> ('fixed', 'MM-DD') | ('easter', offset) | ('dated', {year: date})."""
    _need(isinstance(raw, dict), "top level must be a mapping")
    out = {}
    for kind in ("fixed", "easter", "dated"):
        for name, val in (raw.get(kind) or {}).items():
            out[norm(name)] = (kind, val)
    return out


def _placeholder(spec: str, data: dict, holidays: dict, name: str) -> str:
    if spec == "numbers+digits":
        return r"(?:\d{1,4}(?:,\d+)?|" + alternation(data["numbers"])[3:]
    if spec == "holidays":
        return alternation(holidays)
    if spec in data and isinstance(data[spec], (dict, set)):
        return alternation(data[spec])
    _need(spec not in MAPPINGS + LISTS, f"placeholder {name}: '{spec}' is empty")
    return f"(?:{spec})"


def _compile_rule(raw: dict, subs: dict) -> Rule:
    name = raw.get("name", "?")
    _need(raw.get("kind") in KINDS, f"rule '{name}': kind must be one of {sorted(KINDS)}")
    _need(isinstance(raw.get("pattern"), str), f"rule '{name}': missing pattern")

    def expand(m):
        _need(m.group(1) in subs, f"rule '{name}': unknown placeholder {{{m.group(1)}}}")
        return subs[m.group(1)]

    body = re.sub(r"\{([A-Z_]+)\}", expand, _template_regex(raw["pattern"]))
    try:
        regex = re.compile(WORD_START + body + r"(?![\w])", re.IGNORECASE)
    except re.error as e:
        raise ValueError(f"rule '{name}': bad regex: {e}") from None
    _need(not can_match_empty(regex), f"rule '{name}': pattern can match the empty string")
    return Rule(name, raw["kind"], regex, raw.get("part"))


def _exact(words) -> str:
    """Non-capturing alternation of the words as written (no accent or hyphen folding)."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@functools.lru_cache(maxsize=None)
def load(lang: str) -> Lexicon:
    """The validated, compiled time lexicon of a language (``time.yaml``, ``time_holidays.yaml``), once."""
    data = language.load(lang, "time", check)
    days = language.load(lang, "time_holidays", parse_holidays, optional=True)
    try:
        subs = {k: _placeholder(str(v), data, days, k) for k, v in data["placeholders"].items()}
        rules = [_compile_rule(r, subs) for r in data["rules"]]
    except ValueError as exc:
        raise language.LanguageDataError(f"{language.path(lang, 'time')}: {exc}") from None
    return Lexicon(data, days, frozenset(language.grammar(lang).perfect_auxiliaries), rules,
                   name_before=re.compile(rf"([\w-]+)\s+{_exact(data['name_linkers'])}\s+$", re.IGNORECASE),
                   relative_duration=re.compile(rf"{_exact(data['relative_duration'])}\s*$", re.IGNORECASE),
                   age_before=re.compile(rf"{WORD_START}{alternation(data['ages']['before'])}\s+$", re.IGNORECASE),
                   starts=StartIndex([r.regex for r in rules]))
