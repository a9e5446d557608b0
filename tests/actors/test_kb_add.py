"""``chronique kb add``: organisations from a CSV, validated, merged into a YAML file the extractor reads."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from chronique.actors import load_kb, resolve_mentions
from chronique.actors.org_import import merge_orgs, read_org_csv
from chronique.actors.schema import KBError
from chronique.cli.main import main

CSV = ("name,aliases,country,sector,fr,start\n"
       "Union of Test Workers,UTT|Union des travailleurs de test,BEL,CVL,Union des travailleurs de test,\n"
       "Test Party (Senegal),PTS|Parti du test,SEN,PTY,,2019-01-01\n")


def test_add_writes_a_file_the_knowledge_base_reads(tmp_path, capsys, nlp):
    src = tmp_path / "mine.csv"
    src.write_text(CSV, encoding="utf-8")
    assert main(["kb", "add", str(src)]) == 0
    out = tmp_path / "mine.yaml"
    assert "2 organisations added" in capsys.readouterr().err and out.exists()
    kb = load_kb([out], packaged_people=False)
    doc = nlp("À Bruxelles, l'UTT a appelé mardi à une grève générale contre la réforme des retraites.")
    coded = {m.text: (m.actor.id, m.actor.country, m.actor.sector) for m in resolve_mentions(doc, dt.date(2024, 3, 5), kb)}
    assert coded["l'UTT"] == ("user:union-of-test-workers", "BEL", "CVL")


def test_adding_again_merges_by_id(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text(CSV, encoding="utf-8")
    out = tmp_path / "orgs.yaml"
    merge_orgs(read_org_csv(src), out)
    src.write_text("name,aliases,country,sector,id\nUnion of Test Workers,UTT,BEL,CVL,user:union-of-test-workers\n",
                   encoding="utf-8")
    assert merge_orgs(read_org_csv(src), out) == 2


@pytest.mark.parametrize("text, message", [
    ("name,aliases,country,sector\nX,,BEL,CVL\n", "a.csv:2: missing aliases"),
    ("name,aliases,country,sector\nX,X,Belgique,CVL\n", "a.csv:2: country"),
    ("name,aliases,country,sector\nX,X,BEL,UNION\n", "a.csv:2: sector"),
    ("name,aliases,country,sector,start\nX,X,BEL,CVL,hier\n", "a.csv:2: start"),
    ("name,aliasses,country,sector\nX,X,BEL,CVL\n", "unknown columns ['aliasses']"),
])
def test_bad_rows_are_named(tmp_path, text, message):
    src = tmp_path / "a.csv"
    src.write_text(text, encoding="utf-8")
    with pytest.raises(KBError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_org_csv(src)


def test_command_fails_cleanly_on_a_bad_file(tmp_path, capsys):
    src = tmp_path / "a.csv"
    src.write_text("name,aliases,country,sector\nX,X,BEL,UNION\n", encoding="utf-8")
    assert main(["kb", "add", str(src)]) == 3
    assert "a.csv:2: sector" in capsys.readouterr().err


def test_unresolved_lists_names_without_an_entry(tmp_path, capsys):
    art = tmp_path / "a.txt"
    art.write_text("Le syndicat FGTT a manifesté à Liège. Selon Paulette Vandermeersch, porte-parole de la FGTT, "
                   "la FGTT ne cédera pas.", encoding="utf-8")
    meta = tmp_path / "docs.jsonl"
    meta.write_text(json.dumps({"id": "a", "published": "2024-03-05"}) + "\n", encoding="utf-8")
    assert main(["actors", "--unresolved", str(art), "--meta", str(meta)]) == 0
    table = capsys.readouterr().out
    assert "FGTT" in table and "count" in table.splitlines()[0]
