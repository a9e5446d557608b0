"""Fixtures for the scale tests: a generated corpus from the team's examples, and table dumps."""
from __future__ import annotations

from pathlib import Path

import pytest

from chronique.scale.corpus import write_corpus

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STORE_TABLES = ("documents", "events", "participants", "timexes", "actors", "errors")


@pytest.fixture
def corpus60(tmp_path) -> Path:
    """60 distinct documents (JSON Lines) made from the examples."""
    return write_corpus(EXAMPLES, 60, tmp_path / "corpus60.jsonl")


def dump(con, table: str) -> list[tuple]:
    """A store table's rows without timestamps, in a total order: two stores compare with ==."""
    cols = [c for (c,) in con.execute(
        f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' "
        "AND column_name NOT IN ('ingested_at', 'logged_at') ORDER BY ordinal_position").fetchall()]
    return con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY ALL").fetchall()


def dump_store(path: Path) -> dict[str, list[tuple]]:
    from chronique.store.db import Store

    with Store(path, read_only=True) as store:
        return {t: dump(store.con, t) for t in STORE_TABLES}


@pytest.fixture
def table_dump():
    """``dump(con, table)`` for tests."""
    return dump


@pytest.fixture
def store_dump():
    """``dump_store(path)`` for tests."""
    return dump_store
