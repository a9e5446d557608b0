"""Import people (office holders) from a Wikidata JSON extract or a CSV into people.yaml form.

JSON: entities as in Wikidata dumps (a JSON array, or one entity per line with trailing
commas). People are entities with P39 (position held, qualifiers P580 start / P582 end);
positions and countries present in the same file are used to find the jurisdiction
(P1001 / P17) and its ISO3 code (P298). The role key comes from the position's English
label. CSV: columns qid,name,aliases,role,country,sector,start,end (aliases ';'-separated;
several rows for one qid add roles).
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import yaml

from .schema import PeopleFile, ROLE_KEYS

# English position label fragments -> role key (first match wins; order matters).
ROLE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("vice president", "vice_president"), ("vice-president", "vice_president"),
    ("prime minister", "head_of_government"), ("head of government", "head_of_government"),
    ("chancellor", "head_of_government"), ("premier", "head_of_government"),
    ("president of the european commission", "org_head"), ("secretary-general", "org_head"),
    ("secretary general", "org_head"), ("director-general", "org_head"),
    ("high representative", "foreign_minister"), ("secretary of state", "foreign_minister"),
    ("foreign affairs", "foreign_minister"), ("foreign minister", "foreign_minister"),
    ("external affairs", "foreign_minister"), ("foreign secretary", "foreign_minister"),
    ("defence", "defence_minister"), ("defense", "defence_minister"), ("armed forces", "defence_minister"),
    ("interior", "interior_minister"), ("home affairs", "interior_minister"),
    ("finance", "finance_minister"), ("treasury", "finance_minister"), ("economy", "finance_minister"),
    ("justice", "justice_minister"), ("chief of staff", "army_chief"), ("chief of the general staff", "army_chief"),
    ("spokesperson", "spokesperson"), ("spokesman", "spokesperson"), ("speaker", "legislature_speaker"),
    ("central bank", "central_bank_governor"), ("leader of the opposition", "opposition_leader"),
    ("king", "head_of_state"), ("queen", "head_of_state"), ("emir", "head_of_state"),
    ("supreme leader", "head_of_state"), ("chairman of the state affairs", "head_of_state"),
    ("president", "head_of_state"), ("head of state", "head_of_state"), ("minister", "other_minister"),
)
GENDERS = {"Q6581097": "m", "Q6581072": "f"}
IGO_ROLES = {"org_head"}


def import_wikidata(path: Path) -> list[dict]:
    """People entries (people.yaml schema) from a Wikidata JSON extract or a CSV file."""
    path = Path(path)
    people = _from_csv(path) if path.suffix.lower() == ".csv" else _from_json(path)
    PeopleFile.model_validate({"people": people})
    return people


def write_people(people: list[dict], out: Path) -> None:
    """Write people entries as a people.yaml file (validated on the next load)."""
    text = yaml.safe_dump({"people": people}, allow_unicode=True, sort_keys=False, width=110)
    Path(out).write_text(text, encoding="utf-8")


# --- JSON ---------------------------------------------------------------------------
def _read_entities(path: Path) -> list[dict]:
    """Entities of a JSON array, an {"entities": {...}} object, or a line-per-entity dump."""
    text = path.read_text(encoding="utf-8").strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        lines = (l.strip().rstrip(",") for l in text.splitlines())
        return [json.loads(l) for l in lines if l and l not in ("[", "]")]
    if isinstance(data, list):
        return data
    if isinstance(data.get("entities"), dict):
        return list(data["entities"].values())
    return [data]


def _from_json(path: Path) -> list[dict]:
    entities = {e["id"]: e for e in _read_entities(path)}
    people = []
    for ent in entities.values():
        if "P39" in ent.get("claims", {}):
            person = _person(ent, entities)
            if person["roles"]:
                people.append(person)
    return people


def _label(ent: dict, lang: str) -> str | None:
    return (ent.get("labels", {}).get(lang) or {}).get("value")


def _values(ent: dict, prop: str) -> list:
    out = []
    for claim in ent.get("claims", {}).get(prop, []):
        dv = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if dv is not None:
            out.append(dv)
    return out


def _person(ent: dict, entities: dict) -> dict:
    name = _label(ent, "en") or _label(ent, "fr") or ent["id"]
    aliases = [_label(ent, "fr")] + [a["value"] for lang in ("fr", "en")
                                      for a in ent.get("aliases", {}).get(lang, [])]
    aliases = [a for a in dict.fromkeys(aliases) if a and a != name]
    gender = next((GENDERS.get(v.get("id")) for v in _values(ent, "P21")), None)
    nationality = next((_iso3(entities.get(v.get("id"))) for v in _values(ent, "P27")), None)
    roles = [r for c in ent["claims"]["P39"] if (r := _role(c, entities, nationality))]
    return {"id": ent["id"], "name": name, "gender": gender, "aliases": aliases, "roles": roles}


def _role(claim: dict, entities: dict, nationality: str | None) -> dict | None:
    pos_id = (claim.get("mainsnak", {}).get("datavalue", {}).get("value") or {}).get("id")
    pos = entities.get(pos_id, {})
    label = (_label(pos, "en") or "").casefold()
    role = next((r for frag, r in ROLE_PATTERNS if frag in label), None)
    if role is None:
        return None
    country = next((_iso3(entities.get(v.get("id"))) for p in ("P1001", "P17")
                    for v in _values(pos, p)), None) or nationality
    org = None
    if role in IGO_ROLES or country is None:
        org, country = _org_name(pos, entities), "IGO"
    q = claim.get("qualifiers", {})
    return {"role": role, "country": country, "sector": "IGO" if country == "IGO" else "GOV",
            "start": _time(q.get("P580")), "end": _time(q.get("P582")), "org": org}


def _org_name(pos: dict, entities: dict) -> str | None:
    for prop in ("P642", "P1001", "P361"):
        for v in _values(pos, prop):
            target = entities.get(v.get("id"))
            if target:
                return _label(target, "en")
    return None


def _iso3(ent: dict | None) -> str | None:
    if not ent:
        return None
    codes = [v for v in _values(ent, "P298") if isinstance(v, str)]
    return codes[0] if codes else None


def _time(snaks: list | None) -> str | None:
    """'+2004-03-09T00:00:00Z' -> '2004-03-09' (month/day 00 -> 01)."""
    if not snaks:
        return None
    t = (snaks[0].get("datavalue", {}).get("value") or {}).get("time")
    if not t:
        return None
    y, m, d = t.lstrip("+").split("T")[0].split("-")
    return f"{int(y):04d}-{max(int(m), 1):02d}-{max(int(d), 1):02d}"


# --- CSV ----------------------------------------------------------------------------
def _from_csv(path: Path) -> list[dict]:
    people: dict[str, dict] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            qid = (row.get("qid") or "").strip()
            if not qid or not row.get("name"):
                raise ValueError(f"{path}:{n}: qid and name are required")
            p = people.setdefault(qid, {"id": qid, "name": row["name"].strip(), "gender": None,
                                        "aliases": [], "roles": []})
            for a in (row.get("aliases") or "").split(";"):
                if a.strip() and a.strip() not in p["aliases"]:
                    p["aliases"].append(a.strip())
            if row.get("role"):
                p["roles"].append(_csv_role(row, path, n))
    return list(people.values())


def _csv_role(row: dict, path: Path, n: int) -> dict:
    role = row["role"].strip()
    if role not in ROLE_KEYS:
        raise ValueError(f"{path}:{n}: unknown role {role!r} (one of {', '.join(ROLE_KEYS)})")
    return {"role": role, "country": (row.get("country") or "").strip() or None,
            "sector": (row.get("sector") or "").strip() or None,
            "start": (row.get("start") or "").strip() or None,
            "end": (row.get("end") or "").strip() or None, "org": None}
