"""Issue #17: a hostile --meta file costs the bad lines' metadata, each reported with its line and reason."""
from __future__ import annotations

import datetime as dt

import pytest

from chronique.ingest.meta import MetaError, load_meta

HOSTILE = [
    '{"id": "a", "published": "2018-13-45"}',          # 1 impossible date: the id still names its document
    '{"id": "b", "published": "2023-05-02", "source": null}',
    '{"id": "b", "published": "2023-05-03"}',          # 3 duplicate: the first line wins
    '"juste une chaîne"',                               # 4 bare string
    '{"id": "c", "published": "2023-06-01"',            # 5 broken JSON
    '{"id": null, "published": "2023-01-01"}',          # 6 null id
    '',
    '[1, 2]',                                           # 8 not an object
    '{"id": "d", "published": "0202-01-01"}',           # 9 implausible year
    '{"id": "e", "url": "javascript:alert(1)"}',        # 10 not a web URL
    '{"id": "f", "title": 5}',                          # 11 wrong type
]


@pytest.fixture
def meta(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(HOSTILE) + "\n", encoding="utf-8")
    return load_meta(path)


def test_each_bad_line_is_named_with_its_number_and_reason(meta):
    reasons = {e.origin.rsplit(":", 1)[1]: (e.reason, e.kind) for e in meta.errors}
    assert sorted(reasons, key=int) == ["1", "3", "4", "5", "6", "8", "9", "10", "11"]
    assert "2018-13-45" in reasons["1"][0] and reasons["1"][1] == "input"
    assert "duplicate id 'b'" in reasons["3"][0] and "line 2" in reasons["3"][0]
    assert reasons["4"] == ("each line needs a JSON object with an 'id', got a JSON string", "format")
    assert reasons["5"][0].startswith("not valid JSON") and reasons["5"][1] == "format"
    assert "no 'id'" in reasons["6"][0]
    assert "JSON array" in reasons["8"][0]
    assert "outside 1600-2199" in reasons["9"][0]
    assert "http(s) URL" in reasons["10"][0]
    assert "'title' must be a string" in reasons["11"][0]
    assert all(e.origin.startswith(str(meta.origin)) for e in meta.errors)


def test_good_lines_are_kept_and_a_rejected_line_keeps_only_its_id(meta):
    assert meta["b"]["published"] == dt.date(2023, 5, 2)
    assert {k for k in meta["a"] if k != "line"} == {"id"}
    assert set(meta) == {"a", "b", "d", "e", "f"}


def test_ids_no_input_looked_up_are_reported(meta):
    assert "a" in meta and meta.get("b")
    missing = meta.unmatched(seen=["d"])
    assert {e.reason for e in missing} == {"id 'e' matches no input document", "id 'f' matches no input document"}
    assert sorted(e.origin.rsplit(":", 1)[1] for e in missing) == ["10", "11"]


def test_only_an_unreadable_file_is_fatal(tmp_path):
    with pytest.raises(MetaError, match="cannot read metadata file"):
        load_meta(tmp_path / "absent.jsonl")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"id": "é"}'.encode("latin-1"))
    with pytest.raises(MetaError, match="latin.jsonl"):
        load_meta(latin)
