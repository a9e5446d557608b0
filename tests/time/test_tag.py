"""One test per expression form, on sentences written for these tests."""
import datetime as dt

import pytest

from chronique.time import tag

PUB = dt.date(2018, 6, 18)  # a Monday
THU_31_MAY_2018 = dt.date(2018, 5, 31)


def values(timexes):
    return [(t.text, t.value, t.type) for t in timexes]


def one(text, published=PUB, doc=None):
    found = tag(text, published, "t", doc)
    assert len(found) == 1, values(found)
    return found[0].text, found[0].value, found[0].type


@pytest.mark.parametrize("text, expected", [
    ("La réunion a eu lieu le 10 juin à Genève.", ("le 10 juin", "2018-06-10", "DATE")),
    ("Il a été reçu jeudi 31 mai par le Premier ministre.", ("jeudi 31 mai", "2018-05-31", "DATE")),
    ("L'accord a été signé le 12 juin 2016 à Lomé.", ("le 12 juin 2016", "2016-06-12", "DATE")),
    ("Le texte est daté du 12/06/2018.", ("12/06/2018", "2018-06-12", "DATE")),
    ("Les élections se tiendront le 1er mars.", ("le 1er mars", "2019-03-01", "DATE")),
    ("La crise a commencé en novembre 2017.", ("novembre 2017", "2017-11", "DATE")),
    ("Le rapport sera publié mi-juin.", ("mi-juin", "2018-06", "DATE")),
    ("Le vote est attendu fin mai.", ("fin mai", "2018-05", "DATE")),
    ("Les troupes partiront début 2019.", ("début 2019", "2019", "DATE")),
    ("La révolte a éclaté au printemps 2017.", ("printemps 2017", "2017-SP", "DATE")),
    ("Le traité de 1994 reste en vigueur.", ("1994", "1994", "DATE")),
    ("Il s'était rendu à Dakar en 2001.", ("2001", "2001", "DATE")),
    ("Le bug de l'an 2000 a fait long feu.", ("l'an 2000", "2000", "DATE")),
    ("Elle l'a dit au mois de mars.", ("mois de mars", "2018-03", "DATE")),
])
def test_absolute(text, expected):
    assert one(text) == expected


def test_bare_number_is_not_a_year():
    assert tag("Le pays a déployé 2000 soldats et 1500 policiers.", PUB) == []


def test_bare_month_name_is_not_a_date():
    assert tag("Le mai est un arbre; Mars est une planète.", PUB) == []


def test_date_inside_a_name_is_skipped():
    assert tag("Les rebelles du Mouvement du 23 mars avancent.", PUB) == []


@pytest.mark.parametrize("text, expected", [
    ("Hier, le ministre a démissionné.", ("Hier", "2018-06-17", "DATE")),
    ("Avant-hier, la police a chargé.", ("Avant-hier", "2018-06-16", "DATE")),
    ("Le vote a lieu aujourd'hui.", ("aujourd'hui", "2018-06-18", "DATE")),
    ("Le président parlera demain.", ("demain", "2018-06-19", "DATE")),
    ("Hier soir, les combats ont repris.", ("Hier soir", "2018-06-17TEV", "TIME")),
    ("Le ministre a parlé lundi dernier.", ("lundi dernier", "2018-06-11", "DATE")),
    ("Le ministre viendra lundi prochain.", ("lundi prochain", "2018-06-25", "DATE")),
    ("La trêve a été rompue la semaine dernière.", ("la semaine dernière", "2018-W24", "DATE")),
    ("Le sommet se tient cette semaine.", ("cette semaine", "2018-W25", "DATE")),
    ("Les prix ont grimpé le mois dernier.", ("le mois dernier", "2018-05", "DATE")),
    ("Il avait gagné l'an dernier.", ("l'an dernier", "2017", "DATE")),
    ("Il avait gagné l'année dernière.", ("l'année dernière", "2017", "DATE")),
    ("Le parti avait été fondé en avril dernier.", ("avril dernier", "2018-04", "DATE")),
    ("La visite a eu lieu il y a trois jours.", ("il y a trois jours", "2018-06-15", "DATE")),
    ("Le vote aura lieu dans deux semaines.", ("dans deux semaines", "2018-07-02", "DATE")),
    ("Le cessez-le-feu a été proclamé ce lundi.", ("ce lundi", "2018-06-18", "DATE")),
])
def test_relative(text, expected):
    assert one(text) == expected


def test_anaphoric_days_follow_the_story_date():
    text = "Le 10 juin, les rebelles ont attaqué. La veille, l'armée avait reculé. Le lendemain, tout a cessé."
    assert values(tag(text, PUB))[1:] == [("La veille", "2018-06-09", "DATE"), ("Le lendemain", "2018-06-11", "DATE")]


def test_plus_tard_counts_from_the_story_date():
    text = "Le 10 juin, le chef rebelle a été arrêté. Trois jours plus tard, il a été libéré."
    assert values(tag(text, PUB))[1] == ("Trois jours plus tard", "2018-06-13", "DATE")


@pytest.mark.parametrize("text, expected", [
    ("L'appel a eu lieu six jours après la visite.", ("six jours après", "P6D", "DURATION")),
    ("Il a gouverné pendant trois ans.", ("trois ans", "P3Y", "DURATION")),
    ("La junte lui donne 72 heures pour partir.", ("72 heures", "PT72H", "DURATION")),
    ("Un ultimatum d'une semaine a été fixé.", ("une semaine", "P1W", "DURATION")),
    ("Après plusieurs jours de combats, la ville est tombée.", ("plusieurs jours", "PXD", "DURATION")),
    ("Il a siégé deux ans et demi au gouvernement.", ("deux ans et demi", "P30M", "DURATION")),
])
def test_durations(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Les opposants défilent chaque lundi.", ("chaque lundi", "XXXX-WXX-1", "SET")),
    ("Le conseil se réunit tous les ans.", ("tous les ans", "P1Y", "SET")),
])
def test_sets(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text, value", [
    ("Les deux pays devraient bientôt signer.", "FUTURE_REF"),
    ("Ils veulent des contacts dans un futur proche.", "FUTURE_REF"),
    ("Il se rendra prochainement à Alger.", "FUTURE_REF"),
    ("Le port a récemment été bombardé.", "PAST_REF"),
    ("Le pays était naguère un allié.", "PAST_REF"),
    ("Le ministre est actuellement à Rome.", "PRESENT_REF"),
    ("Les militaires sont désormais au pouvoir.", "PRESENT_REF"),
])
def test_vague(text, value):
    assert one(text)[1:] == (value, "DATE")


@pytest.mark.parametrize("text, expected", [
    ("Le couvre-feu commence à 22 heures.", ("22 heures", "2018-06-18T22:00", "TIME")),
    ("Le convoi est arrivé vers 10h30.", ("10h30", "2018-06-18T10:30", "TIME")),
    ("Les frontières sont fermées à partir de minuit.", ("minuit", "2018-06-18T24:00", "TIME")),
    ("Le ministre est arrivé ce matin.", ("ce matin", "2018-06-18TMO", "TIME")),
    ("Les heurts ont commencé en matinée.", ("en matinée", "2018-06-18TMO", "TIME")),
    ("Les députés ont voté mardi soir.", ("mardi soir", "2018-06-12TEV", "TIME")),
])
def test_times(text, expected):
    assert one(text) == expected


def test_clock_time_on_the_story_date():
    text = "Samedi, la trêve a été annoncée. Elle a pris effet à 22 heures."
    assert values(tag(text, PUB))[1] == ("22 heures", "2018-06-16T22:00", "TIME")


def test_holiday_nearest_publication():
    assert one("La trêve couvrira l'Aïd al-Adha.", dt.date(2019, 8, 10))[1] == "2019-08-11"


def test_weekday_past_by_default():
    assert one("Le ministre a rencontré jeudi son homologue.", THU_31_MAY_2018)[1] == "2018-05-31"
    assert one("Jeudi, le président a réitéré son invitation.")[1] == "2018-06-14"


def test_weekday_future_from_text_cues():
    assert one("Le ministre rencontrera jeudi son homologue.")[1] == "2018-06-21"
    assert one("Le ministre va se rendre jeudi à Rome.")[1] == "2018-06-21"


def test_offsets_slice_the_text():
    text = "PARIS\xa0– Le 10\xa0juin, hier et « bientôt »\u2019 : l\u2019an dernier."
    for t in tag(text, PUB):
        assert text[t.start:t.end] == t.text


def test_without_publication_only_absolute_expressions():
    found = tag("Hier, lundi, le 10 juin et en novembre 2017.", None)
    assert values(found) == [("novembre 2017", "2017-11", "DATE")]


def test_empty_text():
    assert tag("", PUB) == []
