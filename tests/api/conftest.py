"""A small store built through the public API from the team's own French sentences (shared by the API tests)."""
from __future__ import annotations

import pytest

import chronique

DISPATCHES = [
    {"id": "berlin", "published": "2024-03-05",
     "text": "Le président Emmanuel Macron a rencontré mardi le chancelier allemand Olaf Scholz à Berlin."},
    {"id": "moscou", "published": "2024-04-10",
     "text": "Le ministre russe des Affaires étrangères Sergueï Lavrov a condamné mercredi les sanctions "
             "décidées par Washington."},
    {"id": "paris", "published": "2024-05-02",
     "text": "Des milliers de personnes ont manifesté jeudi à Paris contre la réforme des retraites."},
]


@pytest.fixture(scope="session")
def store_path(tmp_path_factory):
    """A DuckDB store holding DISPATCHES, written with ``EventStore.add`` and then closed."""
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    with chronique.open(path, read_only=False) as store:
        report = store.add(DISPATCHES)
    assert report["processed"] == 3 and report["errors"] == []
    return path
