"""Helpers for the event-stage tests: run the real pipeline on one team-written sentence."""
from __future__ import annotations

from datetime import date

import pytest

from chronique.model import Document
from chronique.pipeline import process

PUBLISHED = date(2024, 3, 15)  # a Friday: "mardi" is 2024-03-12


@pytest.fixture(scope="session")
def events_of(nlp):
    """``events_of(text)`` -> the events the pipeline extracts from ``text``."""
    def run(text: str, published: date = PUBLISHED):
        return process([Document(id="t", text=text, published=published)], nlp)[0].events
    return run


def countries(actors) -> set[str]:
    return {a.country for a in actors if a.country}


def find(events, event_type: str):
    """The events of one type (a list, so that a test can say which are expected)."""
    return [e for e in events if e.event_type == event_type]
