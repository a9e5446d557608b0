"""``chronique.extract``: events from strings through the CLI's own input checks, pipeline and date inference.

A text becomes a ``Document`` exactly as a JSON Lines record does for ``chronique extract`` (same clean-up,
same checks, same language test); ``pipeline.process`` then runs the stages with the publication date
inferred as the CLI infers it when none is given (``pipeline.with_published``). The spaCy model is loaded
once per process and reused. Events carry no ``cluster``: clusters join reports across the documents of a
store (``EventStore.add``, then ``EventStore.events``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any, overload

from chronique.api.records import Events
from chronique.model import Document, InputError

Source = str | Mapping[str, Any]  # a text, or a record with "text" or "html" and optional id, published, url, title, source
ORIGIN = "<string>"


# A text is also an iterable (of characters): the first signature wins for it, as typeshed's own overloads do.
@overload
def extract(source: Source, *, published: str | dt.date | None = None, doc_id: str | None = None,  # type: ignore[overload-overlap]
            url: str | None = None, title: str | None = None) -> Events: ...
@overload
def extract(source: Iterable[Source], *, batch_size: int = 16) -> Iterator[Events]: ...
def extract(source: Source | Iterable[Source], *, published: str | dt.date | None = None, doc_id: str | None = None,
            url: str | None = None, title: str | None = None, batch_size: int = 16) -> Events | Iterator[Events]:
    """Events of one text (``Events``, ValueError if it is refused), or of each item of an iterable, streamed.

    For one text, ``published`` (``YYYY-MM-DD`` or a date) anchors relative dates ("mardi"); without it the
    date is inferred from the URL, a dateline or the text, as the CLI does. An iterable is read lazily in
    batches of ``batch_size`` (one ``nlp.pipe`` call each) and gives one ``Events`` per item, in order; a
    refused item gives an empty ``Events`` whose ``error`` says why, and the rest goes through.
    """
    if isinstance(source, (str, Mapping)):
        record = to_record(source, published=published, doc_id=doc_id, url=url, title=title)
        found = next(_stream([record], batch_size))
        if found.error:
            raise ValueError(f"{ORIGIN}: {found.error}")
        return found
    if (published, doc_id, url, title) != (None, None, None, None):
        raise TypeError("published, doc_id, url and title are for one text; give each item of an iterable "
                        "as a dict with its own 'published', 'id', 'url', 'title'")
    return _stream((to_record(s) for s in source), batch_size)


def to_record(source: Source, **given: str | dt.date | None) -> dict[str, Any]:
    """The JSON Lines record of a text (or a copy of a record), with the keyword fields that were given."""
    if isinstance(source, str):
        record: dict[str, Any] = {"text": source}
    elif isinstance(source, Mapping):
        record = dict(source)
    else:
        raise TypeError(f"expected a text or a dict with 'text', got {type(source).__name__}")
    names = {"doc_id": "id"}
    for key, value in given.items():
        if value is not None:
            record[names.get(key, key)] = value.isoformat() if isinstance(value, dt.date) else value
    return record


def _stream(records: Iterable[dict[str, Any]], batch_size: int) -> Iterator[Events]:
    """One ``Events`` per record, a batch at a time."""
    from chronique.ingest.limits import Limits
    from chronique.ingest.record import build_document

    it = iter(records)
    while batch := list(islice(it, max(1, batch_size))):
        built = [build_document(r, ORIGIN, {}, Limits()) for r in batch]
        yield from _analysed(built)


def _analysed(built: list[Document | InputError]) -> Iterator[Events]:
    """The pipeline on the valid documents of a batch (one failing document costs only itself), in input order."""
    from chronique.nlp import load_nlp
    from chronique.pipeline import isolated, process

    docs = [b for b in built if isinstance(b, Document)]
    results, failed = isolated(lambda d: process(d, load_nlp()), docs)
    by_id = {r.document.id: r for r in results}
    failures = iter(failed)  # in the order of the documents that failed
    for b in built:
        if isinstance(b, InputError):
            yield Events(error=b.reason)
        elif b.id in by_id:
            r = by_id[b.id]
            yield Events(sorted(r.events, key=lambda e: (e.start, e.end, e.id or "")), r.document)
        else:
            yield Events(document=b, error=next(failures).reason)
