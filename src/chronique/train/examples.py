"""Annotated texts -> training examples: one per candidate token, labelled with its type or NONE."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Token

from chronique.events.decide import NONE, features, is_candidate, rule_labels, vector
from chronique.events.lexicon import load_lexicon
from chronique.nlp import pipe
from chronique.events.triggers import find_triggers
from chronique.train.texts import AnnotatedText, TriggerSpan


@dataclass
class Example:
    """A candidate token's features, word vector and label, with the story it comes from."""

    feats: list[str]
    vec: np.ndarray
    label: str
    story: str
    lemma: str
    unit: tuple[str, int]  # (text id, sentence start): events are counted once per sentence and type
    mode: str | None = None
    rule: str | None = None  # the type of the lexicon entry that opens at this token, if any
    firm: bool = False  # that entry's context words were found (``arbiter.decide``: no veto)
    head: bool = False  # the word heading an annotated trigger ("arrêté" of "a été arrêté", not "lundi")


def rule_types(doc: Doc, lang: str) -> tuple[dict[int, tuple[str, ...]], set[int]]:
    """The types the rule lexicon proposes at each token, its entry's own type first (a feature of
    the learned decision, and what the pipeline keeps there), and the tokens whose entry's context
    words were found."""
    lexicon = load_lexicon(lang)
    matches = [m for sent in doc.sents for m in find_triggers(sent, lexicon, lang)]
    return {m.token.i: rule_labels(m) for m in matches}, {m.token.i for m in matches if m.trigger.requires}


def trigger_token(doc: Doc, span: TriggerSpan) -> Token | None:
    """The candidate token that heads a trigger span ("a été arrêté" -> arrêté, "l'invitation" -> invitation)."""
    toks = [t for t in doc if t.idx < span.end and t.idx + len(t.text) > span.start]
    cands = [t for t in toks if is_candidate(t)]
    if not cands:
        return None
    inside = {t.i for t in toks}
    roots = [t for t in cands if t.head.i not in inside or t.head is t]
    return (roots or cands)[0]


def token_labels(doc: Doc, spans: Iterable[TriggerSpan],
                 rules: dict[int, tuple[str, ...]]) -> tuple[dict[int, TriggerSpan], set[int]]:
    """The event each candidate token expresses: the head and other words of an annotated trigger,
    and a rule trigger of the same type inside the event's passage (annotators mark one trigger per
    event; a rule that finds the same event on a neighbouring word — the noun of "signer un accord" —
    is right, not noise); and the tokens that head an annotated trigger."""
    labels: dict[int, TriggerSpan] = {}
    heads: set[int] = set()
    for span in spans:
        head = trigger_token(doc, span)
        if head is None:
            continue
        heads.add(head.i)
        labels.setdefault(head.i, span)
        for t in doc.char_span(span.start, span.end, alignment_mode="expand") or ():
            if is_candidate(t):
                labels.setdefault(t.i, span)
        if span.evidence:
            for t in doc.char_span(*span.evidence, alignment_mode="expand") or ():
                if span.type in rules.get(t.i, ()):
                    labels.setdefault(t.i, span)
    return labels, heads


def examples(nlp: Language, texts: Iterable[AnnotatedText], lang: str, batch_size: int = 16) -> Iterator[Example]:
    """Parse each text (all in language ``lang``) once and yield an example per candidate token."""
    texts = list(texts)
    for at, doc in zip(texts, pipe(nlp, (t.text for t in texts), batch_size=batch_size)):
        rules, firm = rule_types(doc, lang)
        labels, heads = token_labels(doc, at.triggers, rules)
        for sent in doc.sents:
            memo: dict = {}
            for tok in sent:
                if not is_candidate(tok):
                    continue
                gold = labels.get(tok.i)
                ruled = rules.get(tok.i, ())
                yield Example(features(tok, ruled, sent, memo), vector(tok), gold.type if gold else NONE, at.story,
                              tok.lemma_.lower(), (at.id, sent.start), gold.mode if gold else None,
                              ruled[0] if ruled else None, tok.i in firm, gold is not None and tok.i in heads)
