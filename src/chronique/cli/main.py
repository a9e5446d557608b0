"""The ``chronique`` command line: the parser built from each command group's ``register``, and ``main``.

Exit codes: 0 all good, 1 some inputs rejected, 2 usage, 3 fatal (``common``).
"""
from __future__ import annotations

import argparse
import sys

from chronique.version import __version__
from chronique.cli import annotate, dedup, extract, kb, query, scale, serve, status, train, watch
from chronique.cli.common import EXIT_FATAL
from chronique.store import shield

# Each group adds its sub-commands with ``register(subparsers)``, in the order ``--help`` lists them.
GROUPS = (extract, query, status, annotate, serve, watch, scale, dedup, kb, train)


def build_parser() -> argparse.ArgumentParser:
    """The ``chronique`` parser with every sub-command."""
    ap = argparse.ArgumentParser(prog="chronique", description="Political events (PLOVER) from French news.")
    ap.add_argument("--version", action="version", version=f"chronique {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run one command; errors a user can act on become a message and exit code 3, not a traceback.

    SIGTERM (``docker stop``, systemd, ``timeout``) ends a run as Ctrl-C does: the batch in progress is
    abandoned (each batch is one transaction, never cut: ``store.shield``), worker processes are stopped,
    the message says so, and the exit code is 3.
    """
    args = build_parser().parse_args(argv)
    shield.install()
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return _interrupted()
    except Exception as exc:
        if shield.received():  # a statement the signal cut short ends in its own error: the signal is the cause
            return _interrupted()
        if not isinstance(exc, (OSError, ValueError, RuntimeError)):
            raise
        print(f"chronique: error: {exc}", file=sys.stderr)
        return EXIT_FATAL


def _interrupted() -> int:
    how = "terminated (SIGTERM)" if shield.received() == "SIGTERM" else "interrupted"
    print(f"chronique: {how}; stored batches are kept, run again to resume", file=sys.stderr)
    return EXIT_FATAL
