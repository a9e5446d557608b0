"""The evidence span of an event: its sentence, made whole where the parser cut it mid-clause.

A sentence the parser opened on punctuation (", alors que …", ": 16 morts …"), on a lower-case word
or inside a word is joined to the sentence before it; one that ends on a comma, a colon or a
conjunction ("… a déclaré que") is joined to the sentence after it. Joins never cross a line
break: a title or a paragraph is a unit of its own. Sentence-final marks a cut left at the start
("? Tout indique …") are dropped instead. The tests are on the parse (punctuation, case,
CCONJ/SCONJ), so they hold in any language the model tags.
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from chronique.parse import per_span, sentence_at, span_text, tokens

OPENERS = set("«\"“‘'([{—–-¿¡")        # a sentence may begin with these
STRAY_ENDS = set(".?!…|;")             # the end of the previous sentence, left at the start of this one
DANGLING_PUNCT = set(",:;")           # a sentence does not end on these
DANGLING_POS = {"CCONJ", "SCONJ"}


@per_span
def evidence_span(sent: Span) -> tuple[int, int, str]:
    """Character offsets and text of the evidence for an event in ``sent``: whole clauses, trimmed of
    spaces (the text comes from the span: ``Doc.text`` rebuilds the whole document on each call). Once per
    sentence: its events share it."""
    doc = sent.doc
    toks = tokens(doc)
    start, end = sent.start, sent.end
    while start > 0 and _cut_before(toks, start) and _same_line(toks, start):
        start = sentence_at(doc, start - 1).start
    start = _skip_stray_ends(toks, start, end)
    while end < len(toks) and _cut_after(toks, start, end) and _same_line(toks, end):
        end = sentence_at(doc, end).end
    text = span_text(doc, start, end)
    start_char = toks[start].idx
    lead, kept = len(text) - len(text.lstrip()), len(text.rstrip())
    return start_char + lead, start_char + kept, text[lead:kept]


def _first(toks: Sequence[Token], start: int) -> int:
    """The first token at or after ``start`` that is not white space (``len(toks)`` if none)."""
    while start < len(toks) and toks[start].is_space:
        start += 1
    return start


def _cut_before(toks: Sequence[Token], start: int) -> bool:
    """The sentence at ``start`` is the tail of a clause: punctuation, a lower-case word or half a word first."""
    i = _first(toks, start)
    if i >= len(toks):
        return False
    tok = toks[i]
    if tok.is_punct and tok.text[0] not in OPENERS:
        return _past_stray_ends(toks, i) == i
    if tok.text[:1].islower():
        return True
    prev = toks[start - 1]
    return not prev.whitespace_ and prev.text[-1:].isalnum() and tok.text[:1].isalnum()


def _past_stray_ends(toks: Sequence[Token], i: int) -> int:
    """Past the end marks of the previous sentence at ``i`` when a capitalised word follows them (``? Tout``), else ``i``."""
    j = i
    while j < len(toks) and (toks[j].text in STRAY_ENDS or toks[j].is_space):
        j += 1
    return j if i < j < len(toks) and toks[j].text[:1].isupper() else i


def _skip_stray_ends(toks: Sequence[Token], start: int, end: int) -> int:
    """The start moved past end marks the cut left there, when the sentence goes on after them."""
    i = _first(toks, start)
    j = _past_stray_ends(toks, i) if i < end else i
    return j if i < j < end else start


def _cut_after(toks: Sequence[Token], start: int, end: int) -> bool:
    """The sentence ending at ``end`` leaves its clause open: a comma, colon, conjunction or half a word last."""
    i = end - 1
    while i >= start and toks[i].is_space:
        i -= 1
    if i < start:
        return False
    tok = toks[i]
    if tok.text in DANGLING_PUNCT or tok.pos_ in DANGLING_POS:
        return True
    nxt = toks[end]
    return not tok.whitespace_ and tok.text[-1:].isalnum() and nxt.text[:1].isalnum()


def _same_line(toks: Sequence[Token], i: int) -> bool:
    """No line break between token ``i - 1`` and token ``i``."""
    return "\n" not in toks[i - 1].text and "\n" not in toks[i].text
