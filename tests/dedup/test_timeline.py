"""The chronology: one line per real-world event, filtered by actor, country and dates."""
import json

import pytest

from chronique.cli import main
from chronique.dedup.index import assign_clusters
from chronique.outputs.timeline import render, timeline
from chronique.store.db import Store
from chronique.store.filters import EventFilter

from .conftest import SINGAPOUR, doc, ev

SUMMIT = "Donald Trump et Kim Jong-un se sont rencontrés mardi à Singapour."
APRIL = "Kim Jong-un et Moon Jae-in se sont rencontrés à Panmunjom."


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.duckdb"
    with Store(path) as s:
        s.write([doc("t1", "2018-06-13", [ev("t1", 1, "CONSULT", SUMMIT, actor=("trump", "kim"), date="2018-06-12",
                                             place=SINGAPOUR)]),
                 doc("t2", "2018-06-12", [ev("t2", 1, "CONSULT", SUMMIT, actor=("kim", "trump"),
                                             date="2018-06-12")]),
                 doc("t3", "2018-04-28", [ev("t3", 1, "CONSULT", APRIL, actor=("kim", "moon"), date="2018-04-27")])])
        assign_clusters(s)
    return path


def test_timeline_is_dated_and_filtered(db):
    with Store(db, read_only=True) as s:
        all_ = timeline(s)
        assert [e.date for e in all_] == ["2018-04-27", "2018-06-12"]
        assert all_[1].n_sources == 2 and all_[1].place == "Singapore"
        assert [e.date for e in timeline(s, EventFilter(country="usa"))] == ["2018-06-12"]
        assert [e.date for e in timeline(s, EventFilter(actor="Moon"))] == ["2018-04-27"]
        assert [e.date for e in timeline(s, EventFilter(since="2018-05"))] == ["2018-06-12"]
        assert [e.date for e in timeline(s, EventFilter(until="2018-W17"))] == ["2018-04-27"]
        assert "2018-06-12" in render(all_) and "CONSULT" in render(all_)
        with pytest.raises(ValueError):
            EventFilter(since="juin")


def test_timeline_command_prints_json(db, capsys):
    assert main(["timeline", "--db", str(db), "--json", "--country", "KOR"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 1 and lines[0]["event_type"] == "CONSULT" and lines[0]["evidence"] == APRIL


def test_export_command_writes_a_file(db, tmp_path, capsys):
    out = tmp_path / "c.tsv"
    assert main(["export", "--format", "cameo-tsv", "--db", str(db), "--out", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
