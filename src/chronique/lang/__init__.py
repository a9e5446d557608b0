"""Language data: one folder per language code (``lang/<code>/``), read and validated once per language.

Every stage reads its words through ``load``, checked against the schema the reader gives (a
pydantic model, or a function that validates and compiles the mapping); a bad file fails naming
the file and the entry. The function words several stages share are ``grammar``; the parse
repairs that must stay code are ``syntax`` (``lang/<code>/syntax.py``).
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

LANG_DIR = Path(__file__).parent
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".tsv", ".csv", ".txt")

Schema = type[BaseModel] | Callable[[Any], Any]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LanguageDataError(ValueError):
    """A language data file is missing or malformed; the message names the file and entry."""


def path(lang: str, name: str) -> Path:
    """Where ``lang/<lang>/<name>.yaml`` lives (the only definition of the folder's place)."""
    return LANG_DIR / lang / f"{name}.yaml"


def data_files() -> list[Path]:
    """Every data file of every language, in a stable order: a change of wording re-processes documents."""
    return sorted(p for p in LANG_DIR.rglob("*") if p.is_file() and p.suffix in DATA_SUFFIXES)


@lru_cache(maxsize=None)
def load(lang: str, name: str, schema: Schema, optional: bool = False):
    """``lang/<lang>/<name>.yaml`` checked against ``schema``, once per language, file and schema.

    A missing ``optional`` file is read as an empty mapping.
    """
    where = path(lang, name)
    if optional and not where.exists():
        return _check({}, schema, where)
    return read(where, schema)


def read(where: Path, schema: Schema, error: type[ValueError] = LanguageDataError):
    """Any YAML file checked against ``schema``; ``error`` (naming the file and entry) if it is not valid."""
    try:
        data = yaml.load(Path(where).read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError as exc:
        raise error(f"{where}: data file not found") from exc
    except yaml.YAMLError as exc:
        raise error(f"{where}: not valid YAML: {exc}") from exc
    return _check({} if data is None else data, schema, where, error)


def _check(data: Any, schema: Schema, where: Path, error: type[ValueError] = LanguageDataError):
    """Validate parsed data: a pydantic model, or a function raising ValueError with the entry named."""
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        try:
            return schema.model_validate(data)
        except ValidationError as exc:
            raise error(f"{where}: {_describe(exc, data)}") from exc
    try:
        return schema(data)
    except ValueError as exc:
        raise error(f"{where}: {exc}") from exc


def _describe(exc: ValidationError, data: Any) -> str:
    """First validation problem as 'entry N (name): field: message'."""
    err = exc.errors()[0]
    loc = err["loc"]
    where = ".".join(str(p) for p in loc)
    entry = None
    if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data, dict):
        items = data.get(loc[0]) or []
        if loc[1] < len(items) and isinstance(items[loc[1]], dict):
            item = items[loc[1]]
            entry = item.get("name") or item.get("iso3") or item.get("id") or item.get("fr")
    label = f"entry {loc[1]} ({entry})" if entry else where
    return f"{label}: {where}: {err['msg']} ({exc.error_count()} error(s))"


def word_lists(data: Any) -> dict[str, frozenset[str]]:
    """Schema of a file of named word lists: every value a list of words."""
    if not isinstance(data, dict):
        raise ValueError("expected a mapping of word lists")
    for key, value in data.items():
        if not (isinstance(value, list) and all(isinstance(w, str) for w in value)):
            raise ValueError(f"'{key}' must be a list of words")
    return {key: frozenset(value) for key, value in data.items()}


def words(lang: str, name: str, key: str) -> frozenset[str]:
    """One list of words from ``lang/<lang>/<name>.yaml``; a missing list fails naming file and key."""
    lists = load(lang, name, word_lists)
    if key not in lists:
        raise LanguageDataError(f"{path(lang, name)}: missing list '{key}'")
    return lists[key]


class Grammar(BaseModel):
    """Function words by grammatical role (``grammar.yaml``), for the language-neutral code of every stage."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    articles: tuple[str, ...]
    contractions: dict[str, tuple[str, ...]]
    pair_conjunctions: tuple[str, ...]
    reflexive_clitics: tuple[str, ...]
    indirect_clitics: tuple[str, ...]
    perfect_auxiliaries: tuple[str, ...]
    enumeration: tuple[str, ...]
    unaccusative_verbs: frozenset[str] = frozenset()

    def forms(self, prep: str) -> frozenset[str]:
        """A preposition and its fused or elided forms ("à" -> à, au, aux)."""
        return frozenset((prep, *self.contractions.get(prep, ())))


def grammar(lang: str) -> Grammar:
    """The language's function words, validated once."""
    return load(lang, "grammar", Grammar)


@lru_cache(maxsize=None)
def syntax(lang: str) -> ModuleType:
    """The language's parse repairs (``lang/<code>/syntax.py``, as spaCy's ``syntax_iterators``)."""
    module = f"{__name__}.{lang}.syntax"
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name not in (module, f"{__name__}.{lang}"):
            raise
        raise LanguageDataError(f"{LANG_DIR / lang / 'syntax.py'}: no parse repairs for language {lang!r}") from exc
