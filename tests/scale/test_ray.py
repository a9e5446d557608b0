"""``extract --engine ray`` on a local Ray (2 CPUs): the same events as the local run, Parquet any
engine can read, ``chronique load`` into DuckDB, and resume (a second run skips everything)."""
from __future__ import annotations

import logging
import re
from pathlib import Path

import duckdb
import pytest

from chronique.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    """One lean local Ray for the module: 2 CPUs, no dashboard."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
    yield ray
    ray.shutdown()


def extract(db: Path, *extra: str) -> list[str]:
    return ["extract", str(EXAMPLES), "--meta", str(EXAMPLES / "docs.jsonl"), "--db", str(db), *extra]


def sorted_lines(path: Path) -> list[str]:
    return sorted(path.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def runs(local_ray, tmp_path_factory):
    """The examples extracted locally and with Ray (small batches: several actors' part files)."""
    tmp = tmp_path_factory.mktemp("ray")
    main(extract(tmp / "local.duckdb", "--out", str(tmp / "local.jsonl"), "--timex-out", str(tmp / "local_tx.jsonl"),
                 "--quiet"))
    main(extract(tmp / "ray.duckdb", "--engine", "ray", "--parquet", str(tmp / "pq"), "--batch-size", "3",
                 "--out", str(tmp / "ray.jsonl"), "--timex-out", str(tmp / "ray_tx.jsonl"), "--quiet"))
    return tmp


def test_ray_gives_the_same_events_and_store_as_the_local_run(runs, store_dump):
    local = sorted_lines(runs / "local.jsonl")
    assert len(local) > 20
    assert sorted_lines(runs / "ray.jsonl") == local
    assert sorted_lines(runs / "ray_tx.jsonl") == sorted_lines(runs / "local_tx.jsonl")
    ray_store, local_store = store_dump(runs / "ray.duckdb"), store_dump(runs / "local.duckdb")
    for table in ("documents", "events", "participants", "timexes", "actors"):
        assert ray_store[table] == local_store[table], table


def test_parquet_is_queryable_directly_and_loads_into_a_new_store(runs, store_dump):
    pq = runs / "pq"
    assert len(list((pq / "events").glob("run=*/part-*.parquet"))) > 1  # partitioned over batches
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{pq}/events/*/*.parquet', hive_partitioning = true)")
    assert n.fetchall() == [(len(sorted_lines(runs / "local.jsonl")),)]
    assert main(["load", str(pq), "--db", str(runs / "loaded.duckdb"), "--quiet"]) == 0
    assert store_dump(runs / "loaded.duckdb")["events"] == store_dump(runs / "local.duckdb")["events"]


def test_a_second_ray_run_skips_every_stored_document(runs, capsys):
    capsys.readouterr()
    main(extract(runs / "ray.duckdb", "--engine", "ray", "--parquet", str(runs / "pq")))
    summary = re.search(r"(\d+) documents extracted, (\d+) already stored", capsys.readouterr().err)
    assert summary and summary.group(1) == "0" and int(summary.group(2)) >= 15
