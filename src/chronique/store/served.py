"""Which running ``chronique serve`` holds a store: a small file beside it (``STORE.serve.json``).

DuckDB lets one process write a file. A server that holds a store writes where it listens, whether it
ingests, its body limit and its process id beside the store, and removes the file when it stops; a
command that finds the store locked reads it to send its work to that server instead of failing. A file
left by a server that was killed names a process that is gone and is ignored.
"""
from __future__ import annotations

import json
import os
from pathlib import Path


def served_path(db: str | Path) -> Path:
    """The file that names the server holding ``db``."""
    return Path(f"{db}.serve.json")


def announce(db: str | Path, url: str, ingest: bool, max_body: int) -> Path:
    """Record that this process serves ``db`` at ``url``; returns the file to ``withdraw`` at the end."""
    path = served_path(db)
    info = {"url": url, "ingest": ingest, "max_body": max_body, "pid": os.getpid()}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(info), encoding="utf-8")
    os.replace(tmp, path)
    return path


def withdraw(path: Path) -> None:
    """Remove the file if it is still this process's."""
    if (found := _read(path)) and found.get("pid") == os.getpid():
        path.unlink(missing_ok=True)


def server_of(db: str | Path) -> dict | None:
    """The live server holding ``db`` (``url``, ``ingest``, ``max_body``, ``pid``), or None."""
    found = _read(served_path(db))
    return found if found and _alive(found.get("pid")) else None


def _read(path: Path) -> dict | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and isinstance(found.get("url"), str) else None


def _alive(pid) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
