"""Reading a parse once (``chronique.parse``): the same tokens, children, subtrees, ancestors and text as spaCy's,
read faster, and nothing kept once the document is done."""
from __future__ import annotations

import gc
import weakref

import pytest
from spacy.tokens import Token

from chronique.ingest import model_view, read_sources
from chronique.model import Document
from chronique.parse import Parse, ancestors, children, morph, parsed, subtree, tokens


@pytest.fixture(scope="module")
def texts(examples_dir) -> list[str]:
    """The cleaned texts of examples/ as the pipeline parses them, and a few of the team's own oddities."""
    docs = [i for i in read_sources([str(examples_dir)]) if isinstance(i, Document)]
    return [model_view(d)[0].text for d in docs] + [
        "Pyongyang a mis en garde Séoul.\n\nÀ suivre…", "  Deux  espaces,\tpuis rien.", ""]


def test_the_parse_lists_every_tokens_children_as_spacy_does(nlp, texts):
    for doc in nlp.pipe(texts):
        expected = [[c.i for c in t.children] for t in doc]
        with parsed(doc):
            assert [[c.i for c in children(t)] for t in doc] == expected


def test_the_parse_lists_every_tokens_subtree_as_spacy_does(nlp, texts):
    for doc in nlp.pipe(texts):
        expected = [[s.i for s in t.subtree] for t in doc]
        with parsed(doc):
            assert [[s.i for s in subtree(t)] for t in doc] == expected


def test_the_parses_tokens_read_as_spacys(nlp, texts):
    attrs = ("pos_", "dep_", "lemma_", "text", "lower_")
    for doc in nlp.pipe(texts):
        with parsed(doc):
            kept = tokens(doc)
            assert len(kept) == len(doc)
            for tok, theirs in zip(kept, doc):
                assert isinstance(tok, Token) and tok == theirs and hash(tok) == hash(theirs)
                assert [getattr(tok, a) for a in attrs] == [getattr(Token, a).__get__(theirs) for a in attrs]
                assert tok.head.i == theirs.head.i and tok.head is kept[tok.head.i]  # the parse's own token
                assert tok.morph.key == theirs.morph.key and tok.idx == theirs.idx  # the rest is spaCy's
                assert [morph(tok, f) for f in ("VerbForm", "Tense")] == [theirs.morph.get(f) for f in ("VerbForm", "Tense")]


def test_the_parse_reads_the_given_text_only_when_it_is_the_docs(nlp, texts):
    respelled = "Moscou dément les accusations portées par Kyiv.\n\nLe ministre visite la capitale lundi."
    for text in [*texts, respelled, "  Texte\r\n avec  des espaces.\t"]:
        doc = nlp(text)
        given = Parse(doc, text)
        if "respelled" in doc.user_data:  # the Doc shows the parser its stand-ins: its own text is read
            assert given._text is None and doc.text != text
        elif len(doc):
            assert given._text is text and text == doc.text
        assert given.text(0, len(doc)) == doc[:].text
    assert Parse(nlp("Le ministre arrive."), "Le ministre arrive").text(0, 3) == "Le ministre arrive"


def test_the_parse_lists_every_tokens_ancestors_as_spacy_does(nlp, texts):
    for doc in nlp.pipe(texts):
        expected = [[a.i for a in t.ancestors] for t in doc]
        assert [[a.i for a in ancestors(t)] for t in doc] == expected  # no parse open: spaCy's own
        with parsed(doc):
            assert [[a.i for a in ancestors(t)] for t in doc] == expected


def test_a_parsed_document_is_freed_when_dropped_without_the_garbage_collector(nlp):
    doc = nlp("Le ministre a reçu son homologue lundi à Kramatorsk. Il repart demain.")
    with parsed(doc):
        root = next(t for t in tokens(doc) if t.dep_ == "ROOT")
        assert root.head is root  # a loop while the parse is open
    assert root.head == root and root.head is not root  # spaCy's again afterwards
    ref = weakref.ref(doc)
    gc.disable()
    try:
        del doc, root
        assert ref() is None
    finally:
        gc.enable()
