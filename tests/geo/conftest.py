"""Helpers for the place tests: run the real pipeline on one team-written sentence."""
from __future__ import annotations

from datetime import date

import pytest

from chronique.model import Document
from chronique.pipeline import process

PUBLISHED = date(2024, 3, 15)


@pytest.fixture(scope="session")
def events_of(nlp):
    """``events_of(text)`` -> the events the pipeline extracts from ``text``."""
    def run(text: str):
        return process([Document(id="t", text=text, published=PUBLISHED)], nlp)[0].events
    return run
