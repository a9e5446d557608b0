"""Within a document, the mentions of one event merge into one record that keeps every evidence span."""
from chronique.dedup.index import assign_clusters

from .conftest import SINGAPOUR, clusters_by_event, doc, ev

SUMMIT_1 = "Donald Trump et Kim Jong-un se sont rencontrés mardi à Singapour."
SUMMIT_2 = "La rencontre entre les deux dirigeants a duré près de cinq heures."
SUMMIT_3 = "Le sommet du 12 juin restera dans les mémoires, estime Séoul."
OTHER = "Kim Jong-un avait rencontré Moon Jae-in en avril à Panmunjom."


def _summit_doc():
    return doc("a1", "2018-06-13", [
        ev("a1", 1, "CONSULT", SUMMIT_1, actor=("trump", "kim"), date="2018-06-12", basis="relative",
           place=SINGAPOUR),
        ev("a1", 2, "CONSULT", SUMMIT_2, actor=("trump", "kim"), date=None, basis="unknown"),
        ev("a1", 3, "CONSULT", SUMMIT_3, actor=("kim", "trump"), date="2018-06-12", basis="explicit"),
        ev("a1", 4, "CONSULT", OTHER, actor=("kim", "moon"), date="2018-04", basis="explicit"),
    ])


def test_three_mentions_of_one_summit_become_one_merged_event(store):
    store.write([_summit_doc()])
    assign_clusters(store)
    ids = clusters_by_event(store)
    assert ids["a1-e1"] == ids["a1-e2"] == ids["a1-e3"]
    assert ids["a1-e4"] != ids["a1-e1"]
    (row,) = store.con.execute("SELECT date, date_basis, mode, location_country, len(spans), event_ids, "
                               "list_transform(actor, lambda x: x.country) FROM merged_events "
                               "WHERE list_contains(event_ids, 'a1-e1')").fetchall()
    date, basis, mode, country, n_spans, event_ids, countries = row
    assert (date, basis, mode, country, n_spans) == ("2018-06-12", "explicit", None, "SGP", 3)
    assert event_ids == ["a1-e1", "a1-e2", "a1-e3"] and sorted(countries) == ["PRK", "USA"]


def test_every_mention_line_is_kept(store):
    store.write([_summit_doc()])
    assign_clusters(store)
    assert store.con.execute("SELECT count(*) FROM events").fetchone()[0] == 4
    assert store.con.execute("SELECT count(*) FROM merged_events").fetchone()[0] == 2
    assert all(e.cluster for e in store.events())


def test_conflicting_modes_or_places_do_not_merge(store):
    phone = "Donald Trump et Kim Jong-un se sont parlé au téléphone le 12 juin."
    store.write([doc("a2", "2018-06-13", [
        ev("a2", 1, "CONSULT", SUMMIT_1, actor=("trump", "kim"), date="2018-06-12", mode="third-party"),
        ev("a2", 2, "CONSULT", phone, actor=("trump", "kim"), date="2018-06-12", mode="phone"),
    ])])
    assign_clusters(store)
    ids = clusters_by_event(store)
    assert ids["a2-e1"] != ids["a2-e2"]


def test_two_demands_in_one_sentence_stay_two_events(store):
    both = "La Cédéao exige la libération de Mohamed Bazoum et le retour à l'ordre constitutionnel."
    store.write([doc("a3", "2023-07-30", [
        ev("a3", 1, "REQUEST", both, actor=("cedeao",), date="2023-07-30", start=0),
        ev("a3", 2, "REQUEST", both, actor=("cedeao",), recipient=("bazoum",), date="2023-07-30", start=0),
        ev("a3", 3, "REQUEST", both, actor=("cedeao",), date="2023-07-30", basis="publication", start=0),
    ])])
    assign_clusters(store)
    ids = clusters_by_event(store)
    assert ids["a3-e1"] == ids["a3-e3"] != ids["a3-e2"]
