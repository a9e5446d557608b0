"""The evidence span of an event: its sentence, made whole where the parser cut it mid-clause.

A sentence the parser opened on punctuation (", alors que …", ": 16 morts …"), on a lower-case word
or inside a word is joined to the sentence before it; one that ends on a comma, a colon or a
conjunction ("… a déclaré que") is joined to the sentence after it. Joins never cross a line
break: a title or a paragraph is a unit of its own. Sentence-final marks a cut left at the start
("? Tout indique …") are dropped instead. The tests are on the parse (punctuation, case,
CCONJ/SCONJ), so they hold in any language the model tags.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

OPENERS = set("«\"“‘'([{—–-¿¡")        # a sentence may begin with these
STRAY_ENDS = set(".?!…|;")             # the end of the previous sentence, left at the start of this one
DANGLING_PUNCT = set(",:;")           # a sentence does not end on these
DANGLING_POS = {"CCONJ", "SCONJ"}


def evidence_span(sent: Span) -> tuple[int, int, str]:
    """Character offsets and text of the evidence for an event in ``sent``: whole clauses, trimmed of
    spaces (the text comes from the span: ``Doc.text`` rebuilds the whole document on each call)."""
    doc = sent.doc
    start, end = sent.start, sent.end
    while start > 0 and _cut_before(doc, start) and _same_line(doc, start):
        start = doc[start - 1].sent.start
    start = _skip_stray_ends(doc, start, end)
    while end < len(doc) and _cut_after(doc, start, end) and _same_line(doc, end):
        end = doc[end].sent.end
    span = doc[start:end]
    text = span.text
    lead, kept = len(text) - len(text.lstrip()), len(text.rstrip())
    return span.start_char + lead, span.start_char + kept, text[lead:kept]


def _first(doc: Doc, start: int) -> int:
    """The first token at or after ``start`` that is not white space (``len(doc)`` if none)."""
    while start < len(doc) and doc[start].is_space:
        start += 1
    return start


def _cut_before(doc: Doc, start: int) -> bool:
    """The sentence at ``start`` is the tail of a clause: punctuation, a lower-case word or half a word first."""
    i = _first(doc, start)
    if i >= len(doc):
        return False
    tok = doc[i]
    if tok.is_punct and tok.text[0] not in OPENERS:
        return _past_stray_ends(doc, i) == i
    if tok.text[:1].islower():
        return True
    prev = doc[start - 1]
    return not prev.whitespace_ and prev.text[-1:].isalnum() and tok.text[:1].isalnum()


def _past_stray_ends(doc: Doc, i: int) -> int:
    """Past the end marks of the previous sentence at ``i`` when a capitalised word follows them (``? Tout``), else ``i``."""
    j = i
    while j < len(doc) and (doc[j].text in STRAY_ENDS or doc[j].is_space):
        j += 1
    return j if i < j < len(doc) and doc[j].text[:1].isupper() else i


def _skip_stray_ends(doc: Doc, start: int, end: int) -> int:
    """The start moved past end marks the cut left there, when the sentence goes on after them."""
    i = _first(doc, start)
    j = _past_stray_ends(doc, i) if i < end else i
    return j if i < j < end else start


def _cut_after(doc: Doc, start: int, end: int) -> bool:
    """The sentence ending at ``end`` leaves its clause open: a comma, colon, conjunction or half a word last."""
    i = end - 1
    while i >= start and doc[i].is_space:
        i -= 1
    if i < start:
        return False
    tok = doc[i]
    if tok.text in DANGLING_PUNCT or tok.pos_ in DANGLING_POS:
        return True
    nxt = doc[end]
    return not tok.whitespace_ and tok.text[-1:].isalnum() and nxt.text[:1].isalnum()


def _same_line(doc: Doc, i: int) -> bool:
    """No line break between token ``i - 1`` and token ``i``."""
    return "\n" not in doc[i - 1].text and "\n" not in doc[i].text
