"""Shared fixtures: the French pipeline loaded once, paths to the examples and to ../shared/gold."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# What a process builds at start-up (knowledge base, language identifier) is kept in a cache directory
# (``build_cache``): the tests, and the commands they start, keep theirs apart from the user's (set
# CHRONIQUE_CACHE_DIR to keep one between sessions).
os.environ.setdefault("CHRONIQUE_CACHE_DIR", tempfile.mkdtemp(prefix="chronique-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def nlp():
    from chronique.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def examples_dir():
    """The team's own example dispatches (examples/), with their docs.jsonl."""
    return EXAMPLES


@pytest.fixture(scope="session")
def gold_dir():
    """../shared/gold, or skip: the press articles are never copied into this repository."""
    if not (GOLD / "seeds" / "docs.jsonl").exists():
        pytest.skip("../shared/gold is not present beside the repository")
    return GOLD
