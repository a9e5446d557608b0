"""``EventStore.add``: texts, records and files into a store by the CLI's own path (pipeline.run, clusters)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chronique.api.strings import ORIGIN, Source, to_record

if TYPE_CHECKING:
    from chronique.model import Document, InputError
    from chronique.store.db import Store


def add(store: Store, source: Source | Path | Iterable[Source | Path], meta: str | Path | None,
        batch_size: int) -> dict[str, Any]:
    """Run the pipeline into ``store``, then clusters for what was written; counts and refused inputs."""
    from chronique.dedup.index import assign_clusters
    from chronique.ingest.meta import load_meta
    from chronique.nlp import load_nlp
    from chronique.pipeline import run

    sources = [source] if isinstance(source, (str, Mapping, Path)) else source
    report = run(_items(sources, load_meta(meta)), store, load_nlp(), batch_size=batch_size)
    assign_clusters(store, report.processed)
    return {"processed": len(report.processed), "skipped": len(report.skipped), "events": report.events,
            "errors": [f"{e.origin}: {e.reason}" for e in report.errors]}


def _items(sources: Iterable[Source | Path], meta: dict[str, dict[str, Any]]) -> Iterator[Document | InputError]:
    """Documents (or refused inputs) of texts, records and files, in order, streamed."""
    from chronique.ingest.sources import read_sources
    from chronique.ingest.limits import Limits
    from chronique.ingest.record import build_document

    for s in sources:
        if isinstance(s, Path):
            yield from read_sources([str(s)], meta, Limits())
        else:
            yield build_document(to_record(s), ORIGIN, {}, Limits())
