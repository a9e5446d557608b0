"""Walk paths (files, directories, globs, ``-`` for standard input) and yield Documents or InputErrors.

Readers never raise on bad input: each problem becomes an ``InputError`` naming the file (and
line) and the reason, so one broken article never stops a batch.
"""
from __future__ import annotations

import glob
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from chronique.ingest.clean import clean_text
from chronique.ingest.decode import DecodeError, decode
from chronique.ingest.html import extract_html
from chronique.ingest.ids import content_hash
from chronique.ingest.language import detect
from chronique.ingest.limits import Limits
from chronique.ingest.meta import MetaError, parse_date
from chronique.model import Document, InputError

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".json"}
WARC_EXT = {".warc"}
# Annotation and metadata files that sit beside articles in a gold folder: not articles.
NOT_ARTICLES = {"docs.jsonl", "events.jsonl", "timex.jsonl", "actors.jsonl"}

Item = Document | InputError


def kind_of(path: Path) -> str | None:
    """The reader for a path from its extension (``.gz`` looked through), or None."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    ext = suffixes[-1] if suffixes else ""
    for kind, exts in (("text", TEXT_EXT), ("html", HTML_EXT), ("jsonl", JSONL_EXT), ("warc", WARC_EXT)):
        if ext in exts:
            return kind
    return None


def expand(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files named, files under directories (sorted), glob matches; ``-`` stays as is."""
    for p in paths:
        if p == "-":
            yield p
            continue
        matches = sorted(glob.glob(p, recursive=True)) if any(c in p for c in "*?[") else [p]
        if not matches:
            yield Path(p)  # reported as missing by the reader
        for m in matches:
            path = Path(m)
            if path.is_dir():
                yield from (f for f in sorted(path.rglob("*"))
                            if f.is_file() and kind_of(f) and f.name not in NOT_ARTICLES)
            else:
                yield path


def read_sources(paths: Iterable[str], meta: dict[str, dict] | None = None,
                 limits: Limits = Limits(), stdin=None) -> Iterator[Item]:
    """Stream every document (or error) from the given paths, in order."""
    meta = meta or {}
    for path in expand(paths):
        if path == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, meta, limits)
        else:
            yield from _read_path(path, meta, limits)


def _read_path(path: Path, meta: dict, limits: Limits) -> Iterator[Item]:
    kind = kind_of(path)
    if not path.exists():
        yield InputError(str(path), "no such file or directory")
        return
    if kind is None:
        yield InputError(str(path), f"unsupported file type {path.suffix!r} (expected .txt, .html, .jsonl, .warc, optionally .gz)")
        return
    if kind in ("jsonl", "warc"):
        reader = _read_jsonl_file if kind == "jsonl" else _read_warc_file
        yield from reader(path, meta, limits)
        return
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            yield InputError(str(path), f"file is {size:,} bytes, over the {limits.max_bytes:,}-byte limit (--max-bytes)")
            return
        data = _open(path).read(limits.max_bytes + 1)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if len(data) > limits.max_bytes:
        yield InputError(str(path), f"decompressed size over the {limits.max_bytes:,}-byte limit (--max-bytes)")
        return
    stem = path.name.split(".")[0]
    record = {"id": stem if stem in meta else None, kind: None}
    try:
        record[kind], _ = decode(data)
    except DecodeError as exc:
        yield InputError(str(path), str(exc))
        return
    yield build_document(record, str(path), meta, limits, meta_key=stem)


def _open(path: Path):
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else open(path, "rb")


def _read_jsonl_file(path: Path, meta: dict, limits: Limits) -> Iterator[Item]:
    try:
        fh = _open(path)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        yield from read_jsonl_stream(fh, str(path), meta, limits)


def read_jsonl_stream(fh, origin: str, meta: dict, limits: Limits) -> Iterator[Item]:
    """One document per JSON line; a broken line is reported and skipped."""
    n = 0
    try:
        while True:
            raw = fh.readline(limits.max_line_bytes + 1)
            if not raw:
                return
            n += 1
            where = f"{origin}:{n}"
            if len(raw) > limits.max_line_bytes and not raw.endswith(b"\n"):
                yield InputError(where, f"line longer than the {limits.max_line_bytes:,}-byte limit (--max-line-bytes)")
                _skip_rest_of_line(fh)
                continue
            if not raw.strip():
                continue
            yield _jsonl_record(raw, where, meta, limits)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError(f"{origin}:{n + 1}", f"stream broken: {exc}")


def _skip_rest_of_line(fh) -> None:
    while True:
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _jsonl_record(raw: bytes, where: str, meta: dict, limits: Limits) -> Item:
    try:
        text, _ = decode(raw)
        row = json.loads(text)
    except (DecodeError, json.JSONDecodeError) as exc:
        return InputError(where, f"not a JSON object: {exc}")
    if not isinstance(row, dict):
        return InputError(where, "expected a JSON object with 'text' or 'html'")
    if not isinstance(row.get("text") or row.get("html"), str):
        return InputError(where, "the object has neither a 'text' nor an 'html' string")
    return build_document(row, where, meta, limits, meta_key=row.get("id"))


def _read_warc_file(path: Path, meta: dict, limits: Limits) -> Iterator[Item]:
    from chronique.ingest.warc import read_warc

    yield from read_warc(path, meta, limits)


def _read_stdin(stream, meta: dict, limits: Limits) -> Iterator[Item]:
    data = stream.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        yield InputError("<stdin>", f"over the {limits.max_bytes:,}-byte limit (--max-bytes)")
        return
    head = data.lstrip()[:1]
    if head == b"{":
        yield from read_jsonl_stream(io.BytesIO(data), "<stdin>", meta, limits)
        return
    try:
        text, _ = decode(data)
    except DecodeError as exc:
        yield InputError("<stdin>", str(exc))
        return
    kind = "html" if head == b"<" else "text"
    yield build_document({kind: text}, "<stdin>", meta, limits)


def build_document(record: dict, origin: str, meta: dict, limits: Limits,
                   meta_key: str | None = None) -> Item:
    """A raw record (``text`` or ``html`` plus optional fields) to a cleaned, checked Document."""
    info = dict(meta.get(str(meta_key), {})) if meta_key is not None else {}
    fields = {k: record.get(k) for k in ("title", "url", "published", "source") if record.get(k)}
    if record.get("html"):
        extracted = extract_html(record["html"], record.get("url"))
        if extracted is None:
            return InputError(origin, "HTML page with no extractable article text")
        for k, v in extracted.items():
            fields.setdefault(k, v)
        body = extracted["text"]
    else:
        body = record.get("text") or ""
    text = clean_text(body)
    title = fields.get("title")
    if title and record.get("html") is None and not text.startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"
    if len(text) < limits.min_chars:
        return InputError(origin, f"empty document ({len(text)} characters of text after cleaning)")
    if limits.check_language:
        lang, prob = detect(text)
        if lang != "fr":
            return InputError(origin, f"not French (detected '{lang}', p={prob:.2f}); skipped", kind="language")
    try:
        published = parse_date(info.get("published") or fields.get("published"), origin)
    except MetaError as exc:
        return InputError(origin, str(exc))
    doc_id = str(record.get("id") or info.get("id") or content_hash(text))
    basis = info.get("published_basis") or ("given" if published else None)
    return Document(
        id=doc_id, text=text, title=title or _first_line_title(text), published=published,
        published_basis=basis, source=info.get("source") or fields.get("source"),
        url=info.get("url") or fields.get("url"), language="fr", origin=origin,
    )


def _first_line_title(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 200 and "\n\n" in text[:len(first) + 3] else None
