"""``extract --engine ray`` says what chronique says and nothing of Ray's start-up notices, unless ``--verbose``.

Run in a fresh process each time (Ray's notices come when it starts), on one example dispatch.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
NOISE = ("Token authentication", "core_worker.cc", "WARNING", "UserWarning", "DeprecationWarning")


def ray_extract(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    pytest.importorskip("ray")
    inputs = tmp_path / "in"
    inputs.mkdir(exist_ok=True)
    shutil.copy(ROOT / "examples" / "01_panmunjom-2018.txt", inputs)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env["PYTHONPATH"] = str(ROOT / "src")
    code = "import sys; from chronique.cli import main; sys.exit(main())"
    argv = ["extract", str(inputs), "--engine", "ray", "--processes", "2", "--db", str(tmp_path / "r.duckdb"), *extra]
    return subprocess.run([sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True, timeout=300,
                          cwd=tmp_path)


def test_a_ray_run_prints_only_chroniques_own_lines(tmp_path):
    run = ray_extract(tmp_path)
    assert run.returncode == 0, run.stderr
    assert [line for line in run.stderr.splitlines() if any(n in line for n in NOISE)] == []
    assert run.stderr.splitlines()[-1].startswith("chronique: 1 documents extracted")


def test_verbose_keeps_rays_notices(tmp_path):
    run = ray_extract(tmp_path, "--verbose")
    assert run.returncode == 0, run.stderr
    assert "Token authentication" in run.stderr
