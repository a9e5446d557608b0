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
