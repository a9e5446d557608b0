"""``chronique train``: learn the type decision from ../shared/train and our own corpus, report, save.

Stories (the ``topic`` of a news article; each own-corpus line) are split by a stable hash: the
last fifth is validation and is never trained on. ../shared/gold is never read here.
"""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from chronique.events.arbiter import addable, decide
from chronique.events.decide import MODEL_DIR, NONE, TypeModel
from chronique.plover import EVENT_TYPES
from chronique.train.examples import Example, examples
from chronique.train.fit import fit, predict_all
from chronique.train.texts import CORPUS_STORY, AnnotatedText, held_out, read_corpus, read_news_folder

LABELS = (NONE, *EVENT_TYPES)
REPO = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class TrainOptions:
    """Inputs and settings of one training run (defaults: the full run of ``make model``)."""

    news: Path = REPO.parent / "shared" / "train"
    corpus: Path = REPO / "data" / "corpus"
    out: Path = MODEL_DIR
    lang: str = "fr"             # the language of the texts and of the lexicon whose matches are features
    limit: int | None = None     # at most this many news articles (a quick run, as in CI)
    epochs: int = 12
    seed: int = 13
    runs: int = 5


def load_texts(opts: TrainOptions) -> list[AnnotatedText]:
    """News articles (when the folder exists) and our own corpus."""
    texts: list[AnnotatedText] = []
    if (opts.news / "docs.jsonl").exists():
        news = read_news_folder(opts.news)
        if opts.limit is not None:
            news = random.Random(opts.seed).sample(news, min(opts.limit, len(news)))
        texts += news
    if opts.corpus.exists():
        texts += read_corpus(opts.corpus)
    if not texts:
        raise FileNotFoundError(f"nothing to train on: neither {opts.news} nor {opts.corpus} holds texts")
    return texts


def per_type(gold: set[tuple], found: set[tuple]) -> dict:
    """Precision, recall and F1 per PLOVER type, and their macro average, over (unit, type) pairs."""
    out: dict = {}
    for t in EVENT_TYPES:
        g, f = {u for u in gold if u[1] == t}, {u for u in found if u[1] == t}
        tp = len(g & f)
        prec, rec = tp / len(f) if f else 0.0, tp / len(g) if g else 0.0
        out[t] = {"precision": round(prec, 3), "recall": round(rec, 3),
                  "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0, "gold": len(g)}
    scored = [v["f1"] for v in out.values() if v["gold"]]
    out["macro_f1"] = round(sum(scored) / len(scored), 3) if scored else 0.0
    return out


def event_report(data: Sequence[Example], pred: Sequence[str]) -> dict:
    """Per type at the event level: one event per sentence and type, as annotators code them."""
    return per_type({(e.unit, e.label) for e in data if e.label != NONE},
                    {(e.unit, p) for e, p in zip(data, pred) if p != NONE})


def _news_only(data: Sequence[Example], pred: Sequence[str]) -> tuple[list[Example], list[str]]:
    """The validation examples from news articles only (our own corpus's test part left out): the figure
    closest to articles nobody here has read."""
    kept = [(e, p) for e, p in zip(data, pred) if not e.story.startswith(CORPUS_STORY)]
    return [e for e, _ in kept], [p for _, p in kept]


def token_report(data: Sequence[Example], pred: Sequence[str]) -> dict:
    """Per type over candidate tokens, and the micro precision and recall of finding any event."""
    gold = {(i, e.label) for i, e in enumerate(data) if e.label != NONE}
    found = {(i, p) for i, p in enumerate(pred) if p != NONE}
    out = per_type(gold, found)
    tp = len(gold & found)
    out["micro"] = {"precision": round(tp / max(1, len(found)), 3), "recall": round(tp / max(1, len(gold)), 3)}
    return out


def decisions(probs: np.ndarray, data: Sequence[Example], known: frozenset[str]) -> list[str]:
    """The label the pipeline acts on at each example (``events.arbiter.decide``; the model adds events
    only on ``known`` lemmas, ``events.arbiter.addable``)."""
    return [decide(e.rule, dict(zip(LABELS, p.tolist())), e.firm) if e.rule or e.lemma in known else NONE
            for p, e in zip(probs, data)]


def trigger_lemmas(data: Sequence[Example]) -> list[str]:
    """Lemmas heading an annotated trigger at least twice: the words the model may add an event on."""
    counts = Counter(e.lemma for e in data if e.head)
    return sorted(lemma for lemma, n in counts.items() if n >= 2)


def modes_table(data: Sequence[Example]) -> dict[str, dict[str, str | None]]:
    """The commonest annotated mode per type and trigger head lemma ("*": per type), for events the model
    adds; None where most annotated events have no mode (most AGREE, SUPPORT, REJECT lines carry none)."""
    table: dict[str, dict[str, str | None]] = {}
    for t in EVENT_TYPES:
        rows = [e for e in data if e.label == t and e.head]
        if not rows:
            continue
        table[t] = {"*": Counter(e.mode for e in rows).most_common(1)[0][0]}
        for lemma, n in Counter(e.lemma for e in rows).items():
            if n >= 2:
                table[t][lemma] = Counter(e.mode for e in rows if e.lemma == lemma).most_common(1)[0][0]
    return table


def run(opts: TrainOptions, nlp=None) -> dict:
    """Train, print and return the validation report, save the model to ``opts.out``."""
    from chronique.nlp import load_nlp

    texts = load_texts(opts)
    data = list(examples(nlp or load_nlp(), texts, opts.lang))
    train = [e for e in data if not held_out(e.story)]
    valid = [e for e in data if held_out(e.story)]
    model = fit(train, LABELS, epochs=opts.epochs, seed=opts.seed, runs=opts.runs)
    known = trigger_lemmas(train)
    chosen = decisions(predict_all(model, valid), valid, addable(frozenset(known), opts.lang))
    result = {
        "texts": len(texts), "examples": {"train": len(train), "validation": len(valid)},
        "events": {"train": sum(e.label != NONE for e in train), "validation": sum(e.label != NONE for e in valid)},
        "validation_events": event_report(valid, chosen),
        "validation_news_macro_f1": event_report(*_news_only(valid, chosen))["macro_f1"],
        "validation_tokens": token_report(valid, chosen),
    }
    meta = {"seed": opts.seed, "epochs": opts.epochs, "runs": opts.runs, "texts": len(texts), "modes": modes_table(train),
            "trigger_lemmas": known,
            "validation_macro_f1": result["validation_events"]["macro_f1"]}
    TypeModel(model.labels, model.sparse, model.dense, meta).save(opts.out)
    return result
