"""Per-document metadata files (``--meta docs.jsonl``) in the format of shared/gold/*/docs.jsonl."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path


class MetaError(ValueError):
    """The metadata file cannot be used; the message names the file and line."""


def parse_date(value, where: str = "") -> dt.date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) to a date; None stays None."""
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise MetaError(f"{where}: 'published' must be YYYY-MM-DD, got {value!r}") from exc


def load_meta(path: str | Path | None) -> dict[str, dict]:
    """Map document id -> metadata dict (published parsed to a date)."""
    if not path:
        return {}
    path = Path(path)
    out: dict[str, dict] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise MetaError(f"{path}: cannot read metadata file: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MetaError(f"{path}:{n}: not JSON: {exc}") from exc
        if not isinstance(row, dict) or not row.get("id"):
            raise MetaError(f"{path}:{n}: each line needs an object with an 'id'")
        row["published"] = parse_date(row.get("published"), f"{path}:{n}")
        out[str(row["id"])] = row
    return out
