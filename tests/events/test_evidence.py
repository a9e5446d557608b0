"""Issue #17: evidence spans whole clauses, whatever fragments the parser cut a sentence into.

The Docs are built by hand (words, spaces, sentence starts, parts of speech), so the cuts are the
ones under test, not the ones a model happens to make.
"""
from __future__ import annotations

from spacy.tokens import Doc
import spacy

from chronique.events.evidence import evidence_span

VOCAB = spacy.blank("fr").vocab


def _doc(sentences: list[list[str]], pos: dict[str, str] | None = None, breaks: dict[int, str] | None = None) -> Doc:
    """Sentences of words (space after each but before punctuation); ``breaks`` puts a newline token after a sentence."""
    words, spaces, starts = [], [], []
    for n, sent in enumerate(sentences):
        for i, w in enumerate(sent):
            words.append(w)
            nxt = sent[i + 1] if i + 1 < len(sent) else (sentences[n + 1][0] if n + 1 < len(sentences) else "")
            spaces.append(bool(nxt) and nxt not in {".", ",", "?"} and n not in (breaks or {}) or
                          (i + 1 < len(sent) and nxt in {":", "?"}))
            starts.append(i == 0)
        if n in (breaks or {}):
            words.append(breaks[n])
            spaces.append(False)
            starts.append(False)
    tags = [(pos or {}).get(w, "X") for w in words]
    return Doc(VOCAB, words=words, spaces=spaces, sent_starts=starts, pos=tags)


def _evidence(doc: Doc, n: int) -> str:
    start, end, text = evidence_span(list(doc.sents)[n])
    assert text == doc.text[start:end]
    return text


def test_a_sentence_cut_before_a_comma_or_colon_is_joined_to_its_head():
    doc = _doc([["Bilan"], [":", "16", "morts", "à", "Gaza", "."]])
    assert _evidence(doc, 1) == "Bilan : 16 morts à Gaza."
    doc = _doc([["Le", "ministre", "a", "démissionné"], [",", "alors", "que", "la", "crise", "dure", "."]])
    assert _evidence(doc, 1) == "Le ministre a démissionné, alors que la crise dure."


def test_a_lower_case_start_is_joined_and_a_dangling_conjunction_takes_the_next_sentence():
    doc = _doc([["Il", "a", "déclaré", "que"], ["le", "gouvernement", "tomberait", "."]], pos={"que": "SCONJ"})
    assert _evidence(doc, 0) == _evidence(doc, 1) == "Il a déclaré que le gouvernement tomberait."


def test_stray_end_marks_are_dropped_not_joined():
    doc = _doc([["Qui", "paiera"], ["?", "Tout", "indique", "que", "Paris", "cédera", "."]])
    assert _evidence(doc, 1) == "Tout indique que Paris cédera."


def test_whole_sentences_and_line_breaks_are_left_alone():
    doc = _doc([["Le", "sommet", "a", "eu", "lieu", "."], ["Les", "chefs", "ont", "signé", "."]])
    assert _evidence(doc, 0) == "Le sommet a eu lieu." and _evidence(doc, 1) == "Les chefs ont signé."
    doc = _doc([["Niger", ","], ["la", "junte", "expulse", "un", "diplomate", "."]], breaks={0: "\n\n"})
    assert _evidence(doc, 0) == "Niger,"
