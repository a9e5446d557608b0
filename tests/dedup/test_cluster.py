"""Across documents: reports of one event share a stable cluster id; distinct events stay apart."""
from chronique.dedup.index import assign_clusters

from chronique.model import Place

from .conftest import clusters_by_event, doc, ev

SANCTION_A = "L'Union européenne a adopté jeudi un deuxième paquet de sanctions contre la Russie."
SANCTION_B = "Bruxelles a frappé Moscou de nouvelles sanctions la semaine dernière."
SANCTION_C = "Les sanctions européennes décidées en février visent les banques russes."
SANCTION_D = "En juillet, l'Union européenne a de nouveau sanctionné la Russie."


def _sanctions(doc_id, published, text, date, basis="explicit"):
    return doc(doc_id, published, [ev(doc_id, 1, "SANCTION", text, actor=("ue",), recipient=("russie",),
                                      date=date, basis=basis, mode="discontinue")])


def test_mixed_date_precisions_join_one_cluster(store):
    store.write([_sanctions("s1", "2022-02-25", SANCTION_A, "2022-02-24", "relative"),
                 _sanctions("s2", "2022-03-02", SANCTION_B, "2022-W08", "relative"),
                 _sanctions("s3", "2022-03-10", SANCTION_C, "2022-02"),
                 _sanctions("s4", "2022-07-22", SANCTION_D, "2022-07")])
    report = assign_clusters(store)
    ids = clusters_by_event(store)
    assert ids["s1-e1"] == ids["s2-e1"] == ids["s3-e1"]
    assert ids["s4-e1"] != ids["s1-e1"]
    assert report.clusters == 2 and report.multi_document == 1
    n_docs, n_src, start, end = store.con.execute(
        "SELECT n_documents, n_sources, date_start, date_end FROM clusters WHERE id = ?", [ids["s1-e1"]]).fetchone()
    assert (n_docs, n_src) == (3, 3) and start == end and start.isoformat() == "2022-02-24"


def test_reports_on_different_days_join(store):
    text = "La Cédéao a menacé dimanche d'utiliser la force."
    store.write([doc("n1", "2023-07-30", [ev("n1", 1, "THREATEN", text, actor=("cedeao",), date="2023-07-30",
                                             basis="publication")]),
                 doc("n2", "2023-07-31", [ev("n2", 1, "THREATEN", text, actor=("cedeao",), date="2023-07-30",
                                             basis="relative")])])
    assign_clusters(store)
    ids = clusters_by_event(store)
    assert ids["n1-e1"] == ids["n2-e1"]


def test_two_distinct_invitations_stay_apart(store):
    invite_1 = "Donald Trump a invité Kim Jong-un à la Maison Blanche."
    invite_2 = "Kim Jong-un a invité Donald Trump à Pyongyang."
    invite_3 = "Donald Trump a de nouveau invité Kim Jong-un, cette fois en septembre."
    store.write([doc("i1", "2018-06-12", [ev("i1", 1, "AGREE", invite_1, actor=("trump",), recipient=("kim",),
                                             date="2018-06-12")]),
                 doc("i2", "2018-06-12", [ev("i2", 1, "AGREE", invite_2, actor=("kim",), recipient=("trump",),
                                             date="2018-06-12")]),
                 doc("i3", "2018-09-20", [ev("i3", 1, "AGREE", invite_3, actor=("trump",), recipient=("kim",),
                                             date="2018-09-19")])])
    assign_clusters(store)
    ids = clusters_by_event(store)
    assert len({ids["i1-e1"], ids["i2-e1"], ids["i3-e1"]}) == 3


def test_two_bodies_with_the_same_generic_code_are_not_one_actor(store):
    store.write([doc("g1", "2023-07-30", [ev("g1", 1, "SANCTION", "La Cédéao sanctionne.", actor=("cedeao",),
                                             date="2023-07-30")]),
                 doc("g2", "2023-07-30", [ev("g2", 1, "SANCTION", "L'UE sanctionne.", actor=("ue",),
                                             date="2023-07-30")])])
    assign_clusters(store)
    ids = clusters_by_event(store)
    assert ids["g1-e1"] != ids["g2-e1"]


def test_ids_are_stable_and_incremental_runs_join_earlier_clusters(store):
    store.write([_sanctions("s1", "2022-02-25", SANCTION_A, "2022-02-24", "relative")])
    assign_clusters(store)
    first = clusters_by_event(store)["s1-e1"]
    assign_clusters(store)
    assert clusters_by_event(store)["s1-e1"] == first
    store.write([_sanctions("s3", "2022-03-10", SANCTION_C, "2022-02")])
    assign_clusters(store)
    ids = clusters_by_event(store)
    assert ids["s1-e1"] == ids["s3-e1"] == first


def test_negated_reports_never_join_factual_ones(store):
    store.write([_sanctions("s1", "2022-02-25", SANCTION_A, "2022-02-24"),
                 doc("s5", "2022-02-25", [ev("s5", 1, "SANCTION", "L'UE n'a pas sanctionné la Russie jeudi.",
                                             actor=("ue",), recipient=("russie",), date="2022-02-24",
                                             mode="discontinue", aux="negated")])])
    assign_clusters(store)
    ids = clusters_by_event(store)
    assert ids["s1-e1"] != ids["s5-e1"]


def test_a_report_joins_the_event_of_its_exact_date_not_the_previous_days_one(store):
    first = "Le 23 février, l'Union européenne avait adopté un premier train de sanctions contre la Russie."
    second = "Le 24 février, l'Union européenne a adopté un deuxième train de sanctions contre la Russie."
    store.write([doc("p1", "2022-02-25", [_sanction_ev("p1", 1, first, "2022-02-23"),
                                          _sanction_ev("p1", 2, second, "2022-02-24")]),
                 doc("p2", "2022-02-25", [_sanction_ev("p2", 1, second, "2022-02-24")])])
    assign_clusters(store)
    ids = clusters_by_event(store)
    assert ids["p1-e1"] != ids["p1-e2"] == ids["p2-e1"]


def test_stated_days_may_differ_by_one_but_a_publication_day_may_not(store):
    """"mardi soir" in one report is "mercredi" in another (late news, time zones); a date only
    assumed from the publication has no such latitude."""
    text = "Donald Trump et Kim Jong-un se sont engagés à se revoir."
    store.write([doc("t1", "2018-11-14", [_truce("t1", text, "2018-11-13", "relative")]),
                 doc("t2", "2018-11-15", [_truce("t2", text, "2018-11-14", "relative")]),
                 doc("t3", "2018-11-12", [_truce("t3", text, "2018-11-12", "publication")]),
                 doc("t4", "2018-11-15", [_truce("t4", text, "2018-11-15", "publication")])])
    assign_clusters(store)
    ids = clusters_by_event(store)
    assert ids["t1-e1"] == ids["t2-e1"]
    assert len({ids["t1-e1"], ids["t3-e1"], ids["t4-e1"]}) == 3


def test_only_a_stated_place_keeps_two_reports_apart(store):
    """The story's scene, assumed for a sentence that names no place, never vetoes a match."""
    text = "Les rebelles ont attaqué une position de l'armée."
    goma = Place(text="Goma", name="Goma", country="COD")
    kampala = Place(text="Kampala", name="Kampala", country="UGA")
    scene = Place(text="Ouganda", name="Uganda", country="UGA", basis="scene")
    events = {d: ev(d, 1, "ASSAULT", text, actor=("ue",), date="2022-06-13", place=p)
              for d, p in (("a1", goma), ("a2", scene), ("a3", kampala))}
    store.write([doc(d, "2022-06-13", [e]) for d, e in events.items()])
    assign_clusters(store)
    ids = clusters_by_event(store)
    assert ids["a1-e1"] == ids["a2-e1"] != ids["a3-e1"]
    place, basis = store.con.execute("SELECT location_country, location_basis FROM clusters WHERE id = ?",
                                     [ids["a1-e1"]]).fetchone()
    assert (place, basis) == ("COD", "stated")


def _sanction_ev(doc_id, n, text, date):
    return ev(doc_id, n, "SANCTION", text, actor=("ue",), recipient=("russie",), date=date, mode="discontinue")


def _truce(doc_id, text, date, basis):
    return ev(doc_id, 1, "AGREE", text, actor=("trump", "kim"), date=date, basis=basis)
