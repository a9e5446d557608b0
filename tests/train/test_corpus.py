"""Our own PLOVER corpus (data/corpus/) loads, validates, and covers every type."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from chronique.plover import EVENT_TYPES
from chronique.train.texts import CorpusError, held_out, read_corpus
from tests.conftest import ROOT

CORPUS = ROOT / "data" / "corpus"


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(CORPUS)


def test_corpus_has_500_texts_every_type_and_hard_negatives(corpus):
    assert len(corpus) >= 500
    types = Counter(s.type for t in corpus for s in t.triggers)
    assert set(types) == set(EVENT_TYPES)
    assert min(types.values()) >= 10
    assert sum(1 for t in corpus if not t.triggers) >= 50


def test_every_trigger_span_lies_inside_its_text(corpus):
    for t in corpus:
        for s in t.triggers:
            assert 0 <= s.start < s.end <= len(t.text)
            assert t.text[s.start:s.end].strip()


def test_a_fifth_of_the_corpus_is_held_out_for_validation(corpus):
    share = sum(held_out(t.story) for t in corpus) / len(corpus)
    assert 0.12 < share < 0.28


def _line(**change) -> dict:
    row = {"id": "x-1", "register": "agence", "published": "2019-03-29",
           "text": "Le Parlement britannique a rejeté vendredi l'accord de retrait négocié par Theresa May.",
           "events": [{"type": "REJECT", "mode": None, "aux": "none", "trigger": "a rejeté",
                       "actor": [{"text": "Le Parlement britannique", "country": "GBR", "sector": "LEG"}],
                       "recipient": [{"text": "Theresa May", "country": "GBR", "sector": "GOV"}]}]}
    row["events"][0].update(change)
    return row


@pytest.mark.parametrize("change, reason", [
    ({"type": "VETO"}, "not a PLOVER type"),
    ({"mode": "meeting"}, "not a mode of REJECT"),
    ({"trigger": "a refusé"}, "not in the text"),
    ({"aux": "maybe"}, "aux"),
    ({"actor": [{"text": "Westminster", "country": "GBR", "sector": "LEG"}]}, "actor 'Westminster' is not in the text"),
])
def test_a_bad_line_is_named_with_its_file_line_and_reason(tmp_path, change, reason):
    good = _line()
    (tmp_path / "x.jsonl").write_text(json.dumps(good) + "\n" + json.dumps(_line(**change) | {"id": "x-2"}) + "\n",
                                      encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"x\.jsonl:2: .*{reason}"):
        read_corpus(tmp_path)


def test_duplicate_ids_are_rejected(tmp_path):
    (tmp_path / "x.jsonl").write_text((json.dumps(_line()) + "\n") * 2, encoding="utf-8")
    with pytest.raises(CorpusError, match="duplicate id"):
        read_corpus(tmp_path)
