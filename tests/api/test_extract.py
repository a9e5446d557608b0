"""``chronique.extract``: one text, a stream of texts, refused inputs, and the CLI's date inference."""
from __future__ import annotations

import itertools

import pytest

import chronique

MEETING = "Le président Emmanuel Macron a rencontré mardi le chancelier allemand Olaf Scholz à Berlin."


def test_one_text_gives_its_events_with_offsets_into_the_text():
    events = chronique.extract(MEETING, published="2024-03-07", doc_id="berlin")
    assert [e.event_type for e in events] == ["CONSULT"]
    e = events[0]
    assert e.doc == "berlin" and MEETING[e.start:e.end] == e.evidence
    assert e.date == "2024-03-05"  # "mardi" anchored on the publication date given
    assert {a.name for a in e.actor} >= {"Emmanuel Macron"}
    assert events.document is not None and events.document.text == MEETING


def test_without_a_date_the_dateline_dates_the_events_as_the_cli_does():
    events = chronique.extract("PARIS, 7 mars 2024 (AFP) - " + MEETING)
    assert events.document is not None and str(events.document.published) == "2024-03-07"
    assert events.document.published_basis == "dateline"
    assert [e.date for e in events] == ["2024-03-05"]


def test_a_stream_is_read_lazily_and_keeps_one_result_per_input():
    first = next(chronique.extract(itertools.repeat(MEETING), batch_size=2))  # an endless input still answers
    assert [e.event_type for e in first] == ["CONSULT"]
    out = list(chronique.extract([MEETING, {"text": "The minister met his counterpart in London today."},
                                  {"text": MEETING, "id": "deux"}]))
    assert [len(r) for r in out] == [1, 0, 1]
    assert out[1].error and "not French" in out[1].error
    assert out[2][0].doc == "deux"


def test_a_refused_text_raises_with_the_reason():
    with pytest.raises(ValueError, match="not French"):
        chronique.extract("The minister met his counterpart in London today.")
    with pytest.raises(ValueError, match="published"):
        chronique.extract(MEETING, published="07/03/2024")


def test_keywords_are_for_one_text():
    with pytest.raises(TypeError, match="for one text"):
        chronique.extract([MEETING], published="2024-03-07")  # type: ignore[call-overload]


def test_events_print_as_a_table_in_a_terminal_and_a_notebook():
    events = chronique.extract(MEETING, published="2024-03-07", doc_id="berlin")
    assert repr(events).startswith("<1 events of berlin>") and "CONSULT" in repr(events)
    html = events._repr_html_()
    assert html.startswith("<table>") and "<td>CONSULT</td>" in html and "Olaf Scholz" in html


def test_import_chronique_loads_nothing_heavy():
    import subprocess
    import sys

    code = "import sys, chronique; chronique.__version__; print('spacy' in sys.modules, 'duckdb' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
    assert "extract" in dir(chronique)
