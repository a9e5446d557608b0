"""The issue's bar: ``open(db).events().to_pandas()`` on 10,000 events in under a second (benchmarks/api_events.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_reads_10000_events_into_pandas_in_under_a_second():
    out = subprocess.run([sys.executable, "benchmarks/api_events.py"], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""})
    result = json.loads(out.stdout)
    assert result["events"] == 10_000 and result["seconds"] < 1.0, result
