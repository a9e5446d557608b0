"""Participants the event stage makes from a place or an adjective are named as what they stand for."""
from chronique.actors import name_participants
from chronique.actors.naming import name_participant
from chronique.model import Actor, Event


def test_an_adjective_is_its_state(kb):
    a = name_participant(Actor(text="américaine", country="USA", sector="GOV", type="GPE"), kb)
    assert (a.name, a.id, a.text) == ("United States", "USA", "américaine")


def test_a_place_of_civilians_is_the_civilians(kb):
    a = name_participant(Actor(text="Paris", country="FRA", sector="CVL", type="GPE"), kb)
    assert (a.name, a.type, a.country) == ("Civilians of France", "ORG", "FRA")


def test_coded_actors_are_left_alone(kb):
    person = Actor(text="M. Test", name="Jean Test", country="FRA", sector="GOV", id="t:1", type="PER")
    state = Actor(text="la France", name="France", country="FRA", sector="GOV", id="FRA", type="GPE")
    ev = Event(doc="d", event_type="CONSULT", evidence="x", start=0, end=1, actor=[person],
               recipient=[state, Actor(text="Pékin", name="Beijing", country="CHN", sector="GOV", type="GPE")])
    out = name_participants(ev, kb)
    assert out.actor == [person] and out.recipient[0] == state and out.recipient[1].name == "China"


def test_an_organisations_adjective_is_the_organisation(kb):
    a = name_participant(Actor(text="européen", country=kb.adjective("européen"), sector="GOV", type="GPE"), kb)
    assert (a.name, a.country, a.text) == ("European Union", "IGO", "européen")
