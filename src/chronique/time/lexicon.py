"""Load, validate and compile a language's time data (``lang/<code>/time.yaml``) once."""
from __future__ import annotations

import functools
import pathlib
import re
from dataclasses import dataclass, field

import yaml

LANG_DIR = pathlib.Path(__file__).resolve().parent.parent / "lang"
KINDS = {"date", "day_only", "month", "season", "year", "relday", "weekday", "period", "ago", "in",
         "shift", "duration", "set", "time", "daypart", "anaphor", "holiday", "vague"}
MAPPINGS = ("months", "weekdays", "seasons", "numbers", "ordinals", "units", "day_parts",
            "relative_days", "anaphoric_days", "period_units", "modifiers", "vague")
LISTS = ("vague_numbers", "past_words", "future_words", "this_words", "stop_phrases",
         "date_prepositions", "year_followers", "name_heads")
TENSE_KEYS = ("perfect_aux", "future_aux", "conditional_endings", "past_cue", "future_cue")
_FOLD = {"é": "[ée]", "è": "[èe]", "ê": "[êe]", "ï": "[ïi]", "î": "[îi]", "ô": "[ôo]", "û": "[ûu]"}


class LexiconError(ValueError):
    """Bad language data; the message names the file and the offending entry."""


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

    path: pathlib.Path
    data: dict
    holidays: dict
    rules: list[Rule] = field(default_factory=list)

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


def _need(cond: bool, path, msg: str):
    if not cond:
        raise LexiconError(f"{path}: {msg}")


def _validate(data: dict, path) -> dict:
    _need(isinstance(data, dict), path, "top level must be a mapping")
    for key in MAPPINGS:
        _need(isinstance(data.get(key), dict) and data[key], path, f"'{key}' must be a non-empty mapping")
    for key in LISTS:
        _need(isinstance(data.get(key), list), path, f"'{key}' must be a list")
    for m, n in data["months"].items():
        _need(isinstance(n, int) and 1 <= n <= 12, path, f"months: '{m}' must map to 1..12")
    for d, n in data["weekdays"].items():
        _need(isinstance(n, int) and 1 <= n <= 7, path, f"weekdays: '{d}' must map to 1..7 (ISO)")
    for value, words in data["vague"].items():
        _need(value in {"PAST_REF", "PRESENT_REF", "FUTURE_REF"} and isinstance(words, list), path,
              f"vague: '{value}' must be PAST_REF|PRESENT_REF|FUTURE_REF with a list of phrases")
    _need(isinstance(data.get("rules"), list) and data["rules"], path, "'rules' must be a non-empty list")
    _need(isinstance(data.get("placeholders"), dict), path, "'placeholders' must be a mapping")
    tense = data.get("tense")
    _need(isinstance(tense, dict) and all(k in tense for k in TENSE_KEYS), path,
          f"'tense' must be a mapping with {', '.join(TENSE_KEYS)}")
    return data


def _compile_cues(tense: dict, path) -> dict:
    """Compile the clause-level tense cue regexes once."""
    out = dict(tense)
    for key in ("past_cue", "future_cue"):
        try:
            out[key] = re.compile(tense[key], re.IGNORECASE)
        except re.error as e:
            raise LexiconError(f"{path}: tense.{key}: bad regex: {e}") from None
    return out


def _normalise(data: dict) -> dict:
    """Key every mapping and list by its normalised form."""
    for key in MAPPINGS:
        if key != "vague":
            data[key] = {norm(str(k)): v for k, v in data[key].items()}
    data["vague"] = {norm(w): value for value, words in data["vague"].items() for w in words}
    for key in LISTS:
        data[key] = {norm(str(w)) for w in data[key]}
    return data


def _placeholder(spec: str, data: dict, holidays: dict, path, name: str) -> str:
    if spec == "numbers+digits":
        return r"(?:\d{1,4}|" + alternation(data["numbers"])[3:]
    if spec == "holidays":
        return alternation(holidays)
    if spec in data and isinstance(data[spec], (dict, set)):
        return alternation(data[spec])
    _need(spec not in MAPPINGS + LISTS, path, f"placeholder {name}: '{spec}' is empty")
    return f"(?:{spec})"


def _compile_rule(raw: dict, subs: dict, path) -> Rule:
    name = raw.get("name", "?")
    _need(raw.get("kind") in KINDS, path, f"rule '{name}': kind must be one of {sorted(KINDS)}")
    _need(isinstance(raw.get("pattern"), str), path, f"rule '{name}': missing pattern")

    def expand(m):
        _need(m.group(1) in subs, path, f"rule '{name}': unknown placeholder {{{m.group(1)}}}")
        return subs[m.group(1)]

    body = re.sub(r"\{([A-Z_]+)\}", expand, _template_regex(raw["pattern"]))
    try:
        regex = re.compile(r"(?<![\w-])" + body + r"(?![\w])", re.IGNORECASE)
    except re.error as e:
        raise LexiconError(f"{path}: rule '{name}': bad regex: {e}") from None
    return Rule(name, raw["kind"], regex, raw.get("part"))


def _holidays(path: pathlib.Path) -> dict:
    """name -> ('fixed', 'MM-DD') | ('easter', offset) | ('dated', {year: 'YYYY-MM-DD'})."""
    if not path.exists():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = {}
    for kind in ("fixed", "easter", "dated"):
        for name, val in (raw.get(kind) or {}).items():
            out[norm(name)] = (kind, val)
    return out


def load(lang: str = "fr") -> Lexicon:
    """The validated, compiled time lexicon for ``lang`` (cached: loaded once per process)."""
    return _load(lang)  # one cache entry whether the language is passed or defaulted


@functools.lru_cache(maxsize=None)
def _load(lang: str) -> Lexicon:
    return load_file(LANG_DIR / lang / "time.yaml")


def load_file(path: pathlib.Path) -> Lexicon:
    """Read, validate and compile one time.yaml (and the time_holidays.yaml beside it)."""
    path = pathlib.Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise LexiconError(f"{path}: cannot read time data: {e}") from None
    data = _normalise(_validate(data, path))
    data["tense"] = _compile_cues(data["tense"], path)
    holidays = _holidays(path.with_name("time_holidays.yaml"))
    subs = {k: _placeholder(str(v), data, holidays, path, k) for k, v in data["placeholders"].items()}
    rules = [_compile_rule(r, subs, path) for r in data["rules"]]
    return Lexicon(path, data, holidays, rules)
