"""Request and response models of the REST API; they are what the OpenAPI document shows."""
from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field, model_validator

COUNTRY_PATTERN = r"^[A-Za-z]{3}$"
T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a longer list: ``total`` items match, ``items`` starts at ``offset``."""

    total: int
    limit: int
    offset: int
    items: list[T]


class Participant(BaseModel):
    id: str = Field(description="actor id: knowledge-base id, else canonical name, else the text")
    text: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None


class Location(BaseModel):
    text: str
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class EventOut(BaseModel):
    """One event mention, PLOVER-coded, with the offsets of its evidence in its article."""

    id: str
    doc: str
    doc_title: str | None = None
    published: dt.date | None = None
    event_type: str
    mode: str | None = None
    quad: str | None = None
    aux: str | None = None
    date: str | None = None
    date_basis: str | None = None
    actor: list[Participant] = []
    recipient: list[Participant] = []
    location: Location | None = None
    trigger: str | None = None
    evidence: str
    start: int = Field(description="character offset of the evidence in the document text")
    end: int
    confidence: float | None = None
    cluster: str | None = Field(None, description="shared by every event reporting the same real-world event")


class DocumentInfo(BaseModel):
    id: str
    title: str | None = None
    published: dt.date | None = None
    published_basis: str | None = Field(None, description="where the date comes from: given (metadata), page "
                                                          "(HTML metadata), run (--published), url, dateline, "
                                                          "content (the text's own dates)")
    origin: str | None = Field(None, description="the file (and line or record) the article was read from")
    source: str | None = None
    url: str | None = None
    language: str | None = None
    n_events: int = 0


class Context(BaseModel):
    """The evidence with some text on either side."""

    before: str
    text: str
    after: str


class EventDetail(EventOut):
    document: DocumentInfo | None = None
    context: Context
    cluster_events: list[EventOut] = Field(description="the other events of the same cluster, in any document")


class TimelineItem(BaseModel):
    """A cluster (or a lone event): its first date, main type and quad, and a representative event."""

    key: str
    cluster: str | None = None
    date: str | None = None
    event_type: str
    quad: str | None = None
    mode: str | None = None
    aux: str | None = None
    n_events: int
    n_docs: int
    event_id: str = Field(description="the most confident event of the group")
    event_ids: list[str]
    doc: str | None = None
    actors: list[str]
    recipients: list[str]
    evidence: str


class ActorOut(BaseModel):
    id: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    n_events: int
    as_actor: int
    as_recipient: int
    mentions: list[str]


class ActorEvent(EventOut):
    roles: list[str] = Field(description="the roles this actor plays in the event")


class ActorDetail(ActorOut):
    event_types: dict[str, int]
    events: Page[ActorEvent]


class NetworkNode(BaseModel):
    id: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    n_events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    weight: int = Field(description="number of events linking the two actors")
    directed: bool = Field(description="false for symmetric events (both sides actors, e.g. a meeting)")
    quad: str = Field(description="the quad of most of these events (the edge colour)")
    quads: dict[str, int]


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class Span(BaseModel):
    event_id: str
    start: int
    end: int
    event_type: str
    quad: str | None = None
    aux: str | None = None


class TimexOut(BaseModel):
    start: int
    end: int
    text: str
    value: str | None = None
    type: str | None = None


class DocumentOut(DocumentInfo):
    text: str
    spans: list[Span]
    timexes: list[TimexOut]


class Overview(BaseModel):
    counts: dict[str, int]
    event_types: dict[str, int]
    quads: dict[str, int]
    countries: dict[str, int]
    date_min: str | None = None
    date_max: str | None = None
    ingest: bool = Field(description="whether POST /api/documents is enabled")
    token_required: bool


class ArticleIn(BaseModel):
    """A French article to ingest: plain ``text`` or an ``html`` page, plus optional metadata."""

    text: str | None = Field(None, description="article text, title on the first line when known")
    html: str | None = Field(None, description="a whole HTML page; the main text is extracted")
    id: str | None = Field(None, max_length=200, pattern=r"^[\w.:-]+$", description="default: a content hash")
    title: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=200)
    published: dt.date | None = Field(None, description="anchors relative dates such as 'jeudi'")

    @model_validator(mode="after")
    def _one_body(self) -> "ArticleIn":
        if bool(self.text) == bool(self.html):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


class IngestOut(BaseModel):
    id: str
    status: Literal["created", "unchanged"]
    events: int
    event_ids: list[str]


class DocumentIn(BaseModel):
    """An article already read by ``chronique extract`` (its text as given, its id and date basis kept)."""

    id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1)
    title: str | None = Field(None, max_length=2000)
    published: dt.date | None = None
    published_basis: str | None = Field(None, max_length=40)
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)
    origin: str | None = Field(None, max_length=2000, description="the file it was read from, for messages")


class Rejected(BaseModel):
    origin: str
    reason: str
    kind: str


class BatchIn(BaseModel):
    """A batch of articles for POST /api/documents/batch (what ``chronique extract`` sends to a server)."""

    documents: list[DocumentIn] = Field(max_length=1000)
    force: bool = Field(False, description="re-extract documents already stored")
    check_language: bool = Field(True, description="refuse documents that are not French")
    errors: list[Rejected] = Field([], max_length=100_000, description="inputs the sender rejected, to record")
    events_of: list[str] = Field([], max_length=1_000_000,
                                 description="documents whose events and time expressions to return (--out)")


class BatchOut(BaseModel):
    processed: list[str] = Field(description="documents extracted and stored")
    skipped: list[str] = Field(description="documents already stored with the same text and pipeline version")
    errors: list[Rejected]
    events: int = Field(description="events of the documents extracted")
    event_lines: list[dict] = Field([], description="the events of the documents named in events_of")
    timexes: list[dict] = Field([], description="their time expressions")
