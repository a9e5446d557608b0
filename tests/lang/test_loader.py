"""One loader for language data: each file checked against its reader's schema, once per language."""
from __future__ import annotations

import pytest

import chronique.lang as lang
from chronique.lang import LanguageDataError, grammar, load, syntax, word_lists, words


@pytest.fixture
def xx(monkeypatch, tmp_path):
    """An empty language folder "xx" read in place of the packaged ones."""
    (tmp_path / "xx").mkdir()
    monkeypatch.setattr(lang, "LANG_DIR", tmp_path)
    load.cache_clear()
    yield tmp_path / "xx"
    load.cache_clear()


def test_a_file_is_read_once_per_language():
    assert load("fr", "prepositions", word_lists) is load("fr", "prepositions", word_lists)


def test_shipped_word_lists_and_grammar_load():
    assert "par" in words("fr", "prepositions", "agent")
    assert grammar("fr").forms("à") == {"à", "au", "aux"}
    assert callable(syntax("fr").misparsed_relative)


def test_a_missing_list_names_the_file_and_the_list(xx):
    (xx / "speech.yaml").write_text("verbs: [dire]\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"speech\.yaml: missing list 'according_to'"):
        words("xx", "speech", "according_to")


def test_a_malformed_list_names_the_file_and_the_key(xx):
    (xx / "speech.yaml").write_text("verbs: dire\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"speech\.yaml: 'verbs' must be a list of words"):
        words("xx", "speech", "verbs")


def test_a_schema_error_names_the_file_and_the_field(xx):
    (xx / "grammar.yaml").write_text("articles: [le]\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"grammar\.yaml: .*contractions"):
        grammar("xx")


def test_a_missing_file_or_repairs_module_is_named(xx):
    with pytest.raises(LanguageDataError, match=r"xx/modality\.yaml: data file not found"):
        words("xx", "modality", "negation")
    with pytest.raises(LanguageDataError, match=r"syntax\.py: no parse repairs for language 'xx'"):
        syntax("xx")


def test_every_data_file_is_listed_for_the_pipeline_version():
    names = {p.name for p in lang.data_files()}
    assert {"grammar.yaml", "triggers.yaml", "time.yaml", "places.yaml"} <= names
    assert "syntax.py" not in names
