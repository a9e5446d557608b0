"""Hand-built documents and events (the team's own French sentences) for the de-duplication tests."""
from __future__ import annotations

import datetime as dt

import pytest

from chronique.model import Actor, Document, DocResult, Event, Place
from chronique.store.db import Store

PARTIES = {
    "trump": Actor(text="Donald Trump", name="Donald Trump", country="USA", sector="GOV"),
    "kim": Actor(text="Kim Jong-un", name="Kim Jong-un", country="PRK", sector="GOV"),
    "moon": Actor(text="Moon Jae-in", name="Moon Jae-in", country="KOR", sector="GOV"),
    "ue": Actor(text="l'Union européenne", name="European Union", country="IGO", sector="IGO"),
    "cedeao": Actor(text="la Cédéao", name="Economic Community of West African States", country="IGO",
                    sector="IGO"),
    "bazoum": Actor(text="Mohamed Bazoum", name="Mohamed Bazoum", country="NER", sector="GOV", id="Q3318311"),
    "russie": Actor(text="la Russie", name="Russia", country="RUS", sector="GOV"),
}
SINGAPOUR = Place(text="Singapour", name="Singapore", country="SGP", lat=1.29, lon=103.85)


def ev(doc: str, n: int, etype: str, text: str, actor=(), recipient=(), date=None, basis="explicit",
       mode=None, place=None, aux="none", start=None) -> Event:
    """One event mention; offsets default to a position derived from ``n``."""
    s = start if start is not None else n * 200
    return Event(doc=doc, id=f"{doc}-e{n}", event_type=etype, evidence=text, start=s, end=s + len(text),
                 mode=mode, actor=[PARTIES[a] for a in actor], recipient=[PARTIES[r] for r in recipient],
                 date=date, date_basis=basis, location=place, aux=aux)


def doc(doc_id: str, published: str, events: list[Event], text: str | None = None,
        source: str = "exemple.fr") -> DocResult:
    body = text if text is not None else " ".join(e.evidence for e in events) + f" ({doc_id})"
    d = Document(id=doc_id, text=body, published=dt.date.fromisoformat(published), source=source,
                 url=f"https://{source}/{doc_id}", origin="test")
    return DocResult(document=d, events=events)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "dedup.duckdb") as s:
        yield s


def clusters_by_event(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT id, cluster FROM events").fetchall())
