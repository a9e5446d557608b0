"""The learned type decision: features are stable, the shipped model is what the pipeline uses,
and it adds events where no lexicon entry opens a trigger."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import numpy as np

from chronique import events
from chronique.actors import default_kb, resolve_mentions
from chronique.events.decide import BUCKETS, NONE, TypeModel, default_model, features, indices
from chronique.time import tag

DISMISSAL = "Le président tunisien Kaïs Saïed a limogé mardi son Premier ministre."


def _events(nlp, text: str, model: TypeModel):
    sdoc, published = nlp(text), date(2023, 5, 10)
    kb = default_kb("fr")
    mentions = resolve_mentions(sdoc, published, kb)
    return events.extract("t", sdoc, mentions, tag(text, published, "t", sdoc, "fr"), published, kb.adjective, "fr",
                          model=model)


def test_feature_hashing_is_stable_across_processes(nlp):
    tok = nlp(DISMISSAL)[6]
    feats = features(tok)
    assert "l=limoger" in feats and any(f.startswith("c=obj|") for f in feats)
    # not Python's salted hash(): another process with another hash seed finds the same buckets
    code = "from chronique.events.decide import indices; print(indices(['l=limoger', 'c=obj|ministre']).tolist())"
    other = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": "12345"},
                           capture_output=True, text=True, check=True).stdout.strip()
    assert other == str(indices(["l=limoger", "c=obj|ministre"]).tolist())


def test_the_shipped_model_adds_an_event_no_lexicon_entry_opens(nlp, events_of):
    silent = TypeModel(default_model().labels, np.zeros((BUCKETS, 17), np.float32), np.zeros((300, 17), np.float32), {})
    assert _events(nlp, DISMISSAL, silent) == []  # the rules alone find nothing
    found = _events(nlp, DISMISSAL, default_model())
    assert [(e.event_type, e.trigger) for e in found] == [("COERCE", "limogé")]
    assert {a.country for a in found[0].actor} == {"TUN"}
    # and the pipeline itself (what `chronique extract` runs) loads the same model
    assert [e.event_type for e in events_of(DISMISSAL)] == ["COERCE"]


def test_the_model_says_no_event_for_a_plain_statistic(nlp):
    sdoc = nlp("Le taux de chômage a légèrement baissé au troisième trimestre, selon l'Insee.")
    probs = default_model().predict(sdoc[4])  # "baissé"
    assert max(probs, key=probs.get) == NONE


def test_the_loaded_model_keeps_only_its_rows_and_scores_as_the_full_matrix(nlp, tmp_path):
    loaded = default_model()
    assert loaded.rows is not None and loaded.sparse.shape[0] < BUCKETS and not loaded.sparse[-1].any()
    full = TypeModel(loaded.labels, loaded.sparse[loaded.rows], loaded.dense, loaded.meta)
    assert full.sparse.shape == (BUCKETS, len(loaded.labels))
    sdoc = nlp(DISMISSAL + " Les deux pays ont signé un accord de coopération à Tunis.")
    cands = [(t, ()) for t in sdoc if t.pos_ in ("VERB", "NOUN")]
    assert loaded.predict_many(cands) == full.predict_many(cands)  # the same numbers, not merely close
    loaded.save(tmp_path)
    again = TypeModel.load(tmp_path)
    assert np.array_equal(again.sparse, loaded.sparse) and np.array_equal(again.rows, loaded.rows)
