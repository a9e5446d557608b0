"""The trigger lexicon is data, validated on load: a malformed file names the file and the entry."""
from __future__ import annotations

import pytest

import chronique.lang as lang
from chronique.events.lexicon import load_lexicon
from chronique.events.triggers import verb_types
from chronique.lang import LanguageDataError
from chronique.plover import EVENT_TYPES


def _load_with(monkeypatch, tmp_path, text: str):
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "triggers.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(lang, "LANG_DIR", tmp_path)
    lang.load.cache_clear()
    try:
        return load_lexicon("xx")
    finally:
        lang.load.cache_clear()


@pytest.mark.parametrize("entry,message", [
    ("{lemmas: [frapper], pos: VERB, type: BOMBARD}", "not a PLOVER event type"),
    ("{lemmas: [frapper], pos: ADV, type: ASSAULT}", "pos must be VERB, NOUN or ADJ"),
    ("{lemmas: [frapper], pos: VERB, type: ASSAULT, mode: phone}", "not a PLOVER mode of ASSAULT"),
    ("{lemmas: [frapper], pos: VERB, type: ASSAULT, actor: [sujet]}", "unknown argument slot"),
    ("{lemmas: [frapper], pos: VERB, type: ASSAULT, colour: red}", "colour"),
])
def test_malformed_entry_names_file_and_entry(monkeypatch, tmp_path, entry, message):
    text = f"triggers:\n  - {{lemmas: [rencontrer], pos: VERB, type: CONSULT}}\n  - {entry}\n"
    with pytest.raises(LanguageDataError) as err:
        _load_with(monkeypatch, tmp_path, text)
    msg = str(err.value)
    assert "triggers.yaml" in msg and "#2" in msg and "frapper" in msg
    assert message in msg


def test_well_formed_file_loads(monkeypatch, tmp_path):
    lex = _load_with(monkeypatch, tmp_path, "triggers:\n  - {lemmas: [se rendre], pos: VERB, type: CONSULT}\n")
    assert [t.type for _, t in lex.candidates("se", "VERB")] == ["CONSULT"]


def test_shipped_lexicon_covers_all_sixteen_types():
    assert {t.type for t in load_lexicon("fr").triggers} == set(EVENT_TYPES)


def test_a_verb_opens_only_the_entries_whose_context_words_are_there(nlp):
    # "placer" is an arrest beside "détention"; placing an order opens nothing, so the noun it governs is no
    # reaction to another event (``build._reacted_to``)
    lexicon = load_lexicon("fr")
    doc = nlp("La police a placé l'opposant en détention. Le ministère a placé une commande de blindés.")
    first, second = [next(t for t in s if t.lemma_ == "placer") for s in doc.sents]
    assert verb_types(first, lexicon, "fr") == {"COERCE"}
    assert verb_types(second, lexicon, "fr") == set()
