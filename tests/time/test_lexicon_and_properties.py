"""Data validation errors name the file; tag never crashes and its spans slice the text."""
import datetime as dt
import pathlib
import shutil

import pytest
from hypothesis import given, settings, strategies as st

import chronique.lang as lang
from chronique.lang import LanguageDataError
from chronique.time import tag
from chronique.time.lexicon import load


def _load_edited(monkeypatch, tmp_path: pathlib.Path, old: str, new: str):
    """The time lexicon of a language "xx": French with one edit in its time.yaml."""
    shutil.copytree(lang.LANG_DIR / "fr", tmp_path / "xx", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    bad = tmp_path / "xx" / "time.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    monkeypatch.setattr(lang, "LANG_DIR", tmp_path)
    lang.load.cache_clear()
    load.cache_clear()
    try:
        return load("xx")
    finally:
        lang.load.cache_clear()
        load.cache_clear()


def test_shipped_data_loads():
    assert load("fr").rules


def test_bad_data_names_the_file(monkeypatch, tmp_path: pathlib.Path):
    with pytest.raises(LanguageDataError, match=str(tmp_path / "xx" / "time.yaml")):
        _load_edited(monkeypatch, tmp_path, "  mars: 3", "  mars: 13")


def test_bad_regex_names_the_rule(monkeypatch, tmp_path: pathlib.Path):
    with pytest.raises(LanguageDataError, match="rule 'vague'"):
        _load_edited(monkeypatch, tmp_path, 'pattern: "(?P<vague>{VAGUE})"', 'pattern: "(?P<vague>{VAGUE}"')


WORDS = ["lundi", "jeudi 31 mai", "le 10 juin", "hier", "la veille", "2018", "il y a", "trois", "jours",
         "semaine dernière", "à 22 heures", "minuit", "1er", "mars", "fin", "mi-", "\xa0", "’", "\n", ",",
         "Aïd", "chaque", "bientôt", "99", "31/02/2018", "le 31", "h", "dans", "plus tard"]
texts = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join))
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2098, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(texts, dates)
def test_tag_never_crashes_and_slices(text, published):
    found = tag(text, published, "h")
    starts = [t.start for t in found]
    assert starts == sorted(starts)
    for t in found:
        assert text[t.start:t.end] == t.text and t.value
