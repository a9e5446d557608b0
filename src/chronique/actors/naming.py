"""Participants made from a place or an adjective ("à Paris", "la partie américaine") named as what they stand for.

The event stage codes a visit's host from its place, unnamed protesters or victims as the civilians
of the event's place, and a bare nationality adjective as its state; their text is a place or an
adjective. Here they take the state's name and id ("américaine" -> United States, USA), or the
civilians' group name ("Paris" -> Civilians of France), so that no place or adjective becomes an
actor of its own in the actor list or the network.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Actor, Event
from .kb import KnowledgeBase


def name_participant(a: Actor, kb: KnowledgeBase) -> Actor:
    """The actor a place- or adjective-made participant stands for; any other actor unchanged."""
    state = kb.entities.get(a.country or "")
    if a.type == "GPE" and a.id is None and state is not None and state.type != "GPE":
        # an organisation's adjective ("le sommet européen" -> the European Union): its own code
        return replace(a, name=state.name, id=state.id, country=state.country, sector=state.sector, type=state.type)
    if a.type != "GPE" or a.id is not None or state is None or state.type != "GPE":
        return a
    group = kb.group_names.get(a.sector or "") if a.sector not in (None, "GOV") else None
    if group is not None and a.sector == "CVL":
        return replace(a, name=group.replace("{country}", state.name), type="ORG")
    return replace(a, name=state.name, id=state.id)


def name_participants(ev: Event, kb: KnowledgeBase) -> Event:
    """The event with every participant named by ``name_participant``."""
    return replace(ev, actor=[name_participant(a, kb) for a in ev.actor],
                   recipient=[name_participant(a, kb) for a in ev.recipient])
