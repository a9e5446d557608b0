"""SIGINT and SIGTERM end a run between store transactions, never inside one.

A signal that arrives while a transaction is being written is held until it commits (or rolls back),
then raised as ``Interrupted``: DuckDB would otherwise abort the statement half-way and the run would end
on a database error instead of the documented message. Outside transactions it is raised at once.
Nothing changes until ``install`` is called (the command line does; a library user keeps their own
handlers).
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_state: dict = {"depth": 0, "pending": None, "received": None}


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal; ``signame`` says which (SIGINT for Ctrl-C, SIGTERM)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signame = signal.Signals(signum).name


def install() -> None:
    """Handle SIGINT and SIGTERM alike, through ``shielded`` sections (main thread only: Python's rule)."""
    _state.update(depth=0, pending=None, received=None)
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _handle)


def _handle(signum: int, _frame) -> None:
    _state["received"] = signum
    if _state["depth"]:
        _state["pending"] = signum
        return
    raise Interrupted(signum)


def received() -> str | None:
    """The name of the signal that stopped this process, if one did."""
    return signal.Signals(_state["received"]).name if _state["received"] else None


@contextmanager
def shielded() -> Iterator[None]:
    """A section a signal does not cut: it is raised when the section ends."""
    _state["depth"] += 1
    try:
        yield
    finally:
        _state["depth"] -= 1
        if not _state["depth"] and (pending := _state["pending"]):
            _state["pending"] = None
            raise Interrupted(pending)
