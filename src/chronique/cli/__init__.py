"""The command line (as spaCy's ``spacy/cli/``): ``main`` builds the parser, one module per command group,
``common`` for exit codes, the default store and shared arguments. Nothing else in chronique imports it."""
from chronique.cli.main import main

__all__ = ["main"]
