"""Publication date inference: page metadata, URL, dateline, content."""
import datetime as dt

import pytest

from chronique.time import infer_published


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/monde/2018/06/18/un-titre", dt.date(2018, 6, 18)),
    ("https://example.org/international/201806/18/01-123-titre.php", dt.date(2018, 6, 18)),
    ("https://example.org/fr/20181114-israel-titre", dt.date(2018, 11, 14)),
    ("http://example.org/canada/journal/20180415/281496", dt.date(2018, 4, 15)),
])
def test_url(url, expected):
    assert infer_published("Un texte sans date.", url, None, "fr") == (expected, "url")


def test_page_metadata_first():
    assert infer_published("", "https://x.org/2018/06/18/a", "2019-04-25T08:00:00+02:00", "fr") == (dt.date(2019, 4, 25), "page")


@pytest.mark.parametrize("text", [
    "BAMAKO, 18 juin 2018 (AFP) - La junte a annoncé une transition.",
    "Publié le 18/06/2018 à 10h12\nLa junte a annoncé une transition.",
])
def test_dateline(text):
    assert infer_published(text, None, None, "fr") == (dt.date(2018, 6, 18), "dateline")


def test_content_weekday_pair():
    text = "Le sommet de 2017 avait échoué. Le ministre a été reçu jeudi 31 mai à Séoul."
    assert infer_published(text, None, None, "fr") == (dt.date(2018, 5, 31), "content")


def test_nothing_to_go_on():
    assert infer_published("Le ministre a parlé.", None, None, "fr") == (None, None)


def test_content_date_is_the_latest_full_date_before_the_relative_ones():
    """An announced date after the story's relative days ("d'ici le 15 avril 2024") is not when it was written."""
    text = ("Le 15 avril 2019, un incendie a ravagé Notre-Dame. Mardi, le président a promis de la rebâtir "
            "d'ici le 15 avril 2024.")
    assert infer_published(text, None, None, "fr") == (dt.date(2019, 4, 15), "content")
    # no relative date at all: the latest full date of the text
    assert infer_published("Le 3 mars 2019 et le 9 mars 2019, les deux camps se sont rencontrés.", None, None,
                           "fr") == (dt.date(2019, 3, 9), "content")
