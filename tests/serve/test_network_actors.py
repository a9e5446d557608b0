"""The example corpus's actor network, over the API: every node is a coded actor, none is an adjective or a place."""
from __future__ import annotations

from chronique.actors import default_kb, key
from chronique.geo import resolve_place


def _not_an_actor(node: dict) -> str | None:
    """Why a network node is no actor (a demonym/adjective, or a place that is not a state), else None."""
    kb = default_kb()
    k = key(node["name"] or "")
    if not node["country"] and not node["sector"]:
        return "neither country nor sector"
    if k in kb.adjectives or k in kb.demonyms:
        return "a nationality adjective or demonym"
    state = kb.entities.get(node["id"])
    if resolve_place(node["name"], "fr") is not None and (state is None or state.type != "GPE"):
        return "a place"
    return None


def test_every_network_node_is_a_coded_actor(client):
    nodes = client.get("/api/network", params={"max_nodes": 500}).json()["nodes"]
    assert len(nodes) > 20
    bad = {n["name"]: why for n in nodes if (why := _not_an_actor(n))}
    assert not bad, bad


def test_the_check_catches_places_and_adjectives():
    assert _not_an_actor({"id": "Paris", "name": "Paris", "country": "FRA", "sector": "CVL"}) == "a place"
    assert _not_an_actor({"id": "américaine", "name": "américaine", "country": "USA", "sector": "GOV"})
    assert _not_an_actor({"id": "Ri", "name": "Ri", "country": None, "sector": None})
    assert _not_an_actor({"id": "FRA", "name": "France", "country": "FRA", "sector": "GOV"}) is None
