"""``chronique.open``: a store read as Arrow tables (``.to_pandas()``, ``polars.from_arrow``), and ``add`` to it.

Every read takes the filters of ``chronique events`` (``store.filters.EventFilter``: the same names, the same
meaning as in the CLI and the REST API) and runs as one DuckDB query straight to Arrow, no Python per row.
A store opens read-only unless asked: a notebook can read it while ``chronique serve --read-only`` does.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from chronique.api import sql
from chronique.model import BATCH_SIZE

if TYPE_CHECKING:
    import pyarrow as pa

    from chronique.api.strings import Source
    from chronique.store.db import Store
    from chronique.store.filters import EventFilter


class Filters(TypedDict, total=False):
    """The event filters, as ``chronique events`` takes them (``store/filters.py`` says what each means)."""

    actor: str        # knowledge-base id, part of a name or mention, or ISO country code
    role: str         # actor | recipient: where ``actor`` must appear
    country: str      # ISO 3166 alpha-3 of a participant or of the place
    event_type: str   # PLOVER type, e.g. "CONSULT"
    quad: str         # verbal-cooperation, material-cooperation, verbal-conflict, material-conflict
    aux: str          # none, negated, hypothetical, future, historical
    since: str        # YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www, inclusive at the precision given
    until: str
    q: str            # free text in the evidence, trigger, participants or title
    docs: Sequence[str]
    cluster: str


class EventStore:
    """A chronique DuckDB store; use as a context manager or ``close()`` it."""

    def __init__(self, path: str | Path = "chronique.duckdb", *, read_only: bool = True) -> None:
        from chronique.store.db import Store

        if read_only and not Path(path).exists():
            raise FileNotFoundError(f"{path}: no such store; create one with chronique.open({str(path)!r}, "
                                    "read_only=False) or 'chronique extract'")
        self.path = str(path)
        self.read_only = read_only
        self._store: Store = Store(path, read_only=read_only)

    def __repr__(self) -> str:
        return f"<EventStore {self.path} ({'read-only' if self.read_only else 'read-write'})>"

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()

    def events(self, *, limit: int | None = None, **filters: Unpack[Filters]) -> pa.Table:
        """Events matching the filters, flat: one row each, ``actor`` and ``recipient`` as lists of
        {text, name, country, sector, kb_id}; ordered by date, then document and position."""
        return self._table(sql.events, filters, limit)

    def timeline(self, *, limit: int | None = None, **filters: Unpack[Filters]) -> pa.Table:
        """The clusters (real-world events) of the events matching the filters, in date order, as
        ``chronique timeline`` shows them: sources, documents, mentions, one evidence sentence."""
        from chronique.outputs.timeline import query

        text, params = query(_event_filter(filters), limit)
        return self._store.con.sql(text, params=params).to_arrow_table()

    def actors(self, *, limit: int | None = None, **filters: Unpack[Filters]) -> pa.Table:
        """Participants of the matching events, one row per identity (knowledge-base id, else name), with
        their events counted by role and the words the articles used for them; most active first."""
        return self._table(sql.actors, filters, limit)

    def network(self, *, limit: int | None = None, **filters: Unpack[Filters]) -> pa.Table:
        """Actor pairs of the matching events, counted by quad: ``directed`` edges run actor -> recipient;
        undirected ones join co-actors of an event with no recipient (a meeting)."""
        return self._table(sql.network, filters, limit)

    def documents(self, *, limit: int | None = None, **filters: Unpack[Filters]) -> pa.Table:
        """Articles with at least one matching event (all of them with no filter), newest first, with their
        text and their number of matching events."""
        f = _event_filter(filters)
        where, params = f.where()
        text = sql.documents(where) + (f" LIMIT {int(limit)}" if limit else "")
        return self._store.con.sql(text, params=[*params, f == _event_filter({}), *params]).to_arrow_table()

    def add(self, source: Source | Path | Iterable[Source | Path], *, meta: str | Path | None = None,
            batch_size: int = BATCH_SIZE) -> dict[str, Any]:
        """Extract texts, records or files (``Path``: a file or folder) into the store as ``chronique extract``
        does, ``meta`` being its ``--meta`` docs.jsonl for files (already stored documents are skipped, clusters
        brought up to date); returns counts and the refused inputs."""
        from chronique.api.ingest import add

        if self.read_only:
            raise PermissionError(f"{self.path}: opened read-only; use chronique.open({self.path!r}, read_only=False)")
        return add(self._store, source, meta, batch_size)

    def _table(self, query: Any, filters: Filters, limit: int | None) -> pa.Table:
        where, params = _event_filter(filters).where()
        text = query(where) + (f" LIMIT {int(limit)}" if limit else "")
        return self._store.con.sql(text, params=params).to_arrow_table()


def _event_filter(filters: Filters) -> EventFilter:
    """The shared ``EventFilter`` (ValueError on a malformed date, TypeError on an unknown name)."""
    from chronique.store.filters import EventFilter

    docs = filters.get("docs")
    return EventFilter(**{**filters, "docs": None if docs is None else tuple(docs)})  # type: ignore[arg-type]


def open(path: str | Path = "chronique.duckdb", *, read_only: bool = True) -> EventStore:  # noqa: A001
    """The store at ``path``, read-only unless ``read_only=False`` (which creates it when missing)."""
    return EventStore(path, read_only=read_only)
