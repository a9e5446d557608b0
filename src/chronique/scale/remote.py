"""``chronique extract`` into a store a running ``chronique serve`` holds: read here, extracted there.

DuckDB lets one process write a store, so while a server holds it the documents are read and checked in
this process (same readers, same rejections) and sent in batches to the server's
``POST /api/documents/batch``, which runs the pipeline, skips what is stored and clusters; the report, the
messages and the exit code are those of a local run. The token is ``$CHRONIQUE_TOKEN``.
"""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

from chronique.scale.progress import Progress, wanted

if TYPE_CHECKING:
    from chronique.ingest.limits import Limits
    from chronique.model import Document, InputError
    from chronique.pipeline import RunReport
    from chronique.scale.engine import ExtractOptions

BODY_SHARE = 0.8  # of the server's body limit, for one batch (JSON escaping, the envelope)


class ServerError(RuntimeError):
    """The server refused or could not be reached; the message names it and says why."""


def extract_remote(paths: list[str], limits: Limits, options: ExtractOptions, server: dict) -> RunReport:
    """Send the run to ``server`` (``store.served.server_of``); returns the report a local run would."""
    from chronique.ingest import load_meta, read_sources
    from chronique.pipeline import RunReport
    from chronique.scale.engine import write_outputs

    meta = load_meta(options.meta, options.published)
    report, client = RunReport(), Client(server, options, limits)
    pending: list = list(meta.errors)
    with Progress(wanted(options.quiet)) as bar:
        for item in read_sources(paths, meta, limits):
            pending.append(item)
            if client.full(pending):
                client.send(pending, report)
                pending = []
                bar.update(report)
        client.send(pending, report)
        missing = meta.unmatched(report.doc_ids)
        lines = client.send(missing, report, events_of=report.doc_ids if options.out or options.timex_out else [])
        bar.update(report)
    if options.out or options.timex_out:
        write_outputs(options, lines["event_lines"], lines["timexes"])
    return report


class Client:
    """Batches for one server: as many documents as ``--batch-size`` and the server's body limit allow."""

    def __init__(self, server: dict, options: ExtractOptions, limits: Limits):
        self.url = server["url"].rstrip("/") + "/api/documents/batch"
        self.max_bytes = int(server.get("max_body", 2_000_000) * BODY_SHARE)
        self.options, self.check_language = options, limits.check_language
        self.size = 0

    def full(self, pending: list) -> bool:
        """Whether the batch is to be sent now (documents counted, sizes summed as they come)."""
        from chronique.model import Document

        self.size += len(pending[-1].text) * 2 if isinstance(pending[-1], Document) else 0
        documents = sum(1 for i in pending if isinstance(i, Document))
        return documents >= self.options.batch_size or self.size >= self.max_bytes

    def send(self, items: list, report: RunReport, events_of: list[str] = ()) -> dict:
        """Post one batch and add its outcome to ``report``; the server's answer."""
        from chronique.model import Document

        rejected = [i for i in items if not isinstance(i, Document)]
        docs = [_document(i) for i in items if isinstance(i, Document)]
        errors = [{"origin": i.origin, "reason": i.reason, "kind": i.kind} for i in rejected]
        self.size = 0
        if not docs and not errors and not events_of:
            return {"event_lines": [], "timexes": []}
        out = self.post({"documents": docs, "errors": errors, "force": self.options.force,
                         "check_language": self.check_language, "events_of": list(events_of)})
        _tally(report, out, rejected)
        return out

    def post(self, body: dict) -> dict:
        """One request; ServerError with the server's own reason when it refuses."""
        headers = {"Content-Type": "application/json"}
        if token := os.environ.get("CHRONIQUE_TOKEN"):
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(self.url, json.dumps(body).encode("utf-8"), headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=3600) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            raise ServerError(f"{self.url}: the server holding the store refused the batch ({exc.code}: "
                              f"{_detail(exc)}){' — set CHRONIQUE_TOKEN' if exc.code == 401 else ''}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise ServerError(f"{self.url}: cannot reach the server holding the store: {exc}") from None


def _document(doc: Document) -> dict:
    """A read document as the batch route takes it (text as given, id and date basis kept)."""
    row = {"id": doc.id, "text": doc.text, "title": doc.title, "source": doc.source, "url": doc.url,
           "origin": doc.origin, "published": doc.published.isoformat() if doc.published else None,
           "published_basis": doc.published_basis}
    return {k: v for k, v in row.items() if v is not None}


def _tally(report: RunReport, out: dict, rejected_here: list[InputError]) -> None:
    from chronique.model import InputError

    report.processed += out["processed"]
    report.skipped += out["skipped"]
    report.events += out["events"]
    report.errors += rejected_here + [InputError(e["origin"], e["reason"], e["kind"]) for e in out["errors"]]


def _detail(exc: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(exc.read()).get("detail"))[:300]
    except (ValueError, AttributeError, OSError):
        return exc.reason or "refused"
