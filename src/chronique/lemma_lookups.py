"""The rule lemmatizer's lookup tables, read back from the build cache instead of rebuilt by spaCy at every start.

spaCy reads ``lemmatizer/lookups/lookups.bin`` (msgpack) and rebuilds its tables key by key, each key also entered
in a Bloom filter: 0.58 s of every process that loads the French model (a command, a pool worker, a Ray actor),
about a third of the model's load. The same tables are kept in the build cache (``build_cache``) packed as a few
long strings and arrays, and unpacked in ~0.15 s into plain dicts (``HashedTable``) that answer as spaCy's do.
The lemmatizer component is spaCy's own, given these tables: the lemmas are spaCy's (tests/test_lemma_lookups.py). Its index
of known forms per part of speech is a set here (spaCy's is a list, which its rules search word by word: ~0.2 ms
for each new word, 0.3 s of a process's first 128 documents).
"""
from __future__ import annotations

from pathlib import Path

import numpy
import spacy
from spacy.strings import get_string_id

from chronique.build_cache import cached, writable

# Separators of the packed strings: no word of a lemma table holds them (``_pack`` checks, else keeps the table
# as it is).
_ITEM, _FORM = "\x00", "\x01"


class HashedTable(dict):
    """One of spaCy's lookup tables (``spacy.lookups.Table``: keys are string ids, asked by string or by id) as a
    plain dict; Table's Bloom filter only answered misses faster."""

    __slots__ = ()

    def __getitem__(self, key):
        return dict.__getitem__(self, get_string_id(key))

    def get(self, key, default=None):
        return dict.get(self, get_string_id(key), default)

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, get_string_id(key))


class KeptLookups:
    """What the lemmatizer (and ``geo.make_world``) ask of spaCy's ``Lookups``, over ``HashedTable``s."""

    _NO_DEFAULT = object()

    def __init__(self, tables: dict[str, dict]) -> None:
        self._tables = {name: HashedTable(table) for name, table in tables.items()}

    @property
    def tables(self) -> list[str]:
        return list(self._tables)

    def has_table(self, name: str) -> bool:
        return name in self._tables

    __contains__ = has_table

    def get_table(self, name: str, default=_NO_DEFAULT) -> HashedTable:
        if name in self._tables:
            return self._tables[name]
        if default is KeptLookups._NO_DEFAULT:
            raise KeyError(f"no lookups table {name!r}")
        return default


def _plain(words: list) -> bool:
    """Non-empty strings that hold no separator: they can be joined and split back."""
    return all(isinstance(w, str) and w and _ITEM not in w and _FORM not in w for w in words)


def _pack(table: dict) -> tuple:
    """A table in the fewest objects pickle has to build. The French tables have three shapes: id -> [one form]
    (``lemma_lookup``), part of speech -> {form: [forms]} (``lemma_exc``), part of speech -> [forms]
    (``lemma_index``); any other table is kept as it is."""
    keys, values = list(table), list(table.values())
    if values and all(isinstance(v, list) and len(v) == 1 for v in values) and _plain([v[0] for v in values]):
        return "one", numpy.array(keys, dtype=numpy.uint64), _ITEM.join(v[0] for v in values)
    if values and all(isinstance(v, dict) and v and _plain(list(v)) and all(
            isinstance(f, list) and f and _plain(f) for f in v.values()) for v in values):
        return "forms", keys, [(_ITEM.join(v), _ITEM.join(_FORM.join(f) for f in v.values())) for v in values]
    if values and all(isinstance(v, list) and v and _plain(v) for v in values):
        return "words", keys, [_ITEM.join(v) for v in values]
    return "as-is", table


def _unpack(packed: tuple) -> dict:
    """The inverse of ``_pack``."""
    kind = packed[0]
    if kind == "one":
        return dict(zip(packed[1].tolist(), [[w] for w in packed[2].split(_ITEM)]))
    if kind == "forms":
        return {k: dict(zip(words.split(_ITEM), [f.split(_FORM) for f in forms.split(_ITEM)]))
                for k, (words, forms) in zip(packed[1], packed[2])}
    if kind == "words":
        return {k: words.split(_ITEM) for k, words in zip(packed[1], packed[2])}
    return packed[1]


def read_tables(folder: Path) -> dict[str, tuple]:
    """The packed tables of spaCy's ``lookups.bin`` in ``folder``."""
    from spacy.lookups import Lookups

    lookups = Lookups().from_disk(folder)
    return {name: _pack(dict(lookups.get_table(name).items())) for name in lookups.tables}


def kept_lemmatizer(model: str) -> tuple[dict, KeptLookups] | None:
    """The installed ``model``'s rule lemmatizer: its settings and its tables (from the build cache); None when it
    has no rule lemmatizer with lookup tables (``nlp.load_nlp`` then lets spaCy load it)."""
    if not writable():  # nothing could be kept: packing the tables on top of spaCy's own load would only cost
        return None
    try:
        root = spacy.util.get_package_path(model)
    except Exception:  # noqa: BLE001 - not an installed package (a path, a missing model): spaCy's own load
        return None
    found = sorted(root.glob("*/lemmatizer/lookups/lookups.bin"))
    if len(found) != 1:
        return None
    settings = spacy.util.load_config(found[0].parents[2] / "config.cfg").get("components", {}).get("lemmatizer", {})
    if settings.get("factory") != "lemmatizer" or settings.get("mode") != "rule":
        return None
    packed = cached(f"lemma-lookups-{model}", found, lambda: read_tables(found[0].parent), code=[Path(__file__)])
    tables = {name: _unpack(table) for name, table in packed.items()}
    if "lemma_index" in tables:  # asked only ``form in index``: a set answers at once, a list is read to the end
        tables["lemma_index"] = {pos: frozenset(forms) for pos, forms in tables["lemma_index"].items()}
    return {"mode": "rule", "overwrite": bool(settings.get("overwrite", False))}, KeptLookups(tables)
