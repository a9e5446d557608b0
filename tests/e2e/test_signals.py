"""End to end: how `chronique extract` ends when a supervisor stops it (SIGTERM, kill -9), as a real process.

SIGTERM is what `docker stop`, systemd and `timeout` send: it must end the run as Ctrl-C does (exit 3,
a message, stored batches kept), and worker processes must never outlive their parent.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
RUN = "import sys; from chronique.cli import main; sys.exit(main())"
ARTICLE = ("Le ministre {n} a rencontré mardi à Paris son homologue allemand pour discuter de la guerre en "
           "Ukraine. Les deux hommes ont signé un accord de coopération.\n\nIls se reverront en {n}.")

pytestmark = pytest.mark.slow


def _corpus(tmp_path: Path, n: int = 1500) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(n):
        (folder / f"art{i:04d}.txt").write_text(ARTICLE.format(n=2000 + i), encoding="utf-8")
    return folder


def _start(tmp_path: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    err = open(tmp_path / "stderr.txt", "w")
    return subprocess.Popen([sys.executable, "-c", RUN, "extract", *args, "--quiet"], env=env, stdout=err,
                            stderr=err, start_new_session=True)


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (children of children too), from /proc."""
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                kids = []
            for k in kids:
                if k not in found:
                    found.add(k)
                    todo.append(k)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def _stored(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_no_orphan_workers_after_kill_9_of_the_parent(tmp_path):
    proc = _start(tmp_path, str(_corpus(tmp_path)), "--db", str(tmp_path / "k.duckdb"), "--processes", "2",
                  "--batch-size", "4")
    workers: set[int] = set()
    try:
        assert _wait_for(lambda: len(_descendants(proc.pid)) >= 3, 60), "workers never started"
        time.sleep(8)  # the workers are loading or running the model
        workers = _descendants(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        assert _wait_for(lambda: not any(_alive(w) for w in workers), 15), \
            f"orphans left: {[w for w in workers if _alive(w)]}"
    finally:
        for w in workers | (_descendants(proc.pid) if proc.poll() is None else set()):
            if _alive(w):
                os.kill(w, signal.SIGKILL)


@pytest.mark.parametrize("processes", ["1", "2"])
def test_sigterm_exits_3_keeps_stored_batches_and_leaves_no_half_output(tmp_path, processes):
    corpus, db, out = _corpus(tmp_path), tmp_path / "t.duckdb", tmp_path / "events.jsonl"
    proc = _start(tmp_path, str(corpus), "--db", str(db), "--out", str(out), "--processes", processes,
                  "--batch-size", "4")
    wal = Path(f"{db}.wal")
    # a batch is committed once the write-ahead log has documents in it; the run is far from done then
    assert _wait_for(lambda: wal.exists() and wal.stat().st_size > 50_000, 120), "no batch was ever stored"
    workers = _descendants(proc.pid)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(60) == 3
    stderr = (tmp_path / "stderr.txt").read_text()
    assert "terminated (SIGTERM); stored batches are kept" in stderr, stderr
    assert "leaked semaphore" not in stderr and "Traceback" not in stderr, stderr
    assert not out.exists() and not list(tmp_path.glob(".events.jsonl*")), "a killed run left an --out file"
    assert _wait_for(lambda: not any(_alive(w) for w in workers), 15)
    kept = _stored(db)
    assert 0 < kept < 1500, kept
