"""Issue #17, end to end: a hostile --meta file costs its bad lines, not the run, and offsets stay in the user's files."""
from __future__ import annotations

import json

import duckdb
from chronique.cli import main

ARTICLES = {
    "a": "Logo\n\nLe président Emmanuel Macron a reçu lundi à Paris le chancelier allemand Olaf Scholz, "
         "alors que la guerre continue en Ukraine.\n",
    "b": "\ufeffLa police a arrêté mardi\u00a0douze manifestants à Lyon, selon la préfecture du Rhône.\r\n",
    "c": "Le gouvernement malien a expulsé jeudi l\u2019ambassadeur de France à Bamako, a annoncé la télévision.\n",
    "d": "AFP\n\n\tLe ministre russe des Affaires étrangères a menacé vendredi l\u2019Ukraine de représailles.\n",
}
META = [
    {"id": "a", "published": "2018-13-45"},                 # 1 impossible date: a is extracted, date inferred
    {"id": "b", "published": "2023-05-02", "source": None},  # 2 good (null source)
    {"id": "b", "published": "2023-05-03"},                  # 3 duplicate id: the first line wins
    '"une chaîne"',                                          # 4 bare string
    '{"id": "c", "published": "2023-06-01"',                 # 5 broken JSON
    {"id": None, "published": "2023-01-01"},                 # 6 null id
    {"id": "fantome", "published": "2023-01-01"},            # 7 id of a missing file
    {"id": "c", "published": "2023-06-01", "url": 5},        # 8 wrong type
    {"id": "d", "published": "2023-06-02"},                  # 9 good
]
BAD_LINES = {1: "'published' must be a date", 3: "duplicate id 'b'", 4: "got a JSON string", 5: "not valid JSON",
             6: "no 'id'", 7: "id 'fantome' matches no input document", 8: "'url' must be a string"}


EARLIER = "Le Premier ministre a présenté mardi son gouvernement au Parlement, qui l'a approuvé.\n"


def _write(folder, meta):
    folder.mkdir()
    for name, text in ARTICLES.items():
        data = text.replace("\ufeff", "").encode("utf-8-sig" if "\ufeff" in text else "utf-8")
        (folder / f"{name}.txt").write_bytes(data)
    meta.write_text("\n".join(m if isinstance(m, str) else json.dumps(m) for m in META) + "\n", encoding="utf-8")


def test_hostile_meta_costs_its_bad_lines_only(tmp_path, nlp, capsys):
    folder, meta, db = tmp_path / "articles", tmp_path / "docs.jsonl", tmp_path / "h.duckdb"
    out, tx = tmp_path / "events.jsonl", tmp_path / "timex.jsonl"
    _write(folder, meta)
    (tmp_path / "earlier.txt").write_text(EARLIER, encoding="utf-8")
    assert main(["extract", str(tmp_path / "earlier.txt"), "--db", str(db), "--quiet"]) == 0
    capsys.readouterr()

    code = main(["extract", str(folder), "--meta", str(meta), "--db", str(db), "--out", str(out),
                 "--timex-out", str(tx), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    for line, reason in BAD_LINES.items():
        assert any(f"chronique: skipped {meta}:{line}: " in row and reason in row for row in err.splitlines()), \
            (line, err)
    assert err.count("chronique: skipped") == len(BAD_LINES), err

    con = duckdb.connect(str(db), read_only=True)
    docs = {i: (t, p, b) for i, t, p, b in con.execute("SELECT id, text, published, published_basis FROM documents").fetchall()}
    errors = con.execute("SELECT origin, kind FROM errors").fetchall()
    con.close()
    assert {"a", "b", "c", "d"} <= set(docs) and len(docs) == 5  # the earlier document is still there
    assert str(docs["b"][1]) == "2023-05-02" and docs["b"][2] == "given"  # the first line won
    assert docs["a"][2] != "given" and docs["c"][2] != "given"  # rejected metadata: inferred or unknown
    assert sorted(int(o.rsplit(":", 1)[1]) for o, _ in errors if o.startswith(str(meta))) == sorted(BAD_LINES)
    assert {k for o, k in errors if o.startswith(str(meta))} <= {"input", "format"}

    events = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    timexes = [json.loads(x) for x in tx.read_text(encoding="utf-8").splitlines()]
    assert {e["doc"] for e in events} >= {"b", "c", "d"} and timexes
    for e in events:
        assert ARTICLES[e["doc"]].lstrip("\ufeff")[e["start"]:e["end"]] == e["evidence"]
        assert docs[e["doc"]][0][e["start"]:e["end"]] == e["evidence"]
    for t in timexes:
        assert ARTICLES[t["doc"]].lstrip("\ufeff")[t["start"]:t["end"]] == t["text"]
