"""The `chronique kb import` command and `--kb-extra`: a user's own actors reach the extractor."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def _chronique(*args, cwd=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "chronique.cli", *args], capture_output=True, text=True,
                          input=stdin, cwd=cwd, timeout=300)


def test_import_then_extra_kb_resolves_a_new_person(tmp_path):
    out = tmp_path / "mine.yaml"
    r = _chronique("kb", "import", str(FIXTURES / "people.csv"), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "people written" in r.stderr and out.exists()
    article = tmp_path / "a.txt"
    article.write_text("La ministre malienne des Affaires étrangères Aminata Koné a reçu mardi à Bamako "
                       "l'ambassadeur de France pour lui faire part de ses préoccupations.", encoding="utf-8")
    meta = tmp_path / "docs.jsonl"
    meta.write_text(json.dumps({"id": "a", "published": "2020-03-10"}) + "\n", encoding="utf-8")
    without = _chronique("actors", str(article), "--meta", str(meta))
    with_kb = _chronique("actors", str(article), "--meta", str(meta), "--kb-extra", str(out))
    assert with_kb.returncode == 0, with_kb.stderr
    ids = {json.loads(line)["id"] for line in with_kb.stdout.splitlines()}
    assert "chq:aminata-kone" in ids
    assert "chq:aminata-kone" not in {json.loads(line)["id"] for line in without.stdout.splitlines()}


def test_import_of_a_missing_file_fails_cleanly(tmp_path):
    r = _chronique("kb", "import", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "x.yaml"))
    assert r.returncode == 3 and "Traceback" not in r.stderr and "nope.csv" in r.stderr
