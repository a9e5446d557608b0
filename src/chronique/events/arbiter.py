"""The learned type decision added to the rule lexicon's trigger matches.

Rules find where an event is and how its arguments sit in the parse; the learned model (``decide``)
says which type, if any, a token reports. A token no rule opens but the model types with probability
``ADD`` or more becomes a trigger with the default argument frame of its part of speech, if its
lemma headed an annotated trigger at least twice in the training data (``TypeModel.trigger_lemmas``)
and is no mere support verb (``light_verbs``: "mener", "lancer"). That bar raised type+actor F1 on
the validation stories from 0.620 to 0.625 (dev 0.712 to 0.717), and the other tokens of a sentence
are not scored at all. Rule matches are kept, except those of the types in ``VETO`` that the model
is nearly sure report no event, unless the entry's context words were found ("voter" with "contre":
validation 0.627 -> 0.631, dev 0.721 -> 0.722). On the validation stories of ../shared/train, letting
the model drop (P(NONE) ≥ 0.9–0.995) or retype (P ≥ 0.5–0.6, margin 0.2–0.3) every rule match cost more
recall than it gained precision (type+actor F1 0.426–0.450 against 0.439–0.445 for additions alone); for REJECT
and SUPPORT, whose lexicon nouns are often mere mentions ("l'opposant", "ses soutiens"), a veto at
0.95 drops 17 and 16 passages that report no such event for 1 and 9 that do (F1 0.440 -> 0.444).
COOPERATE would gain as much, but with few COOPERATE examples the model vetoes plain cases ("ont
décidé de coopérer"). ``ADD`` and ``VETO`` were chosen on those validation stories, never on the
gold sets; with the trigger-lemma bar, validation F1 is 0.618, 0.621, 0.625 and 0.622 for ``ADD`` at
0.5, 0.6, 0.7 and 0.8.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from spacy.tokens import Span, Token

from chronique.events import frames
from chronique.events.decide import NONE, TypeModel, is_candidate, rule_labels
from chronique.events.lexicon import Lexicon, load_lexicon
from chronique.events.triggers import Match, context_words, excluded
from chronique.parse import children, sentence_tokens

ADD = 0.7
VETO = {"REJECT": 0.95, "SUPPORT": 0.95}


def decide(rule: str | None, probs: Mapping[str, float], firm: bool = False) -> str:
    """The label acted on at one token: the rule's own type unless the model vetoes it (never a ``firm``
    match, one whose entry's context words were found: "voter contre"), else the model's best type when
    it reaches ``ADD`` (``NONE``: no event). ``chronique train`` scores this."""
    if rule is not None:
        return NONE if rule in VETO and not firm and probs[NONE] >= VETO[rule] else rule
    best = max((t for t in probs if t != NONE), key=probs.__getitem__)
    return best if probs[best] >= ADD else NONE


def arbitrate(sents: Sequence[Span], found: Sequence[list[Match]], lexicon: Lexicon, model: TypeModel,
              lang: str) -> list[list[Match]]:
    """For each sentence of a document, its rule matches (``found``) the model does not veto, plus the triggers
    it adds, in token order (never on a word that completed a rule's multiword trigger: "garde" of "mettre en
    garde"). The model scores the document's candidates together: one matrix product for the vetoes and one for
    the additions, not two per sentence."""
    memo: dict = {}
    kept = _not_vetoed(found, model, memo)
    known = addable(model.trigger_lemmas, lang)
    ruled, cands = [], []  # per sentence: token -> the rule's labels; (sentence, token) the model may add on
    for n, (sent, matches) in enumerate(zip(sents, kept)):
        ruled.append({m.token.i: rule_labels(m) for m in matches})
        taken = {*ruled[n], *(i for m in matches for i in m.phrase()),
                 *(t.i for m in matches for t in context_words(m, lang))}
        cands += [(n, tok) for tok in sentence_tokens(sent)  # (the word first: few are trigger lemmas)
                  if tok.i not in taken and tok.lemma_.lower() in known and is_candidate(tok)]
    out = [list(matches) for matches in kept]
    for (n, tok), probs in zip(cands, model.predict_many([(tok, ()) for _, tok in cands], None, memo)):
        best = decide(None, probs)
        pos = "NOUN" if tok.pos_ == "NOUN" else "VERB"
        if best != NONE and not _reported_beside(tok, best, ruled[n]) and not _ruled_out(lexicon, tok, pos, best, lang):
            trig = lexicon.frame(pos, best, _mode(model, best, tok.lemma_.lower()), round(probs[best], 3))
            out[n].append(Match(tok, trig, tok.lemma_.lower()))
    return [sorted(matches, key=lambda m: m.token.i) for matches in out]


def _not_vetoed(found: Sequence[list[Match]], model: TypeModel, memo: dict) -> list[list[Match]]:
    """Each sentence's matches but those of a ``VETO`` type where the model is nearly sure no event is reported."""
    vetoable = [m for matches in found for m in matches if m.trigger.type in VETO]
    probs = model.predict_many([(m.token, rule_labels(m)) for m in vetoable], None, memo)
    vetoed = {id(m) for m, p in zip(vetoable, probs) if decide(m.trigger.type, p, bool(m.trigger.requires)) == NONE}
    return [[m for m in matches if id(m) not in vetoed] for matches in found]


@lru_cache(maxsize=8)
def light_verbs(lang: str) -> frozenset[str]:
    """Support verbs that report no event of their own ("mener", "effectuer", "lancer": the event is their
    noun's), i.e. none of the lexicon's verbs ("annuler", "refuser" report one): no model addition there."""
    own = {lemma for t in load_lexicon(lang).triggers if t.pos == "VERB" for lemma in t.lemmas}
    return frames.support_verbs(lang) - own


@lru_cache(maxsize=8)
def addable(trigger_lemmas: frozenset[str], lang: str) -> frozenset[str]:
    """The words the model may add an event on: its trigger lemmas but mere support verbs (computed once,
    not per sentence; ``chronique train`` scores its validation with the same set)."""
    return trigger_lemmas - light_verbs(lang)


def _ruled_out(lexicon: Lexicon, tok: Token, pos: str, event_type: str, lang: str) -> bool:
    """An entry of this type for the word excludes this very reading ("mettre sa menace à exécution", "ses
    soutiens", "appelés aux urnes"): the model does not add that type back. (Entries that only require onset
    words are left to the model: barring those cost 0.010 type+actor F1 on the validation stories.)"""
    return any(t.type == event_type and not t.requires and excluded(tok, t, lang)
               for _, t in lexicon.candidates(tok.lemma_.lower(), pos))


def _reported_beside(tok: Token, event_type: str, ruled: dict[int, tuple[str, ...]]) -> bool:
    """A rule already reports this event on the token's head or a dependent: the support verb of
    "mener une attaque", the noun of "l'attaque menée" are not a second event."""
    near = [tok.head.i, *(c.i for c in children(tok))]
    return any(event_type in ruled.get(i, ()) for i in near)


def _mode(model: TypeModel, event_type: str, lemma: str) -> str | None:
    """The mode annotators gave this lemma for this type most often (None: most had none), else the type's."""
    modes = model.meta.get("modes", {}).get(event_type, {})
    return modes[lemma] if lemma in modes else modes.get("*")
