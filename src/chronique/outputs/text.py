"""JSON Lines in the format of shared/eval/FORMAT.md, and fixed-width terminal tables."""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from chronique.store.db import Store


def write_jsonl(rows: Iterable[dict], path: str | Path | None, stream: IO[str] | None = None) -> int:
    """Write one JSON object per line to ``path`` (or ``stream``); returns the count.

    A file is written whole or not at all: into a temporary file beside it, renamed over ``path`` at the
    end, so a run killed while writing leaves the previous file (or none), never half of one.
    """
    if not path:
        return _write_lines(rows, stream)
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            n = _write_lines(rows, fh)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return n


def _write_lines(rows: Iterable[dict], fh: IO[str]) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def event_lines(store: Store, ids: list[str]) -> tuple[list[dict], list[dict]]:
    """The events (``--out`` JSON) and time expressions (``--timex-out``) of these documents."""
    from chronique.store.filters import EventFilter

    return [e.to_json() for e in store.events(EventFilter(docs=tuple(ids)))], store.timexes(ids)


def table(rows: Sequence[Sequence], headers: Sequence[str], widths: Sequence[int]) -> str:
    """A fixed-width text table; long cells are cut with an ellipsis."""
    def cell(v, w):
        s = "" if v is None else str(v).replace("\n", " ")
        return (s if len(s) <= w else s[: w - 1] + "…").ljust(w)

    lines = ["  ".join(cell(h, w) for h, w in zip(headers, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cell(v, w) for v, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines)


def participants(actors) -> str:
    """Who, as one cell: canonical name (or text) with country and sector."""
    return ", ".join(f"{a.name or a.text} ({a.country or '?'}{'/' + a.sector if a.sector else ''})" for a in actors)


def events_table(events) -> str:
    """Events as a terminal table: date, type, participants, place, aux, evidence."""
    rows = [(e.date, e.event_type + (f"/{e.mode}" if e.mode else ""), participants(e.actor),
             participants(e.recipient), e.location.name or e.location.text if e.location else "",
             e.aux if e.aux != "none" else "", e.evidence) for e in events]
    return table(rows, ("date", "type", "actor", "recipient", "place", "aux", "evidence"),
                 (10, 20, 30, 26, 12, 8, 60))
