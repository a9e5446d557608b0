"""Incremental clustering: batch by batch it gives what one full run gives, and touches only what it must."""
from __future__ import annotations

import datetime as dt
import json
import random

import duckdb
import pytest

from chronique.dedup.index import assign_clusters, persist
from chronique.store.db import Store

from .conftest import PARTIES, SINGAPOUR, clusters_by_event, doc, ev
from .test_syndication import DISPATCH, OWN, SENTENCE

SANCTION = "L'Union européenne a adopté jeudi un nouveau paquet de sanctions contre la Russie."
SANCTION_AGAIN = "Bruxelles a sanctionné Moscou jeudi, pour la dixième fois."
SUMMIT = "Donald Trump et Kim Jong-un se sont rencontrés mardi à Singapour."
TYPES = ("SANCTION", "CONSULT", "THREATEN")
WORDS = ("le ministre a reçu son homologue pour un sommet sur la sécurité de la région et les sanctions "
         "annoncées par le conseil après la visite du président dans la capitale").split()


def _snapshot(store: Store) -> dict[str, list]:
    """Everything clustering writes, in a comparable form (without recomputation times)."""
    queries = {"events": "SELECT id, cluster FROM events",
               "clusters": "SELECT * EXCLUDE (computed_at) FROM clusters",
               "merged": "SELECT * FROM merged_events", "blocks": "SELECT * FROM merged_blocks",
               "links": "SELECT * FROM document_links", "bands": "SELECT * FROM doc_bands"}
    return {k: sorted(json.dumps(r, default=str, ensure_ascii=False) for r in store.con.execute(q).fetchall())
            for k, q in queries.items()}


def _random_docs(seed: int, n: int) -> list:
    """Dense made-up reports (few actors and types, two months, dates from a day to a year, some
    syndicated copies): clusters interact, so a new report often frees or takes a stored one's member."""
    r = random.Random(seed)
    out = []
    for i in range(n):
        d = f"r{seed}-{i:03d}"
        if out and r.random() < 0.2:
            out.append(_copy(r, d, r.choice(out)))
            continue
        pub = dt.date(2022, 1, 1) + dt.timedelta(days=r.randint(0, 60))
        events = [_random_event(r, d, k) for k in range(1, r.randint(2, 5))]
        body = " ".join(r.choice(WORDS) for _ in range(40)) + " " + " ".join(e.evidence for e in events)
        out.append(doc(d, pub.isoformat(), events, text=body))
    return out


def _random_event(r: random.Random, d: str, k: int):
    day = dt.date(2022, 1, 1) + dt.timedelta(days=r.randint(0, 60))
    date, basis = r.choice([(day.isoformat(), "explicit"), (day.isoformat(), "relative"),
                            (day.isoformat(), "publication"), (day.isoformat(), "explicit"),
                            ("{}-W{:02d}".format(*day.isocalendar()[:2]), "relative"),
                            (day.strftime("%Y-%m"), "explicit"), ("2022", "explicit")])
    return ev(d, k, r.choice(TYPES), f"Phrase {r.randint(0, 30)} du texte {d}.",
              actor=r.sample(sorted(PARTIES), r.choice((1, 1, 2))),
              recipient=r.sample(sorted(PARTIES), 1) if r.random() < 0.4 else (), date=date, basis=basis,
              mode=r.choice((None, None, "x", "y")))


def _copy(r: random.Random, d: str, src):
    """A later republication of ``src``: the same text and event lines under another id."""
    pub = src.document.published + dt.timedelta(days=r.randint(0, 3))
    events = [ev(d, k, e.event_type, e.evidence, date=e.date, basis=e.date_basis, mode=e.mode)
              for k, e in enumerate(src.events, 1)]
    for new, old in zip(events, src.events):
        new.actor, new.recipient = old.actor, old.recipient
    return doc(d, pub.isoformat(), events, text="Reprise : " + src.document.text)


def _incrementally(store: Store, results: list, batch: int) -> list:
    reports = []
    for i in range(0, len(results), batch):
        chunk = results[i:i + batch]
        store.write(chunk)
        reports.append(assign_clusters(store, [r.document.id for r in chunk]))
    return reports


def _fully(path, results: list) -> dict[str, list]:
    with Store(path) as full:
        full.write(results)
        assign_clusters(full)
        return _snapshot(full)


# seeds where a stored cluster frees a member that then joins a neighbouring one (incremental.py, step 4)
@pytest.mark.parametrize("seed", [6, 8, 10])
def test_batches_clustered_one_at_a_time_match_one_full_run(store, tmp_path, seed):
    results = _random_docs(seed, 60)
    reports = _incrementally(store, results, batch=5)
    assert reports[0].full and not any(r.full for r in reports[1:])
    assert store.con.execute("SELECT count(*) FROM clusters WHERE n_documents > 1").fetchone()[0] > 5
    assert store.con.execute("SELECT count(*) FROM document_links").fetchone()[0] > 0
    assert _snapshot(store) == _fully(tmp_path / "full.duckdb", results)


def test_generated_example_documents_match_one_full_run(store, tmp_path, nlp, examples_dir):
    """The team's examples through the real pipeline, each twice: the copies arrive in later batches."""
    from chronique.ingest import read_sources
    from chronique.pipeline import process
    from chronique.scale.corpus import write_corpus

    corpus = write_corpus(examples_dir, 26, tmp_path / "corpus.jsonl")
    results = process(list(read_sources([str(corpus)])), nlp)
    reports = _incrementally(store, results, batch=4)
    assert not reports[-1].full and reports[-1].syndicated_links > 0
    assert store.con.execute("SELECT count(*) FROM clusters WHERE n_documents > 1").fetchone()[0] > 0
    assert _snapshot(store) == _fully(tmp_path / "full.duckdb", results)


def _two_stories():
    return [doc("k1", "2018-06-13", [ev("k1", 1, "CONSULT", SUMMIT, actor=("trump", "kim"), date="2018-06-12",
                                        basis="relative", place=SINGAPOUR)]),
            doc("s1", "2022-02-25", [ev("s1", 1, "SANCTION", SANCTION, actor=("ue",), recipient=("russie",),
                                        date="2022-02-24", mode="discontinue")])]


def _sanction_report(doc_id: str):
    return doc(doc_id, "2022-02-25", [ev(doc_id, 1, "SANCTION", SANCTION_AGAIN, actor=("ue",),
                                         recipient=("russie",), date="2022-02-24", basis="relative",
                                         mode="discontinue")])


def _computed_at(store: Store, event_id: str):
    return store.con.execute("SELECT c.computed_at, c.n_documents FROM clusters c "
                             "JOIN events e ON e.cluster = c.id WHERE e.id = ?", [event_id]).fetchone()


def test_an_incremental_run_leaves_unrelated_clusters_alone(store):
    store.write(_two_stories())
    assign_clusters(store)
    summit_before, sanction_before = _computed_at(store, "k1-e1"), _computed_at(store, "s1-e1")
    store.write([_sanction_report("s2")])
    report = assign_clusters(store, ["s2"])
    assert not report.full and report.mentions == 2 and report.clusters == 1
    assert _computed_at(store, "k1-e1") == summit_before  # the summit's row was not rewritten
    at, n_documents = _computed_at(store, "s1-e1")
    assert at > sanction_before[0] and n_documents == 2
    assert clusters_by_event(store)["s1-e1"] == clusters_by_event(store)["s2-e1"]


def test_re_ingesting_a_changed_document_removes_its_stale_merged_events(store, tmp_path):
    store.write(_two_stories() + [_sanction_report("s2")])
    assign_clusters(store)
    changed = doc("s2", "2022-02-26", [ev("s2", 7, "CONSULT", "Donald Trump a rencontré Kim Jong-un le 12 juin.",
                                          actor=("trump", "kim"), date="2018-06-12")])
    store.write([changed])
    report = assign_clusters(store, ["s2"])
    assert not report.full
    stale = "SELECT count(*) FROM merged_events WHERE list_contains(event_ids, 's2-e1')"
    assert store.con.execute(stale).fetchone() == (0,)
    assert store.con.execute("SELECT count(*) FROM merged_events WHERE doc = 's2'").fetchone() == (1,)
    assert _computed_at(store, "s1-e1")[1] == 1  # the sanctions are reported by one document again
    ids = clusters_by_event(store)
    assert ids["s2-e7"] == ids["k1-e1"]
    assert _snapshot(store) == _fully(tmp_path / "full.duckdb", _two_stories() + [changed])


def test_documents_written_without_clustering_are_picked_up(store, tmp_path):
    """An interrupted extract stores batches it never clustered: the next incremental run finds them."""
    store.write(_two_stories())
    assign_clusters(store)
    store.write([_sanction_report("s2")])  # never clustered
    store.write([_sanction_report("s3")])
    assign_clusters(store, ["s3"])
    ids = clusters_by_event(store)
    assert ids["s1-e1"] == ids["s2-e1"] == ids["s3-e1"]
    everything = _two_stories() + [_sanction_report("s2"), _sanction_report("s3")]
    assert _snapshot(store) == _fully(tmp_path / "full.duckdb", everything)


def test_a_syndicated_copy_arriving_later_is_linked_and_counted_once(store):
    def threat(doc_id, date, basis):
        return ev(doc_id, 1, "THREATEN", SENTENCE, actor=("cedeao",), date=date, basis=basis, mode="violence")

    store.write([doc("orig", "2023-07-30", [threat("orig", "2023-07-30", "relative")], text=DISPATCH),
                 doc("own", "2023-07-31", [ev("own", 1, "THREATEN", OWN, actor=("cedeao",), date="2023-07-30",
                                              basis="relative", mode="violence")], text=OWN)])
    assign_clusters(store)
    store.write([doc("copy", "2023-08-03", [threat("copy", "2023-08-03", "publication")],
                     text="Niger : " + DISPATCH + " Avec agences.")])
    report = assign_clusters(store, ["copy"])
    assert not report.full and report.syndicated_links == 1
    assert store.con.execute("SELECT n_documents, n_sources FROM clusters").fetchall() == [(3, 2)]


def test_a_store_from_before_the_index_is_recomputed_once(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.write(_two_stories())
        assign_clusters(s)
    con = duckdb.connect(str(path))  # back to the tables and columns of the previous schema
    for table in ("merged_blocks", "doc_bands", "dedup_state"):
        con.execute(f"DROP TABLE {table}")
    con.execute("ALTER TABLE clusters DROP COLUMN computed_at")
    con.close()
    with Store(path) as s:
        s.write([_sanction_report("s2")])
        assert assign_clusters(s, ["s2"]).full
        s.write([_sanction_report("s3")])
        assert not assign_clusters(s, ["s3"]).full
        everything = _two_stories() + [_sanction_report(d) for d in ("s2", "s3")]
        assert _snapshot(s) == _fully(tmp_path / "full.duckdb", everything)


def test_a_failing_run_leaves_the_store_as_it_was(store, monkeypatch):
    store.write(_two_stories())
    assign_clusters(store)
    before = _snapshot(store)
    store.write([_sanction_report("s2")])

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(persist, "write", broken)
    with pytest.raises(RuntimeError):
        assign_clusters(store, ["s2"])
    after = _snapshot(store)
    assert {k: v for k, v in after.items() if k != "events"} == {k: v for k, v in before.items() if k != "events"}
    assert store.con.execute("SELECT cluster FROM events WHERE doc = 's2'").fetchall() == [(None,)]
    monkeypatch.undo()
    assert not assign_clusters(store, ["s2"]).full


def test_cluster_command_recomputes_the_whole_store(tmp_path, capsys):
    from chronique.cli import main

    path = tmp_path / "cli.duckdb"
    with Store(path) as s:
        s.write(_two_stories() + [_sanction_report("s2")])
    assert main(["cluster", "--db", str(path)]) == 0
    assert "full clustering" in capsys.readouterr().err  # no index yet: the first run is full
    assert main(["cluster", "--db", str(path)]) == 0
    assert "incremental clustering: 0 event lines" in capsys.readouterr().err
    assert main(["cluster", "--db", str(path), "--full"]) == 0
    assert "full clustering: 3 event lines" in capsys.readouterr().err
