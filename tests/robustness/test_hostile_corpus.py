"""The hostile corpus through the readers and through the real ``chronique extract`` command.

Every bad input must be reported once, naming the file (and line) and the reason, and recorded in
the ``errors`` table; every good input of the same batch must be stored; nothing crashes.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from chronique.ingest import load_meta, model_view, read_sources
from chronique.model import Document, InputError

from .hostile import LEAK, Corpus, write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    return write_corpus(tmp_path_factory.mktemp("hostile") / "entrée")


def _chronique(*args: str) -> subprocess.CompletedProcess:
    """Run the installed ``chronique`` console script (the real CLI, in its own process)."""
    script = Path(sys.executable).with_name("chronique")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "chronique.cli"]
    env = dict(os.environ, PYTHONIOENCODING="utf-8:backslashreplace")
    return subprocess.run(cmd + list(args), capture_output=True, encoding="utf-8", errors="replace", env=env,
                          timeout=900)


def _matching(errors: list[tuple[str, str]], case) -> list[tuple[str, str]]:
    return [(o, r) for o, r in errors if case.origin in o and case.reason in r]


def test_corpus_is_big_enough(corpus):
    assert len(corpus.rejected) >= 30 and len(corpus.stored) >= 5
    assert len({c.origin for c in corpus.rejected}) == len(corpus.rejected)


def test_readers_sort_every_input(corpus):
    items = list(read_sources(corpus.args, load_meta(corpus.meta)))
    errors = [(i.origin, i.reason) for i in items if isinstance(i, InputError)]
    docs = [i for i in items if isinstance(i, Document)]
    for case in corpus.rejected:
        assert len(_matching(errors, case)) == 1, (case, errors)
    assert len(errors) == len(corpus.rejected), errors
    for case in corpus.stored:
        assert sum(case.marker in d.text for d in docs) == 1, (case, [d.origin for d in docs])
    assert len(docs) == len(corpus.stored)
    assert not [d.origin for d in docs if LEAK in d.text or "alert(" in d.text]


def test_readers_make_safe_documents(corpus):
    for d in read_sources(corpus.args, load_meta(corpus.meta)):
        if isinstance(d, Document):
            d.text.encode("utf-8")  # no lone surrogate left
            d.origin.encode("utf-8")
            seen = model_view(d)[0].text  # the text as given is stored as is (issue #17); the models read it cleaned
            assert "\x00" not in seen and "\r" not in seen
            assert d.url is None or d.url.startswith(("http://", "https://"))


@pytest.fixture(scope="module")
def extracted(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "hostile.duckdb"
    proc = _chronique("extract", *corpus.args, "--meta", str(corpus.meta), "--db", str(db), "--batch-size", "8")
    con = duckdb.connect(str(db), read_only=True)
    try:
        texts = [r[0] for r in con.execute("SELECT text FROM documents").fetchall()]
        errors = con.execute("SELECT origin, reason FROM errors").fetchall()
    finally:
        con.close()
    return proc, texts, errors


def test_cli_exits_partial_without_traceback(extracted):
    proc, _, _ = extracted
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert "inputs rejected" in proc.stderr


def test_cli_names_every_bad_input_and_reason_on_stderr(corpus, extracted):
    proc, _, _ = extracted
    lines = [line for line in proc.stderr.splitlines() if line.startswith("chronique: skipped ")]
    for case in corpus.rejected:
        assert [line for line in lines if case.origin in line and case.reason in line], (case, lines)
    assert len(lines) == len(corpus.rejected)


def test_cli_stores_every_good_input_once(corpus, extracted):
    _, texts, _ = extracted
    for case in corpus.stored:
        assert sum(case.marker in t for t in texts) == 1, case
    assert len(texts) == len(corpus.stored)
    assert not [t[:80] for t in texts if LEAK in t]


def test_errors_table_has_one_row_per_bad_input(corpus, extracted):
    _, _, errors = extracted
    for case in corpus.rejected:
        assert len(_matching(errors, case)) == 1, (case, errors)
    assert len(errors) == len(corpus.rejected)


def test_only_an_unreadable_metadata_file_is_fatal(tmp_path):
    """A bad line costs one document's metadata (tests/e2e/test_hostile_meta.py); a missing file stops the run."""
    (tmp_path / "a.txt").write_text("Le Premier ministre a présenté mardi son gouvernement au Parlement.",
                                    encoding="utf-8")
    meta = tmp_path / "absent.jsonl"
    db = tmp_path / "x.duckdb"
    proc = _chronique("extract", str(tmp_path / "a.txt"), "--meta", str(meta), "--db", str(db))
    assert proc.returncode == 3
    assert str(meta) in proc.stderr and "cannot read metadata file" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("flag", ["--max-bytes=0", "--max-line-bytes=-5", "--max-bytes=beaucoup"])
def test_nonsense_limits_are_usage_errors(tmp_path, flag):
    proc = _chronique("extract", str(tmp_path), flag, "--db", str(tmp_path / "x.duckdb"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
