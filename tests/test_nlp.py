"""The pipeline's tag and lemma tables set exactly the attributes of spaCy's own attribute ruler and rule
lemmatizer, on every token."""
from __future__ import annotations

import numpy
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language

from chronique.ingest import model_view, read_sources
from chronique.model import Document
from chronique.nlp import LemmaTable, TagTable, load_nlp, respellings, surface

SENTENCES = [  # the team's own sentences: verbs, auxiliaries, elisions, names, numbers, odd spacing
    "Le ministre a reçu son homologue lundi à Paris.",
    "Les manifestants s'étaient rassemblés devant l'ambassade ; la police les a dispersés.",
    "Elles étaient parties avant que le président n'eût signé l'accord.",
    "Nous prendrons les mesures nécessaires, ont déclaré les autorités du Niger.",
    "Selon l’AFP, 1 200 soldats auraient été déployés le 3 mars 2023 à Kharkiv.",
    "TITRE EN CAPITALES\n\nLe Conseil de sécurité de l'ONU se réunira jeudi.\n",
    "  Deux  espaces,\tune tabulation et des mots inconnus : zorglubisation, déconfliqueraient.",
    "Il n'y a pas eu de victimes, a-t-il précisé. Qu'en pensent-ils ?",
    "Les Gilets jaunes ont manifesté samedi ; les CRS ont tiré des gaz lacrymogènes.",
    "",
]


@pytest.fixture(scope="module")
def spacy_nlp() -> Language:
    """The same pipeline with spaCy's own attribute ruler and lemmatizer."""
    return load_nlp(tables=False)


def _texts(examples_dir) -> list[str]:
    """Our sentences and the cleaned texts of examples/, as the pipeline parses them."""
    docs = [i for i in read_sources([str(examples_dir)]) if isinstance(i, Document)]
    return SENTENCES + [model_view(d)[0].text for d in docs]


def test_lemma_table_replaces_the_lemmatizer(nlp):
    assert "lemma_table" in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names.index("tag_table") < nlp.pipe_names.index("lemma_table")  # lemmas read the part of speech
    assert nlp.get_pipe("lemmatizer").lookups.has_table("lemma_lookup")  # geo reads the tables there


def test_same_lemmas_as_spacy(nlp, spacy_nlp, examples_dir):
    texts = _texts(examples_dir)
    ours = [[t.lemma_ for t in d] for d in nlp.pipe(texts, batch_size=16)]
    theirs = [[t.lemma_ for t in d] for d in spacy_nlp.pipe(texts, batch_size=16)]
    assert sum(map(len, ours)) > 4000
    assert ours == theirs


def test_tag_table_replaces_the_attribute_ruler(nlp):
    assert "tag_table" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    assert nlp.pipe_names.index("parser") < nlp.pipe_names.index("tag_table") < nlp.pipe_names.index("lemma_table")


def test_same_tags_as_spacy(nlp, spacy_nlp, examples_dir):
    """Tags, parts of speech, morphology and labels as the ruler sets them, whitespace tokens included."""
    texts = _texts(examples_dir) + [t.replace("\n", "\n \n\t") for t in SENTENCES]
    attrs = [TAG, POS, MORPH, DEP, HEAD, LEMMA]
    ours = list(nlp.pipe(texts, batch_size=16))
    theirs = list(spacy_nlp.pipe(texts, batch_size=16))
    assert sum(t.is_space for d in ours for t in d) > 20  # the ruler's whitespace rules were exercised
    for a, b in zip(ours, theirs):
        assert numpy.array_equal(a.to_array(attrs), b.to_array(attrs)), a.text[:60]
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]


def test_a_ruler_with_other_rules_is_kept(spacy_nlp):
    """A rule over attributes the table does not read leaves spaCy's ruler in charge."""
    ruler = spacy_nlp.get_pipe("attribute_ruler")
    assert TagTable.understands(ruler)
    other = spacy_nlp.add_pipe("attribute_ruler", name="other_ruler", last=True)
    other.add([[{"LOWER": "onu"}]], {"TAG": "PROPN"})
    try:
        assert not TagTable.understands(other)
        with pytest.raises(ValueError, match="keep spaCy's ruler"):
            TagTable(other)
    finally:
        spacy_nlp.remove_pipe("other_ruler")


def test_same_lemmas_twice(nlp):
    """The second time a word is met, its lemma comes from the table: still the same."""
    text = SENTENCES[1]
    assert [t.lemma_ for t in nlp(text)] == [t.lemma_ for t in nlp(text)]


def _tagged(nlp: Language, lemma: str):
    """A parsed-like doc whose third token already has ``lemma``."""
    doc = nlp.make_doc("Ils étaient partis.")
    for tok, pos in zip(doc, ("PRON", "AUX", "VERB", "PUNCT")):
        tok.pos_ = pos
    doc[2].lemma_ = lemma
    return doc


def test_a_lemma_already_set_is_kept(spacy_nlp):
    """Like spaCy's lemmatizer (overwrite = false), a token that already has a lemma keeps it."""
    rules = spacy_nlp.get_pipe("lemmatizer")
    ours = [t.lemma_ for t in LemmaTable(rules)(_tagged(spacy_nlp, "s'en aller"))]
    assert ours == [t.lemma_ for t in rules(_tagged(spacy_nlp, "s'en aller"))]
    assert ours[1:3] == ["être", "s'en aller"]


def test_a_word_the_parser_misreads_is_parsed_through_its_stand_in(nlp):
    doc = nlp("Le Rwanda dément tout soutien aux rebelles.")
    verb = doc[2]
    assert (verb.text, verb.pos_, verb.lemma_, verb.dep_) == ("réfute", "VERB", "démentir", "ROOT")
    assert doc[1].dep_ == "nsubj" and doc[1].head.i == 2
    assert surface(verb) == "dément" and surface(doc[1]) == "Rwanda"
    assert len(doc.text) == len("Le Rwanda dément tout soutien aux rebelles.")  # offsets do not move


def test_a_stand_in_of_another_length_is_refused_naming_the_word():
    with pytest.raises(ValueError, match="'dément'"):
        respellings({"respell": {"dément": {"stand_in": "nie", "lemma": "démentir"}}})


@pytest.mark.parametrize("text, verb, lemma", [
    ("L'Algérie ferme son espace aérien aux avions militaires français.", "ferme", "fermer"),
    ("Washington sanctionne le chef de la junte birmane.", "sanctionne", "sanctionner"),
    ("Emmanuel Macron visite l'usine de Belfort.", "visite", "visiter"),
])
def test_a_present_tense_verb_read_as_a_noun_is_parsed_as_a_verb(nlp, text, verb, lemma):
    tok = next(t for t in nlp(text) if surface(t) == verb)
    assert (tok.pos_, tok.dep_, tok.lemma_) == ("VERB", "ROOT", lemma)


@pytest.mark.parametrize("text", ["Le juge les a condamnés.", "La visite de Macron à Alger a été reportée.",
                                  "La critique de Berlin a été vive."])
def test_the_same_words_as_nouns_are_left_as_they_are(nlp, text):
    assert "respelled" not in nlp(text).user_data


def test_sentences_start_after_final_punctuation_or_a_blank_line(nlp):
    """A title with no full stop is its own sentence; a sentence-initial name does not end one ("Pyongyang | a
    mis en garde" was cut by the parser); a line break alone starts one."""
    doc = nlp("Tension dans le Golfe\n\nPyongyang a mis en garde Séoul mardi. La Chine appelle au calme.\nFin")
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents == ["Tension dans le Golfe", "Pyongyang a mis en garde Séoul mardi.", "La Chine appelle au calme.",
                     "Fin"]


def test_sentence_starts_reads_the_texts_arrays_as_the_token_walk_did(nlp, examples_dir):
    """The component sets exactly the starts the former walk over tokens set, on the examples and odd spacing."""
    from chronique.nlp import SENTENCE_ENDS

    def walk(doc):
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if prev.is_space and "\n" in prev.text:
                tok.is_sent_start = True
            elif not (prev.is_space or prev.text[-1] in SENTENCE_ENDS or tok.is_space):
                tok.is_sent_start = False
        return doc

    component = nlp.get_pipe("sentence_starts")
    texts = _texts(examples_dir) + [t.replace("\n", "\n \n\t") for t in SENTENCES] + ["a", "«Oui», dit-il.\n\nNon"]
    for text in texts:
        ours, theirs = component(nlp.make_doc(text)), walk(nlp.make_doc(text))
        assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs], text[:60]










def test_the_transition_batches_change_no_annotation(nlp, examples_dir):
    from chronique.nlp import pipe
    texts = _texts(examples_dir) * 3
    attrs = [TAG, POS, MORPH, DEP, HEAD, LEMMA]
    for one, batched in zip(nlp.pipe(texts, batch_size=16), pipe(nlp, texts, batch_size=16)):
        assert numpy.array_equal(one.to_array(attrs), batched.to_array(attrs))
        assert [(e.start, e.end, e.label_) for e in one.ents] == [(e.start, e.end, e.label_) for e in batched.ents]
