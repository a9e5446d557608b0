"""TimeML's conventions (French TimeBank) on sentences written for these tests: spans, clock days, ages, sets."""
import datetime as dt

import pytest

from chronique.time import tag

PUB = dt.date(2018, 6, 18)  # a Monday


def values(text, published=PUB, doc=None):
    return [(t.text, t.value, t.type) for t in tag(text, published, "t", doc)]


@pytest.mark.parametrize("text, expected", [
    # prepositions stay outside the expression; hedges ("environ") inside
    ("Le maire gouverne depuis douze ans.", ("douze ans", "P12Y", "DURATION")),
    ("Les travaux dureront environ deux mois.", ("environ deux mois", "P2M", "DURATION")),
    ("Le marché ouvre en été.", ("été", "2018-SU", "DATE")),
    ("La fête a lieu à partir du mois de juin.", ("mois de juin", "2018-06", "DATE")),
    # decimals, two-digit years, decades and single-word durations
    ("Il a gagné avec 12,5 secondes d'avance.", ("12,5 secondes", "PT12.5S", "DURATION")),
    ("La réforme s'applique depuis octobre 98.", ("octobre 98", "1998-10", "DATE")),
    ("Le pont a été fermé le 3 mars 07, dit la préfecture.", ("le 3 mars 07", "2007-03-03", "DATE")),
    ("La musique des années 60 revient.", ("années 60", "196X", "DATE")),
    ("Ce fut le tournant du début des années 1990.", ("début des années 1990", "199X", "DATE")),
    ("Il défend un quinquennat de réformes.", ("un quinquennat", "P5Y", "DURATION")),
    ("Le quartier attend depuis un demi-siècle.", ("un demi-siècle", "P50Y", "DURATION")),
    ("Le chantier reprend dans une quinzaine de jours.", ("une quinzaine de jours", "P15D", "DURATION")),
    # sets
    ("Le conseil se réunit deux fois par semaine.", ("deux fois par semaine", "P1W", "SET")),
    ("Le pays importe 4 milliards par semestre.", ("semestre", "P6M", "SET")),
    ("Le banquet annuel a été annulé.", ("annuel", "P1Y", "SET")),
])
def test_conventions(text, expected):
    assert values(text) == [expected]


def test_a_day_and_its_hour_are_one_expression():
    assert values("Hier à 10 h, les grévistes ont bloqué le dépôt.") == [
        ("Hier à 10 h", "2018-06-17T10:00", "TIME")]
    assert values("Le ministre parlera ce jeudi à midi.") == [("ce jeudi à midi", "2018-06-21T12:00", "TIME")]


def test_clock_times_take_the_day_of_their_sentence_even_ahead():
    found = values("La kermesse aura lieu samedi 23 juin, à partir de 14 h. Le soir, un bal.")
    assert found[:2] == [("samedi 23 juin", "2018-06-23", "DATE"), ("14 h", "2018-06-23T14:00", "TIME")]


def test_a_clock_time_before_its_day():
    assert values("Vers 2 h 30, dimanche, un camion s'est renversé.") == [
        ("2 h 30", "2018-06-17T02:30", "TIME"), ("dimanche", "2018-06-17", "DATE")]


def test_a_clock_time_without_a_day_in_its_sentence_stays_on_the_story_date():
    found = values("Le scrutin se tiendra le 30 juin. Le bureau a fermé à 19 h.")
    assert found[1] == ("19 h", "2018-06-18T19:00", "TIME")


def test_night_goes_on_from_the_last_time_of_day():
    found = values("Un incendie a éclaté hier soir. Les pompiers sont restés sur place pendant la nuit.")
    assert found == [("hier soir", "2018-06-17TEV", "TIME"), ("la nuit", "2018-06-17TNI", "TIME")]


@pytest.mark.parametrize("text", [
    "Jean Martin, 53 ans, a été interpellé.",
    "Agée de 90 ans, elle vivait seule.",
    "Une fillette de 6 ans a été secourue.",
    "Le tournoi des moins de 17 ans a été annulé.",
])
def test_ages_are_not_durations(text):
    assert values(text) == []


def test_a_mandate_of_five_years_is_a_duration():
    assert values("Il brigue un mandat de cinq ans.") == [("cinq ans", "P5Y", "DURATION")]


def test_this_weekend_in_a_past_clause_is_the_weekend_just_gone(nlp):
    text = "Les coureurs se sont rendus ce week-end à Annecy."
    assert values(text, doc=nlp(text)) == [("ce week-end", "2018-W24-WE", "DATE")]


def test_a_pair_of_days_shares_its_month():
    assert values("Les deux tours auront lieu les 8 et 22 juillet.") == [
        ("les 8", "2018-07-08", "DATE"), ("22 juillet", "2018-07-22", "DATE")]


def test_ces_derniers_jours_is_a_duration_of_unknown_length():
    assert values("Ces derniers jours, la tension est montée.") == [("Ces derniers jours", "PXD", "DURATION")]


def test_a_repetition_adjective_after_a_determiner_is_a_noun():
    assert values("Il lit les quotidiens nationaux.") == []
    assert values("Le rapport hebdomadaire est paru.") == [("hebdomadaire", "P1W", "SET")]


def test_a_street_number_is_not_a_day():
    assert values("Le feu a pris au 10, rue des Lilas, puis devant le 12, rue Haute.") == []


def test_an_approximate_count_is_unknown():
    assert values("La visite durera un ou deux jours.") == [("un ou deux jours", "PXD", "DURATION")]


def test_first_of_the_month_written_1e():
    assert values("Le vote aura lieu le 1e juillet prochain.") == [("le 1e juillet prochain", "2018-07-01", "DATE")]


def test_a_day_and_its_part_in_a_phrase():
    assert values("Les secours sont arrivés hier en début d'après-midi.") == [
        ("hier en début d'après-midi", "2018-06-17TAF", "TIME")]
    assert values("Le cortège est parti samedi dans la soirée.") == [("samedi dans la soirée", "2018-06-16TEV", "TIME")]


def test_a_month_completing_a_noun():
    assert values("Le sondage de la rentrée de septembre est attendu.") == [("septembre", "2018-09", "DATE")]
