"""WARC crawls (warcio), streamed record by record: each HTML response is one document."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from chronique.ingest.decode import DecodeError, decode
from chronique.ingest.limits import Limits
from chronique.model import InputError


def read_warc(path: Path, meta: dict, limits: Limits) -> Iterator:
    """Yield a Document (or InputError) per HTML response record."""
    from chronique.ingest.sources import build_document

    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        n = 0
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                n += 1
                ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if "html" not in ctype.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{path}#{n}"
                data = record.content_stream().read(limits.max_bytes + 1)
                if len(data) > limits.max_bytes:
                    yield InputError(where, f"record over the {limits.max_bytes:,}-byte limit (--max-bytes)")
                    continue
                try:
                    html, _ = decode(data)
                except DecodeError as exc:
                    yield InputError(where, str(exc))
                    continue
                yield build_document({"html": html, "url": url}, where, meta, limits, meta_key=url)
        except Exception as exc:  # warcio raises on truncated/corrupt archives  # noqa: BLE001
            yield InputError(f"{path}#{n + 1}", f"corrupt WARC record: {exc}")
