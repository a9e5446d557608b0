"""The one set of columns of the flat exports (``csv``, ``jsonl``, ``parquet``), for events and clusters alike.

Each column is defined here once, with its type and meaning; the README's export table is checked against
it (``tests/dedup/test_export.py``). Lists stay lists in JSON Lines and Parquet and are joined with ``;``
in CSV (participant lists in matching order: the n-th name goes with the n-th country).
"""
from __future__ import annotations

import pyarrow as pa

from chronique.plover import QUAD

STR, INT, FLOAT, STRS = pa.string(), pa.int64(), pa.float64(), pa.list_(pa.string())
# (name, Arrow type, meaning)
COLUMNS: tuple[tuple[str, pa.DataType, str], ...] = (
    ("id", STR, "event id (`--per event`) or cluster id (`--per cluster`)"),
    ("cluster", STR, "the cross-article cluster: the real-world event this row reports"),
    ("date", STR, "ISO 8601 / TIMEX3 value at its own precision: YYYY, YYYY-MM, YYYY-Www or YYYY-MM-DD"),
    ("date_start", STR, "first day `date` denotes (YYYY-MM-DD)"),
    ("date_end", STR, "last day `date` denotes"),
    ("date_basis", STR, "how the date was found (stated, relative, publication…)"),
    ("event_type", STR, "PLOVER type (AGREE … ASSAULT)"),
    ("mode", STR, "PLOVER mode, when one applies"),
    ("quad", STR, "PLOVER quad: verbal/material cooperation/conflict"),
    ("aux", STR, "none, historical, future, hypothetical or negated"),
    ("actor_names", STRS, "canonical names of the actors (English, as in the knowledge base)"),
    ("actor_countries", STRS, "their ISO 3166 alpha-3 codes"),
    ("actor_sectors", STRS, "their CAMEO-style sectors (GOV, MIL, CVL…)"),
    ("actor_ids", STRS, "their knowledge-base ids (Wikidata QIDs), empty when unresolved"),
    ("recipient_names", STRS, "canonical names of the recipients"),
    ("recipient_countries", STRS, "their ISO 3166 alpha-3 codes"),
    ("recipient_sectors", STRS, "their sectors"),
    ("recipient_ids", STRS, "their knowledge-base ids"),
    ("location_name", STR, "where it happened"),
    ("location_country", STR, "the place's ISO 3166 alpha-3 code"),
    ("lat", FLOAT, "latitude of the place"),
    ("lon", FLOAT, "longitude of the place"),
    ("num_mentions", INT, "event lines merged into this row (1 per event row)"),
    ("num_articles", INT, "articles reporting it"),
    ("num_sources", INT, "distinct outlets reporting it"),
    ("documents", STRS, "ids of the articles reporting it"),
    ("doc", STR, "the article of the evidence"),
    ("start", INT, "character offset of the evidence in that article's text"),
    ("end", INT, "end offset: `text[start:end] == evidence`"),
    ("evidence", STR, "the sentence that reports it"),
    ("url", STR, "URL of the evidence's article"),
    ("confidence", FLOAT, "the extraction's confidence, 0–1"),
)
# The participant columns: <role>_<plural> holds each participant's <key>.
PEOPLE = (("names", "name"), ("countries", "country"), ("sectors", "sector"), ("ids", "kb_id"))
NAMES = tuple(name for name, _, _ in COLUMNS)
SCHEMA = pa.schema([(name, kind) for name, kind, _ in COLUMNS])


def _parts(parties: list[dict], key: str) -> list[str]:
    """One field of each participant, in order ("" when missing; a name falls back to the mention text)."""
    if key == "name":
        return [p["name"] or p["text"] or "" for p in parties]
    return [p[key] or "" for p in parties]


def flat_row(r: dict) -> dict:
    """One export row (``COLUMNS``) from a normalised record of ``export.rows``."""
    people = {f"{role}_{plural}": _parts(r[role], key) for role in ("actor", "recipient") for plural, key in PEOPLE}
    return {"id": r["id"], "cluster": r["cluster"], "date": r["date"], "date_start": r["date_start"],
            "date_end": r["date_end"], "date_basis": r["date_basis"], "event_type": r["event_type"],
            "mode": r["mode"], "quad": QUAD.get(r["event_type"]), "aux": r["aux"], **people,
            "location_name": r["location_name"] or r["location_text"], "location_country": r["location_country"],
            "lat": r["lat"], "lon": r["lon"], "num_mentions": r["n_mentions"], "num_articles": r["n_documents"],
            "num_sources": r["n_sources"], "documents": list(r["documents"] or []), "doc": r["evidence_doc"],
            "start": r["evidence_start"], "end": r["evidence_end"], "evidence": r["evidence"], "url": r["url"],
            "confidence": r["confidence"]}


def csv_cells(row: dict) -> list:
    """A flat row as CSV cells: lists joined with ";", the evidence on one line."""
    cells = []
    for name, kind, _ in COLUMNS:
        value = row[name]
        if kind == STRS:
            value = ";".join(value)
        elif name == "evidence":
            value = " ".join((value or "").split())
        cells.append(value)
    return cells
