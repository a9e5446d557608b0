"""The one-pass rule matching (tagger.matches, starts.StartIndex) finds exactly what each rule's own finditer
finds, on sentences written for these tests and on generated word salads."""
import pathlib
import re

import pytest
from hypothesis import given, settings, strategies as st

from chronique.lang import LanguageDataError
from chronique.time.lexicon import load
from chronique.time.starts import StartIndex, starts
from chronique.time.tagger import matches

from .test_lexicon_and_properties import WORDS, _load_edited

SENTENCES = [
    "Le sommet s'est ouvert jeudi 31 mai 2018 à Singapour.",
    "La semaine dernière, le ministre a reçu son homologue.",
    "Le vote aura lieu le 12 juin, selon le porte-parole.",
    "Depuis trois ans, les négociations piétinent.",
    "Le président s'exprimera à 20h30 puis à 21 h 15 (heure de Paris).",
    "Il y a quelques semaines, l'armée s'était retirée ; dans deux mois elle reviendra.",
    "Mardi soir, vers minuit, des tirs ont été entendus. Le lendemain, le calme était revenu.",
    "Les 6 et 13 avril 2019, puis de 9 h à 17 h, chaque lundi et tous les 15 jours.",
    "En 1994, au printemps 2017, dans les années 90, mi-juin, fin mai, début 2019.",
    "Hier à 10 h, ce matin, demain après-midi, avant-hier soir, cette année-là.",
    "LUNDI 3 JUIN 2019 : le texte, daté du 12/06/2018 et du 2018-06-12, sera publié prochainement.",
    "le 1er mars",  # a match at the very start and at the very end of the text
    "Elle l’a dit au mois d’août,\xa0le\xa014\xa0juillet, trois jours après la fête.",
    "Les quotidiens paraissent ; le rapport annuel, une réunion hebdomadaire, deux fois par semaine.",
    "2018 2019 2020-2021 1999, 18h58\n19H58\nune quinzaine de jours, un demi-siècle, le jour même.",
    "anti-lundi, pré-2018, 31 mai",  # after a hyphen no rule starts
]


def _reference(text: str) -> list[list[tuple[int, int, dict]]]:
    """Each rule's matches by the plain scan: finditer over the whole text."""
    return [[(m.start(), m.end(), m.groupdict()) for m in rule.regex.finditer(text)] for rule in load("fr").rules]


def _fast(text: str) -> list[list[tuple[int, int, dict]]]:
    return [[(m.start(), m.end(), m.groupdict()) for m in found] for found in matches(text, load("fr"))]


@pytest.mark.parametrize("text", SENTENCES)
def test_sentences_match_as_the_plain_scan(text):
    assert _fast(text) == _reference(text)
    assert any(_fast(text))


def test_every_prefix_and_suffix_matches_as_the_plain_scan():
    text = " ".join(SENTENCES)
    for cut in range(0, len(text), 7):
        assert _fast(text[:cut]) == _reference(text[:cut])
        assert _fast(text[cut:]) == _reference(text[cut:])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=120), st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join),
                 st.lists(st.sampled_from(WORDS), max_size=25).map("".join).map(str.upper)))
def test_generated_texts_match_as_the_plain_scan(text):
    assert _fast(text) == _reference(text)


def test_starts_reads_the_first_characters():
    paths = starts(re.compile(r"(?<![\w-])(?:le )?\d{1,2}h", re.IGNORECASE), 3)
    gate = re.compile("|".join(sorted("".join(p) for p in paths)), re.IGNORECASE)
    for text in ("LE 1", "le 12h", "3h", "12h"):
        assert gate.match(text), text
    for text in ("la 1", "h12", " 12"):
        assert not gate.match(text), text


def test_unread_constructs_make_a_rule_possible_everywhere():
    index = StartIndex([re.compile(r"(?<![\w-])(a)\1", re.IGNORECASE), re.compile(r"(?<![\w-])b", re.IGNORECASE)])
    assert index.rules_at["zz"] == (0,)
    assert index.rules_at["B"] == (0, 1)


def test_a_rule_that_can_match_nothing_is_refused(monkeypatch, tmp_path: pathlib.Path):
    with pytest.raises(LanguageDataError, match="rule 'vague': pattern can match the empty string"):
        _load_edited(monkeypatch, tmp_path, 'pattern: "(?P<vague>{VAGUE})"', 'pattern: "(?P<vague>{VAGUE})?"')
