"""Per-document metadata files (``--meta docs.jsonl``) in the format of shared/gold/*/docs.jsonl.

Metadata files come from scrapers: a bad line costs its document's metadata, not the run. Each
bad line (not JSON, not an object, a bad field, an impossible date, an id seen before: the first
line wins) becomes an ``InputError`` named ``FILE:LINE``; a line whose id is good but whose other
fields are not still names its document (the rest is inferred). Only a file that cannot be read at
all is fatal (``MetaError``). ``Meta`` remembers which ids were looked up, so that ids no input
carries can be reported after the run.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from chronique.ingest.clean import printable
from chronique.model import InputError

MAX_ID_CHARS = 200
_ID_BAD = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
STRING_FIELDS = ("source", "url", "title", "published_basis")
# Publication dates outside these bounds are typing errors (0202, 9999) and would push relative
# dates ("l'an prochain") off the calendar.
EARLIEST, LATEST = dt.date(1600, 1, 1), dt.date(2199, 12, 31)


class MetaError(ValueError):
    """The metadata file cannot be used; the message names the file and line."""


def _prefix(where: str) -> str:
    return f"{where}: " if where else ""


def parse_date(value, where: str = "") -> dt.date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) to a date; None stays None."""
    if value in (None, ""):
        return None
    try:
        date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise MetaError(f"{_prefix(where)}'published' must be a date YYYY-MM-DD, got {str(value)[:80]!r}") from exc
    if not EARLIEST <= date <= LATEST:
        raise MetaError(f"{_prefix(where)}'published' {date.isoformat()} is outside {EARLIEST.year}-{LATEST.year}, "
                        "not a plausible publication date")
    return date


def check_id(value, where: str = "") -> str:
    """A document id: a string or integer, at most 200 printable characters."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise MetaError(f"{_prefix(where)}'id' must be a string or an integer, got {type(value).__name__}")
    value = str(value).strip()
    if not value or len(value) > MAX_ID_CHARS or _ID_BAD.search(value):
        raise MetaError(f"{_prefix(where)}'id' must be 1 to {MAX_ID_CHARS} printable characters, "
                        f"got {value[:80]!r}")
    return value


def check_url(value, where: str = "") -> str:
    """An absolute http(s) URL (no ``javascript:``, ``file:`` or ``data:`` links are let in)."""
    value = str(value).strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc or _ID_BAD.search(value):
        raise MetaError(f"{_prefix(where)}'url' must be an http(s) URL, got {value[:80]!r}")
    return value


def _check_row(row, where: str) -> dict:
    if not isinstance(row, dict):
        raise MetaError(f"{where}: each line needs a JSON object with an 'id', got a JSON {_json_type(row)}")
    if row.get("id") in (None, ""):
        raise MetaError(f"{where}: the line has no 'id' (missing, null or empty)")
    row = dict(row, id=check_id(row["id"], where))
    for key in STRING_FIELDS:
        if row.get(key) is not None and not isinstance(row[key], str):
            raise MetaError(f"{where}: {key!r} must be a string, got {type(row[key]).__name__}")
    if row.get("url"):
        row["url"] = check_url(row["url"], where)
    row["published"] = parse_date(row.get("published"), where)
    return row


class Meta(dict):
    """Document id -> checked metadata row, with the file's bad lines (``errors``), the ids looked up and the
    run's publication date (``--published``: for documents whose source gives none)."""

    def __init__(self, rows=(), errors=(), origin: str = "", published: dt.date | None = None):
        super().__init__(rows)
        self.published = published
        self.errors: list[InputError] = list(errors)
        self.origin = origin
        self.used: set[str] = set()

    def get(self, key, default=None):
        self.used.add(key)
        return super().get(key, default)

    def __contains__(self, key) -> bool:
        self.used.add(key)
        return super().__contains__(key)

    def unmatched(self, seen=()) -> list[InputError]:
        """An error for each id that no input carried (looked up here or in ``seen``, e.g. a worker's ids)."""
        found = self.used | set(seen)
        return [InputError(f"{self.origin}:{row['line']}", f"id {i!r} matches no input document", "input")
                for i, row in self.items() if i not in found]


def load_meta(path: str | Path | None, published: str | dt.date | None = None) -> Meta:
    """The metadata of ``path`` (published parsed to a date); bad lines reported in ``errors``, never raised.

    ``published`` is the run's date for documents that give none (``--published``). MetaError only when the
    file cannot be read (missing, unreadable, not UTF-8) or ``published`` is not a plausible date.
    """
    run_date = parse_date(published, "--published")
    if not path:
        return Meta(published=run_date)
    path, origin = Path(path), printable(str(path))
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise MetaError(f"{origin}: cannot read metadata file: {exc}") from exc
    meta = Meta(origin=origin, published=run_date)
    for n, line in enumerate(lines, 1):
        if line.strip():
            _add_line(meta, line, n)
    return meta


def _add_line(meta: Meta, line: str, n: int) -> None:
    """One line into ``meta``: its row, or an error (and, when its id is good, that id with no other field)."""
    where = f"{meta.origin}:{n}"
    try:
        row = json.loads(line)
    except (ValueError, RecursionError) as exc:
        meta.errors.append(InputError(where, f"not valid JSON: {str(exc)[:100]}", "format"))
        return
    doc_id = _good_id(row)
    if doc_id is not None and doc_id in meta.keys():
        first = dict.get(meta, doc_id)["line"]
        meta.errors.append(InputError(where, f"duplicate id {doc_id!r} (first on line {first}); line ignored"))
        return
    try:
        checked = _check_row(row, where)
    except MetaError as exc:
        meta.errors.append(InputError(where, str(exc).removeprefix(f"{where}: "), _kind(row)))
        if doc_id is not None:
            dict.__setitem__(meta, doc_id, {"id": doc_id, "line": n})
        return
    dict.__setitem__(meta, checked["id"], dict(checked, line=n))


def _good_id(row) -> str | None:
    """The line's id when it is a valid one, else None."""
    if not isinstance(row, dict) or row.get("id") in (None, ""):
        return None
    try:
        return check_id(row["id"])
    except MetaError:
        return None


def _json_type(value) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")


def _kind(row) -> str:
    return "input" if isinstance(row, dict) else "format"
