"""``chronique.extract`` gives exactly the CLI's events (every field but the store's cross-document cluster)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import chronique
from chronique.ingest.limits import Limits
from chronique.scale.engine import ExtractOptions, extract


def cli_events(folder: Path, tmp: Path) -> list[dict]:
    out = tmp / "events.jsonl"
    extract(sorted(str(p) for p in folder.glob("*.txt")), Limits(),
            ExtractOptions(db=tmp / "cli.duckdb", meta=folder / "docs.jsonl", out=out, quiet=True))
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def api_events(folder: Path) -> list[dict]:
    meta = {m["id"]: m for m in map(json.loads, (folder / "docs.jsonl").read_text(encoding="utf-8").splitlines())}
    records = [{"text": p.read_text(encoding="utf-8"), **{k: meta.get(p.stem, {}).get(k) for k in
                ("published", "url", "source", "title")}, "id": p.stem} for p in sorted(folder.glob("*.txt"))]
    return [e.to_json() for result in chronique.extract(records) for e in result]


def same(cli: list[dict], api: list[dict]) -> None:
    key = lambda e: e["id"]  # noqa: E731
    assert len(cli) == len(api) > 0
    for c, a in zip(sorted(cli, key=key), sorted(api, key=key)):
        assert c["cluster"] and a["cluster"] is None
        assert {**c, "cluster": None} == a


def test_on_the_seeds(gold_dir, tmp_path):
    same(cli_events(gold_dir / "seeds", tmp_path), api_events(gold_dir / "seeds"))


@pytest.mark.slow
def test_on_the_examples(examples_dir, tmp_path):
    same(cli_events(examples_dir, tmp_path), api_events(examples_dir))
