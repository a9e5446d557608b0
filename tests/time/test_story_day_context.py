"""Day parts after a day named in the sentence before, and weekdays in the complement of "N jours avant/après"."""
import datetime as dt

import pytest

from chronique.time import tag

THU = dt.date(2019, 5, 16)  # a Thursday


def values(text, published=THU):
    return [(t.text, t.value) for t in tag(text, published, "t")]


def test_night_opening_a_sentence_goes_on_from_the_day_of_the_sentence_before():
    found = values("Les grévistes ont défilé à Lyon dès mardi. Dans la nuit, ils ont occupé la gare.")
    assert found == [("mardi", "2019-05-14"), ("la nuit", "2019-05-14TNI")]


def test_day_named_two_sentences_back_does_not_date_the_day_part():
    found = values("Le maire a parlé mardi. La foule est restée calme. Dans la soirée, la pluie est tombée.")
    assert found == [("mardi", "2019-05-14"), ("la soirée", "2019-05-16TEV")]


def test_without_an_earlier_day_the_night_is_the_publication_day():
    assert values("Dans la nuit, des coups de feu ont été entendus.") == [("la nuit", "2019-05-16TNI")]


@pytest.mark.parametrize("text, weekday", [
    # a past verb, but "avant" puts the vote after the clause's day
    ("La police a saisi jeudi des tracts, deux jours avant le scrutin prévu de samedi.", ("samedi", "2019-05-18")),
    # "après" puts the named day before it, even in a future clause
    ("Les juges rendront leur avis jeudi, trois jours après le vote de lundi.", ("lundi", "2019-05-13")),
])
def test_weekday_in_the_complement_of_n_days_before_or_after(text, weekday):
    assert weekday in values(text)


def test_weekday_in_a_later_sentence_keeps_its_tense():
    found = values("Ils sont partis deux jours avant la fin du sommet. Ils rentreront samedi.")
    assert ("samedi", "2019-05-18") in found
    found = values("Ils sont partis deux jours avant la fin du sommet. Ils étaient arrivés samedi.")
    assert ("samedi", "2019-05-11") in found
