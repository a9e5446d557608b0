"""Training runs end to end on a small slice (the full run is `make model`), deterministically."""
from __future__ import annotations

import numpy as np
import pytest

from chronique.events.decide import NONE, TypeModel
from chronique.plover import EVENT_TYPES
from chronique.train import LABELS, TrainOptions, run
from chronique.train.examples import examples
from chronique.train.fit import fit, predict_all
from chronique.train.texts import read_corpus
from tests.conftest import ROOT

CORPUS = ROOT / "data" / "corpus"
NEWS = ROOT.parent / "shared" / "train"


@pytest.fixture(scope="module")
def slice_examples(nlp):
    texts = read_corpus(CORPUS)[::4]
    return list(examples(nlp, texts, "fr"))


def test_training_is_deterministic_and_fits_what_it_saw(slice_examples):
    a = fit(slice_examples, LABELS, epochs=4, seed=3)
    b = fit(slice_examples, LABELS, epochs=4, seed=3)
    assert np.array_equal(a.sparse, b.sparse) and np.array_equal(a.dense, b.dense)
    events = [e for e in slice_examples if e.label != NONE]
    guessed = [LABELS[int(np.argmax(p))] for p in predict_all(a, events)]
    assert np.mean([g == e.label for g, e in zip(guessed, events)]) >= 0.8


def test_saved_weights_load_back_with_the_same_decisions(slice_examples, tmp_path):
    model = fit(slice_examples, LABELS, epochs=2, seed=3)
    model.save(tmp_path)
    back = TypeModel.load(tmp_path)
    assert back.labels == (NONE, *EVENT_TYPES)
    sample = slice_examples[:200]
    np.testing.assert_allclose(predict_all(back, sample), predict_all(model, sample), atol=0.02)


def test_missing_weights_say_how_to_make_them(tmp_path):
    with pytest.raises(FileNotFoundError, match="make model"):
        TypeModel.load(tmp_path)


def test_chronique_train_on_a_slice_reports_every_type_and_saves(nlp, tmp_path):
    if not (NEWS / "docs.jsonl").exists():
        pytest.skip("../shared/train is not present beside the repository")
    result = run(TrainOptions(news=NEWS, corpus=CORPUS, out=tmp_path, limit=12, epochs=2), nlp=nlp)
    assert (tmp_path / "types.npz").exists() and (tmp_path / "types.json").exists()
    assert set(EVENT_TYPES) <= set(result["validation_events"])
    assert result["events"]["train"] > 500 and result["events"]["validation"] > 50
    assert TypeModel.load(tmp_path).meta["texts"] == result["texts"]


def test_runs_over_other_orders_are_averaged(slice_examples):
    both = fit(slice_examples, LABELS, epochs=2, seed=3, runs=2)
    one, other = fit(slice_examples, LABELS, epochs=2, seed=3), fit(slice_examples, LABELS, epochs=2, seed=4)
    assert not np.array_equal(one.sparse, other.sparse)
    np.testing.assert_allclose(both.sparse, (one.sparse + other.sparse) / 2, atol=1e-6)
