"""Property-based tests: the readers and the time normaliser never crash, whatever they are fed.

Readers return a Document or an InputError for every input (never raise); what they let through is
safe for every later stage. ``chronique.time.tag`` returns spans that slice the text for any text and
any publication date the readers accept.
"""
from __future__ import annotations

import io
import json
import os
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from chronique.ingest.clean import clean_text
from chronique.ingest.decode import DecodeError, decode
from chronique.ingest.given import model_view
from chronique.ingest.limits import Limits
from chronique.ingest.meta import EARLIEST, LATEST
from chronique.ingest.sources import build_document, read_jsonl_stream
from chronique.model import Document, InputError

from .hostile import FRENCH

# Modest by default; CHRONIQUE_FUZZ_EXAMPLES=5000 for a deeper search before a release.
SETTINGS = settings(max_examples=int(os.environ.get("CHRONIQUE_FUZZ_EXAMPLES", "80")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\r]")
FIELDS = ["id", "text", "html", "title", "url", "published", "source", "autre"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10)
french_text = st.sampled_from(FRENCH) | st.lists(st.sampled_from(FRENCH) | st.text(max_size=30),
                                                 max_size=4).map(" ".join)
field_values = st.one_of(
    json_values, french_text, st.sampled_from([
        "2023-05-02", "2023-02-30", "9999-12-31", "0001-01-01", "hier", "https://exemple.fr/a", "javascript:alert(1)",
        "file:///etc/passwd", "../../etc/passwd", "<script>alert(1)</script>", "\ud800", "a\nb", "x" * 300,
        "<html><body><article><p>" + FRENCH[3] + "</p><script>alert('FUITE')</script></article></body></html>",
        "<div>" * 500, "\x00" * 10, "' OR 1=1 --"]))
records = st.dictionaries(st.sampled_from(FIELDS), field_values, max_size=6)
limits = st.builds(Limits, max_bytes=st.integers(1, 10_000), max_line_bytes=st.integers(1, 5_000),
                   max_chars=st.integers(1, 3_000), min_chars=st.integers(1, 40), check_language=st.booleans())


def _check_item(item, origin_prefix: str, lim: Limits) -> None:
    """What every reader output must satisfy."""
    assert isinstance(item, (Document, InputError)), item
    assert item.origin.startswith(origin_prefix) and not UNSAFE.search(item.origin)
    if isinstance(item, InputError):
        assert item.reason and item.kind
        return
    # the store keeps the text as given (#17); the limits and the safety hold for what the models read
    read = model_view(item)[0].text
    assert lim.min_chars <= len(read) <= lim.max_chars
    assert not UNSAFE.search(read) and read == read.strip()
    assert item.id and len(item.id) <= 200 and not UNSAFE.search(item.id)
    assert item.url is None or item.url.startswith(("http://", "https://"))
    assert item.published is None or EARLIEST <= item.published <= LATEST
    for value in (item.title, item.source):
        assert value is None or isinstance(value, str) and not re.search("[\ud800-\udfff]", value)


@SETTINGS
@given(records, limits)
def test_build_document_never_raises(record, lim):
    _check_item(build_document(record, "prop.jsonl:1", {}, lim), "prop.jsonl:1", lim)


def _line(value) -> bytes:
    if isinstance(value, bytes):
        return value
    return json.dumps(value).encode() + b"\n"


jsonl_lines = st.lists(st.one_of(records, json_values, st.binary(max_size=200),
                                 st.text(max_size=100).map(lambda t: t.encode("utf-8", "surrogatepass"))),
                       max_size=8)


@SETTINGS
@given(jsonl_lines, limits)
def test_read_jsonl_stream_reports_or_reads_every_line(lines, lim):
    data = b"".join(_line(v) for v in lines)
    items = list(read_jsonl_stream(io.BytesIO(data), "h.jsonl", {}, lim))
    for item in items:
        _check_item(item, "h.jsonl:", lim)
    n_lines = data.count(b"\n") + 1
    assert len(items) <= n_lines
    numbers = [int(i.origin.rsplit(":", 1)[1]) for i in items]
    assert numbers == sorted(set(numbers)) and all(1 <= n <= n_lines for n in numbers)


@SETTINGS
@given(st.binary(max_size=3000))
def test_decode_returns_text_or_decode_error(data):
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        assert str(exc)
        return
    assert isinstance(text, str) and encoding
    text.encode("utf-8")


printable_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
                         max_size=300)


@SETTINGS
@given(printable_text)
def test_decode_reads_utf8_back(text):
    assert decode(text.encode("utf-8"))[0] == text


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("abcdefz ,.'-ÉÀàâçéèêëîïôùûü")), min_size=1, max_size=300))
def test_decode_reads_french_windows_1252_back(text):
    assert decode(text.encode("cp1252"))[0] == text


@SETTINGS
@given(st.text(max_size=500) | french_text)
def test_clean_text_is_safe_and_idempotent(text):
    out = clean_text(text)
    assert not UNSAFE.search(out) and out == out.strip()
    out.encode("utf-8")
    assert clean_text(out) == out


# -- the time normaliser ---------------------------------------------------------------------------
TIME_WORDS = ["lundi", "dimanche dernier", "le 3 mars", "1er janvier 2020", "le 31 février", "hier", "demain",
              "la veille", "le lendemain", "l'an dernier", "l'an prochain", "il y a", "dans", "deux", "99", "9999",
              "000", "jours", "semaines", "mois", "ans", "siècles", "décennies", "à 14 h 30", "minuit", "fin",
              "début", "mi-", "2018", "1789", "la semaine prochaine", "le mois dernier", "Noël", "Pâques",
              "chaque", "depuis", "il y a 40 siècles", "dans 9000 ans", "31/02/2018", "29/02/2023", "\n", "’", "\xa0", ","]
time_texts = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(TIME_WORDS), max_size=20).map(" ".join),
                       st.lists(st.sampled_from(FRENCH + TIME_WORDS), max_size=4).map(" ".join))
# Every publication date the readers accept (ingest.meta refuses the rest).
published_dates = st.none() | st.dates(min_value=EARLIEST, max_value=LATEST)


@SETTINGS
@given(time_texts, published_dates)
def test_time_tag_never_crashes_and_spans_slice_the_text(text, published):
    from chronique.time import tag

    found = tag(text, published, "p")
    for t in found:
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.text
        assert t.value and t.type in ("DATE", "TIME", "DURATION", "SET")
    assert [t.start for t in found] == sorted(t.start for t in found)
