"""Language data: one folder per language code, loaded and validated once."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANG_DIR = Path(__file__).parent


class LanguageDataError(ValueError):
    """A language data file is missing or malformed; the message names the file and entry."""


@lru_cache(maxsize=None)
def load_yaml(lang: str, name: str) -> dict:
    """Read ``lang/<lang>/<name>.yaml`` as a mapping, failing with the file's path."""
    path = LANG_DIR / lang / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LanguageDataError(f"{path}: language data file not found") from exc
    except yaml.YAMLError as exc:
        raise LanguageDataError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise LanguageDataError(f"{path}: expected a mapping at the top level")
    return data


@lru_cache(maxsize=None)
def load_words(lang: str, name: str, key: str, required: bool = True) -> frozenset[str]:
    """One list of words from ``lang/<lang>/<name>.yaml``, validated; a missing optional list is empty."""
    words = load_yaml(lang, name).get(key)
    if words is None and not required:
        return frozenset()
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise LanguageDataError(f"{LANG_DIR / lang / (name + '.yaml')}: '{key}' must be a list of words")
    return frozenset(words)
