"""The ``chronique`` command line: the parser built from each command group's ``register``, and ``main``.

Exit codes: 0 all good, 1 some inputs rejected, 2 usage, 3 fatal (``common``).
"""
from __future__ import annotations

import argparse
import sys

from chronique.version import __version__
from chronique.cli import annotate, dedup, extract, kb, query, scale, serve, train, watch
from chronique.cli.common import EXIT_FATAL

# Each group adds its sub-commands with ``register(subparsers)``, in the order ``--help`` lists them.
GROUPS = (extract, query, annotate, serve, watch, scale, dedup, kb, train)


def build_parser() -> argparse.ArgumentParser:
    """The ``chronique`` parser with every sub-command."""
    ap = argparse.ArgumentParser(prog="chronique", description="Political events (PLOVER) from French news.")
    ap.add_argument("--version", action="version", version=f"chronique {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run one command; errors a user can act on become a message and exit code 3, not a traceback."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("chronique: interrupted; stored batches are kept, run again to resume", file=sys.stderr)
        return EXIT_FATAL
    except (OSError, ValueError, RuntimeError) as exc:
        print(f"chronique: error: {exc}", file=sys.stderr)
        return EXIT_FATAL
