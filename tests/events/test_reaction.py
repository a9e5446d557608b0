"""A reaction to an act is aimed at the act's doer (``events.reaction``)."""
from __future__ import annotations

from tests.events.conftest import countries, find


def test_a_condemned_attack_told_before_makes_its_attackers_the_target(events_of):
    evs = events_of("Des jihadistes du JNIM ont attaqué jeudi un camp de l'armée malienne près de Mopti. "
                    "Le gouvernement français a condamné cette attaque.")
    accuse = find(evs, "ACCUSE")
    assert accuse and countries(accuse[0].actor) == {"FRA"} and countries(accuse[0].recipient) == {"MLI"}


def test_a_denounced_coup_is_aimed_at_who_seized_power(events_of):
    evs = events_of("L'armée nigérienne a renversé mercredi le président Mohamed Bazoum. "
                    "La Cédéao a aussitôt dénoncé un coup d'État.")
    accuse = find(evs, "ACCUSE")
    assert accuse and [a.text for a in accuse[0].recipient] == ["L'armée nigérienne"]


def test_a_reaction_to_an_act_not_told_keeps_no_target(events_of):
    accuse = find(events_of("La Chine a critiqué mardi la réunion."), "ACCUSE")
    assert accuse and accuse[0].recipient == []


def test_the_decision_denounced_is_the_act_told_before(events_of):
    """"dénoncent la décision": a noun standing for an act already told (``act_nouns``, with a definite article)."""
    evs = events_of("La Cour constitutionnelle espagnole a suspendu jeudi la loi sur le référendum catalan. "
                    "Les indépendantistes catalans dénoncent la décision.")
    accuse = find(evs, "ACCUSE")
    assert accuse and [a.text for a in accuse[0].recipient] == ["La Cour constitutionnelle"]
    first = "La Cour constitutionnelle espagnole a suspendu jeudi la loi sur le référendum catalan. "
    assert all(not e.recipient for e in find(events_of(first + "Les indépendantistes catalans dénoncent une mesure "
                                                               "du gouvernement régional."), "ACCUSE"))
