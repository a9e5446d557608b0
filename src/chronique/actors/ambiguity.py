"""The rule that decides an alias several entries share ("le PS", "l'Assemblée nationale", "le Sénat").

First that leaves one entry: the entry already seen in the document; the entry of the closest
country context (the mention's adjective, the sentence's place, the story's main country: see
``context``), narrowed to those active on the date when several of that country share it; the only
entry active on the publication date; an international body when the story is about none of the
states whose bodies share its name ("le CIO": the Olympic committee, unless the story is Zimbabwe's).
Between a state and one of its own bodies sharing a name ("l'Autorité palestinienne", "le Saint-Siège"),
the body: it is the specific reading, and the country is the same either way. Otherwise none: the mention stays unresolved, since a wrong
country is worse than none. A country decides only between entries of one kind (people, or bodies
and states): "Hollande" the president and "la Hollande" the state are no matter of country.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..plover import GENERIC_CODES
from .kb import Entity, KnowledgeBase
from .text import key, strip_prefix


def active(ent: Entity, on: dt.date | None) -> bool:
    """An organisation existing on the date; a person holding some office on it (any when no date)."""
    if ent.type == "PER":
        return any((r.start is None or on is None or r.start <= on) and
                   (r.end is None or on is None or on <= r.end) for r in ent.roles)
    return ent.active(on)


def decide(kb: KnowledgeBase, ids: Iterable[str], countries: list[str], seen: set[str],
           on: dt.date | None) -> Entity | None:
    """The one entity of ``ids`` the rule picks (see module doc), or None."""
    ents = [kb.entities[i] for i in dict.fromkeys(ids)]
    if len(ents) == 1:
        return ents[0]
    known = [e for e in ents if e.id in seen]
    if len(known) == 1:
        return known[0]
    shared = {e.country for e in ents}
    if len({e.type == "PER" for e in ents}) == 1:
        for country in [*countries, *(shared if len(shared) == 1 else ())]:
            same = [e for e in ents if e.country == country]
            same = [e for e in same if e.type != "GPE"] or same  # a state's body over the state's loose name
            live = [e for e in same if active(e, on)]
            if len(same) == 1 or len(live) == 1:
                return same[0] if len(same) == 1 else live[0]
    worldwide = [e for e in ents if e.country in GENERIC_CODES and e.type != "PER"]
    if len(worldwide) == 1 and not {e.country for e in ents} & set(countries):
        return worldwide[0]  # "le CIO" in a story on no state with a body of that name: the Olympic committee
    live = [e for e in ents if active(e, on)]
    return live[0] if len(live) == 1 else None


def unresolved_aliases(kb: KnowledgeBase, orgs: Iterable) -> list[str]:
    """The aliases of organisation entries (``OrgEntry``) that ``decide`` does not bring back to their own
    entry, given the entry's country and a date it exists on (its start, else its end): one line each."""
    bad = []
    for o in orgs:
        for alias in [o.name, *o.aliases]:
            ids = [h.entity_id for h in kb.aliases.get(strip_prefix(key(alias), kb.articles))]
            ent = decide(kb, ids, [o.country] if o.country else [], set(), o.start or o.end)
            if ent is None or ent.id != o.id:
                others = sorted({kb.entities[i].name for i in ids if i != o.id})
                bad.append(f"{o.id} {alias!r} ({o.country}): also {others}")
    return bad
