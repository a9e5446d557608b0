"""A followed folder: the article files that are new or changed (by modification time and size) since they
were last handled, read as ``chronique extract`` reads them.

A changed file is read again whole; its documents replace the stored ones with the same id, and when its id
is its content hash (so the new text has a new id) the follower retires the document the file stored before.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from chronique.ingest.limits import Limits
from chronique.ingest.sources import expand, read_sources
from chronique.model import Document, InputError


def changed_files(folder: str, known: Callable[[str], dict]) -> tuple[list[tuple[str, str]], list[InputError]]:
    """(real path, stamp) of the files not yet handled with their current stamp, and the folder's problems."""
    files, problems = [], []
    for path, _ in expand([folder]):
        if isinstance(path, InputError):
            problems.append(path)
            continue
        try:
            st = os.stat(path)
        except OSError as exc:
            problems.append(InputError(str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        key, stamp = os.path.realpath(path), f"{st.st_mtime_ns}:{st.st_size}"
        if known(key).get("stamp") != stamp:  # a file refused stays refused until it changes
            files.append((key, stamp))
    return files, problems


def read_file(path: str, limits: Limits) -> Iterator[Document | InputError]:
    """The documents (or errors) of one file, as ``chronique extract`` reads it."""
    yield from read_sources([str(Path(path))], {}, limits)
