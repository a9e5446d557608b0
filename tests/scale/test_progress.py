"""The progress bar: shown only to a person at a terminal, counting documents, skips and errors."""
from __future__ import annotations

import io

from chronique.model import InputError
from chronique.pipeline import RunReport
from chronique.scale.progress import Progress, wanted


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_only_for_a_terminal_and_not_when_quiet():
    assert wanted(False, FakeTerminal())
    assert not wanted(True, FakeTerminal())
    assert not wanted(False, io.StringIO())


def test_bar_shows_documents_skips_and_errors():
    out = FakeTerminal()
    report = RunReport(processed=["a", "b", "c"], skipped=["d"], errors=[InputError("x.jsonl:2", "not JSON")])
    with Progress(True, stream=out) as bar:
        bar.update(report)
    text = out.getvalue()
    assert "4doc" in text and "errors=1" in text and "skipped=1" in text and "doc/s" in text


def test_disabled_bar_writes_nothing():
    out = io.StringIO()
    with Progress(False, stream=out) as bar:
        bar.update(RunReport(processed=["a"]))
    assert out.getvalue() == ""
