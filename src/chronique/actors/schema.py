"""Pydantic schemas of the knowledge files (read with ``chronique.lang.read``: a bad entry fails
with its file, index and field)."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..plover import GENERIC_CODES, SECTORS

ROLE_KEYS = (
    "head_of_state", "head_of_government", "vice_president", "foreign_minister",
    "defence_minister", "interior_minister", "finance_minister", "justice_minister",
    "army_chief", "spokesperson", "party_leader", "opposition_leader", "group_leader",
    "org_head", "junta_leader", "legislature_speaker", "central_bank_governor", "other_minister",
)
RoleKey = Literal[ROLE_KEYS]  # type: ignore[valid-type]
Sector = Optional[Literal[SECTORS]]  # type: ignore[valid-type]


class KBError(ValueError):
    """A knowledge file that cannot be used, with the file and entry named."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _country(v: str | None) -> str | None:
    if v is None or v in GENERIC_CODES:
        return v
    if not (isinstance(v, str) and len(v) == 3 and v.isupper()):
        raise ValueError(f"country must be ISO 3166-1 alpha-3, IGO, NGO or MNC, got {v!r}")
    return v


class Capital(_Strict):
    name: str
    lat: float
    lon: float


class CountryEntry(_Strict):
    iso3: str
    name: str
    names: list[str] = Field(min_length=1)
    adjectives: list[str] = []
    demonyms: list[str] = []
    capital: Optional[Capital] = None
    metonyms: list[str] = []
    leader: Optional[RoleKey] = None
    lat: float
    lon: float
    _iso = field_validator("iso3")(classmethod(lambda cls, v: _country(v)))


class CountriesFile(_Strict):
    countries: list[CountryEntry]


class OrgEntry(_Strict):
    id: str
    name: str
    fr: Optional[str] = None  # French display name (`name` stays the canonical, usually English, one)
    type: Literal["ORG", "GPE"] = "ORG"
    country: Optional[str] = None
    sector: Sector = None
    aliases: list[str] = Field(min_length=1)
    adjectives: list[str] = []
    junta: bool = False
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    _c = field_validator("country")(classmethod(lambda cls, v: _country(v)))


class OrgsFile(_Strict):
    organizations: list[OrgEntry]


class RoleSpell(_Strict):
    role: RoleKey
    country: Optional[str] = None
    sector: Sector = None
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    org: Optional[str] = None
    _c = field_validator("country")(classmethod(lambda cls, v: _country(v)))


class PersonEntry(_Strict):
    model_config = ConfigDict(extra="ignore")
    id: str
    name: str
    gender: Optional[Literal["m", "f"]] = None
    aliases: list[str] = []
    roles: list[RoleSpell] = []


class PeopleFile(_Strict):
    model_config = ConfigDict(extra="ignore")
    people: list[PersonEntry] = []
    organizations: list[OrgEntry] = []


class TitleEntry(_Strict):
    fr: list[str] = Field(min_length=1)
    roles: list[RoleKey] = []
    sector: Sector = None
    en: Optional[str] = None
    leader: bool = False
    generic: bool = False
    by_country: dict[str, RoleKey] = {}


class GroupEntry(_Strict):
    fr: list[str] = Field(min_length=1)
    sector: Sector = None
    en: Optional[str] = None
    state: bool = False
    junta: bool = False
    qualified: bool = False  # needs a country/organisation qualifier to be an actor


class PronounEntry(_Strict):
    fr: str
    gender: Literal["m", "f"]
    number: Literal["sg", "pl"]
    last: bool = False  # refers to the last-named actor ("ce dernier"), not to the preferred subject


class ObjectPronounEntry(_Strict):
    fr: str
    gender: Optional[Literal["m", "f"]] = None  # "l'", "lui", "leur" say none
    number: Literal["sg", "pl"]


class AnaphorEntry(_Strict):
    fr: str
    refers: Literal["state", "organisation"]  # what the noun may stand for: a state, an international body


class CollectiveEntry(_Strict):
    fr: str  # the plural noun as written ("pays", "parties", "dirigeants")
    refers: Literal["state", "party", "person"]  # its members: states, any parties, people


class TitlesFile(_Strict):
    honorifics: list[str] = []
    feminine_honorifics: list[str] = []
    counterpart: list[str] = []
    determiners: list[str] = []
    linkers: list[str] = []
    locatives: list[str] = []
    memberships: list[str] = []
    office_states: list[str] = []  # "le président élu de X": words between a title and its "de X"
    unplaced_qualifiers: list[str] = []  # "les dirigeants mondiaux": of no one country
    powers: list[str] = []  # "pouvoir": the regime ("le pouvoir algérien") or power itself ("prendre le pouvoir")
    power_holds: list[str] = []  # lemmas that take, hold or lose power itself: "pouvoir" there is no actor
    quantities: list[str] = []  # nouns counting a group ("des milliers de manifestants"): part of its mention
    feminine_determiners: list[str] = []
    not_name_determiners: list[str] = []
    pronouns: list[PronounEntry] = []
    object_pronouns: list[ObjectPronounEntry] = []  # clitics before the verb: "le", "la", "l'", "lui", "les", "leur"
    neuter_marks: list[str] = []  # "comme le réclame l'ONU": the clitic stands for what is said
    anaphors: list[AnaphorEntry] = []
    anaphor_determiners: list[str] = []
    anaphor_blockers: list[str] = []
    collectives: list[CollectiveEntry] = []
    collective_numbers: dict[str, int] = {}
    collective_determiners: list[str] = []
    participant_cases: list[str] = []
    roles: list[TitleEntry] = []
    ranks: list[GroupEntry] = []
    groups: list[GroupEntry] = []
