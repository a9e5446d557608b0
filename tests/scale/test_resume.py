"""Kill -9 an ingest mid-run, resume it, and get exactly the store of an uninterrupted run.

The interrupted run is a real ``chronique extract`` process whose standard error is a pseudo-
terminal, so its progress bar is on: the test reads committed-document counts from the bar (the
bar moves only after a batch's transaction commits) and kills the process after a few batches.
"""
from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

import pytest

from chronique.cli import main
from chronique.pipeline import pipeline_version
from chronique.store.db import Store

BATCH = 4
KILL_AFTER = 2 * BATCH  # documents committed before the kill
DONE = re.compile(rb"(\d+)doc \[")


def extract_args(corpus, db) -> list[str]:
    return ["extract", str(corpus), "--db", str(db), "--batch-size", str(BATCH)]


def start_and_kill(corpus, db, timeout: float = 240.0) -> int:
    """Run extract in a child process, SIGKILL it once KILL_AFTER documents show as done; return that count."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a terminal has a size
    proc = subprocess.Popen([sys.executable, "-m", "chronique.cli", *extract_args(corpus, db)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen, deadline = 0, time.monotonic() + timeout
    try:
        while seen < KILL_AFTER and proc.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 1.0)[0]:
                counts = [int(n) for n in DONE.findall(_read(master))]
                seen = max([seen, *counts])
        if seen >= KILL_AFTER:
            proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        os.close(master)
    return seen


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # the child closed the terminal
        return b""


@pytest.mark.slow
def test_killed_ingest_resumes_to_the_same_store(tmp_path, corpus60, store_dump, capsys):
    seen = start_and_kill(corpus60, tmp_path / "killed.duckdb")
    assert KILL_AFTER <= seen < 60, "the run must be killed mid-way (documents seen in its progress bar)"
    with Store(tmp_path / "killed.duckdb") as store:
        committed = store.counts()["documents"]
        versions = {v for (v,) in store.con.execute("SELECT DISTINCT version FROM documents").fetchall()}
    assert 0 < committed < 60 and committed % BATCH == 0  # whole batches only: one transaction each
    assert versions == {pipeline_version()}, "lang/ or kb/ data changed while the test ran: rerun it"

    capsys.readouterr()
    main([*extract_args(corpus60, tmp_path / "killed.duckdb")])
    assert f"{committed} already stored" in capsys.readouterr().err
    main([*extract_args(corpus60, tmp_path / "clean.duckdb"), "--quiet"])

    resumed, clean = store_dump(tmp_path / "killed.duckdb"), store_dump(tmp_path / "clean.duckdb")
    assert len(clean["documents"]) == 60 and clean["events"]
    for table in clean:
        only_resumed = [r for r in resumed[table] if r not in clean[table]][:3]
        only_clean = [r for r in clean[table] if r not in resumed[table]][:3]
        assert resumed[table] == clean[table], f"{table}: resumed has {only_resumed}, clean has {only_clean}"
