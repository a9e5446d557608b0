"""The event stage: triggers over the dependency parse, argument frames and modality -> PLOVER events.

    extract(doc_id, sdoc, mentions, timexes, published, adjective_country, lang) -> list[Event]

The words are data (``lang/<code>/triggers.yaml`` and the other word lists); this package is the
language-neutral engine.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from chronique.actors import Mention
from chronique.model import Event, Timex
from chronique.parse import parsed
from chronique.events.build import extract_events
from chronique.events.decide import TypeModel
from chronique.events.participants import ParticipantIndex

__all__ = ["extract"]


def extract(doc_id: str, sdoc: Doc, mentions: Sequence[Mention], timexes: Sequence[Timex],
            published: dt.date | None, adjective_country: Callable[[str], str | None], lang: str,
            model: TypeModel | None = None) -> list[Event]:
    """Every event mention of one parsed document, in text order.

    ``mentions`` are the actors stage's coded mentions of the same parse, ``adjective_country`` codes
    a nationality adjective ("les forces danoises"), ``lang`` is the document's language, ``model``
    the learned type decision (the shipped weights by default).
    """
    with parsed(sdoc):
        return extract_events(doc_id, sdoc, ParticipantIndex(mentions, adjective_country, lang), timexes, published,
                              lang, model)
