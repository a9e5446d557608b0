"""A failing document costs only itself in ``timex``/``actors``; walks over the parse always end."""
import json

from spacy.tokens import Doc

from chronique.cli.annotate import each_document
from chronique.cli.main import build_parser
from chronique.time.lexicon import load
from chronique.time.tense import governing_verb, verb_direction


def _inputs(tmp_path):
    (tmp_path / "a.txt").write_text("Le ministre a signé l'accord lundi.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Le sommet se tiendra mardi à Paris.", encoding="utf-8")
    (tmp_path / "docs.jsonl").write_text(
        "\n".join(json.dumps({"id": i, "published": "2024-03-06"}) for i in ("a", "b")), encoding="utf-8")
    return build_parser().parse_args(["timex", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                      "--meta", str(tmp_path / "docs.jsonl"), "--no-language-check"])


def test_a_failing_document_is_reported_and_the_others_printed(tmp_path, capsys):
    def rows(doc, sdoc):
        if doc.id == "a":
            raise RecursionError("maximum recursion depth exceeded")
        return [{"doc": doc.id, "tokens": len(sdoc)}]

    assert each_document(_inputs(tmp_path), rows) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["doc"] for line in out.splitlines()] == ["b"]
    assert "skipped" in err and "internal error on document 'a'" in err and "RecursionError" in err


def test_timex_command_prints_every_document(tmp_path, capsys):
    a = _inputs(tmp_path)
    assert a.func(a) == 0
    values = [json.loads(line)["value"] for line in capsys.readouterr().out.splitlines()]
    assert values == ["2024-03-04", "2024-03-12"]


def test_verb_direction_ends_on_a_head_cycle(nlp):
    words = ["Ils", "peuvent", "faire", "contrôler", "payer", "demain"]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 3, 4, 2, 1],
              pos=["PRON", "VERB", "VERB", "VERB", "VERB", "ADV"],
              morphs=["", "VerbForm=Fin|Tense=Pres", "VerbForm=Inf", "VerbForm=Inf", "VerbForm=Inf", ""],
              deps=["nsubj", "ROOT", "xcomp", "xcomp", "xcomp", "advmod"])
    assert verb_direction(doc[2], load("fr")) is None  # infinitives all the way round: no tense, but an answer
    assert governing_verb(doc[5]) == doc[1]


def test_verb_direction_ends_on_a_very_deep_chain(nlp):
    n = 5000
    words = ["Ils", "vont"] + ["faire"] * n
    heads = [1, 1] + [i - 1 for i in range(2, n + 2)]
    doc = Doc(nlp.vocab, words=words, heads=heads, pos=["PRON", "VERB"] + ["VERB"] * n,
              morphs=["", "VerbForm=Fin|Tense=Pres"] + ["VerbForm=Inf"] * n,
              deps=["nsubj", "ROOT"] + ["xcomp"] * n)
    assert verb_direction(doc[-1], load("fr")) is not None
