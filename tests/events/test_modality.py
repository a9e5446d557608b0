"""Negated, hypothetical and background events are flagged in ``aux``, never output as fact."""
from __future__ import annotations

import pytest

from tests.events.conftest import find

NOT_FACTS = [
    ("Le ministre australien ne s'est jamais rendu en Chine.", "CONSULT", "negated"),
    ("La Turquie n'a pas attaqué la Syrie.", "ASSAULT", "negated"),
    ("La Turquie pourrait attaquer la Syrie.", "ASSAULT", "hypothetical"),
    ("Si la Turquie attaque la Syrie, la Russie réagira.", "ASSAULT", "hypothetical"),
    ("Le Ghana n'a imposé aucune sanction contre le Togo.", "SANCTION", "negated"),
]


@pytest.mark.parametrize("text,event_type,aux", NOT_FACTS)
def test_negated_or_hypothetical_is_never_a_fact(events_of, text, event_type, aux):
    evs = events_of(text)
    assert find(evs, event_type), f"the {event_type} should still be reported, flagged"
    assert all(e.aux != "none" for e in evs if e.event_type == event_type)
    assert any(e.aux == aux for e in evs if e.event_type == event_type)


def test_pluperfect_background_is_historical(events_of):
    ev = find(events_of("Le ministre australien s'était déjà rendu à Pékin, a rappelé le journal."), "CONSULT")
    assert ev and ev[0].aux == "historical"


def test_dated_background_is_historical(events_of):
    ev = find(events_of("En 2015, le président iranien s'était rendu à Paris."), "CONSULT")
    assert ev and ev[0].aux == "historical" and ev[0].date == "2015"


def test_recent_fact_is_none(events_of):
    ev = find(events_of("Le président iranien s'est rendu mardi à Paris."), "CONSULT")
    assert ev and ev[0].aux == "none" and ev[0].date == "2024-03-12"


def test_promised_withdrawal_is_a_promise_not_a_withdrawal(events_of):
    # ../shared/train codes a promise as AGREE and a planned withdrawal as RETREAT (aux future), never CONCEDE
    evs = events_of("Le gouvernement colombien a promis mardi de retirer ses troupes de la frontière.")
    assert find(evs, "AGREE") and not [e for e in find(evs, "RETREAT") if e.aux == "none"]


def test_same_days_news_in_the_pluperfect_is_not_background(events_of):
    ev = find(events_of("Le ministre australien s'était rendu mardi à Pékin, a rappelé le journal."), "CONSULT")
    assert ev and ev[0].aux == "none"


def test_an_attack_under_a_conditional_is_no_threat(events_of):
    evs = events_of("Le ministre de l'Intérieur a affirmé que rien ne justifierait que les policiers soient attaqués.")
    assert not find(evs, "THREATEN")


def test_a_modal_in_the_past_reports_what_happened(events_of):
    ev = find(events_of("Le président malien a pu rencontrer son homologue nigérien mardi à Niamey."), "CONSULT")
    assert ev and ev[0].aux == "none"
    assert find(events_of("Le président malien doit rencontrer son homologue nigérien mardi à Niamey."), "AGREE")


def test_a_punishment_promised_in_the_passive_to_anyone_is_a_warning(events_of):
    evs = events_of("Le président brésilien a déclaré que tous les émeutiers seraient punis.")
    assert [(e.event_type, e.aux) for e in evs] == [("THREATEN", "none")]
    assert {a.country for a in evs[0].actor} == {"BRA"}


def test_a_punishment_announced_for_named_people_stays_what_it_is(events_of):
    evs = events_of("Le ministre a annoncé que les manifestants interpellés seraient expulsés vers leur pays.")
    assert not [e for e in evs if e.event_type == "THREATEN"]


def test_one_can_only_condemn_is_a_condemnation(events_of):
    evs = events_of("La France ne peut que condamner cette attaque contre des civils.")
    assert [(e.event_type, e.aux) for e in evs if e.event_type == "ACCUSE"] == [("ACCUSE", "none")]
