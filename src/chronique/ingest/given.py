"""The text the models read, and the way back: results in the coordinates of the text the user gave.

Stages see the cleaned text (``clean_mapped``: NFC, plain spaces, ``\\n`` line ends, no boilerplate
lines). Everything they report with offsets is mapped back through the offset map, and its text
is re-read from the given document, so ``document.text[start:end]`` is the evidence of every event
and the text of every time expression.
"""
from __future__ import annotations

from dataclasses import replace

from chronique.ingest.clean import clean_mapped
from chronique.ingest.offsets import Cleaned
from chronique.model import Document, DocResult


def model_view(doc: Document) -> tuple[Document, Cleaned]:
    """The document as the models read it (its cleaned text) and the map back to the given text."""
    cleaned = clean_mapped(doc.text, doc.language)
    return replace(doc, text=cleaned.text), cleaned


def to_given(result: DocResult, given: Document, cleaned: Cleaned) -> DocResult:
    """A result computed on ``model_view``, with offsets and quoted texts in ``given``'s coordinates."""
    events, timexes = [], []
    for ev in result.events:
        start, end = cleaned.span(ev.start, ev.end)
        events.append(replace(ev, start=start, end=end, evidence=given.text[start:end]))
    for t in result.timexes:
        start, end = cleaned.span(t.start, t.end)
        timexes.append(replace(t, start=start, end=end, text=given.text[start:end]))
    found = result.document
    document = replace(given, published=found.published, published_basis=found.published_basis)
    return replace(result, document=document, events=events, timexes=timexes)
