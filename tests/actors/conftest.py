"""Shared fixtures: a KB with the test people file (the French model comes from tests/conftest.py)."""
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def kb():
    from chronique.actors import load_kb
    return load_kb([FIXTURES / "people.yaml"], packaged_people=False)
