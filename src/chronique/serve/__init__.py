"""REST API and web page over the DuckDB store (``chronique serve``)."""
from chronique.serve.app import Settings, create_app  # noqa: F401
