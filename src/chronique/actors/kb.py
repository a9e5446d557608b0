"""The knowledge base: countries, organisations, people and a language's titles, compiled for lookup.

Everything is read once from data files (validated), then served from dicts: alias ->
entities, nationality adjective -> ISO3, (role, country, org) -> dated office holders.
"""
from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable

from .. import lang as language
from .gazetteer import Gazetteer
from ..build_cache import cached, package_code
from .schema import (CountriesFile, GroupEntry, KBError, OrgEntry, OrgsFile, PeopleFile, PersonEntry,
                     RoleSpell, TitleEntry, TitlesFile)
from .text import is_acronym, key, key_prefixes, strip_prefix

KB_DIR = Path(__file__).resolve().parent.parent / "kb"
ENV_EXTRA = "CHRONIQUE_KB_EXTRA"


@dataclass(frozen=True)
class Entity:
    """Anything a name can point to: a person, an organisation or a state."""

    id: str
    name: str
    type: str  # PER|ORG|GPE
    country: str | None = None
    sector: str | None = None
    gender: str | None = None
    roles: tuple[RoleSpell, ...] = ()
    junta: bool = False
    start: dt.date | None = None
    end: dt.date | None = None

    def active(self, on: dt.date | None) -> bool:
        """True when the entity existed (org) on the date, or no date is known."""
        if on is None:
            return True
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    def spell(self, on: dt.date | None) -> RoleSpell | None:
        """The office held on the date (the latest begun one), else the most recent."""
        spells = [r for r in self.roles if _in(r.start, r.end, on)] or list(self.roles)
        return max(spells, key=lambda r: (r.country != "IGO", -_salience(r.role), r.start or dt.date.min),
                   default=None)


# When several offices are held at once, the one news coding cares about first
# (Kim Jong-un is coded as head of state, not as party chairman).
SALIENCE = ("head_of_state", "head_of_government", "junta_leader", "vice_president", "foreign_minister",
            "defence_minister", "interior_minister", "finance_minister", "justice_minister", "org_head",
            "army_chief", "group_leader", "legislature_speaker", "opposition_leader", "other_minister",
            "spokesperson", "central_bank_governor", "party_leader")


def _salience(role: str) -> int:
    return SALIENCE.index(role) if role in SALIENCE else len(SALIENCE)


@dataclass(frozen=True)
class AliasHit:
    """An alias of an entity, with the case rule the text must satisfy."""

    entity_id: str
    acronym: bool = False
    proper: bool = False
    metonym: bool = False  # a capital / seat of power standing for the state
    surname: bool = False  # a one-word alias of a multi-word person name


@dataclass(frozen=True)
class TitleHit:
    """A description: a role, a rank, a group noun, a counterpart ('homologue') or an honorific."""

    kind: str  # role|rank|group|counterpart|honorific
    entry: TitleEntry | GroupEntry | None = None


@dataclass
class KnowledgeBase:
    """Compiled lookups; build with `load_kb`."""

    entities: dict[str, Entity] = field(default_factory=dict)
    aliases: Gazetteer[AliasHit] = field(default_factory=Gazetteer)
    titles: Gazetteer[TitleHit] = field(default_factory=Gazetteer)
    adjectives: dict[str, str] = field(default_factory=dict)  # key -> ISO3 or org id
    shared_adjectives: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "congolais" -> (COD, COG)
    cues: dict[str, str] = field(default_factory=dict)  # one-word name, capital or metonym -> ISO3 (those states)
    demonyms: dict[str, str] = field(default_factory=dict)
    leader_role: dict[str, str] = field(default_factory=dict)
    holders: dict[tuple, list[tuple]] = field(default_factory=dict)
    role_en: dict[str, str] = field(default_factory=dict)
    group_names: dict[str, str] = field(default_factory=dict)  # sector -> "Civilians of {country}"
    words: dict[str, frozenset] = field(default_factory=dict)  # determiners, linkers…
    pronouns: dict[str, tuple[str, str, bool]] = field(default_factory=dict)
    object_pronouns: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # "l'" -> (None, "sg")
    anaphors: dict[str, str] = field(default_factory=dict)  # "pays" -> "state", "organisation" -> "organisation"
    collectives: dict[str, str] = field(default_factory=dict)  # "pays" -> "state", "parties" -> "party"
    collective_numbers: dict[str, int] = field(default_factory=dict)  # "deux" -> 2
    articles: tuple[str, ...] = ()  # key prefixes dropped from the start of a name ("la Russie")

    # --- lookups -------------------------------------------------------------
    @cached_property
    def juntas(self) -> tuple[Entity, ...]:
        """The ruling military councils (``Entity.junta``), in the order of ``entities`` (a bare "la junte" asks
        for them: not a walk over every entity each time)."""
        return tuple(e for e in self.entities.values() if e.junta)

    def lookup(self, text: str) -> list[Entity]:
        """Entities whose alias is `text` (normalised, article stripped)."""
        hits = self.aliases.get(strip_prefix(key(text), self.articles))
        return [self.entities[h.entity_id] for h in hits]

    def country_of(self, text: str) -> str | None:
        """ISO3 for a country name, capital or metonym ("la Russie", "Moscou", "l'Élysée")."""
        for ent in self.lookup(text):
            if ent.type == "GPE":
                return ent.country
        return None

    def adjective(self, text: str) -> str | None:
        """ISO3 (or organisation id) for a nationality adjective in any gender/number."""
        return self.adjectives.get(key(text))

    def adjectives_in(self, keys: Sequence[str | None]) -> dict[str, str]:
        """The adjective table for one document (its token keys): an adjective several states share
        ("congolais") reads as the state the document names most by a one-word name, capital or metonym
        ("Brazzaville"), else as its first reading in the countries file (the commoner one)."""
        shared = {k for k in keys if k in self.shared_adjectives}
        if not shared:
            return self.adjectives
        named = Counter(self.cues[k] for k in keys if k in self.cues)
        table = dict(self.adjectives)
        for k in shared:
            states = self.shared_adjectives[k]
            table[k] = max(states, key=lambda iso: (named[iso], -states.index(iso)))
        return table

    def holder(self, role: str, country: str | None, on: dt.date | None,
               org: str | None = None) -> Entity | None:
        """The person who held `role` for `country` (or `org`) on the date."""
        spells = self.holders.get((role, country, org.casefold() if org else None), [])
        live = [s for s in spells if _in(s[0], s[1], on)]
        if not live and on is None:
            live = [s for s in spells if s[1] is None]
        if not live:
            return None
        best = max(live, key=lambda s: s[0] or dt.date.min)
        return self.entities[best[2]]

    def role_description(self, role: str | None, country: str | None, org: str | None) -> str | None:
        """English role name, e.g. 'Minister of Foreign Affairs of Russia'."""
        if not role:
            return None
        tmpl = self.role_en.get(role)
        place = org or (self.entities[country].name if country in self.entities else country)
        if not tmpl or not place:
            return role
        return tmpl.replace("{country}", place).replace("{org}", place)


def _in(start: dt.date | None, end: dt.date | None, on: dt.date | None) -> bool:
    if on is None:
        return end is None
    return (start is None or start <= on) and (end is None or on <= end)


# --- building ------------------------------------------------------------------
def _alias(kb: KnowledgeBase, text: str, eid: str, person: bool = False, **flags) -> None:
    """Index one alias; capitalised one-word names (and people) must be capitalised in text."""
    k = strip_prefix(key(text), kb.articles)
    proper = text.lstrip("«» \"'")[:1].isupper() and (person or " " not in k)
    hit = AliasHit(eid, acronym=is_acronym(text), proper=proper, **flags)
    hits = kb.aliases.get(k)
    for n, h in enumerate(hits):
        if h.entity_id == eid:
            if h.acronym and not hit.acronym:  # "Cédéao" as well as "CEDEAO": keep the lenient case rule
                hits[n] = hit
            return
    kb.aliases.add(k, hit)


def _add_countries(kb: KnowledgeBase, data: CountriesFile) -> None:
    for c in data.countries:
        kb.entities[c.iso3] = Entity(c.iso3, c.name, "GPE", c.iso3, "GOV")
        for n in c.names:
            _alias(kb, n, c.iso3)
        for m in c.metonyms:
            _alias(kb, m, c.iso3, metonym=True)
        for d in c.demonyms:
            kb.demonyms[key(d)] = c.iso3
            _alias(kb, d, c.iso3)
        for a in c.adjectives:
            k = key(a)
            first = kb.adjectives.setdefault(k, c.iso3)
            if first != c.iso3:
                kb.shared_adjectives[k] = (*kb.shared_adjectives.get(k, (first,)), c.iso3)
        if c.leader:
            kb.leader_role[c.iso3] = c.leader
    sharing = {iso for states in kb.shared_adjectives.values() for iso in states}
    for c in data.countries:
        if c.iso3 in sharing:
            for n in [*c.names, *c.metonyms, *([c.capital.name] if c.capital else [])]:
                words = strip_prefix(key(n), kb.articles).split()
                if len(words) == 1:
                    kb.cues[words[0]] = c.iso3


def _add_org(kb: KnowledgeBase, o: OrgEntry) -> None:
    kb.entities[o.id] = Entity(o.id, o.name, o.type, o.country, o.sector,
                               junta=o.junta, start=o.start, end=o.end)
    for a in [o.name, *o.aliases]:
        _alias(kb, a, o.id)
    for a in o.adjectives:
        kb.adjectives.setdefault(key(a), o.id)


def _add_person(kb: KnowledgeBase, p: PersonEntry) -> None:
    sector = next((r.sector for r in p.roles if r.sector), None)
    country = next((r.country for r in sorted(p.roles, key=lambda r: r.start or dt.date.min,
                                                reverse=True) if r.country), None)
    kb.entities[p.id] = Entity(p.id, p.name, "PER", country, sector, p.gender, tuple(p.roles))
    full = {key(a) for a in [p.name, *p.aliases]}
    for a in [p.name, *p.aliases]:
        one_word = " " not in key(a) and len(full) > 1
        _alias(kb, a, p.id, person=True, surname=one_word)
    for r in p.roles:
        org = r.org.casefold() if r.org else None
        kb.holders.setdefault((r.role, r.country, org), []).append((r.start, r.end, p.id))
        if org:
            kb.holders.setdefault((r.role, r.country, None), []).append((r.start, r.end, p.id))


def _add_titles(kb: KnowledgeBase, t: TitlesFile) -> None:
    for e in t.roles:
        for f in e.fr:
            kb.titles.add(key(f), TitleHit("role", e))
        for r in e.roles[:1]:
            if e.en and not e.generic:
                kb.role_en.setdefault(r, e.en)
    for kind, entries in (("rank", t.ranks), ("group", t.groups)):
        for e in entries:
            for f in e.fr:
                kb.titles.add(key(f), TitleHit(kind, e))
            if kind == "group" and e.sector and e.en and not e.qualified:
                kb.group_names.setdefault(e.sector, e.en)
    for f in t.counterpart:
        kb.titles.add(key(f), TitleHit("counterpart"))
    for f in t.honorifics:
        kb.titles.add(key(f), TitleHit("honorific"))
    kb.words = {name: frozenset(key(w) for w in getattr(t, name))
                for name in ("determiners", "linkers", "locatives", "feminine_determiners", "memberships", "office_states",
                             "unplaced_qualifiers", "quantities", "powers", "power_holds",
                             "feminine_honorifics", "not_name_determiners", "anaphor_determiners", "anaphor_blockers",
                             "collective_determiners", "participant_cases", "neuter_marks")}
    kb.pronouns = {key(p.fr): (p.gender, p.number, p.last) for p in t.pronouns}
    kb.object_pronouns = {p.fr.casefold(): (p.gender, p.number) for p in t.object_pronouns}
    kb.anaphors = {key(a.fr): a.refers for a in t.anaphors}
    kb.collectives = {key(c.fr): c.refers for c in t.collectives}
    kb.collective_numbers = {key(w): n for w, n in t.collective_numbers.items()}


def _extra_paths(extra: Iterable[Path]) -> list[Path]:
    env = [Path(p) for p in os.environ.get(ENV_EXTRA, "").split(os.pathsep) if p]
    return [Path(p) for p in extra] + env


def _org_files() -> list[Path]:
    """The packaged organisations by region (``kb/organizations/*.yaml``), after the general file."""
    return sorted((KB_DIR / "organizations").glob("*.yaml"))


def data_files(extra: Iterable[Path] = ()) -> list[Path]:
    """The knowledge files a knowledge base with ``extra`` reads (packaged ones, then the users'
    and $CHRONIQUE_KB_EXTRA's, each once), so that a change to any of them re-processes documents.
    The language's countries and titles are language data (``chronique.lang.data_files``)."""
    files = sorted(KB_DIR.glob("*.yaml")) + _org_files() + _extra_paths(extra)
    return list({p.resolve(): p for p in files}.values())


def load_kb(extra: Iterable[Path] = (), lang: str = "fr", packaged_people: bool = True) -> KnowledgeBase:
    """Build a language's knowledge base from the packaged data plus users' own YAML files.

    `extra` files (and those listed in $CHRONIQUE_KB_EXTRA, os.pathsep-separated) use the
    people.yaml schema and may also hold an `organizations:` list. `packaged_people=False`
    leaves out kb/people.yaml (hermetic tests). Countries and titles are the language's
    (``lang/<lang>/countries.yaml``, ``titles.yaml``).
    """
    kb = KnowledgeBase(articles=key_prefixes(language.grammar(lang).articles))
    _add_countries(kb, language.load(lang, "countries", CountriesFile))
    for path in [KB_DIR / "organizations.yaml", *_org_files()]:
        for o in language.read(path, OrgsFile, KBError).organizations:
            _add_org(kb, o)
    shipped = KB_DIR / "people.yaml"
    people = [shipped] if packaged_people and shipped.exists() else []
    for path in people + _extra_paths(extra):
        data = language.read(path, PeopleFile, KBError)
        for o in data.organizations:
            _add_org(kb, o)
        for p in data.people:
            _add_person(kb, p)
    _add_titles(kb, language.load(lang, "titles", TitlesFile))
    return kb


@lru_cache(maxsize=None)
def default_kb(lang: str = "fr") -> KnowledgeBase:
    """The packaged knowledge base of a language (plus $CHRONIQUE_KB_EXTRA), built once per process, or read
    back as an earlier process built it from the same files and code (``build_cache``)."""
    return cached(f"kb-{lang}", data_files() + language.data_files(), lambda: load_kb(lang=lang),
                  code=package_code("actors", "lang"))
