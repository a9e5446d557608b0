"""The lemmatizer's tables from the build cache answer as spaCy's own (``chronique.lemma_lookups``)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from spacy.lookups import Lookups
from spacy.strings import hash_string

from chronique.lemma_lookups import HashedTable, KeptLookups, _pack, _unpack, kept_lemmatizer, read_tables
from chronique.nlp import MODEL


def _folder() -> Path:
    """The model's lemmatizer tables, as spaCy ships them."""
    import spacy.util

    return next(spacy.util.get_package_path(MODEL).glob("*/lemmatizer/lookups"))


@pytest.fixture(scope="module")
def spacy_tables() -> Lookups:
    return Lookups().from_disk(_folder())


def test_every_table_reads_back_as_spacys(spacy_tables):
    settings, kept = kept_lemmatizer(MODEL)
    assert settings == {"mode": "rule", "overwrite": False}
    assert sorted(kept.tables) == sorted(spacy_tables.tables)
    for name in spacy_tables.tables:
        theirs = dict(spacy_tables.get_table(name).items())
        ours = dict(kept.get_table(name).items())
        if name == "lemma_index":  # forms known per part of speech, asked only ``in``: a set (tests below)
            assert all(isinstance(forms, frozenset) for forms in ours.values())
            theirs = {pos: frozenset(forms) for pos, forms in theirs.items()}
        assert ours == theirs, name
    assert {t[0] for t in read_tables(_folder()).values()} >= {"one", "forms", "words"}  # all three packed


def test_a_table_is_asked_by_string_or_by_id():
    table = HashedTable({hash_string("allées"): ["allée"]})
    assert table["allées"] == table.get(hash_string("allées")) == ["allée"]
    assert "allées" in table and "venues" not in table and table.get("venues", "x") == "x"
    with pytest.raises(KeyError):
        table["venues"]


def test_missing_tables_fail_or_fall_back_as_spacys_do():
    kept = KeptLookups({"lemma_rules": {hash_string("noun"): [["s", ""]]}})
    assert "lemma_rules" in kept and kept.has_table("lemma_rules") and not kept.has_table("lemma_exc")
    assert kept.get_table("lemma_exc", {}) == {}
    with pytest.raises(KeyError, match="lemma_exc"):
        kept.get_table("lemma_exc")


@pytest.mark.parametrize("table", [
    {1: ["a"], 2: ["b"]},                                        # one form each
    {1: {"yeux": ["œil"], "cieux": ["ciel", "cieux"]}},            # exceptions
    {1: ["chat", "chien"], 2: ["aller"]},                          # words
    {1: [["s", ""], ["aux", "al"]]},                               # rules: kept as they are
    {1: ["a", ""]}, {1: []}, {1: {"x": []}}, {1: ["a\x00b"]},      # what a split could not give back
])
def test_packing_gives_every_table_back(table):
    assert _unpack(_pack(table)) == table


def test_a_fresh_process_lemmatizes_as_spacy_with_the_kept_tables():
    """Once the tables are kept, a new process reads them back (it must not pack them again) and gets spaCy's
    lemmas."""
    assert kept_lemmatizer(MODEL) is not None  # kept in the tests' cache directory, which the process inherits
    code = (
        "from chronique import lemma_lookups\n"
        "def built_again(folder):\n"
        "    raise AssertionError('packed again: the kept tables were not read')\n"
        "lemma_lookups.read_tables = built_again\n"
        "from chronique.nlp import load_nlp\n"
        "ours, theirs = load_nlp(), load_nlp(tables=False)\n"
        "text = 'Les ministres étaient partis hier ; les négociations reprendront, ont-ils annoncé aux journalistes.'\n"
        "assert ours.get_pipe('lemmatizer').lookups.__class__.__name__ == 'KeptLookups'\n"
        "print([t.lemma_ for t in ours(text)] == [t.lemma_ for t in theirs(text)])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.strip() == "True"


def test_an_unwritable_cache_leaves_the_tables_to_spacy(monkeypatch):
    from chronique import lemma_lookups
    monkeypatch.setattr(lemma_lookups, "writable", lambda: False)
    monkeypatch.setattr(lemma_lookups, "read_tables", lambda *a: pytest.fail("packed although nothing keeps it"))
    assert kept_lemmatizer(MODEL) is None
