"""Walk paths (files, directories, globs, ``-`` for standard input) and yield Documents or InputErrors.

Readers never raise on bad input: each problem becomes an ``InputError`` naming the file (and
line) and the reason, so one broken article never stops a batch. Nothing blocks or runs away:
only regular files are opened (a FIFO would block forever), directory walks do not follow
symbolic links (no loops), each file is read once however it is named, and every read is
bounded by the limits.
"""
from __future__ import annotations

import errno
import glob
import gzip
import io
import json
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from chronique.ingest.clean import printable
from chronique.ingest.decode import DecodeError, decode_utf8, decode_within
from chronique.ingest.limits import Limits
from chronique.ingest.names import Claims, name_of, unique_names
from chronique.ingest.record import build_document  # noqa: F401  (public API, re-exported)
from chronique.model import Document, InputError

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".json"}
WARC_EXT = {".warc"}
# Annotation and metadata files that sit beside articles in a gold folder: not articles.
NOT_ARTICLES = {"docs.jsonl", "events.jsonl", "timex.jsonl", "actors.jsonl"}
STREAM_ERRORS = (OSError, EOFError, zlib.error)  # truncated or corrupt gzip, I/O failures
_HTML_START = ("<!doctype html", "<html", "<?xml")
NOT_JSONL_AFTER = 20  # consecutive unparsable lines at the start of a file: not JSON Lines at all

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


def origin_of(path: Path | str) -> str:
    """The path as shown in messages and stored: valid Unicode, control characters escaped."""
    return printable(str(path))


def _stat_problem(exc: OSError) -> str:
    """A user-facing reason for a failed ``stat``/``open``."""
    reasons = {errno.ENOENT: "no such file or directory", errno.ELOOP: "symbolic link loop",
               errno.ENAMETOOLONG: "file name too long", errno.EACCES: "permission denied",
               errno.ENOTDIR: "a parent in the path is not a directory"}
    return reasons.get(exc.errno, f"cannot read: {exc.strerror or exc}")


def expand(paths: Iterable[str]) -> Iterator[tuple[Path | str | InputError, Path | None]]:
    """Files named, files under directories (sorted), glob matches, each with the directory it was found
    under (None when named); ``-`` stays as is."""
    for p in paths:
        if p == "-":
            yield p, None
        elif not p:
            yield InputError("''", "empty path"), None
        else:
            matches = sorted(glob.glob(p, recursive=True)) if any(c in p for c in "*?[") else [p]
            if not matches:
                yield Path(p), None  # reported as missing by the reader
            for m in matches:
                yield from _expand_one(Path(m))


def _expand_one(path: Path) -> Iterator[tuple[Path | InputError, Path | None]]:
    try:
        is_dir = stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        is_dir = False  # the reader reports why
    if not is_dir:
        yield path, None
        return
    found = False
    for f in sorted(path.rglob("*")):  # rglob does not descend into symlinked directories
        if f.name not in NOT_ARTICLES and kind_of(f) and not _is_dir(f):
            found = True
            yield f, path
    if not found:
        yield InputError(origin_of(path), "directory holds no article files "
                                          "(.txt, .html, .jsonl, .warc, optionally .gz)"), None


Entry = tuple[Path | str | InputError, str | None]


def plan(paths: Iterable[str]) -> list[Entry]:
    """Every input of the run once (by real path), each file with the id its name gives (``names``)."""
    seen: set[str] = set()
    found = [(p, root) for p, root in expand(paths) if not isinstance(p, Path) or _first_time(p, seen)]
    names = unique_names([name_of(p, root) if isinstance(p, Path) and kind_of(p) in ("text", "html") else None
                          for p, root in found])
    return [(p, name) for (p, _), name in zip(found, names)]


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def read_sources(paths: Iterable[str], meta: dict[str, dict] | None = None,
                 limits: Limits = Limits(), stdin=None) -> Iterator[Item]:
    """Stream every document (or error) from the given paths, in order; each file read once."""
    return read_planned(plan(paths), meta, limits, stdin)


def read_planned(entries: Iterable[Entry], meta: dict[str, dict] | None = None,
                 limits: Limits = Limits(), stdin=None) -> Iterator[Item]:
    """Stream the documents (or errors) of planned inputs (``plan``), in order."""
    meta, claims = meta or {}, Claims()
    for path, name in entries:
        if isinstance(path, InputError):
            yield path
        elif path == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, meta, limits, claims)
        else:
            yield from _read_path(Path(path), name, meta, limits, claims)


def _first_time(path: Path, seen: set[str]) -> bool:
    """False when the same file was already read under another name (``a/../b``, a symlink)."""
    try:
        key = os.path.realpath(path)
    except (OSError, ValueError):
        return True
    if key in seen:
        return False
    seen.add(key)
    return True


def _read_path(path: Path, name: str | None, meta: dict, limits: Limits, claims: Claims) -> Iterator[Item]:
    where = origin_of(path)
    try:
        st = path.stat()
    except (OSError, ValueError) as exc:
        yield InputError(where, _stat_problem(exc) if isinstance(exc, OSError) else f"bad path: {exc}")
        return
    kind = kind_of(path)
    if stat.S_ISDIR(st.st_mode):
        yield InputError(where, "is a directory")
    elif not stat.S_ISREG(st.st_mode):
        yield InputError(where, "not a regular file (FIFO, socket or device); not read")
    elif kind is None:
        yield InputError(where, f"unsupported file type {printable(path.suffix)!r} "
                                "(expected .txt, .html, .jsonl, .warc, optionally .gz)")
    elif kind == "jsonl":
        yield from _read_jsonl_file(path, where, meta, limits, claims)
    elif kind == "warc":
        from chronique.ingest.warc import read_warc

        yield from read_warc(path, meta, limits, where, claims)
    elif st.st_size > limits.max_bytes:
        yield InputError(where, f"file is {st.st_size:,} bytes, over the {limits.max_bytes:,}-byte limit "
                                "(--max-bytes)", "limit")
    else:
        yield _read_document_file(path, name, where, kind, meta, limits)


def _open(path: Path):
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else open(path, "rb")


def _read_bytes(path: Path, limits: Limits) -> bytes:
    """At most ``max_bytes + 1`` bytes (decompressed): a gzip bomb stops at the limit."""
    with _open(path) as fh:
        return fh.read(limits.max_bytes + 1)


def _stream_problem(exc: BaseException) -> str:
    if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
        return f"corrupt or truncated gzip: {exc}"
    if isinstance(exc, OSError):
        return _stat_problem(exc)
    return f"cannot read: {exc}"


def _read_document_file(path: Path, name: str | None, where: str, kind: str, meta: dict, limits: Limits) -> Item:
    """A .txt or .html file (optionally gzipped) as one document, named ``name`` (else its content hash)."""
    try:
        data = _read_bytes(path, limits)
    except STREAM_ERRORS as exc:
        return InputError(where, _stream_problem(exc))
    text = decode_within(data, where, limits.max_bytes)
    if isinstance(text, InputError):
        return text
    if kind == "text" and text.lstrip()[:15].lower().startswith(_HTML_START):
        kind = "html"  # an HTML page saved as .txt: extract it rather than keep its scripts
    return build_document({"id": name, kind: text}, where, meta, limits, meta_key=name)


def _read_jsonl_file(path: Path, where: str, meta: dict, limits: Limits, claims: Claims) -> Iterator[Item]:
    try:
        fh = _open(path)
    except OSError as exc:
        yield InputError(where, _stat_problem(exc))
        return
    with fh:
        yield from read_jsonl_stream(fh, where, meta, limits, claims)


def read_jsonl_stream(fh, origin: str, meta: dict, limits: Limits, claims: Claims | None = None) -> Iterator[Item]:
    """One document per JSON line; a broken line is reported (``file:line``) and skipped.

    A file whose first ``NOT_JSONL_AFTER`` lines are all unparsable (a binary file or a pretty-printed
    JSON document named .jsonl) is given up with one error instead of one per line.
    """
    origin, n, unparsable, claims = printable(str(origin)), 0, 0, claims or Claims()
    try:
        while raw := fh.readline(limits.max_line_bytes + 1):
            n += 1
            item = _jsonl_line(fh, raw, f"{origin}:{n}", meta, limits, claims)
            if item is None:
                continue
            unparsable = unparsable + 1 if unparsable >= 0 and _unparsable(item) else -1
            if unparsable >= NOT_JSONL_AFTER:
                yield InputError(f"{origin}:{n}", f"not JSON Lines: the first {n} lines do not parse; "
                                                  "rest of the file skipped", "format")
                return
            yield item
    except STREAM_ERRORS as exc:
        yield InputError(f"{origin}:{n + 1}", f"stream broken: {_stream_problem(exc)}")


def _unparsable(item: Item) -> bool:
    return isinstance(item, InputError) and item.kind == "format"


def _jsonl_line(fh, raw: bytes, where: str, meta: dict, limits: Limits, claims: Claims) -> Item | None:
    """The item for one raw line (None for a blank line); an over-long line is skipped to its end."""
    if len(raw) > limits.max_line_bytes and not raw.endswith(b"\n"):
        _skip_rest_of_line(fh)
        return InputError(where, f"line longer than the {limits.max_line_bytes:,}-byte limit "
                                 "(--max-line-bytes)", "limit")
    return _jsonl_record(raw, where, meta, limits, claims) if raw.strip() else None


def _skip_rest_of_line(fh) -> None:
    while True:
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _parse_json_line(raw: bytes):
    """The JSON value of one line, or a DecodeError with a short reason."""
    text = decode_utf8(raw)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DecodeError(f"not valid JSON: {exc.msg} (column {exc.colno})") from exc
    except RecursionError as exc:
        raise DecodeError("not valid JSON: nested too deeply") from exc
    except ValueError as exc:  # e.g. an integer with more than 4,300 digits
        raise DecodeError(f"not valid JSON: {str(exc)[:100]}") from exc


def _jsonl_record(raw: bytes, where: str, meta: dict, limits: Limits, claims: Claims) -> Item:
    try:
        row = _parse_json_line(raw)
    except DecodeError as exc:
        return InputError(where, str(exc), "format")
    if not isinstance(row, dict):
        return InputError(where, f"expected a JSON object with 'text' or 'html', got a JSON {_json_type(row)}",
                          "format")
    key = row.get("id")
    return build_document(row, where, meta, limits, meta_key=key if isinstance(key, (str, int)) else None,
                          claims=claims)


def _json_type(value) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")


def _read_stdin(stream, meta: dict, limits: Limits, claims: Claims) -> Iterator[Item]:
    try:
        data = stream.read(limits.max_bytes + 1)
    except OSError as exc:
        yield InputError("<stdin>", f"cannot read: {exc}")
        return
    if len(data) > limits.max_bytes:
        yield InputError("<stdin>", f"over the {limits.max_bytes:,}-byte limit (--max-bytes)", "limit")
        return
    head = data.lstrip()[:1]
    if head == b"{":
        yield from read_jsonl_stream(io.BytesIO(data), "<stdin>", meta, limits, claims)
        return
    text = decode_within(data, "<stdin>", limits.max_bytes)
    if isinstance(text, InputError):
        yield text
        return
    kind = "html" if text.lstrip()[:1] == "<" else "text"
    yield build_document({kind: text}, "<stdin>", meta, limits)
