"""Per-document metadata files (``--meta docs.jsonl``) in the format of shared/gold/*/docs.jsonl.

The metadata file is an input of the whole run: a bad line in it stops the run before anything is
stored, with a message naming the file, the line and the field.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

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
    if not isinstance(row, dict) or row.get("id") in (None, ""):
        raise MetaError(f"{where}: each line needs a JSON object with an 'id'")
    row = dict(row, id=check_id(row["id"], where))
    for key in STRING_FIELDS:
        if row.get(key) is not None and not isinstance(row[key], str):
            raise MetaError(f"{where}: {key!r} must be a string, got {type(row[key]).__name__}")
    if row.get("url"):
        row["url"] = check_url(row["url"], where)
    row["published"] = parse_date(row.get("published"), where)
    return row


def load_meta(path: str | Path | None) -> dict[str, dict]:
    """Map document id -> metadata dict (published parsed to a date); MetaError on any bad line."""
    if not path:
        return {}
    path = Path(path)
    out: dict[str, dict] = {}
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise MetaError(f"{path}: cannot read metadata file: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise MetaError(f"{path}:{n}: not valid JSON: {exc}") from exc
        row = _check_row(row, f"{path}:{n}")
        out[row["id"]] = row
    return out
