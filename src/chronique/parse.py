"""Reading a parsed Doc fast: each token, its children, subtree and morphology, read once per document.

spaCy builds a new Token (or Span) object on every ``doc[i]``, ``tok.head``, ``tok.children``, ``tok.sent`` and span
iteration, and looks a string up on every ``tok.pos_``: the stages, which read the same tokens again for each
trigger and candidate, spent a quarter of their time there. ``parsed(doc)`` keeps what they read for the
document's duration (``Parse``, ``ParsedToken``); the helpers below read from it when it is open, from spaCy
otherwise, with the same results.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from typing import Callable

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, MORPH, ORTH, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span, Token

_PARSE = "_chronique_parse"  # key of the open ``Parse`` in ``Doc.user_data`` (removed when the block ends)


class Parse:
    """One document's tokens, children, sentences and memoised lookups, each built once.

    Only read while ``parsed(doc)`` is open; every helper below falls back to spaCy without one, with the
    same results. The tokens it hands out are shared: callers compare them with ``==`` or ``.i``, never ``is``.
    """

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.doc = doc
        self.tokens: list[Token] = _parsed_tokens(doc)
        self.sents: list[Span] = list(doc.sents) if len(doc) else []
        self.sent_index: list[int] = []  # token -> its sentence in ``sents``
        for n, sent in enumerate(self.sents):
            self.sent_index.extend([n] * (sent.end - sent.start))
        self._children: list[list[Token]] = [tok.kids for tok in self.tokens]
        self._subtrees: dict[int, list[Token]] = {}
        self.ents: tuple[Span, ...] | None = None  # ``doc.ents``, read on first use (``entities``)
        self.memo: dict = {}  # (function, token index or span bounds, arguments) -> its result
        self._text: str | None = _given_text(doc, self.tokens, text)  # ``doc.text`` (spaCy joins every token)

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """``doc[start:end]``'s ``start_char`` and ``end_char`` (``start < end``; no Span built)."""
        last = self.tokens[end - 1]
        return self.tokens[start].idx, last.idx + len(last)

    def text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the tokens with their spaces, but the last one's, cut from the document's
        text."""
        if start >= end:
            return ""
        if self._text is None:
            self._text = self.doc.text
        first, last = self.chars(start, end)
        return self._text[first:last]

    def children(self, i: int) -> list[Token]:
        """Token ``i``'s children as spaCy lists them (``Token.children``)."""
        return self._children[i]

    def close(self) -> None:
        """Empty every token's ``head``: a root is its own head, and such loops would keep the Doc until the garbage
        collector's rare full scans (``pipeline.freeze_loaded``). A token kept past the block reads spaCy's."""
        for tok in self.tokens:
            del tok.head

    def subtree(self, i: int) -> list[Token]:
        """Token ``i``'s subtree in spaCy's order (``Token.subtree``: each left child's subtree, the token, each right
        child's), once per token."""
        found = self._subtrees.get(i)
        if found is None:
            found = []
            for c in self._children[i]:
                if c.i < i:
                    found += self.subtree(c.i)
            found.append(self.tokens[i])
            for c in self._children[i]:
                if c.i > i:
                    found += self.subtree(c.i)
            self._subtrees[i] = found
        return found


class ParsedToken(Token):
    """A spaCy Token whose most read attributes are plain attributes, read off the Doc's arrays once.

    ``pos_``, ``dep_``, ``lemma_``, ``text``, ``lower_`` and ``head`` are the attributes the stages read
    most (~17,000 reads a document): each is a property that looks a string up in spaCy (60-90 ns), a
    plain attribute is read in ~8 ns. It is a Token (``isinstance``, ``==``, ``hash`` and every other
    attribute are spaCy's), valid only while the Doc is not changed (a ``Parse``'s lifetime). ``head`` is
    the ``ParsedToken`` of the head, so a root's head *is* the root itself, where spaCy builds a new
    object on each read: compare tokens with ``==`` or ``.i``, never ``is``. ``kids`` (the children, as ``children``
    lists them) and ``morph_id`` (``morph.key``) serve the helpers below without a lookup of the open ``Parse``."""

    __slots__ = ("pos_", "dep_", "lemma_", "text", "lower_", "head", "kids", "morph_id")

    def __getattr__(self, name: str):
        """A slot emptied when its ``Parse`` closed (``head``) is read from spaCy again, as a plain Token would."""
        return getattr(Token, name).__get__(self)


class _Strings(dict):
    """String hash (or part-of-speech id) -> the string, shared by every document's tokens (one ``str`` per word, not
    one per token); a miss asks the vocabulary. Cleared when full (only a huge corpus of rare words reaches it)."""

    MAX = 1 << 19

    def __init__(self) -> None:
        super().__init__()
        self.vocab = None

    def __missing__(self, key: int) -> str:
        if len(self) >= self.MAX:
            self.clear()
        found = self[key] = self.vocab.strings[key]
        return found


_STRINGS = _Strings()
_POS_NAMES = {v: k for k, v in POS_IDS.items()}


def _parsed_tokens(doc: Doc) -> list[Token]:
    """The Doc's tokens as ``ParsedToken``s, their attributes read off two arrays in one pass: each token's children
    come from the HEAD column too, in text order, as ``Token.children`` lists them (spaCy walks each token's subtree
    edges and builds a Token per child on every call)."""
    n = len(doc)
    if not n:
        return []
    vocab = doc.vocab
    toks = [ParsedToken(vocab, doc, i) for i in range(n)]
    strings = _STRINGS
    if strings.vocab is not vocab:  # (one vocabulary per process in practice; hashes are the same in any)
        strings.vocab = vocab
    pos_names = _POS_NAMES
    rows = doc.to_array([POS, DEP, LEMMA, ORTH, LOWER, MORPH]).tolist()
    heads = doc.to_array(HEAD).astype(numpy.int64).tolist()
    for tok in toks:
        tok.kids = []
    for i, (tok, (pos, dep, lemma, orth, lower, morph_id), rel) in enumerate(zip(toks, rows, heads)):
        tok.pos_ = pos_names.get(pos, "") if pos else ""
        tok.dep_ = strings[dep]
        tok.lemma_ = strings[lemma]
        tok.text = strings[orth]
        tok.lower_ = strings[lower]
        tok.morph_id = morph_id
        tok.head = toks[i + rel]
        if rel:
            toks[i + rel].kids.append(tok)
    return toks


def _given_text(doc: Doc, toks: list[Token], text: str | None) -> str | None:
    """``text`` if it is ``doc.text``, else None (read from the Doc when needed). spaCy's tokens keep their text
    exactly, so the text the pipeline was given is the Doc's, unless ``Respell`` put a stand-in in (then the Doc's
    own is read) or the lengths differ."""
    if text is None or "respelled" in doc.user_data or not toks:
        return None
    last = toks[-1]
    return text if len(text) == last.idx + len(last.text_with_ws) else None


@contextmanager
def parsed(doc: Doc, text: str | None = None) -> Iterator[Parse]:
    """Keep ``doc``'s ``Parse`` open for the block; a nested block (a stage called by the pipeline) shares the
    outer one. It is removed at the end, so the Doc keeps nothing: no memory held past the document, and
    ``user_data`` stays serialisable. One Doc is read by one thread at a time. ``text``: the text the Doc was
    made from, if the caller has it (spaCy would join every token again to give it)."""
    found = doc.user_data.get(_PARSE)
    if found is not None:
        yield found
        return
    parse = doc.user_data[_PARSE] = Parse(doc, text)
    try:
        yield parse
    finally:
        doc.user_data.pop(_PARSE, None)
        parse.close()


def children(tok: Token) -> list[Token]:
    """``list(tok.children)``, from the open ``Parse`` when there is one (do not modify the list)."""
    if type(tok) is ParsedToken:
        return tok.kids
    parse = tok.doc.user_data.get(_PARSE)
    return parse.children(tok.i) if parse is not None else list(tok.children)


def subtree(tok: Token) -> list[Token]:
    """``list(tok.subtree)``, from the open ``Parse`` when there is one (do not modify the list)."""
    parse = tok.doc.user_data.get(_PARSE)
    return parse.subtree(tok.i) if parse is not None else list(tok.subtree)


def ancestors(tok: Token) -> list[Token]:
    """``list(tok.ancestors)`` (the heads above the token, nearest first), from the open ``Parse``'s tokens when
    there is one."""
    parse = tok.doc.user_data.get(_PARSE)
    if parse is None:
        return list(tok.ancestors)
    out, t, n = [], parse.tokens[tok.i], len(parse.tokens)
    while t.head.i != t.i and len(out) < n:
        t = t.head
        out.append(t)
    return out


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, from the open ``Parse`` when there is one (spaCy builds every entity Span on each call)."""
    parse = doc.user_data.get(_PARSE)
    if parse is None:
        return doc.ents
    if parse.ents is None:
        parse.ents = doc.ents
    return parse.ents


def tokens(doc: Doc) -> Sequence[Token]:
    """The document's tokens, indexable: the open ``Parse``'s list (built once), else the Doc itself."""
    parse = doc.user_data.get(_PARSE)
    return parse.tokens if parse is not None else doc


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, from the open ``Parse`` when there is one (a Span joins its tokens again)."""
    parse = doc.user_data.get(_PARSE)
    return parse.text(start, end) if parse is not None else doc[start:end].text


def span_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """``doc[start:end]``'s ``start_char`` and ``end_char``, from the open ``Parse`` when there is one."""
    parse = doc.user_data.get(_PARSE)
    if parse is None or not start < end <= len(parse.tokens):
        span = doc[start:end]
        return span.start_char, span.end_char
    return parse.chars(start, end)


_FEATURES: dict[tuple[int, str], list[str]] = {}  # (morphological analysis id, field) -> its values
_FEATURES_MAX = 100_000  # analyses are the model's tag set: a bound that only a strange vocabulary reaches


def morph(tok: Token, field: str) -> list[str]:
    """``tok.morph.get(field)``, read once per analysis and field while a ``Parse`` is open (spaCy builds the
    analysis and splits its features on every call; the list is shared: do not modify it)."""
    if type(tok) is ParsedToken:
        key = (tok.morph_id, field)
    else:
        parse = tok.doc.user_data.get(_PARSE)
        if parse is None:
            return tok.morph.get(field)
        key = (parse.tokens[tok.i].morph_id, field)
    found = _FEATURES.get(key)
    if found is None:
        if len(_FEATURES) >= _FEATURES_MAX:
            _FEATURES.clear()
        found = _FEATURES[key] = tok.morph.get(field)
    return found


def sentence(tok: Token) -> Span:
    """``tok.sent``, from the open ``Parse`` when there is one."""
    return sentence_at(tok.doc, tok.i)


def sentence_at(doc: Doc, i: int) -> Span:
    """``doc[i].sent``, from the open ``Parse`` when there is one (no Token built)."""
    parse = doc.user_data.get(_PARSE)
    return parse.sents[parse.sent_index[i]] if parse is not None else doc[i].sent


def sentence_tokens(sent: Span) -> list[Token]:
    """``list(sent)``, from the open ``Parse`` when there is one (do not modify the list)."""
    parse = sent.doc.user_data.get(_PARSE)
    return parse.tokens[sent.start:sent.end] if parse is not None else list(sent)


_MISSING = object()


def per_token(fn: Callable) -> Callable:
    """Decorator: ``fn(tok, *args)`` computed once per token and arguments while the document's ``Parse`` is
    open (for pure functions of the parse; the result is shared, so callers must not modify it). Written out
    rather than through a helper and a closure: some are asked hundreds of times a document."""
    @wraps(fn)
    def once(tok: Token, *args):
        parse = tok.doc.user_data.get(_PARSE)
        if parse is None:
            return fn(tok, *args)
        key = (fn, tok.i, *args)
        found = parse.memo.get(key, _MISSING)
        if found is _MISSING:
            found = parse.memo[key] = fn(tok, *args)
        return found
    return once


def per_span(fn: Callable) -> Callable:
    """Decorator: ``per_token`` for a function of a span (a sentence)."""
    @wraps(fn)
    def once(span: Span, *args):
        parse = span.doc.user_data.get(_PARSE)
        if parse is None:
            return fn(span, *args)
        key = (fn, span.start, span.end, *args)
        found = parse.memo.get(key, _MISSING)
        if found is _MISSING:
            found = parse.memo[key] = fn(span, *args)
        return found
    return once
