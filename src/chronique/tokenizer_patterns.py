"""spaCy's French tokenizer compiled at process start-up from the build cache instead of from its pattern.

spaCy's French tokenizer exceptions end in one regular expression of ~1.4 million characters (hyphenated and
elided words). Python compiles it in ~1.8 s, in every process that loads the model: each command, pool worker and
Ray actor; it is half of an actor's start-up. The compiled program is kept in the build cache (``build_cache``)
and handed to ``re``'s own cache of compiled patterns before spaCy asks ``re.compile`` for it. spaCy then gets
the same ``Pattern`` it would have compiled (same pattern, flags and program) in ~0.05 s. The first process to
load the model with a given spaCy and Python compiles it twice (once for spaCy, once to keep), and only when the
cache directory can be written.

This reads Python internals (``re._parser``, ``re._compiler``, ``_sre.compile``, ``re._cache``). The cache key
holds the Python version and ``_sre.MAGIC``; ``_sre.compile`` validates the program it is given; ``prime`` then
checks that ``re.compile`` returns the primed pattern. Anything unexpected leaves ``re`` as it was, and spaCy
compiles the pattern itself, as without this module.
"""
from __future__ import annotations

import array
import importlib
import re
from dataclasses import dataclass
from pathlib import Path

from chronique.build_cache import cached, writable

# Flags spaCy passes to re.compile for these patterns (its inline "(?iu)" is part of the pattern): part of
# re's cache key.
CALLER_FLAGS = 0
CODE_TYPE = "I"  # _sre's code words are unsigned 32-bit (_sre.CODESIZE == 4)


@dataclass(frozen=True)
class Program:
    """A compiled regular expression as ``_sre.compile`` takes it."""
    pattern: str
    flags: int  # the caller's flags (re's cache key)
    final_flags: int  # with the pattern's inline flags
    code: bytes
    groups: int
    groupindex: dict
    indexgroup: tuple


def program(pattern: str, flags: int = CALLER_FLAGS) -> Program:
    """Parse and compile ``pattern`` as ``re._compiler.compile`` does, keeping the program instead of loading it."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return Program(pattern, flags, flags | parsed.state.flags, array.array(CODE_TYPE, code).tobytes(),
                   parsed.state.groups - 1, groupindex, tuple(indexgroup))


def load(prog: Program) -> re.Pattern:
    """The ``Pattern`` object of a compiled program."""
    import _sre

    code = array.array(CODE_TYPE)
    code.frombytes(prog.code)
    return _sre.compile(prog.pattern, prog.final_flags, code.tolist(), prog.groups, prog.groupindex,
                        prog.indexgroup)


def _exceptions_file(lang: str) -> Path:
    """spaCy's tokenizer exceptions module for ``lang`` (located without importing it: importing compiles)."""
    import spacy

    return Path(spacy.__file__).parent / "lang" / lang / "tokenizer_exceptions.py"


def _build(lang: str) -> Program | None:
    """Import spaCy's exceptions for ``lang`` (compiling its pattern once, here) and compile the pattern again
    into a program to keep; None if the language has no such pattern, or if the program could not be kept (a
    cache directory that cannot be written: compiling it twice would only double the start-up)."""
    if not writable():
        return None
    module = importlib.import_module(f"spacy.lang.{lang}.tokenizer_exceptions")
    match = getattr(module, "TOKEN_MATCH", None)
    compiled = getattr(match, "__self__", None)
    if not isinstance(compiled, re.Pattern):
        return None
    return program(compiled.pattern)


def prime(lang: str) -> bool:
    """Put spaCy's compiled token pattern for ``lang`` in ``re``'s cache; True if ``re.compile`` now returns it."""
    import _sre

    source = _exceptions_file(lang)
    if not source.exists():
        return False
    try:
        prog = cached(f"token-match-{lang}-sre{_sre.MAGIC}", [source], lambda: _build(lang), code=[Path(__file__)])
        if prog is None:
            return False
        key = (str, prog.pattern, prog.flags)
        if key not in re._cache:
            re._cache[key] = load(prog)
        return re.compile(prog.pattern, prog.flags) is re._cache[key]
    except Exception:  # noqa: BLE001 - an accelerator only: spaCy compiles the pattern itself
        return False
