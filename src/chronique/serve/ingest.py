"""Posted articles into the store: the same cleaning, extraction and write as ``chronique extract``.

One article, or one batch (``ingest_batch``: what ``chronique extract`` sends to a server that holds its
store), at a time under a lock: the store has one writer, and spaCy is loaded once, lazily, on the first
ingestion (a read-only server never pays for it).
"""
from __future__ import annotations

import threading
from dataclasses import replace
from collections.abc import Callable

from chronique.ids import content_hash
from chronique.ingest.limits import Limits
from chronique.ingest.sources import build_document
from chronique.model import InputError
from chronique.serve.schemas import ArticleIn, BatchIn, DocumentIn
from chronique.store.db import Store


class IngestError(ValueError):
    """The article was rejected (empty, not French, undecodable HTML…); the message says why."""


def _default_nlp():
    from chronique.nlp import load_nlp

    return load_nlp()


def recluster(store: Store, doc_ids: list[str]) -> None:
    """Bring clusters up to date for the documents just written (incremental: only what they can meet)."""
    from chronique.dedup.index import assign_clusters

    assign_clusters(store, doc_ids)


class Ingestor:
    """Runs the pipeline on posted articles and writes the results, one writer at a time."""

    def __init__(self, store: Store, nlp_factory: Callable = _default_nlp, limits: Limits = Limits()):
        self.store, self.nlp_factory, self.limits = store, nlp_factory, limits
        self.lock = threading.Lock()

    def ingest(self, article: ArticleIn) -> dict:
        """Extract and store one article; re-posting the same article changes nothing."""
        from chronique.pipeline import pipeline_version, process

        doc = self.document(article)
        with self.lock:
            version = pipeline_version()
            if self.store.stored_versions([doc.id]).get(doc.id) == (content_hash(doc.text), version):
                return {"id": doc.id, "status": "unchanged", **self._stored_events(doc.id)}
            results = process([doc], self.nlp_factory())
            self.store.write(results, [], version)
            recluster(self.store, [doc.id])
        ids = [e.id for e in results[0].events]
        return {"id": doc.id, "status": "created", "events": len(ids), "event_ids": ids}

    def ingest_batch(self, batch: BatchIn) -> dict:
        """Extract and store a batch as ``pipeline.run`` does for ``chronique extract`` (stored documents
        skipped, bad ones and the sender's rejected inputs recorded), then bring clusters up to date; the
        events of ``events_of`` back."""
        from chronique.outputs.text import event_lines
        from chronique.pipeline import process, run

        limits = replace(self.limits, check_language=batch.check_language)
        items = [InputError(e.origin, e.reason, e.kind) for e in batch.errors]
        items += [self.checked(d, limits) for d in batch.documents]
        with self.lock:
            report = run(items, self.store, None, force=batch.force, batch_size=max(1, len(items)),
                         processor=lambda docs: process(docs, self.nlp_factory()))
            recluster(self.store, report.processed)
            lines = event_lines(self.store, batch.events_of) if batch.events_of else ([], [])
        return {"processed": report.processed, "skipped": report.skipped, "events": report.events,
                "errors": [{"origin": e.origin, "reason": e.reason, "kind": e.kind}
                           for e in report.errors[len(batch.errors):]],
                "event_lines": lines[0], "timexes": lines[1]}

    @staticmethod
    def checked(d: DocumentIn, limits: Limits):
        """A sent document, checked again as a file would be (limits, language, id, URL, date)."""
        record = d.model_dump(include={"id", "text", "title", "source", "url"}, exclude_none=True)
        if d.published:
            record["published"] = d.published.isoformat()
        info = {d.id: {"published_basis": d.published_basis}} if d.published_basis else {}
        return build_document(record, d.origin or f"POST /api/documents/batch ({d.id})", info, limits,
                              meta_key=d.id)

    def document(self, article: ArticleIn):
        """The cleaned, checked Document for a posted article, or IngestError."""
        record = article.model_dump(exclude_none=True)
        if article.published:
            record["published"] = article.published.isoformat()
        item = build_document(record, "POST /api/documents", {}, self.limits)
        if isinstance(item, InputError):
            raise IngestError(item.reason)
        return item

    def _stored_events(self, doc_id: str) -> dict:
        cur = self.store.con.cursor()
        try:
            ids = [r[0] for r in cur.execute("SELECT id FROM events WHERE doc = ? ORDER BY start_char, id",
                                             [doc_id]).fetchall()]
        finally:
            cur.close()
        return {"events": len(ids), "event_ids": ids}
