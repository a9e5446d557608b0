"""A progress bar on standard error: documents done, documents/s, documents skipped, inputs rejected.

Shown only when a person is watching (stderr is a terminal and ``--quiet`` is not given): logs
and pipes stay clean. Updated after each committed batch, so the count shown is what a resumed
run will not redo.
"""
from __future__ import annotations

import sys
from typing import Protocol, TextIO

from tqdm import tqdm


class BatchReport(Protocol):
    """What the bar reads from ``pipeline.RunReport`` (or the Ray runner's equivalent)."""

    processed: list
    skipped: list
    errors: list


def wanted(quiet: bool, stream: TextIO | None = None) -> bool:
    """Show the bar unless asked to be quiet or nobody is watching the terminal."""
    stream = stream or sys.stderr
    return not quiet and hasattr(stream, "isatty") and stream.isatty()


class Progress:
    """A tqdm bar counting documents (extracted + already stored) with errors as a postfix."""

    def __init__(self, enabled: bool, stream: TextIO | None = None, total: int | None = None):
        self.bar = tqdm(total=total, unit="doc", desc="chronique", file=stream or sys.stderr,
                        disable=not enabled, smoothing=0.1)

    def update(self, report: BatchReport) -> None:
        """Move the bar to the report's counts (callback for ``pipeline.run(on_batch=...)``)."""
        self.count(len(report.processed) + len(report.skipped), len(report.skipped), len(report.errors))

    def count(self, done: int, skipped: int, errors: int) -> None:
        """Move the bar to absolute counts."""
        self.bar.set_postfix(skipped=skipped, errors=errors, refresh=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        self.bar.close()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
