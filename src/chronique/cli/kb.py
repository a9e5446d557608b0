"""``chronique kb import``: grow the knowledge base from a Wikidata JSON or CSV extract."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chronique.cli.common import EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``kb`` and its sub-command ``import``."""
    p = sub.add_parser("kb", help="knowledge-base tools")
    kb_sub = p.add_subparsers(dest="kb_command", required=True, help="import: people from a Wikidata extract")
    imp = kb_sub.add_parser("import", help="people from a Wikidata JSON/CSV extract to a people YAML file")
    imp.add_argument("source", type=Path, help="Wikidata JSON entities extract, or CSV (qid,name,aliases,role,…)")
    imp.add_argument("--out", type=Path, required=True, help="people YAML to write (load it with --kb-extra)")
    imp.set_defaults(func=cmd_import)


def cmd_import(a: argparse.Namespace) -> int:
    """Read the extract, write the people YAML, and say how to use it."""
    from chronique.actors.wikidata_import import import_wikidata, write_people

    people = import_wikidata(a.source)
    write_people(people, a.out)
    print(f"chronique: {len(people)} people written to {a.out}; use them with --kb-extra {a.out} "
          f"or CHRONIQUE_KB_EXTRA={a.out}", file=sys.stderr)
    return EXIT_OK
