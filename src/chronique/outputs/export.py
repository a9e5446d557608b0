"""Exports of clusters (one row per real-world event) or event mentions (one row per report).

- ``plover-json``: JSON Lines with the field names of the PLOVER specification (id, date, enddate,
  source, recipient, event, mode, event_loc, event_text, quad_code, link, cite_info, coder) plus our own
  counts (num_mentions, num_articles, num_sources) as the specification allows.
- ``cameo-tsv``: a GDELT-like tab-separated table (Actor1Code = country + sector, EventCode CAMEO,
  QuadClass, NumMentions/NumSources/NumArticles, ActionGeo_*), loadable by GDELT users' tools.
- ``csv``: flat comma-separated rows (lists joined with ";").
- ``parquet``: the rows with nested participants, written by DuckDB.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from chronique.version import __version__
from chronique.dedup import when
from chronique.plover import QUAD
from chronique.store.db import Store

FORMATS = ("plover-json", "cameo-tsv", "csv", "parquet")
LEVELS = ("clusters", "events")
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
CSV_COLUMNS = ("id", "cluster", "date", "date_start", "date_end", "event_type", "mode", "aux", "actor_names",
               "actor_countries", "actor_sectors", "recipient_names", "recipient_countries",
               "recipient_sectors", "location_name", "location_country", "lat", "lon", "num_mentions",
               "num_articles", "num_sources", "documents", "evidence", "url")

_CLUSTERS = """SELECT c.*, d.url, d.title, d.source AS publication,
       (SELECT list(DISTINCT e.evidence ORDER BY e.evidence) FROM events e WHERE e.cluster = c.id) AS texts
FROM clusters c LEFT JOIN documents d ON d.id = c.evidence_doc ORDER BY c.date_start NULLS LAST, c.id"""
_EVENTS = """WITH p AS (
  SELECT event_id, role, list(struct_pack(text := text, name := name, country := country,
         sector := sector, kb_id := kb_id) ORDER BY position) AS ps
  FROM participants GROUP BY event_id, role)
SELECT e.id, e.cluster, e.doc, e.event_type, e.mode, e.date, e.date_basis, e.aux, e.location_text,
       e.location_name, e.location_country, e.lat, e.lon, e.evidence, e.start_char, e.end_char,
       e.confidence, coalesce(pa.ps, []) AS actor, coalesce(pr.ps, []) AS recipient,
       d.url, d.title, d.source AS publication, d.published
FROM events e JOIN documents d ON d.id = e.doc
LEFT JOIN p pa ON pa.event_id = e.id AND pa.role = 'actor'
LEFT JOIN p pr ON pr.event_id = e.id AND pr.role = 'recipient'
ORDER BY e.date NULLS LAST, e.doc, e.start_char"""


def rows(store: Store, level: str = "clusters") -> Iterator[dict]:
    """Normalised records of either level: same keys, so every writer serves both."""
    cur = store.con.execute(_CLUSTERS if level == "clusters" else _EVENTS)
    cols = [d[0] for d in cur.description]
    while batch := cur.fetchmany(2048):
        for r in batch:
            yield _normalise(dict(zip(cols, r)), level)


def _normalise(r: dict, level: str) -> dict:
    iv = when.parse(r["date"])
    out = dict(r)
    out["date_start"] = dt.date.fromordinal(iv[0]).isoformat() if iv else None
    out["date_end"] = dt.date.fromordinal(iv[1]).isoformat() if iv else None
    if level == "clusters":
        out["cluster"] = r["id"]
        rest = [t for t in r["texts"] or [] if t != r["evidence"]]
        out["texts"] = ([r["evidence"]] if r["evidence"] else []) + rest
    else:
        out.update(n_mentions=1, n_documents=1, n_sources=1, documents=[r["doc"]], texts=[r["evidence"]])
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


def _join(parties: list[dict], key: str) -> str:
    return ";".join(p[key] or p["text"] or "" if key == "name" else p[key] or "" for p in parties)


def csv_row(r: dict) -> list:
    """One flat row; participant lists joined with ';' in matching order."""
    return [r["id"], r["cluster"], r["date"], r["date_start"], r["date_end"], r["event_type"], r["mode"],
            r["aux"], _join(r["actor"], "name"), _join(r["actor"], "country"), _join(r["actor"], "sector"),
            _join(r["recipient"], "name"), _join(r["recipient"], "country"), _join(r["recipient"], "sector"),
            r["location_name"] or r["location_text"], r["location_country"], r["lat"], r["lon"],
            r["n_mentions"], r["n_documents"], r["n_sources"], ";".join(r["documents"] or []),
            " ".join((r["evidence"] or "").split()), r["url"]]


def _write_table(store: Store, level: str, out: Path, fmt: str) -> int:
    header, make = {"cameo-tsv": (TSV_COLUMNS, tsv_row), "csv": (CSV_COLUMNS, csv_row)}[fmt]
    n = 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t" if fmt == "cameo-tsv" else ",", lineterminator="\n")
        w.writerow(header)
        for r in rows(store, level):
            w.writerow(make(r))
            n += 1
    return n


def _write_plover(store: Store, level: str, out: Path) -> int:
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows(store, level):
            fh.write(json.dumps(plover_record(r), ensure_ascii=False, default=str) + "\n")
            n += 1
    return n


def _write_parquet(store: Store, level: str, out: Path) -> int:
    sql = _CLUSTERS if level == "clusters" else _EVENTS
    store.con.execute(f"COPY ({sql}) TO '{_quote(out)}' (FORMAT parquet)")
    return store.con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def export(store: Store, fmt: str, out: str | Path, level: str = "clusters") -> int:
    """Write clusters or events in ``fmt`` to ``out``; returns the number of records."""
    if fmt not in FORMATS or level not in LEVELS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)} and level one of {', '.join(LEVELS)}")
    out = Path(out)
    if fmt == "plover-json":
        return _write_plover(store, level, out)
    if fmt == "parquet":
        return _write_parquet(store, level, out)
    return _write_table(store, level, out, fmt)
