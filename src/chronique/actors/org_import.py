"""Organisations from a user's CSV to a knowledge-base YAML file (``chronique kb add``).

Columns (a header row; only ``name``, ``aliases``, ``country`` and ``sector`` are required):

    name        canonical name (English, Wikipedia style: "Christian Trade Union Confederation")
    aliases     the forms the press writes, separated by "|" ("CSC|Confédération des syndicats chrétiens")
    country     ISO 3166-1 alpha-3 (BEL), or IGO / NGO / MNC
    sector      a CAMEO-style sector of ``chronique.plover.SECTORS`` : GOV MIL REB OPP PTY LEG JUD COP CVL MED
                BUS REL NGO IGO REF
    fr          French display name (optional)
    id          Wikidata QID or your own id (optional; default "user:" + the name as a slug)
    type        ORG (default) or GPE
    adjectives  adjectives pointing at it, "|"-separated (optional)
    start, end  YYYY-MM-DD, when it existed or ruled (optional; a party in government, a junta)
    junta       "yes" for a ruling military council (optional)

Every row is validated as the packaged entries are (``schema.OrgEntry``); an error names the file, the
line and the field. Rows are merged into the output file by id (a row with an id already there
replaces it), so a file can grow over several runs.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import yaml
from pydantic import ValidationError

from .. import lang as language
from .schema import KBError, OrgEntry, OrgsFile

REQUIRED = ("name", "aliases", "country", "sector")
COLUMNS = (*REQUIRED, "fr", "id", "type", "adjectives", "start", "end", "junta")


def _slug(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def _entry(row: dict, path: Path, line: int) -> OrgEntry:
    """One CSV row as a validated entry."""
    missing = [c for c in REQUIRED if not (row.get(c) or "").strip()]
    if missing:
        raise KBError(f"{path}:{line}: missing {', '.join(missing)}")
    cell = {k: (v or "").strip() for k, v in row.items() if k}
    data = {"id": cell.get("id") or f"user:{_slug(cell['name'])}", "name": cell["name"],
            "country": cell["country"].upper(), "sector": cell["sector"].upper(),
            "aliases": [a.strip() for a in cell["aliases"].split("|") if a.strip()]}
    for opt in ("fr", "type", "start", "end"):
        if cell.get(opt):
            data[opt] = cell[opt]
    if cell.get("adjectives"):
        data["adjectives"] = [a.strip() for a in cell["adjectives"].split("|") if a.strip()]
    if cell.get("junta"):
        data["junta"] = cell["junta"].lower() in ("yes", "true", "1", "oui")
    try:
        return OrgEntry.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise KBError(f"{path}:{line}: {'.'.join(map(str, err['loc']))}: {err['msg']}") from None


def read_org_csv(path: Path) -> list[OrgEntry]:
    """The validated entries of a CSV file (see module doc); unknown columns are an error, not ignored."""
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        unknown = [c for c in reader.fieldnames or [] if c and c.strip() not in COLUMNS]
        if unknown or not reader.fieldnames:
            raise KBError(f"{path}: unknown columns {unknown} (expected some of {', '.join(COLUMNS)})"
                          if unknown else f"{path}: empty file, expected a header row")
        entries = [_entry({(k or "").strip(): v for k, v in row.items()}, path, n)
                   for n, row in enumerate(reader, start=2)]
    ids = [e.id for e in entries]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise KBError(f"{path}: the same id on several rows: {', '.join(dup)}")
    return entries


def merge_orgs(entries: list[OrgEntry], out: Path) -> int:
    """Write ``entries`` into the YAML file ``out`` (kept entries of other ids first); how many it holds."""
    kept: list[OrgEntry] = []
    if out.exists():
        kept = language.read(out, OrgsFile, KBError).organizations
    new = {e.id for e in entries}
    allorgs = [e for e in kept if e.id not in new] + entries
    rows = [e.model_dump(exclude_defaults=True, mode="json") for e in allorgs]
    out.write_text(yaml.safe_dump({"organizations": rows}, allow_unicode=True, sort_keys=False, width=110),
                   encoding="utf-8")
    return len(allorgs)
