"""Document ids from the user's own names: a file's stem, a WARC record's URL, a JSON line's ``id``.

A name is the id only when it is unique in the run, so that ``chronique events`` can be traced back to
a file and ``--meta`` keyed by file name reaches ``.txt`` and ``.html`` files alike:

- a file named on the command line: its stem (``articles/x.txt.gz`` -> ``x``);
- a file found under a directory given: its path below that directory, stem last (``2019/x``);
- two files that would get the same name (``a/x.txt`` and ``b/x.txt`` named directly, ``x.txt`` and
  ``x.html``): neither keeps it, both get their content hash, which never collides;
- records (WARC responses by URL, JSON lines by ``id``) are streamed, so the first record with a name
  keeps it and a later record with the same name and other content gets its content hash (``Claims``).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from chronique.ingest.meta import MetaError, check_id


def name_of(path: Path, root: Path | None = None) -> str | None:
    """The id a file would take: its stem, or its path under ``root`` with the stem last; None if unusable."""
    rel = path.relative_to(root) if root is not None else Path(path.name)
    stem = rel.name.split(".")[0]
    name = (rel.parent / stem).as_posix() if stem else None
    try:
        return check_id(name) if name else None
    except MetaError:
        return None


def name_of_url(url: str | None) -> str | None:
    """A WARC record's URL as its id, when it is a usable one (at most 200 printable characters)."""
    try:
        return check_id(url) if url else None
    except MetaError:
        return None


def unique_names(names: list[str | None]) -> list[str | None]:
    """Each name, or None where another entry of the run carries the same one."""
    counts = Counter(n for n in names if n is not None)
    return [n if n is not None and counts[n] == 1 else None for n in names]


class Claims:
    """Record names met so far in a run: the first record keeps a name, later different content does not."""

    def __init__(self):
        self.owner: dict[str, str] = {}

    def claim(self, name: str | None, fingerprint: str) -> str | None:
        """``name`` if free or already this content's, else None (the record then gets its content hash)."""
        if name is None:
            return None
        return name if self.owner.setdefault(name, fingerprint) == fingerprint else None
