"""One event filter: the CLI ``events`` and ``timeline`` commands and the API select the same events."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from fastapi.testclient import TestClient

from chronique.cli import main
from chronique.dedup.index import assign_clusters
from chronique.model import Actor, Document, DocResult, Event, Place
from chronique.serve.app import Settings, create_app
from chronique.store.db import Store
from chronique.store.filters import EventFilter

PUTIN = Actor(text="Vladimir Poutine", name="Vladimir Putin", country="RUS", sector="GOV", id="Q7747")
MACRON = Actor(text="le président français", name="Emmanuel Macron", country="FRA", sector="GOV", id="Q3052772")
MALI = Actor(text="la junte malienne", country="MLI", sector="MIL")
CROWD = Actor(text="des manifestants", country="SEN", sector="CVL")
EU = Actor(text="Bruxelles", name="European Union", country="IGO", sector="IGO")
HANOI = Actor(text="le gouvernement de Hanoï", country="VNM", sector="GOV")
# (doc, type, date, actors, recipients, place): one event per document, dates at every precision.
EVENTS = [
    ("day", "CONSULT", "2024-03-05", [PUTIN], [MACRON], Place(text="à Paris", name="Paris", country="FRA")),
    ("day2", "CONSULT", "2024-03-05", [MACRON], [PUTIN], None),
    ("month", "ACCUSE", "2024-03", [MALI], [MACRON], None),
    ("year", "PROTEST", "2024", [CROWD], [], Place(text="à Dakar", name="Dakar", country="SEN")),
    ("week", "SANCTION", "2024-W10", [EU], [PUTIN], None),
    ("before", "ASSAULT", "2023-12-31", [MALI], [], None),
    ("undated", "AGREE", None, [HANOI], [], None),
]
FILTERS = [
    {}, {"actor": "poutine"}, {"actor": "POUTINE"}, {"actor": "Q7747"}, {"actor": "rus"}, {"actor": "hanoi"},
    {"actor": "junte"}, {"country": "fra"}, {"country": "SEN"}, {"event_type": "CONSULT"},
    {"since": "2024-03"}, {"since": "2024-03-05"}, {"since": "2024-03-06"}, {"until": "2024-03-04"},
    {"until": "2024-02"}, {"until": "2023"}, {"since": "2024-03-01", "until": "2024-03-04"},
    {"actor": "macron", "since": "2024-03-05", "until": "2024-03-05"},
]
CLI_FLAGS = {"actor": "--actor", "country": "--country", "event_type": "--type", "since": "--since", "until": "--until"}
API_PARAMS = {"actor": "actor", "country": "country", "event_type": "type", "since": "since", "until": "until"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("filters") / "f.duckdb"
    results = []
    for doc, etype, date, actor, recipient, place in EVENTS:
        text = f"Une dépêche inventée pour le test du filtre ({doc}), rédigée par l'équipe."
        ev = Event(doc=doc, id=f"{doc}-e1", event_type=etype, evidence=text, start=0, end=len(text), actor=actor,
                   recipient=recipient, date=date, date_basis="explicit" if date else "unknown", location=place)
        results.append(DocResult(Document(id=doc, text=text, published=dt.date(2024, 3, 6)), [ev]))
    with Store(path) as s:
        s.write(results, version="v1")
        assign_clusters(s)
    return path


@pytest.fixture(scope="module")
def api(db):
    app = create_app(Settings(db=str(db), read_only=True))
    with TestClient(app) as client:
        yield client


def _cli(capsys, command: str, db, f: dict) -> list[dict]:
    args = [a for k, v in f.items() for a in (CLI_FLAGS[k], v)]
    assert main([command, "--db", str(db), "--json", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _api(api, endpoint: str, f: dict) -> list[dict]:
    res = api.get(f"/api/{endpoint}", params={API_PARAMS[k]: v for k, v in f.items()} | {"limit": 500})
    assert res.status_code == 200, res.text
    return res.json()["items"]


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "none")
def test_cli_api_and_timeline_select_the_same_events(db, api, capsys, f):
    with Store(db, read_only=True) as s:
        expected = s.events(EventFilter(**f))
    ids = {e.id for e in expected}
    clusters = {e.cluster for e in expected}
    assert {e["id"] for e in _cli(capsys, "events", db, f)} == ids
    assert {e["id"] for e in _api(api, "events", f)} == ids
    assert {e["cluster"] for e in _cli(capsys, "timeline", db, f)} == clusters
    assert {g["key"] for g in _api(api, "timeline", f)} == clusters


def _docs(db, **f) -> set[str]:
    """The documents whose event the filter selects (one event per document)."""
    with Store(db, read_only=True) as s:
        return {e.doc for e in s.events(EventFilter(**f))}


def test_actor_is_an_id_a_name_or_mention_part_or_a_country_code(db):
    assert _docs(db, actor="poutine") == _docs(db, actor="Q7747") == _docs(db, actor="rus") == {"day", "day2", "week"}
    assert _docs(db, actor="hanoi") == {"undated"}  # accents and case ignored
    assert _docs(db, actor="Macron") == {"day", "day2", "month"}


def test_dates_are_inclusive_at_the_precision_given_and_meet_coarser_event_dates(db):
    assert _docs(db, since="2024-03") == {"day", "day2", "month", "year", "week"}
    assert _docs(db, until="2024-03-04") == {"month", "year", "week", "before"}  # W10 starts on Monday 4 March
    assert _docs(db, since="2024-03-06") == {"month", "year", "week"}  # W10 runs to Sunday 10 March
    assert _docs(db, until="2024-02") == {"year", "before"}
    assert _docs(db, since="2023", until="2023") == {"before"}
    with pytest.raises(ValueError, match="YYYY"):
        EventFilter(until="mars 2024")


@pytest.mark.parametrize("kwargs,message", [
    ({"since": "2023-02-30"}, "since: '2023-02-30' is not a real date"),
    ({"until": "2023-00"}, "until: '2023-00' is not a real date"),
    ({"until": "2021-W53"}, "until: '2021-W53' is not a real date"),
    ({"since": "le 3 mars"}, "since: expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www, got 'le 3 mars'"),
    ({"since": "2024-03", "until": "2024-02"}, "until: 2024-02 ends before since (2024-03) begins"),
    ({"event_type": "NOPE"}, "type: unknown value 'NOPE'; expected one of AGREE"),
    ({"quad": "conflict"}, "quad: unknown value 'conflict'"),
    ({"country": "FR"}, "country: expected an ISO 3166 alpha-3 code"),
    ({"q": "x"}, "q: expected 2 to 200 characters, got 1"),
    ({"actor": "a" * 201}, "actor: expected 1 to 200 characters, got 201"),
])
def test_a_filter_refuses_what_cannot_select_anything_with_the_reason(kwargs, message):
    from chronique.store.filters import FilterError

    with pytest.raises(FilterError) as caught:
        EventFilter(**kwargs)
    assert str(caught.value).startswith(message)


def test_real_edges_of_the_calendar_are_accepted():
    for kwargs in ({"since": "2024-02-29"}, {"until": "2020-W53"}, {"since": "2023-12", "until": "2023-12-31"},
                   {"since": "2024-03-04", "until": "2024-W10"}, {"event_type": "consult"}, {"country": "fra"}):
        EventFilter(**kwargs)
