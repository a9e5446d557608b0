"""Speed work changes no result: the events, time expressions and actors of examples/ and of ../shared/gold
(dev, seeds) equal, field by field, the snapshot in fingerprint.json.

After an intended change of extraction, regenerate it (one command, README "Scale"):
    PYTHONPATH=src .venv/bin/python benchmarks/fingerprint.py --write tests/e2e/fingerprint.json
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).with_name("fingerprint.json")


def _fingerprint_module():
    spec = importlib.util.spec_from_file_location("fingerprint", ROOT / "benchmarks" / "fingerprint.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


FP = _fingerprint_module()


@pytest.fixture(scope="module")
def snapshot():
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def _check(name, snapshot, nlp):
    folder, patterns = FP.SETS[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present beside the repository")
    assert name in snapshot, f"{SNAPSHOT.name} has no '{name}': regenerate it with {folder} present"
    now = FP.fingerprint_set(folder, patterns, nlp)
    diffs = FP.differences(snapshot[name], now, name)
    assert not diffs, f"{len(diffs)} differences with {SNAPSHOT.name}; first ones:\n" + "\n".join(diffs[:25])
    assert sum(len(d["events"]) for d in now.values()) > 20  # a fingerprint of nothing proves nothing


@pytest.mark.parametrize("name", ["examples", "dev", "seeds"])
def test_results_equal_the_snapshot(name, snapshot, nlp):
    _check(name, snapshot, nlp)


def test_differences_name_the_field():
    old = {"d1": {"events": [{"type": "MEET", "start": 3}]}}
    new = {"d1": {"events": [{"type": "CONSULT", "start": 3}]}}
    assert FP.differences(old, new) == ['/d1/events[0]/type: "MEET" != "CONSULT"']
    assert FP.differences(old, {"d1": {"events": []}}) == ["/d1/events: 1 items before, 0 now"]


def test_confidence_may_move_by_one_rounding_step_only():
    assert FP.differences({"confidence": 0.514}, {"confidence": 0.513}) == []
    assert FP.differences({"confidence": 0.514}, {"confidence": 0.512}) == ["/confidence: 0.514 != 0.512"]
