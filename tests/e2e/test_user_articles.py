"""End to end (issue #23): a user's own plain articles — their names as ids, their dates with a basis, a
served store that takes new articles, an interrupted clustering finished later."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from chronique.cli import main

UNDATED = Path(__file__).resolve().parents[1] / "fixtures" / "undated"
SRC = Path(__file__).resolve().parents[2] / "src"
BASES = {"dateline", "content", "url", "page", "given", "run"}


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def undated(tmp_path_factory, nlp):
    tmp = tmp_path_factory.mktemp("undated")
    db, out = tmp / "u.duckdb", tmp / "events.jsonl"
    code = main(["extract", str(UNDATED), "--db", str(db), "--out", str(out), "--quiet"])
    return code, db, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_plain_files_are_named_by_their_stems(undated):
    code, db, events = undated
    stems = {p.stem for p in UNDATED.glob("*.txt")}
    assert code == 0 and {i for (i,) in _rows(db, "SELECT id FROM documents")} == stems
    assert {e["doc"] for e in events} == stems


def test_five_undated_articles_every_event_dated_with_its_basis(undated, capsys):
    _, db, events = undated
    docs = dict((i, (p, b)) for i, p, b in _rows(db, "SELECT id, published, published_basis FROM documents"))
    assert docs["notre-dame"][0].isoformat() == "2019-04-16" and docs["notre-dame"][1] == "dateline"
    assert docs["accord-paris-climat"][0].isoformat() == "2015-12-13"  # "Publié le …", a boilerplate line
    assert docs["accord-paris-climat"][1] == "dateline"
    assert docs["chute-kaboul"][0].isoformat() == "2021-08-15" and docs["chute-kaboul"][1] == "content"
    assert all(b in BASES for _, b in docs.values())
    assert len(events) >= 10 and all(e["date"] and e["date_basis"] not in (None, "unknown") for e in events), \
        [(e["doc"], e["evidence"][:40]) for e in events if not e["date"]]
    brexit = [e for e in events if e["doc"] == "brexit-referendum" and "jeudi" in e["evidence"]]
    assert brexit and brexit[0]["date"] == "2016-06-23"  # "jeudi" anchored on the dateline's Friday
    assert main(["documents", "--db", str(db), "--json"]) == 0
    shown = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {d["id"]: d["published_basis"] for d in shown}["mandela-liberation"] == "dateline"
    assert all(d["origin"].endswith(d["id"] + ".txt") for d in shown)


def test_published_for_the_run_html_stem_and_meta_by_that_id(tmp_path, nlp):
    art = (UNDATED / "chute-kaboul.txt").read_text(encoding="utf-8").replace("Le dimanche 15 août 2021, l", "L")
    (tmp_path / "kaboul.txt").write_text(art, encoding="utf-8")
    paras = "".join(f"<p>{p}</p>" for p in art.split("\n\n"))
    (tmp_path / "page.html").write_text(f"<html><body><article>{paras}</article></body></html>", encoding="utf-8")
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "page", "published": "2021-08-16"}) + "\n")
    db = tmp_path / "p.duckdb"
    code = main(["extract", str(tmp_path / "kaboul.txt"), str(tmp_path / "page.html"), "--meta",
                 str(tmp_path / "docs.jsonl"), "--published", "2021-08-17", "--db", str(db), "--quiet"])
    assert code == 0
    got = {i: (p.isoformat(), b) for i, p, b in _rows(db, "SELECT id, published, published_basis FROM documents")}
    assert got == {"kaboul": ("2021-08-17", "run"), "page": ("2021-08-16", "given")}
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path / "kaboul.txt"), "--published", "2021-02-30", "--db", str(db)])
    assert exc.value.code == 2


def test_a_store_with_hash_ids_keeps_each_article_once(tmp_path, nlp):
    db, art = tmp_path / "old.duckdb", tmp_path / "notre-dame.txt"
    shutil.copy(UNDATED / "notre-dame.txt", art)
    from chronique.ingest.clean import clean_text
    from chronique.ids import content_hash

    old_id = content_hash(clean_text(art.read_text(encoding="utf-8")))
    assert main(["extract", str(art), "--db", str(db), "--quiet"]) == 0
    con = duckdb.connect(str(db))  # make it a store written before names: the same article under its hash
    for table, key in (("documents", "id"), ("events", "doc"), ("participants", "doc"), ("timexes", "doc"),
                       ("actors", "doc")):
        con.execute(f"UPDATE {table} SET {key} = ? WHERE {key} = 'notre-dame'", [old_id])
    con.close()
    assert main(["extract", str(art), "--db", str(db), "--quiet"]) == 0
    assert _rows(db, "SELECT id FROM documents") == [("notre-dame",)]
    before = _rows(db, "SELECT id, cluster FROM events ORDER BY id")
    assert main(["extract", str(art), "--db", str(db), "--quiet"]) == 0  # again: nothing changes
    assert _rows(db, "SELECT id, cluster FROM events ORDER BY id") == before


def test_interrupted_clustering_is_reported_and_finished_by_dedup(undated, tmp_path, capsys):
    _, db, _ = undated
    copy = tmp_path / "c.duckdb"
    shutil.copy(db, copy)
    con = duckdb.connect(str(copy))
    con.execute("UPDATE events SET cluster = NULL")  # what a kill during clustering leaves
    con.close()
    capsys.readouterr()
    assert main(["status", "--db", str(copy)]) == 0
    assert "needs clustering: 5 documents" in capsys.readouterr().out
    assert main(["dedup", "--db", str(copy)]) == 0
    assert _rows(copy, "SELECT count(*) FROM events WHERE cluster IS NULL") == [(0,)]
    assert main(["status", "--db", str(copy)]) == 0 and "clusters: up to date" in capsys.readouterr().out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_extract_into_a_served_store_goes_through_the_server(undated, tmp_path, capsys):
    _, db, _ = undated
    served = tmp_path / "served.duckdb"
    shutil.copy(db, served)
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(SRC))
    server = subprocess.Popen([sys.executable, "-c", "import sys; from chronique.cli import main; sys.exit(main())",
                               "serve", "--db", str(served), "--port", str(port)], env=env,
                              stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/overview", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        new = tmp_path / "new"
        new.mkdir()
        (new / "nouvel-article.txt").write_text(
            "BERLIN, 9 novembre 1989 (AFP) - Le gouvernement est-allemand a ouvert jeudi soir le mur de Berlin. "
            "Des milliers de Berlinois de l'Est ont franchi la frontière.\n\nLe chancelier Helmut Kohl a salué "
            "vendredi un jour historique.", encoding="utf-8")
        (new / "vide.txt").write_text("court", encoding="utf-8")
        out = tmp_path / "out.jsonl"
        code = main(["extract", str(new), str(UNDATED / "notre-dame.txt"), "--db", str(served), "--out", str(out)])
        err = capsys.readouterr().err
        assert code == 1, err  # one input rejected, as a local run says it
        assert "skipped" in err and "vide.txt" in err
        assert "1 documents extracted, 1 already stored" in err, err
        assert "notre-dame" in {json.loads(line)["doc"] for line in out.read_text().splitlines()}
        docs = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/documents?limit=50"))["items"]
        added = [d for d in docs if d["id"] == "nouvel-article"]
        assert added and added[0]["published"] == "1989-11-09" and added[0]["published_basis"] == "dateline"
        assert main(["status", "--db", str(served)]) == 0
        assert "held by 'chronique serve'" in capsys.readouterr().out
    finally:
        server.terminate()
        server.wait(30)
    assert not Path(f"{served}.serve.json").exists()
    assert _rows(served, "SELECT count(*) FROM errors WHERE origin LIKE '%vide.txt'") == [(1,)]
