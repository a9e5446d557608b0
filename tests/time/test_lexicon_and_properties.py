"""Data validation errors name the file; tag never crashes and its spans slice the text."""
import datetime as dt
import pathlib

import pytest
from hypothesis import given, settings, strategies as st

from chronique.time import tag
from chronique.time.lexicon import LANG_DIR, LexiconError, load_file


def test_shipped_data_loads():
    assert load_file(LANG_DIR / "fr" / "time.yaml").rules


def test_bad_data_names_the_file(tmp_path: pathlib.Path):
    bad = tmp_path / "time.yaml"
    bad.write_text((LANG_DIR / "fr" / "time.yaml").read_text(encoding="utf-8").replace("  mars: 3", "  mars: 13"),
                   encoding="utf-8")
    with pytest.raises(LexiconError, match=str(bad)):
        load_file(bad)


def test_bad_regex_names_the_rule(tmp_path: pathlib.Path):
    bad = tmp_path / "time.yaml"
    text = (LANG_DIR / "fr" / "time.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace('pattern: "(?P<vague>{VAGUE})"', 'pattern: "(?P<vague>{VAGUE}"'), encoding="utf-8")
    with pytest.raises(LexiconError, match="rule 'vague'"):
        load_file(bad)


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
