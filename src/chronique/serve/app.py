"""The FastAPI application: a read API over the DuckDB store, article ingestion, and the web page.

Reads use one DuckDB cursor per request (a connection must not be shared across threads);
ingestion goes through ``Ingestor`` under a lock. Every list is paginated (``limit``/``offset``)
and every input validated; the OpenAPI document is at ``/openapi.json``, browsable at ``/docs`` (serve/docs.py).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from chronique.version import __version__
from chronique.ingest.limits import Limits
from chronique.serve import queries as Q
from chronique.serve.docs import docs_routes
from chronique.serve.guard import DEFAULT_MAX_BODY, BodyLimit, SecurityHeaders, check_bind, token_checker
from chronique.serve.ingest import IngestError, Ingestor
from chronique.serve.sources import Background, sources_router
from chronique.serve.schemas import (
    COUNTRY_PATTERN, ActorDetail, ActorOut, ArticleIn, BatchIn, BatchOut, DocumentInfo, DocumentOut,
    EventDetail, EventOut, IngestOut, Network, Overview, Page, TimelineItem,
)
from chronique.store.db import Store
from chronique.plover import AUX_VALUES, EVENT_TYPES
from chronique.store.filters import BOUND_FORMS, MAX_TEXT, MIN_QUERY, QUADS, ROLES, EventFilter, FilterError
from chronique.watch import WatchOptions

STATIC = Path(__file__).parent / "static"
Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]


@dataclass(frozen=True)
class Settings:
    """How the server runs: which store, where it listens (for the token rule), what it accepts."""

    db: str
    host: str = "127.0.0.1"
    token: str | None = None
    read_only: bool = False
    max_body: int = DEFAULT_MAX_BODY
    watch: WatchOptions | None = None  # sources followed in the server's process (serve --watch)


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh cursor on the shared connection for this request, closed afterwards."""
    cur = request.app.state.store.con.cursor()
    try:
        yield cur
    finally:
        cur.close()


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


def _doc(text: str, **schema) -> dict:
    """Query parameter options: documentation only (``json_schema_extra``); ``EventFilter`` validates."""
    return {"description": text, "json_schema_extra": schema}


def event_filter(
    actor: Annotated[str | None, Query(**_doc("actor id, part of a name or mention, or ISO country code",
                                              maxLength=MAX_TEXT))] = None,
    role: Annotated[str | None, Query(**_doc("with actor: only where it plays this role", enum=list(ROLES)))] = None,
    country: Annotated[str | None, Query(**_doc("ISO alpha-3 code", pattern=COUNTRY_PATTERN))] = None,
    type: Annotated[str | None, Query(**_doc("PLOVER event type", enum=list(EVENT_TYPES)))] = None,  # noqa: A002
    quad: Annotated[str | None, Query(**_doc("PLOVER quad", enum=list(QUADS)))] = None,
    aux: Annotated[str | None, Query(**_doc("modality", enum=list(AUX_VALUES)))] = None,
    since: Annotated[str | None, Query(**_doc(f"{BOUND_FORMS}, inclusive"))] = None,
    until: Annotated[str | None, Query(**_doc(f"{BOUND_FORMS}, inclusive"))] = None,
    q: Annotated[str | None, Query(**_doc("free text", minLength=MIN_QUERY, maxLength=MAX_TEXT))] = None,
    doc: Annotated[str | None, Query(**_doc("document id", maxLength=MAX_TEXT))] = None,
    cluster: Annotated[str | None, Query(**_doc("cluster id", maxLength=MAX_TEXT))] = None,
) -> EventFilter:
    """The shared event filters (``store.filters``), validated there: 422 with the CLI's own message."""
    try:
        return EventFilter(actor=actor, role=role, country=country, event_type=type, quad=quad, aux=aux,
                           since=since, until=until, q=q, docs=(doc,) if doc else None, cluster=cluster)
    except FilterError as exc:
        raise HTTPException(422, str(exc)) from exc


Filters = Annotated[EventFilter, Depends(event_filter)]


def _found(value, what: str, key: str):
    if value is None:
        raise HTTPException(404, f"{what} {key!r} not found")
    return value


def read_routes() -> APIRouter:
    """The GET endpoints."""
    r = APIRouter(prefix="/api")

    @r.get("/overview", response_model=Overview, tags=["overview"])
    def overview(cur: Cursor, request: Request):
        """Counts, and the values the filters can take (types, quads, countries, date range)."""
        s: Settings = request.app.state.settings
        return {**Q.overview(cur), "ingest": not s.read_only, "token_required": s.token is not None}

    @r.get("/names", response_model=dict[str, str], tags=["actors"])
    def names(cur: Cursor):
        """French display names of the stored actors' canonical (English) names, where the data has one."""
        return Q.display_names(cur)

    @r.get("/events", response_model=Page[EventOut], tags=["events"])
    def events(cur: Cursor, f: Filters, limit: Limit = 50, offset: Offset = 0,
               order: Annotated[str, Query(pattern="^(asc|desc)$")] = "asc"):
        """Events matching every given filter, by date."""
        return Q.list_events(cur, f, limit, offset, order)

    @r.get("/events/{event_id}", response_model=EventDetail, tags=["events"],
           responses={404: {"description": "no such event"}})
    def event(cur: Cursor, event_id: str):
        """One event with its evidence in context, its article and the rest of its cluster."""
        return _found(Q.event_detail(cur, event_id), "event", event_id)

    @r.get("/timeline", response_model=Page[TimelineItem], tags=["events"])
    def timeline(cur: Cursor, f: Filters, limit: Limit = 200, offset: Offset = 0):
        """The chronology: clusters (or lone events) in date order."""
        return Q.timeline(cur, f, limit, offset)

    @r.get("/network", response_model=Network, tags=["actors"])
    def network(cur: Cursor, f: Filters, max_nodes: Annotated[int, Query(ge=2, le=500)] = 60,
                min_weight: Annotated[int, Query(ge=1, le=10_000)] = 1):
        """Who acts on whom: nodes are actors, edges weighted by events and coloured by quad."""
        return Q.network(cur, f, max_nodes, min_weight)

    @r.get("/actors", response_model=Page[ActorOut], tags=["actors"])
    def actors(cur: Cursor, limit: Limit = 50, offset: Offset = 0,
               q: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
               country: Annotated[str | None, Query(pattern=COUNTRY_PATTERN)] = None):
        """Actors, most active first."""
        return Q.list_actors(cur, q, country, limit, offset)

    @r.get("/actors/{actor_id:path}", response_model=ActorDetail, tags=["actors"],
           responses={404: {"description": "no such actor"}})
    def actor(cur: Cursor, actor_id: str, limit: Limit = 50, offset: Offset = 0):
        """One actor: its roles, event types and events."""
        return _found(Q.actor_detail(cur, actor_id, limit, offset), "actor", actor_id)

    @r.get("/documents", response_model=Page[DocumentInfo], tags=["documents"])
    def documents(cur: Cursor, limit: Limit = 50, offset: Offset = 0,
                  q: Annotated[str | None, Query(min_length=2, max_length=200)] = None):
        """Stored articles, newest first."""
        return Q.list_documents(cur, q, limit, offset)

    @r.get("/documents/{doc_id}", response_model=DocumentOut, tags=["documents"],
           responses={404: {"description": "no such document"}})
    def document(cur: Cursor, doc_id: str):
        """An article's text with its evidence spans and time expressions."""
        return _found(Q.document_detail(cur, doc_id), "document", doc_id)

    return r


def write_routes(settings: Settings) -> APIRouter:
    """POST /api/documents (an article) and /api/documents/batch (what ``chronique extract`` sends): token
    required when one is configured."""
    r = APIRouter(prefix="/api")

    @r.post("/documents", response_model=IngestOut, status_code=201, tags=["documents"],
            dependencies=[Depends(token_checker(settings.token))],
            responses={200: {"description": "already stored, unchanged"}, 401: {"description": "token missing"},
                       403: {"description": "wrong token"}, 405: {"description": "read-only server"},
                       413: {"description": "body too large"}, 422: {"description": "article rejected"}})
    def ingest(article: ArticleIn, request: Request, response: Response):
        """Extract the events of a posted French article (text or HTML) and store them."""
        if settings.read_only:
            raise HTTPException(405, "this server is read-only (started with --read-only)")
        try:
            out = request.app.state.ingestor.ingest(article)
        except IngestError as exc:
            raise HTTPException(422, f"article rejected: {exc}") from exc
        if out["status"] == "unchanged":
            response.status_code = 200
        return out

    @r.post("/documents/batch", response_model=BatchOut, tags=["documents"],
            dependencies=[Depends(token_checker(settings.token))],
            responses={401: {"description": "token missing"}, 403: {"description": "wrong token"},
                       405: {"description": "read-only server"}, 413: {"description": "body too large"}})
    def ingest_batch(batch: BatchIn, request: Request):
        """Extract and store a batch of articles as ``chronique extract`` does (it sends its documents here
        when this server holds its store); rejected articles are listed, not fatal."""
        if settings.read_only:
            raise HTTPException(405, "this server is read-only (started with --read-only)")
        return request.app.state.ingestor.ingest_batch(batch)

    return r


def page_routes(app: FastAPI) -> None:
    """The web page and its static files (all served from the package: nothing from the internet)."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


def create_app(settings: Settings, nlp_factory: Callable | None = None) -> FastAPI:
    """Build the application over the store at ``settings.db`` (created if missing, unless read-only)."""
    check_bind(settings.host, settings.token)
    if settings.read_only and not Path(settings.db).exists():
        raise FileNotFoundError(f"{settings.db}: no such store; run 'chronique extract' first")
    store = Store(settings.db, read_only=settings.read_only)
    extra = {"nlp_factory": nlp_factory} if nlp_factory else {}
    ingestor = Ingestor(store, limits=Limits(max_bytes=settings.max_body), **extra)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        follower = None
        if settings.watch and not settings.read_only:
            follower = Background(settings.db, settings.watch, ingestor.lock, ingestor.nlp_factory)
            follower.start()
        yield
        if follower:
            follower.stop()
        store.close()

    app = FastAPI(title="chronique", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Evidence-backed political events (PLOVER) extracted from French news.")
    app.state.settings, app.state.store = settings, store
    app.state.ingestor = ingestor
    app.include_router(read_routes())
    app.include_router(sources_router())
    app.include_router(write_routes(settings))
    docs_routes(app)  # before page_routes: its /static/swagger mount must be matched before /static
    page_routes(app)
    app.add_exception_handler(duckdb.Error, _store_error)
    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(SecurityHeaders)
    return app


async def _store_error(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": f"store error: {exc}"}, status_code=503)
