"""What a process builds at start-up, kept on disk between processes: every process (a command, a pool worker, a
Ray actor or read task) otherwise builds it again. The knowledge base takes ~1.5 s to build from YAML against ~0.2 s
to read back; the language identifier ~0.5 s to decompress against ~0.06 s; the world cities ~0.4 s to parse
against ~0.05 s (under load); spaCy's French token pattern ~1.8 s to compile against ~0.05 s
(``tokenizer_patterns``); the French lemmatizer's tables ~0.58 s to rebuild against ~0.15 s (``lemma_lookups``).

The file is a pickle in the user's cache directory ($CHRONIQUE_CACHE_DIR, else $XDG_CACHE_HOME/chronique, else
~/.cache/chronique), named by a hash of everything the build reads or runs: its data files (for the knowledge base
every knowledge and language file: packaged, --kb-extra and $CHRONIQUE_KB_EXTRA's), the source of the code that
builds it, the chronique and Python versions. A change to any of them names another file, so a stale build is never
read. The cache is only an accelerator: a directory that cannot be written, a file that cannot be read, a missing
data file (the build then names it) all fall back to building, and files are written whole (a temporary file
renamed), so processes starting together never read half a file. Only chronique writes there; like any cache of
Python objects, it must not be a directory others can write to.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from chronique.version import __version__

ENV_DIR = "CHRONIQUE_CACHE_DIR"
KEEP = 8  # files kept per name (other checkouts, other extra files); older ones are removed on writing
T = TypeVar("T")


def cache_dir() -> Path:
    """Where builds are kept."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "chronique"


def package_code(*subpackages: str) -> list[Path]:
    """The source files of chronique's ``subpackages`` (e.g. "actors"): code whose change changes a build."""
    package = Path(__file__).resolve().parent
    return sorted(p for sub in subpackages for p in (package / sub).rglob("*.py"))


def fingerprint(name: str, data: Iterable[Path], code: Iterable[Path] = ()) -> str | None:
    """A hash of ``name``, the versions, the ``code`` that builds and the ``data`` files' bytes (None if one is
    missing)."""
    h = hashlib.sha256(f"{name}|{__version__}|{sys.version}".encode())
    for path in [*code, *data]:
        try:
            content = Path(path).read_bytes()
        except OSError:
            return None
        h.update(str(path).encode() + b"\0" + content)
    return h.hexdigest()[:24]


def writable() -> bool:
    """Whether builds can be kept (the cache directory exists or can be made, and can be written)."""
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(cache_dir(), os.W_OK)


def cached(name: str, data: Iterable[Path], build: Callable[[], T], code: Iterable[Path] = ()) -> T:
    """``build()``, or what an earlier process built from the same ``data`` and ``code``."""
    digest = fingerprint(name, data, code)
    if digest is None:
        return build()
    path = cache_dir() / f"{name}-{digest}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - absent, unreadable or from another build: build it again
        pass
    value = build()
    _write(path, value)
    return value


def _write(path: Path, value: object) -> None:
    """Write ``value`` whole or not at all; a cache that cannot be written is skipped silently."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        older = sorted(path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in older[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
