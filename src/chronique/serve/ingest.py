"""A posted article into the store: the same cleaning, extraction and write as ``chronique extract``.

One article at a time under a lock: the store has one writer, and spaCy is loaded once, lazily,
on the first ingestion (a read-only server never pays for it).
"""
from __future__ import annotations

import threading
from collections.abc import Callable

from chronique.ids import content_hash
from chronique.ingest.limits import Limits
from chronique.ingest.sources import build_document
from chronique.model import InputError
from chronique.serve.schemas import ArticleIn
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
