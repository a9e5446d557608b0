"""Issue #17: every offset points into the text the user gave, whatever cleaning removed or normalised.

The texts are our own French sentences, wrapped in the page furniture, blank lines, no-break spaces,
CRLF line ends, byte-order marks, curly quotes and tabs that real files carry.
"""
from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronique.ingest.clean import clean_mapped, clean_text
from chronique.ingest.limits import Limits
from chronique.ingest.record import build_document
from chronique.ingest.sources import read_sources
from chronique.model import Document
from chronique.pipeline import process

SENTENCES = [
    "Le président Emmanuel Macron a rencontré lundi à Berlin le chancelier allemand Olaf Scholz.",
    "La police a arrêté mardi 3 mai douze manifestants à Lyon, selon la préfecture.",
    "Le 12 juin 2023, l'armée malienne a attaqué un camp rebelle près de Kidal.",
    "« Nous condamnons fermement cette agression », a déclaré jeudi le ministre des Affaires étrangères.",
    "Le gouvernement a annoncé vendredi des sanctions contre la Russie, alors que les combats continuent.",
    "Les deux dirigeants se sont entretenus par téléphone la semaine dernière.",
]
FURNITURE = ["Logo", "AFP", "Partager sur Facebook", "Lire aussi : le sommet de Bruxelles", "", "   ", "\t"]


def _decorate(sentence: str, choices: list[int]) -> str:
    """Our sentence with some spaces made no-break, quotes made curly, an accent decomposed, tabs."""
    out = sentence
    if choices[0] % 2:
        out = out.replace(" ", "\u00a0", 2)
    if choices[1] % 2:
        out = out.replace("'", "\u2019").replace("« ", "«\u202f").replace(" »", "\u202f»")
    if choices[2] % 2:
        out = unicodedata.normalize("NFD", out)
    if choices[3] % 3 == 0:
        out = "\t" + out + " \t"
    return out


# Page furniture stands on lines of its own, as in real files (a line that starts "Lire aussi" is
# dropped whole, so furniture glued to a sentence would take the sentence with it).
texts = st.builds(
    lambda bom, head, body, tail, seps: ("\ufeff" if bom else "") + "".join(h + "\n" + s for h, s in zip(head, seps))
    + "".join(_decorate(SENTENCES[i], c) + seps[k % len(seps)] for k, (i, c) in enumerate(body))
    + "".join("\n" + t for t in tail),
    st.booleans(),
    st.lists(st.sampled_from(FURNITURE), max_size=3),
    st.lists(st.tuples(st.integers(0, len(SENTENCES) - 1), st.lists(st.integers(0, 5), min_size=4, max_size=4)),
             min_size=1, max_size=4),
    st.lists(st.sampled_from(FURNITURE), max_size=2),
    st.lists(st.sampled_from([" ", "\n", "\r\n", "\n\n", "\r\n\r\n", "\n\n\n", "\n \n"]), min_size=3, max_size=3),
)


@given(texts)
@settings(max_examples=300, deadline=None)
def test_every_cleaned_character_maps_back_into_the_given_text(text):
    cleaned = clean_mapped(text)
    assert cleaned.text == clean_text(text)
    n = len(cleaned.text)
    assert len(cleaned.starts) == len(cleaned.ends) == n
    for i in range(n):
        assert 0 <= cleaned.starts[i] < cleaned.ends[i] <= len(text)
        assert i == 0 or (cleaned.starts[i] >= cleaned.starts[i - 1] and cleaned.ends[i] >= cleaned.ends[i - 1])
        source = text[cleaned.starts[i]:cleaned.ends[i]]
        if cleaned.text[i].isalnum():
            assert unicodedata.normalize("NFC", source) == cleaned.text[i]


def test_span_of_a_word_after_dropped_furniture():
    text = "\ufeffLogo\r\n\r\n\r\nLe\u00a0ministre a démissionné lundi.\r\n"
    cleaned = clean_mapped(text)
    assert cleaned.text == "Le ministre a démissionné lundi."
    at = cleaned.text.index("lundi")
    start, end = cleaned.span(at, at + 5)
    assert text[start:end] == "lundi"
    start, end = cleaned.span(0, len(cleaned.text))
    assert text[start:end] == "Le\u00a0ministre a démissionné lundi."


def test_a_composed_accent_maps_to_both_characters():
    text = "Le pre\u0301sident est arrivé."
    cleaned = clean_mapped(text)
    at = cleaned.text.index("président")
    start, end = cleaned.span(at, at + len("président"))
    assert text[start:end] == "pre\u0301sident"


@given(texts)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_pipeline_offsets_slice_the_given_text(nlp, text):
    doc = build_document({"id": "prop", "text": text}, "prop.jsonl:1", {}, Limits())
    assert isinstance(doc, Document), doc
    assert doc.text == text
    (result,) = process([doc], nlp)
    for e in result.events:
        assert text[e.start:e.end] == e.evidence and e.evidence == e.evidence.strip()
    for t in result.timexes:
        assert text[t.start:t.end] == t.text and t.text


def test_a_file_with_bom_and_crlf_keeps_its_own_coordinates(nlp, tmp_path):
    given_text = ("Logo\r\n\r\nLa police a arrêté mardi\u00a0douze manifestants à Lyon, selon la préfecture.\r\n"
                  "Le gouvernement a annoncé vendredi des sanctions contre la Russie.\r\n")
    path = tmp_path / "depeche.txt"
    path.write_bytes(b"\xef\xbb\xbf" + given_text.encode("utf-8"))
    (doc,) = read_sources([str(path)], {"depeche": {"id": "depeche", "published": dt.date(2023, 5, 5)}})
    assert doc.text == given_text
    (result,) = process([doc], nlp)
    assert result.events and result.timexes
    assert result.document.text == given_text
    for e in result.events:
        assert given_text[e.start:e.end] == e.evidence
    assert {given_text[t.start:t.end] for t in result.timexes} >= {"mardi", "vendredi"}


def test_a_text_cleaned_again_is_the_same_result_and_the_memory_of_recent_texts_is_bounded():
    from chronique.ingest import clean

    text = "Dépêche\r\n\r\nLe Parlement  a adopté mardi la loi.\u00a0\n"
    first = clean_mapped(text)
    assert clean_mapped(text) is first and first.text == clean._clean_mapped(text, "fr").text
    for i in range(clean.RECENT_DOCS + 10):
        clean_mapped(f"Le ministre a parlé {i} fois.")
    assert len(clean._recent) <= clean.RECENT_DOCS
    long_text = "mot " * (clean.RECENT_CHARS // 4 + 1)
    clean_mapped(long_text)
    assert (long_text, "fr") not in clean._recent and clean._recent_chars <= clean.RECENT_CHARS
