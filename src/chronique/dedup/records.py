"""Typed views the de-duplication stages work on: a stored event mention, a merged event, a cluster, and
what a clustering run did."""
from __future__ import annotations

from dataclasses import dataclass, field

from chronique.dedup.when import Interval
from chronique.plover import GENERIC_CODES

FACTUAL = frozenset({"none", "historical"})
NON_STATE = frozenset({"REB", "OPP", "CVL"})


@dataclass(frozen=True)
class Party:
    """One participant as coded: enough to compare events, cite them and export them."""

    text: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None

    def key(self) -> str | None:
        """The identity used for overlap: the country (with the sector for non-state groups such as
        rebels or protesters, who are not their state), or the body's name when the code is generic."""
        c = (self.country or "").upper() or None
        if c in GENERIC_CODES:
            who = self.kb_id or self.name
            return f"{c}:{who}" if who else None
        if c and (self.sector or "").upper() in NON_STATE:
            return f"{c}/{self.sector.upper()}"
        return c

    def entity(self) -> str | None:
        """A knowledge-base entity below the state (a person, an organisation), else None."""
        if self.kb_id and self.kb_id.upper() != (self.country or "").upper():
            return self.kb_id
        return None


@dataclass(frozen=True)
class Mention:
    """One stored event line with its document's publication date and source."""

    id: str
    doc: str
    event_type: str
    start: int
    end: int
    evidence: str
    mode: str | None = None
    actor: tuple[Party, ...] = ()
    recipient: tuple[Party, ...] = ()
    date: str | None = None
    date_basis: str | None = None
    interval: Interval | None = None
    location_text: str | None = None
    location_name: str | None = None
    location_country: str | None = None
    location_basis: str | None = None  # stated | scene (model.Place.basis)
    lat: float | None = None
    lon: float | None = None
    aux: str = "none"
    confidence: float = 0.5
    published: int | None = None  # ordinal of the publication date
    source: str | None = None
    url: str | None = None

    @property
    def factual(self) -> bool:
        return (self.aux or "none") in FACTUAL


@dataclass
class MergedEvent:
    """The mentions of one real-world event inside one document, attributes combined."""

    id: str
    doc: str
    mentions: list[Mention] = field(default_factory=list)
    interval: Interval | None = None

    @property
    def head(self) -> Mention:
        """The first mention in reading order: type, aux and evidence anchor."""
        return self.mentions[0]


@dataclass
class Cluster:
    """Merged events from different documents that report the same real-world event."""

    id: str
    members: list[MergedEvent] = field(default_factory=list)
    reps: list[MergedEvent] = field(default_factory=list)  # members that are not copies of another member
    interval: Interval | None = None
    docs: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class ClusterReport:
    """What a run recomputed: the whole store (``full``), or what the written documents could affect."""

    mentions: int  # event lines loaded and clustered
    merged: int
    clusters: int
    multi_document: int
    syndicated_links: int  # document links written
    full: bool = True

    @classmethod
    def of(cls, mentions: int, clusters: list[Cluster], links: list, full: bool) -> "ClusterReport":
        """The report of a run that clustered ``mentions`` event lines into ``clusters`` and wrote ``links``."""
        return cls(mentions, sum(len(c.members) for c in clusters), len(clusters),
                   sum(1 for c in clusters if len(c.docs) > 1), len(links), full)
