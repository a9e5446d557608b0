"""``chronique train``: learn the type decision (``chronique.train``) and print its validation report."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from chronique.cli.common import EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``train``."""
    from chronique.train import TrainOptions

    d = TrainOptions()
    p = sub.add_parser("train", help="learn the PLOVER type decision from annotated news and our own corpus")
    p.add_argument("--news", type=Path, default=d.news, help=f"gold-format folder of annotated news (default {d.news})")
    p.add_argument("--corpus", type=Path, default=d.corpus, help=f"our own corpus folder (default {d.corpus})")
    p.add_argument("--out", type=Path, default=d.out, help="where to write the weights (default: the package's)")
    p.add_argument("--limit", type=int, help="at most this many news articles (a quick run)")
    p.add_argument("--epochs", type=int, default=d.epochs, help=f"passes over the training data (default {d.epochs})")
    p.add_argument("--seed", type=int, default=d.seed, help=f"random seed: same seed, same weights (default {d.seed})")
    p.add_argument("--runs", type=int, default=d.runs,
                   help=f"fits over different orders of the data, averaged (default {d.runs})")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.set_defaults(func=cmd_train)


def cmd_train(a: argparse.Namespace) -> int:
    """Train, save, and print per-type precision, recall and F1 on the validation stories."""
    from chronique.train import TrainOptions, run

    opts = TrainOptions(news=a.news, corpus=a.corpus, out=a.out, limit=a.limit, epochs=a.epochs, seed=a.seed,
                        runs=a.runs)
    result = run(opts)
    if a.json:
        print(json.dumps(result, ensure_ascii=False))
        return EXIT_OK
    print(f"texts {result['texts']}; events train {result['events']['train']}, "
          f"validation {result['events']['validation']} (stories held out by hash)")
    print("validation, one event per sentence and type (what the pipeline decides: rules + model):")
    ev = result["validation_events"]
    for t, s in ev.items():
        if isinstance(s, dict):
            print(f"  {t:<10} P={s['precision']:.2f} R={s['recall']:.2f} F1={s['f1']:.2f} (gold {s['gold']})")
    print(f"  macro F1 {ev['macro_f1']:.3f} (news articles alone: {result['validation_news_macro_f1']:.3f})")
    print(f"chronique: weights written to {a.out}", file=sys.stderr)
    return EXIT_OK
