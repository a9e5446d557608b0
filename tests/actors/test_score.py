"""The actor measure: found by a shared mention, then right country / right person."""
from chronique.actors.score import mention_key, score_actors

GOLD = [
    {"doc": "a", "name": "Jean Test", "type": "PER", "country": "FRA", "mentions": ["Jean Test", "le ministre"]},
    {"doc": "a", "name": "Mali", "type": "GPE", "country": "MLI", "mentions": ["le Mali"]},
    {"doc": "a", "name": "Nowhere Union", "type": "ORG", "country": "BEL", "mentions": ["l'UNT"]},
    {"doc": "b", "name": "Jean Test", "type": "PER", "country": "FRA", "mentions": ["Jean Test"]},
]


def test_found_by_a_shared_mention_in_the_same_document():
    pred = [{"doc": "a", "name": "Jean Test", "country": "FRA", "mentions": ["Jean Test"]},
            {"doc": "a", "name": "Mali", "country": "SEN", "mentions": ["du Mali"]},
            {"doc": "c", "name": "Jean Test", "country": "FRA", "mentions": ["Jean Test"]}]
    s = score_actors(GOLD, pred).summary()
    assert (s["n_country"], s["country_accuracy"], s["country_found"]) == (2, 0.5, 0.5)
    assert (s["n_person"], s["person_linking"], s["person_found"]) == (1, 1.0, 0.5)


def test_mention_key_drops_one_leading_article():
    assert mention_key("du Mali") == mention_key("le Mali") == "mali"
    assert mention_key("Le") == "le"
