"""Syndicated copies of one dispatch are linked and counted as one source."""
from chronique.dedup import syndication
from chronique.dedup.index import assign_clusters

from .conftest import clusters_by_event, doc, ev

DISPATCH = (
    "Les chefs d'État de la Communauté des États d'Afrique de l'Ouest se sont réunis dimanche à Abuja "
    "pour un sommet extraordinaire consacré à la situation au Niger. À l'issue de la réunion, la Cédéao a "
    "menacé d'utiliser la force si le président renversé n'était pas rétabli dans ses fonctions dans un "
    "délai d'une semaine. Ils ont aussi gelé les échanges "
    "commerciaux et les flux financiers avec Niamey, et de geler les avoirs des responsables militaires impliqués. "
    "Plusieurs capitales de la région ont salué une réponse ferme, tandis que la junte a dénoncé une "
    "ingérence et appelé la population à se mobiliser pour défendre la souveraineté du pays.")
SENTENCE = "la Cédéao a menacé d'utiliser la force si le président renversé n'était pas rétabli"
OWN = ("À Abuja, les dirigeants ouest-africains ont adressé un ultimatum d'une semaine aux militaires "
       "nigériens; notre correspondant rapporte que la menace d'une intervention armée a surpris les "
       "diplomates présents, qui s'attendaient à des sanctions économiques seulement.")


def test_minhash_finds_a_copy_and_not_an_independent_report():
    orig = syndication.signature("o", DISPATCH)
    copy = syndication.signature("c", "NIGER — " + DISPATCH.replace("dimanche", "ce dimanche") + " (Avec AFP)")
    trimmed = syndication.signature("t", DISPATCH[: len(DISPATCH) * 2 // 3])
    other = syndication.signature("x", OWN)
    links = {(ln.doc_a, ln.doc_b) for ln in syndication.near_duplicates([orig, copy, trimmed, other])}
    assert ("c", "o") in links and ("o", "t") in links
    assert not any("x" in pair for pair in links)
    assert syndication.groups(["c", "o", "t", "x"], syndication.near_duplicates([orig, copy, trimmed]))["t"] == "c"


def test_a_syndicated_copy_is_not_double_counted(store):
    def threat(doc_id, date, basis):
        return ev(doc_id, 1, "THREATEN", SENTENCE, actor=("cedeao",), date=date, basis=basis, mode="violence")

    store.write([
        doc("orig", "2023-07-30", [threat("orig", "2023-07-30", "relative")], text=DISPATCH, source="agence.fr"),
        # republished four days later: the undated copy gets another publication date, still one event
        doc("copy", "2023-08-03", [threat("copy", "2023-08-03", "publication")],
            text="Niger : " + DISPATCH + " Avec agences.", source="journal.fr"),
        doc("own", "2023-07-31", [ev("own", 1, "THREATEN", OWN, actor=("cedeao",), date="2023-07-30",
                                     basis="relative", mode="violence")], text=OWN, source="quotidien.fr"),
    ])
    report = assign_clusters(store)
    assert report.syndicated_links == 1
    assert store.con.execute("SELECT doc_a, doc_b FROM document_links").fetchall() == [("copy", "orig")]
    ids = clusters_by_event(store)
    assert ids["orig-e1"] == ids["copy-e1"] == ids["own-e1"]
    n_mentions, n_docs, n_sources = store.con.execute(
        "SELECT n_mentions, n_documents, n_sources FROM clusters").fetchone()
    assert (n_mentions, n_docs, n_sources) == (3, 3, 2)


def test_the_store_links_the_pairs_the_in_memory_lsh_links(store):
    """Links found by joining stored LSH bands (``doc_bands``) are those of ``syndication.near_duplicates``."""
    texts = {"orig": DISPATCH, "copy": "NIGER — " + DISPATCH + " (Avec AFP)",
             "trim": DISPATCH[: len(DISPATCH) * 2 // 3], "own": OWN, "stub": SENTENCE}
    store.write([doc(d, "2023-07-30", [], text=t) for d, t in texts.items()])
    assign_clusters(store)
    stored = store.con.execute("SELECT doc_a, doc_b, jaccard, containment FROM document_links "
                               "ORDER BY 1, 2").fetchall()
    expected = syndication.near_duplicates(syndication.signature(d, t) for d, t in texts.items())
    assert stored == [(ln.doc_a, ln.doc_b, ln.jaccard, ln.containment) for ln in expected] and len(stored) == 3
