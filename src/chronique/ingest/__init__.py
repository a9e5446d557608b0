"""Sources to `Document`s: files, directories, globs, standard input; text, HTML and JSON Lines."""
from chronique.ingest.sources import read_sources  # noqa: F401
from chronique.ingest.meta import load_meta  # noqa: F401
from chronique.ingest.given import model_view, to_given  # noqa: F401
