"""``chronique kb import`` (people from a Wikidata JSON or CSV extract) and ``chronique kb add`` (organisations
from a CSV): grow the knowledge base with a user's own YAML file, read with --kb-extra or $CHRONIQUE_KB_EXTRA."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chronique.cli.common import EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``kb`` and its sub-commands ``import`` and ``add``."""
    p = sub.add_parser("kb", help="knowledge-base tools")
    kb_sub = p.add_subparsers(dest="kb_command", required=True, help="import: people from a Wikidata extract")
    imp = kb_sub.add_parser("import", help="people from a Wikidata JSON/CSV extract to a people YAML file")
    imp.add_argument("source", type=Path, help="Wikidata JSON entities extract, or CSV (qid,name,aliases,role,…)")
    imp.add_argument("--out", type=Path, required=True, help="people YAML to write (load it with --kb-extra)")
    imp.set_defaults(func=cmd_import)
    add = kb_sub.add_parser("add", help="organisations from a CSV (name,aliases,country,sector[,fr,id,type,adjectives,"
                                        "start,end,junta]; aliases '|'-separated) into an organisations YAML file")
    add.add_argument("source", type=Path, help="CSV with a header row (columns: docs, chronique.actors.org_import)")
    add.add_argument("--out", type=Path, help="YAML to write or grow, merged by id (default: SOURCE with .yaml)")
    add.set_defaults(func=cmd_add)


def cmd_import(a: argparse.Namespace) -> int:
    """Read the extract, write the people YAML, and say how to use it."""
    from chronique.actors.wikidata_import import import_wikidata, write_people

    people = import_wikidata(a.source)
    write_people(people, a.out)
    print(f"chronique: {len(people)} people written to {a.out}; use them with --kb-extra {a.out} "
          f"or CHRONIQUE_KB_EXTRA={a.out}", file=sys.stderr)
    return EXIT_OK


def cmd_add(a: argparse.Namespace) -> int:
    """Validate the CSV, merge it into the YAML file, warn about aliases the knowledge base cannot decide."""
    from chronique.actors.ambiguity import unresolved_aliases
    from chronique.actors.kb import load_kb
    from chronique.actors.org_import import merge_orgs, read_org_csv

    entries = read_org_csv(a.source)
    out = a.out or a.source.with_suffix(".yaml")
    total = merge_orgs(entries, out)
    for line in unresolved_aliases(load_kb([out]), entries):
        print(f"chronique: warning: alias not decided by its country, left unresolved in texts: {line}",
              file=sys.stderr)
    print(f"chronique: {len(entries)} organisations added to {out} ({total} in all); use them with "
          f"--kb-extra {out} or CHRONIQUE_KB_EXTRA={out}", file=sys.stderr)
    return EXIT_OK
