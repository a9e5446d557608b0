"""``chronique timex`` and ``chronique actors``: one stage's output per document, as JSON Lines, no store."""
from __future__ import annotations

import argparse
import sys

from chronique.cli.common import EXIT_OK, EXIT_PARTIAL, add_inputs, items, report_errors


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``timex`` and ``actors``."""
    p = sub.add_parser("timex", help="print time expressions (JSON Lines)")
    add_inputs(p)
    p.set_defaults(func=cmd_timex)

    p = sub.add_parser("actors", help="print resolved actors per document (JSON Lines), or with --unresolved "
                                      "the most frequent names that found no knowledge-base entry")
    add_inputs(p)
    p.add_argument("--unresolved", action="store_true",
                   help="instead of actors: a table of the names over all inputs that no KB entry coded "
                        "(kind 'no entry': coded by a title or adjective only; 'no actor': not coded at all), "
                        "most frequent first; add them with 'chronique kb add'")
    p.add_argument("--top", type=int, default=50, help="with --unresolved: how many names (default 50)")
    p.set_defaults(func=cmd_actors)


def parsed_docs(a: argparse.Namespace):
    """(Document, spaCy Doc) pairs for the inputs, and the rejected inputs (reported as they come)."""
    from chronique.model import InputError
    from chronique.nlp import load_nlp
    from chronique.pipeline import with_published
    from chronique.scale.engine import use_kb_extra

    use_kb_extra(a.kb_extra)
    nlp = load_nlp()
    errors = []
    docs = []
    for item in items(a):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            docs.append(with_published(item))
    report_errors(errors)
    return zip(docs, nlp.pipe(d.text for d in docs)), errors


def each_document(a: argparse.Namespace, rows) -> int:
    """Print ``rows(doc, sdoc)`` per document as JSON Lines; a document whose stage raises is reported on
    stderr ("skipped ID: internal error ...") and costs only itself, as in ``extract``. Exit 1 when any
    input was skipped."""
    from chronique.model import InputError
    from chronique.outputs.text import write_jsonl

    pairs, errors = parsed_docs(a)
    for doc, sdoc in pairs:
        try:
            out = list(rows(doc, sdoc))
        except Exception as exc:  # noqa: BLE001 - a stage bug must not lose the other documents' output
            failed = InputError(doc.origin or doc.id, f"internal error on document {doc.id!r}: "
                                f"{type(exc).__name__}: {exc}", kind="internal")
            report_errors([failed])
            errors.append(failed)
            continue
        write_jsonl(out, None, sys.stdout)
        sys.stdout.flush()
    return EXIT_PARTIAL if errors else EXIT_OK


def cmd_timex(a: argparse.Namespace) -> int:
    """Time expressions of each document, with their TIMEX3 values."""
    from chronique.time import tag

    return each_document(a, lambda doc, sdoc: (t.to_json() for t in tag(doc.text, doc.published, doc.id, sdoc)))


def cmd_actors(a: argparse.Namespace) -> int:
    """Actors of each document, resolved and coded (or, with --unresolved, the names without an entry)."""
    from chronique.actors import actors_rows, default_kb, resolve_mentions

    if a.unresolved:
        return unresolved_table(a)

    return each_document(a, lambda doc, sdoc: actors_rows(doc.id, resolve_mentions(sdoc, doc.published,
                                                                                    default_kb())))


def unresolved_table(a: argparse.Namespace) -> int:
    """Count the names without a knowledge-base entry over every input; print the most frequent."""
    from chronique.actors import default_kb, resolve_document
    from chronique.actors.unresolved import UnresolvedTally
    from chronique.outputs.text import table

    tally = UnresolvedTally()
    pairs, errors = parsed_docs(a)
    n = 0
    for doc, sdoc in pairs:
        tally.add(doc.id, resolve_document(sdoc, doc.published, default_kb()))
        n += 1
    rows = tally.top(a.top)
    print(table([[r["count"], r["mention"], r["kind"], r["doc"]] for r in rows], ["count", "mention", "kind", "doc"],
                [5, 40, 8, 24]))
    print(f"chronique: {len(rows)} of {len(tally.counts)} names without a knowledge-base entry over {n} documents",
          file=sys.stderr)
    return EXIT_PARTIAL if errors else EXIT_OK
