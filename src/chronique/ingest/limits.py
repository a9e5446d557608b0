"""Explicit, configurable limits on what a reader accepts."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Maximum sizes; anything larger is rejected with a reason instead of exhausting memory."""

    max_bytes: int = 5_000_000        # one document (file, HTML page or JSON line)
    max_line_bytes: int = 5_000_000   # one JSON Lines record
    min_chars: int = 20               # shorter cleaned text is "empty"
    check_language: bool = True
