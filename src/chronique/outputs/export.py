"""Exports, one row per cluster (a real-world event, ``per="cluster"``) or per event (one report, ``per="event"``).

- ``csv``, ``jsonl``, ``parquet``: the columns of ``outputs.columns`` (one set, defined and documented
  there), the same for both granularities; lists joined with ";" in CSV.
- ``plover-json``: JSON Lines with the field names of the PLOVER specification (id, date, enddate,
  source, recipient, event, mode, event_loc, event_text, quad_code, link, cite_info, coder) plus our own
  counts (num_mentions, num_articles, num_sources) as the specification allows.
- ``cameo-tsv``: a GDELT-like tab-separated table (Actor1Code = country + sector, EventCode CAMEO,
  QuadClass, NumMentions/NumSources/NumArticles, ActionGeo_*), loadable by GDELT users' tools.

The last two keep the names of the formats they follow; everything else speaks ``outputs.columns``.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from chronique.version import __version__
from chronique.dedup import when
from chronique.outputs.columns import NAMES, SCHEMA, csv_cells, flat_row
from chronique.plover import QUAD
from chronique.store.db import Store

FORMATS = ("csv", "jsonl", "parquet", "plover-json", "cameo-tsv")
PER = ("cluster", "event")
BATCH = 2048  # rows fetched, and Parquet rows written, at a time
QUAD_CODE = {"verbal-cooperation": 1, "material-cooperation": 2, "verbal-conflict": 3, "material-conflict": 4}
# PLOVER type -> CAMEO cue category (the inverse of the PLOVER manual's translation table) ...
CAMEO_ROOT = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08",
              "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13",
              "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18"}
# ... refined by the mode where CAMEO has a matching sub-code.
CAMEO_MODE = {("CONSULT", "phone"): "041", ("CONSULT", "visit"): "042", ("CONSULT", "third-party"): "044",
              ("ACCUSE", "investigate"): "090", ("RETREAT", "release"): "084", ("RETREAT", "ceasefire"): "0871",
              ("PROTEST", "demo"): "141", ("PROTEST", "hunger"): "142", ("PROTEST", "strike"): "143",
              ("PROTEST", "obstruct"): "144", ("PROTEST", "riot"): "145", ("SANCTION", "expel"): "161",
              ("SANCTION", "discontinue"): "163", ("SANCTION", "withdraw"): "166", ("COERCE", "seize"): "171",
              ("COERCE", "arrest"): "173", ("COERCE", "deport"): "174", ("COERCE", "cyber"): "176",
              ("ASSAULT", "abduct"): "181", ("ASSAULT", "beat"): "182", ("ASSAULT", "explosives"): "183",
              ("ASSAULT", "suicide-attack"): "1831", ("ASSAULT", "targeted"): "186",
              ("ASSAULT", "firearms"): "193", ("ASSAULT", "heavy-weapons"): "194",
              ("ASSAULT", "aerial"): "195", ("ASSAULT", "unconventional"): "20"}
TSV_COLUMNS = ("GLOBALEVENTID", "SQLDATE", "DatePrecision", "Actor1Code", "Actor1Name", "Actor1CountryCode",
               "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
               "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "PloverType", "PloverMode", "Aux",
               "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName", "ActionGeo_CountryCode",
               "ActionGeo_Lat", "ActionGeo_Long", "ClusterID", "SOURCEURL")
_CLUSTERS = """SELECT c.*, d.url, d.title, d.source AS publication,
       (SELECT list(DISTINCT e.evidence ORDER BY e.evidence) FROM events e WHERE e.cluster = c.id) AS texts
FROM clusters c LEFT JOIN documents d ON d.id = c.evidence_doc ORDER BY c.date_start NULLS LAST, c.id"""
_EVENTS = """WITH p AS (
  SELECT event_id, role, list(struct_pack(text := text, name := name, country := country,
         sector := sector, kb_id := kb_id) ORDER BY position) AS ps
  FROM participants GROUP BY event_id, role)
SELECT e.id, e.cluster, e.doc AS evidence_doc, e.event_type, e.mode, e.date, e.date_basis, e.aux, e.location_text,
       e.location_name, e.location_country, e.lat, e.lon, e.evidence, e.start_char AS evidence_start,
       e.end_char AS evidence_end,
       e.confidence, coalesce(pa.ps, []) AS actor, coalesce(pr.ps, []) AS recipient,
       d.url, d.title, d.source AS publication, d.published
FROM events e JOIN documents d ON d.id = e.doc
LEFT JOIN p pa ON pa.event_id = e.id AND pa.role = 'actor'
LEFT JOIN p pr ON pr.event_id = e.id AND pr.role = 'recipient'
ORDER BY e.date NULLS LAST, e.doc, e.start_char"""


def rows(store: Store, per: str = "cluster") -> Iterator[dict]:
    """Normalised records of clusters or events: same keys, so every writer serves both."""
    cur = store.con.execute(_CLUSTERS if per == "cluster" else _EVENTS)
    cols = [d[0] for d in cur.description]
    while batch := cur.fetchmany(BATCH):
        for r in batch:
            yield _normalise(dict(zip(cols, r)), per)


def _normalise(r: dict, per: str) -> dict:
    iv = when.parse(r["date"])
    out = dict(r)
    out["date_start"] = dt.date.fromordinal(iv[0]).isoformat() if iv else None
    out["date_end"] = dt.date.fromordinal(iv[1]).isoformat() if iv else None
    if per == "cluster":
        out["cluster"] = r["id"]
        rest = [t for t in r["texts"] or [] if t != r["evidence"]]
        out["texts"] = ([r["evidence"]] if r["evidence"] else []) + rest
    else:
        out.update(n_mentions=1, n_documents=1, n_sources=1, documents=[r["evidence_doc"]], texts=[r["evidence"]])
    return out


def _actor_obj(p: dict) -> dict:
    return {"code": p["country"], "sector": p["sector"], "actor_text": p["text"],
            "identifier_id": p["kb_id"], "identifier_text": p["name"]}


def plover_record(r: dict) -> dict:
    """One record in the PLOVER JSON field names."""
    loc = None
    if r["location_name"] or r["location_text"] or r["location_country"]:
        loc = {"name": r["location_name"] or r["location_text"], "latitude": r["lat"], "longitude": r["lon"],
               "cc3": r["location_country"]}
    rec = {"id": r["id"], "date": r["date_start"], "enddate": r["date_end"],
           "date_precision": when.precision(r["date"]), "source": [_actor_obj(p) for p in r["actor"]],
           "recipient": [_actor_obj(p) for p in r["recipient"]], "event": [r["event_type"]],
           "mode": r["mode"], "event_loc": loc, "event_text": r["texts"],
           "quad_code": QUAD_CODE.get(QUAD.get(r["event_type"], "")), "link": r["cluster"], "aux": r["aux"],
           "cite_info": {"url": r["url"], "title": r["title"], "publication": r["publication"], "language": "fr"},
           "coder": f"chronique {__version__}", "codebook": "plover-base",
           "num_mentions": r["n_mentions"], "num_articles": r["n_documents"], "num_sources": r["n_sources"]}
    return rec


def cameo_code(event_type: str, mode: str | None) -> str:
    return CAMEO_MODE.get((event_type, mode)) or CAMEO_ROOT.get(event_type, "") + "0"


def _tsv_actor(parties: list[dict]) -> tuple[str, str, str, str]:
    """The principal coded participant: first one with a country (else first), as GDELT's Actor fields."""
    p = next((p for p in parties if p["country"]), parties[0] if parties else None)
    if p is None:
        return "", "", "", ""
    code = (p["country"] or "") + (p["sector"] or "")
    return code, (p["name"] or p["text"] or ""), p["country"] or "", p["sector"] or ""


def tsv_row(r: dict) -> list:
    """One GDELT-like row."""
    code = cameo_code(r["event_type"], r["mode"])
    day = (r["date_start"] or "").replace("-", "")
    return [r["id"], day, when.precision(r["date"]) or "", *_tsv_actor(r["actor"]), *_tsv_actor(r["recipient"]),
            code, code[:3], code[:2], QUAD_CODE.get(QUAD.get(r["event_type"], ""), ""), r["event_type"],
            r["mode"] or "", r["aux"] or "", r["n_mentions"], r["n_sources"], r["n_documents"],
            r["location_name"] or r["location_text"] or "", r["location_country"] or "",
            "" if r["lat"] is None else r["lat"], "" if r["lon"] is None else r["lon"], r["cluster"] or "",
            r["url"] or ""]


def _write_delimited(store: Store, per: str, out: Path, fmt: str) -> int:
    header, make, delimiter = {"cameo-tsv": (TSV_COLUMNS, tsv_row, "\t"),
                               "csv": (NAMES, lambda r: csv_cells(flat_row(r)), ",")}[fmt]
    n = 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter, lineterminator="\n")
        w.writerow(header)
        for r in rows(store, per):
            w.writerow(make(r))
            n += 1
    return n


def _write_json_lines(store: Store, per: str, out: Path, record) -> int:
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows(store, per):
            fh.write(json.dumps(record(r), ensure_ascii=False, default=str) + "\n")
            n += 1
    return n


def _write_parquet(store: Store, per: str, out: Path) -> int:
    """Parquet with ``SCHEMA``, written batch by batch (memory does not grow with the store)."""
    n = 0
    with pq.ParquetWriter(out, SCHEMA) as writer:
        batch: list[dict] = []
        for r in rows(store, per):
            batch.append(flat_row(r))
            if len(batch) == BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
                n, batch = n + len(batch), []
        writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
    return n + len(batch)


def export(store: Store, fmt: str, out: str | Path, per: str = "cluster") -> int:
    """Write clusters or events in ``fmt`` to ``out``; returns the number of records."""
    if fmt not in FORMATS or per not in PER:
        raise ValueError(f"format must be one of {', '.join(FORMATS)} and per one of {', '.join(PER)}")
    out = Path(out)
    if fmt == "plover-json":
        return _write_json_lines(store, per, out, plover_record)
    if fmt == "jsonl":
        return _write_json_lines(store, per, out, flat_row)
    if fmt == "parquet":
        return _write_parquet(store, per, out)
    return _write_delimited(store, per, out, fmt)
