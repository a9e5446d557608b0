"""``--out`` files are written whole or not at all: a run that fails while writing leaves the previous file."""
from __future__ import annotations

import pytest

from chronique.outputs.text import write_jsonl


def _rows_then_failure():
    yield {"doc": "a", "n": 1}
    raise KeyboardInterrupt  # a signal while the file is being written


def test_an_interrupted_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path):
    out = tmp_path / "events.jsonl"
    assert write_jsonl([{"doc": "old"}], out) == 1
    with pytest.raises(KeyboardInterrupt):
        write_jsonl(_rows_then_failure(), out)
    assert out.read_text(encoding="utf-8") == '{"doc": "old"}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["events.jsonl"]
