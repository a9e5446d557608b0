"""A followed folder: new files are stored, a changed file replaces its document and events, an unchanged one is
not read again, a bad one is recorded once."""
from __future__ import annotations

import os

from chronique.store.db import Store
from chronique.watch import Follower

from .conftest import options
from .dispatches import CLIMAT, CLIMAT_MIS_A_JOUR, MACRON, NIGER


def text(article) -> str:
    return article[0] + "\n\n" + "\n\n".join(article[2]) + "\n"


def test_new_and_changed_files_only(tmp_path, nlp):
    folder = tmp_path / "depeches"
    folder.mkdir()
    (folder / "climat.txt").write_text(text(CLIMAT), encoding="utf-8")
    (folder / "macron.txt").write_text(text(MACRON), encoding="utf-8")
    (folder / "vide.txt").write_text("", encoding="utf-8")
    store = Store(tmp_path / "folder.duckdb")
    follower = Follower(store, options(str(folder)))
    first = follower.one_pass()
    assert len(first.added) == 2 and [e.kind for e in first.failed] == ["empty"]

    (folder / "climat.txt").write_text(text(CLIMAT_MIS_A_JOUR), encoding="utf-8")
    (folder / "niger.txt").write_text(text(NIGER), encoding="utf-8")
    macron_mtime = os.stat(folder / "macron.txt").st_mtime_ns
    second = follower.one_pass()
    assert len(second.added) == 1 and len(second.updated) == 1 and not second.failed  # vide.txt not read again
    assert os.stat(folder / "macron.txt").st_mtime_ns == macron_mtime and not follower.one_pass().added
    texts = [r[0] for r in store.con.execute("SELECT text FROM documents").fetchall()]
    assert len(texts) == 3 and sum("Barack Obama" in t for t in texts) == 1 and not any("marteau" in t for t in texts)
    assert not store.con.execute("SELECT count(*) FROM events WHERE evidence LIKE '%marteau%'").fetchone()[0]
    orphans = store.con.execute("SELECT count(*) FROM events WHERE doc NOT IN (SELECT id FROM documents)").fetchone()[0]
    orphans += store.con.execute("SELECT count(*) FROM merged_events WHERE doc NOT IN (SELECT id FROM documents)").fetchone()[0]
    assert orphans == 0 and store.con.execute("SELECT count(*) FROM errors").fetchone()[0] == 1
    store.close()
