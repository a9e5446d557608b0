"""``Events``: the events of one document as a list that prints as a table in a terminal and a notebook."""
from __future__ import annotations

import html
from collections.abc import Iterable

from chronique.model import Actor, Document, Event

__all__ = ["Event", "Events"]
COLUMNS = ("date", "type", "actor", "recipient", "place", "aux", "evidence")
WIDTHS = (10, 18, 30, 30, 14, 12, 60)


class Events(list[Event]):
    """The events of one document, in text order; ``document`` is what they were read from.

    Offsets (``start``, ``end``) index ``document.text``: the input after the CLI's own clean-up (Unicode
    NFC, line ends, page furniture removed), which is the input itself for ordinary text. ``error`` is the
    reason an input was refused (then the list is empty); ``extract`` on a single text raises it instead.
    """

    def __init__(self, events: Iterable[Event] = (), document: Document | None = None,
                 error: str | None = None) -> None:
        super().__init__(events)
        self.document = document
        self.error = error

    def rows(self) -> list[tuple[str, ...]]:
        """One tuple of display strings per event (``COLUMNS``)."""
        return [(e.date or "", e.event_type + (f"/{e.mode}" if e.mode else ""), _people(e.actor),
                 _people(e.recipient), (e.location.name or e.location.text) if e.location else "",
                 "" if e.aux == "none" else e.aux, " ".join(e.evidence.split())) for e in self]

    def __repr__(self) -> str:
        head = self.document.id if self.document else "?"
        if self.error:
            return f"<Events of {head}: refused, {self.error}>"
        lines = [f"<{len(self)} events of {head}>"]
        lines += ["  " + "  ".join(_cut(v, w).ljust(w) for v, w in zip(row, WIDTHS)).rstrip() for row in self.rows()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """A small HTML table (Jupyter calls this): one row per event, with its evidence."""
        if self.error:
            return f"<p>refused: {html.escape(self.error)}</p>"
        head = "".join(f"<th>{c}</th>" for c in COLUMNS)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in self.rows())
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _people(people: list[Actor]) -> str:
    """'Name (CTY/SEC), …' as the CLI's table writes participants."""
    return ", ".join(f"{a.name or a.text} ({a.country or '?'}/{a.sector or '?'})" for a in people)


def _cut(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"
