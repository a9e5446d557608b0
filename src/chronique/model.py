"""The typed records every stage exchanges (documents, actors, time expressions, places, events).

Stages never pass spaCy objects across a process boundary: these records are plain
dataclasses, JSON-friendly through ``asdict``, so the same pipeline runs in one
process, in ``nlp.pipe`` batches or on Ray workers.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields

BATCH_SIZE = 128
"""Documents parsed, then stored in one DuckDB transaction (``--batch-size``). A transaction costs a fixed
~40 ms (five tables, an Arrow batch each): at 32 documents that was 1.9 ms a document, at 128 it is 1.2
(benchmarks/throughput.md, stop 33); an interrupted run redoes at most one batch."""


@dataclass(frozen=True)
class Document:
    """One article: its text as given (every offset points into it) plus the metadata to anchor dates and cite it."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    published_basis: str | None = None  # given|page|run|url|dateline|content|None (README "Publication dates")
    source: str | None = None
    url: str | None = None
    language: str = "fr"
    origin: str | None = None  # file path (and line) it was read from

    def to_row(self) -> dict:
        """A flat row with ``published`` as an ISO string (Arrow- and JSON-friendly)."""
        row = dict(vars(self))  # (every field is a plain value: ``asdict``'s deep copy only cost time)
        row["published"] = self.published.isoformat() if self.published else None
        return row

    @classmethod
    def from_row(cls, row: dict) -> "Document":
        """The inverse of ``to_row``: ``published`` as an ISO string or a date; other columns ignored."""
        values = {f.name: row[f.name] for f in fields(cls) if f.name in row}
        values.update(published=_date(row.get("published")), language=row.get("language") or "fr")
        return cls(**values)


@dataclass(frozen=True)
class Actor:
    """A participant as written in the text and as coded (canonical name, country, sector)."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    id: str | None = None  # knowledge-base id (Wikidata QID when known)
    type: str | None = None  # PER|ORG|GPE
    role: str | None = None

    def to_json(self) -> dict:
        return {"text": self.text, "name": self.name, "country": self.country,
                "sector": self.sector, "id": self.id}

    def to_row(self) -> dict:
        """Its columns in the store's ``participants`` table."""
        return {"text": self.text, "name": self.name, "country": self.country, "sector": self.sector,
                "kb_id": self.id}

    @classmethod
    def from_row(cls, row: dict) -> "Actor":
        """The inverse of ``to_row``."""
        return cls(text=row["text"], name=row["name"], country=row["country"], sector=row["sector"],
                   id=row["kb_id"])


@dataclass(frozen=True)
class Timex:
    """A time expression with its TIMEX3 value, anchored on the publication date."""

    doc: str
    text: str
    start: int
    end: int
    value: str
    type: str = "DATE"  # DATE|TIME|DURATION|SET

    def to_json(self) -> dict:
        return {"doc": self.doc, "text": self.text, "start": self.start, "end": self.end,
                "value": self.value, "type": self.type}


@dataclass(frozen=True)
class Place:
    """Where an event happened, resolved offline to a country and coordinates."""

    text: str
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    # "stated": named in the event's own sentence; "scene": the story's main place, assumed because
    # the sentence names none. Clustering lets only stated places keep two reports apart.
    basis: str = "stated"

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Event:
    """One event mention: PLOVER coding plus the evidence span that supports it."""

    doc: str
    event_type: str
    evidence: str
    start: int
    end: int
    mode: str | None = None
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    date: str | None = None
    date_basis: str = "unknown"
    location: Place | None = None
    aux: str = "none"
    confidence: float = 0.5
    quad: str | None = None
    trigger: str | None = None
    cluster: str | None = None
    id: str | None = None

    def to_json(self) -> dict:
        """The line format of shared/eval/FORMAT.md."""
        return {
            "doc": self.doc, "id": self.id, "event_type": self.event_type, "mode": self.mode,
            "actor": [a.to_json() for a in self.actor],
            "recipient": [a.to_json() for a in self.recipient],
            "date": self.date, "date_basis": self.date_basis,
            "location": self.location.to_json() if self.location else None,
            "aux": self.aux, "quad": self.quad, "trigger": self.trigger,
            "evidence": self.evidence, "start": self.start, "end": self.end,
            "confidence": round(self.confidence, 3), "cluster": self.cluster,
        }

    def to_row(self) -> dict:
        """Its row in the store's ``events`` table (participants go to ``participants``: ``Actor.to_row``)."""
        loc = self.location
        return {
            "id": self.id, "doc": self.doc, "event_type": self.event_type, "mode": self.mode, "date": self.date,
            "date_basis": self.date_basis, "location_text": loc.text if loc else None,
            "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
            "location_basis": loc.basis if loc else None, "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None, "aux": self.aux, "quad": self.quad, "trigger": self.trigger,
            "evidence": self.evidence, "start_char": self.start, "end_char": self.end,
            "confidence": self.confidence, "cluster": self.cluster}

    @classmethod
    def from_row(cls, row: dict, actor: list[Actor] | None = None, recipient: list[Actor] | None = None) -> "Event":
        """The inverse of ``to_row``, with the event's participants; other columns ignored."""
        loc = None
        if row["location_text"]:
            loc = Place(text=row["location_text"], name=row["location_name"], country=row["location_country"],
                        lat=row["lat"], lon=row["lon"], basis=row.get("location_basis") or "stated")
        return cls(
            doc=row["doc"], event_type=row["event_type"], evidence=row["evidence"], start=row["start_char"],
            end=row["end_char"], mode=row["mode"], actor=list(actor or []), recipient=list(recipient or []),
            date=row["date"], date_basis=row["date_basis"], location=loc, aux=row["aux"],
            confidence=row["confidence"], quad=row["quad"], trigger=row["trigger"], cluster=row["cluster"],
            id=row["id"])


@dataclass
class DocResult:
    """Everything extracted from one document."""

    document: Document
    events: list[Event] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)  # actors.jsonl-shaped rows


def _date(value) -> dt.date | None:
    """A date from a row: a date stays, an ISO string is parsed, empty is None."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10]) if value else None
    return value


@dataclass(frozen=True)
class InputError:
    """A rejected input: which file (and line), and why, in words a user can act on."""

    origin: str
    reason: str
    kind: str = "input"

    def to_row(self) -> dict:
        """Its row in the store's ``errors`` table."""
        return {"origin": self.origin, "reason": self.reason, "kind": self.kind}
