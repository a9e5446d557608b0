"""The API reference page at ``/docs``: Swagger UI from the ``swagger-ui-py`` package, so it works offline.

FastAPI's own ``/docs`` loads Swagger UI from a CDN and starts it with an inline script, both of which
the page's Content-Security-Policy forbids (and no CDN is reachable offline); this page loads the same
assets from this server and starts them from ``static/docs.js``.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"


def swagger_assets() -> Path:
    """The folder of Swagger UI's distribution files shipped by ``swagger-ui-py``."""
    import swagger_ui

    return Path(swagger_ui.__file__).parent / "static"


def docs_routes(app: FastAPI) -> None:
    """``GET /docs`` (the page) and ``/static/swagger/*`` (its scripts and styles)."""
    app.mount("/static/swagger", StaticFiles(directory=swagger_assets()), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return FileResponse(STATIC / "docs.html", media_type="text/html")
