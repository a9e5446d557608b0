"""Year boundaries, ISO weeks, and tense-dependent weekdays (with a real parse)."""
import datetime as dt

import pytest

from chronique.time import is_pluperfect, tag
from chronique.time.calendar import easter, iso_week


def first(text, published, doc=None):
    return tag(text, published, "t", doc)[0].value


# Rule: a year-less date is the occurrence nearest publication; a future verb keeps it ahead.
def test_january_date_in_late_december_is_next_year():
    assert first("Le sommet est prévu le 2 janvier.", dt.date(2018, 12, 30)) == "2019-01-02"


def test_late_december_date_in_january_is_last_year():
    assert first("Il a été élu le 28 décembre.", dt.date(2019, 1, 3)) == "2018-12-28"


def test_december_dernier_in_january():
    assert first("En décembre dernier, le ministre a démissionné.", dt.date(2019, 1, 10)) == "2018-12"


def test_weekday_date_pair_picks_the_matching_year():
    assert first("Il a été reçu jeudi 31 mai.", dt.date(2018, 5, 31)) == "2018-05-31"


def test_iso_week_at_year_boundaries():
    assert first("Les pourparlers ont échoué la semaine dernière.", dt.date(2021, 1, 4)) == "2020-W53"
    assert first("Le vote aura lieu la semaine prochaine.", dt.date(2019, 12, 23)) == "2020-W01"
    assert iso_week(dt.date(2019, 12, 30)) == "2020-W01"


def test_easter():
    assert easter(2019) == dt.date(2019, 4, 21) and easter(2024) == dt.date(2024, 3, 31)


@pytest.mark.parametrize("text, value", [
    ("Le ministre a rencontré jeudi son homologue russe.", "2018-06-14"),
    ("Le ministre rencontrera jeudi son homologue russe.", "2018-06-21"),
    ("Le ministre va rencontrer jeudi son homologue russe.", "2018-06-21"),
    ("L'ambassadeur a été convoqué jeudi par le ministère.", "2018-06-14"),
    ("Jeudi, le président a réitéré son invitation.", "2018-06-14"),
])
def test_weekday_direction_from_the_parse(nlp, text, value):
    assert first(text, dt.date(2018, 6, 18), nlp(text)) == value


def test_pluperfect(nlp):
    doc = nlp("Le ministre avait visité la Russie, puis il a signé l'accord.")
    by_text = {t.text: t for t in doc}
    assert is_pluperfect(by_text["visité"], "fr")
    assert not is_pluperfect(by_text["signé"], "fr")
