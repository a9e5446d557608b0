"""Explicit, configurable limits on what a reader accepts."""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    """Maximum sizes; anything larger is rejected with a reason instead of exhausting memory.

    ``max_chars`` matches spaCy's default ``nlp.max_length``: a longer text would make the
    parser raise in the middle of a batch, so it is refused at the door instead.
    """

    max_bytes: int = 5_000_000        # one document (file, HTML page, WARC record, stdin)
    max_line_bytes: int = 5_000_000   # one JSON Lines record
    max_chars: int = 1_000_000        # cleaned text handed to spaCy
    min_chars: int = 20               # shorter cleaned text is "empty"
    check_language: bool = True

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type == "int" and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise ValueError(f"limit {f.name} must be a positive integer, got {value!r}")
