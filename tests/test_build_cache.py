"""A build read back from the cache directory is the one a build gives (the knowledge base, the language
identifier, the world cities); any change to what the build reads or runs names another file; a cache that cannot
be used never stops a run."""
from __future__ import annotations

import dataclasses

import pytest

from chronique import lang
from chronique import build_cache as kb_cache
from chronique.build_cache import package_code
from chronique.actors.gazetteer import Gazetteer
from chronique.actors.kb import KnowledgeBase, data_files, default_kb, load_kb


def _fields(kb: KnowledgeBase) -> dict:
    """Every table of a knowledge base, gazetteers as their two tables (they have no equality of their own)."""
    out = {}
    for f in dataclasses.fields(kb):
        value = getattr(kb, f.name)
        out[f.name] = (dict(value.table), value.prefixes) if isinstance(value, Gazetteer) else value
    return out


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(kb_cache.ENV_DIR, str(tmp_path))
    return tmp_path


def _never():
    raise AssertionError("built again although the cache holds it")


def test_read_back_equals_the_build(cache):
    files = data_files() + lang.data_files()
    built = kb_cache.cached("kb-fr", files, load_kb, code=package_code("actors", "lang"))
    assert len(list(cache.glob("kb-fr-*.pickle"))) == 1
    again = kb_cache.cached("kb-fr", files, _never, code=package_code("actors", "lang"))
    assert again is not built
    assert _fields(again) == _fields(built) == _fields(load_kb())
    assert [e.id for e in again.lookup("Sergueï Lavrov")] == [e.id for e in built.lookup("Sergueï Lavrov")] != []


def test_default_kb_is_the_build(cache):
    default_kb.cache_clear()
    try:
        assert _fields(default_kb()) == _fields(load_kb())
        assert list(cache.glob("kb-fr-*.pickle"))
    finally:
        default_kb.cache_clear()


def test_a_changed_file_names_another_cache(tmp_path):
    data = tmp_path / "people.yaml"
    data.write_text("people: []\n", encoding="utf-8")
    before = kb_cache.fingerprint("kb-fr", [data])
    data.write_text("people: []\norganizations: []\n", encoding="utf-8")
    assert kb_cache.fingerprint("kb-fr", [data]) != before
    assert kb_cache.fingerprint("kb-en", [data]) != kb_cache.fingerprint("kb-fr", [data])


def test_changed_code_names_another_cache(tmp_path):
    data, code = tmp_path / "people.yaml", tmp_path / "build.py"
    data.write_text("people: []\n", encoding="utf-8")
    code.write_text("X = 1\n", encoding="utf-8")
    before = kb_cache.fingerprint("kb-fr", [data], [code])
    code.write_text("X = 2\n", encoding="utf-8")
    assert kb_cache.fingerprint("kb-fr", [data], [code]) != before
    assert package_code("actors") and all(p.suffix == ".py" for p in package_code("actors"))


def test_a_missing_file_is_left_to_the_build(cache):
    """The build names a missing file in its error; nothing is cached."""
    assert kb_cache.fingerprint("kb-fr", [cache / "absent.yaml"]) is None
    assert kb_cache.cached("kb-fr", [cache / "absent.yaml"], lambda: "built") == "built"
    assert not list(cache.glob("*.pickle"))


def test_a_corrupt_file_is_built_again(cache):
    files = [*lang.data_files()][:3]
    kb_cache.cached("t", files, lambda: {"a": 1})
    (path,) = cache.glob("t-*.pickle")
    path.write_bytes(b"not a pickle")
    assert kb_cache.cached("t", files, lambda: {"a": 2}) == {"a": 2}
    assert kb_cache.cached("t", files, _never) == {"a": 2}


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(kb_cache.ENV_DIR, str(blocker / "sub"))  # under a file: no directory can be made
    files = [*lang.data_files()][:3]
    assert kb_cache.cached("t", files, lambda: {"a": 1}) == {"a": 1}


def test_old_files_are_pruned(cache):
    for n in range(kb_cache.KEEP + 3):
        (cache / f"t-old{n:02d}.pickle").write_bytes(b"")
    kb_cache.cached("t", [*lang.data_files()][:3], lambda: 1)
    assert len(list(cache.glob("t-*.pickle"))) == kb_cache.KEEP


def _built_then_read_back(cache, loader, name: str) -> tuple:
    """``loader()`` (a once-per-process build) as built and kept in ``cache`` as ``name-*.pickle``, then as a fresh
    call reads it back."""
    loader.cache_clear()
    try:
        built = loader()
        assert list(cache.glob(f"{name}-*.pickle"))
        loader.cache_clear()
        again = loader()
        assert again is not built
        return built, again
    finally:
        loader.cache_clear()


def test_the_language_identifier_read_back_decides_as_built(cache):
    from chronique.ingest import language
    built, again = _built_then_read_back(cache, language._identifier, "langid")
    text = "Le Conseil de sécurité a adopté jeudi une résolution sur le Liban, a annoncé son président."
    assert again.classify(text) == built.classify(text) and again.classify(text)[0] == "fr"


def test_the_world_cities_read_back_equal_the_build(cache):
    from chronique.geo import world
    built, again = _built_then_read_back(cache, world.world_table, "world-cities")
    assert again == built == world.build_table(world.read_cities())
