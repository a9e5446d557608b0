"""WARC crawls (warcio), streamed record by record: each HTML response is one document.

A corrupt or truncated archive yields the documents read so far and one error naming the record
where reading stopped; an archive with no HTML response is reported rather than passed over.
"""
from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from chronique.ingest.clean import printable
from chronique.ingest.decode import decode_within
from chronique.ingest.limits import Limits
from chronique.ingest.names import Claims, name_of_url
from chronique.model import InputError


def _next_html(records, limits: Limits) -> tuple[str | None, bytes] | None:
    """The next HTML response's (url, body) or None at the end; warcio's stderr chatter muted."""
    with contextlib.redirect_stderr(io.StringIO()):
        for record in records:
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if record.rec_type == "response" and "html" in ctype.lower():
                url = record.rec_headers.get_header("WARC-Target-URI")
                return url, record.content_stream().read(limits.max_bytes + 1)
    return None


def _html_responses(fh, where: str, limits: Limits) -> Iterator[tuple[str, str | None, bytes] | InputError]:
    """(origin, url, body bytes) per HTML response; an InputError (and stop) on a corrupt record."""
    n = 0
    try:
        archive = ArchiveIterator(fh)
        records = iter(archive)
        while (found := _next_html(records, limits)) is not None:
            n += 1
            yield f"{where}#{n}", *found
    except Exception as exc:  # warcio and its decompressors raise assorted errors on corrupt input  # noqa: BLE001
        yield InputError(f"{where}#{n + 1}", f"corrupt WARC record: {type(exc).__name__}: {printable(str(exc)[:80])}")
        return
    if getattr(archive, "err_count", 0):
        yield InputError(where, f"corrupt WARC: {archive.err_count} record(s) not followed by a blank line "
                                "(invalid Content-Length?)")


def _response_document(origin: str, url: str | None, data: bytes, meta: dict, limits: Limits, claims: Claims):
    """One HTML response as a Document named by its URL (when no other record of the run holds it)."""
    from chronique.ingest.record import build_document

    html = decode_within(data, origin, limits.max_bytes)
    if isinstance(html, InputError):
        return html
    web = url if isinstance(url, str) and url.startswith(("http://", "https://")) else None
    record = {"html": html, "url": web, "id": name_of_url(web)}
    return build_document(record, origin, meta, limits, meta_key=url, claims=claims)


def read_warc(path: Path, meta: dict, limits: Limits, where: str | None = None,
              claims: Claims | None = None) -> Iterator:
    """Yield a Document (or InputError) per HTML response record."""
    where, claims = where or str(path), claims or Claims()
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield InputError(where, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        found = False
        for item in _html_responses(fh, where, limits):
            found = True
            yield item if isinstance(item, InputError) else _response_document(*item, meta, limits, claims)
        if not found:
            yield InputError(where, "WARC archive holds no HTML response record")
