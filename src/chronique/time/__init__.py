"""The time stage: time expressions → TIMEX3 values anchored on the publication date.

    tag(text, published, doc_id="", doc=None, lang="fr") -> list[Timex]
    event_date(doc, trigger_i, timexes, published, lang) -> (value | None, basis)
    news_day(doc, timexes, published) -> the day the lead reports, if the day of or before publication
    on_story_day(value, basis, story_day) -> an undated news event moved to the story's day
    date_part(value) -> an event date at the text's precision
    governing_verb(token) -> the nearest verb above a token
    is_pluperfect(token, lang) -> bool
    infer_published(text, url, html_date, lang) -> (date | None, basis)

The rules are data (``lang/<code>/time.yaml``); this package is the language-neutral engine.
"""
from __future__ import annotations

import datetime as dt

from ..model import Timex
from .anchor import date_part, event_date, news_day, on_story_day
from .published import infer_published
from .tagger import tag_candidates
from .tense import governing_verb, is_pluperfect

__all__ = ["tag", "event_date", "news_day", "on_story_day", "date_part", "governing_verb", "is_pluperfect",
           "infer_published"]


def tag(text: str, published: dt.date | None, doc_id: str = "", doc=None, lang: str = "fr") -> list[Timex]:
    """Time expressions of ``text`` in order, with exact offsets and TIMEX3 values.

    ``published`` anchors relative expressions (never the clock); with None they are skipped.
    ``doc``, a spaCy Doc of the same text, lets the governing verb's tense orient weekdays.
    ``lang`` is the document's language (its ``lang/<code>/time.yaml``).
    """
    if not text:
        return []
    return [t for _, t in tag_candidates(text, published, doc_id, doc, lang=lang)]
