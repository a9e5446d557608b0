"""The pipeline version covers every data file that changes results: touching the places table or a
--kb-extra file re-processes stored documents (sentences written for these tests)."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from chronique.geo import world
from chronique.model import Document
from chronique.pipeline import pipeline_version, run
from chronique.store.db import Store

EXTRA = """people:
  - id: Qtest1
    name: Amina Diallo
    aliases: [Diallo]
    roles:
      - {role: foreign_minister, country: SEN, sector: GOV, start: 2020-01-01}
"""


@pytest.fixture(autouse=True)
def _no_env_extra(monkeypatch):
    monkeypatch.delenv("CHRONIQUE_KB_EXTRA", raising=False)


@pytest.fixture
def places_copy(monkeypatch, tmp_path):
    """A copy of the world cities table, read in place of the packaged one."""
    copy = tmp_path / "world_cities.tsv"
    shutil.copy(world.DATA, copy)
    monkeypatch.setattr(world, "DATA", copy)
    return copy


def test_touching_the_places_table_changes_the_version(places_copy):
    before = pipeline_version()
    with places_copy.open("a", encoding="utf-8") as f:
        f.write("# one more line\n")
    assert pipeline_version() != before


def test_a_kb_extra_file_and_its_edits_change_the_version(tmp_path):
    extra = tmp_path / "people.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    with_extra = pipeline_version([extra])
    assert with_extra != pipeline_version()
    assert pipeline_version([extra]) == with_extra
    extra.write_text(EXTRA.replace("2020-01-01", "2021-01-01"), encoding="utf-8")
    assert pipeline_version([extra]) != with_extra


def test_the_environment_extra_files_count_once(monkeypatch, tmp_path):
    extra = tmp_path / "people.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    passed = pipeline_version([extra])
    monkeypatch.setenv("CHRONIQUE_KB_EXTRA", str(extra))
    assert pipeline_version() == passed == pipeline_version([extra])


def test_stored_documents_are_reprocessed_after_a_data_change(nlp, tmp_path, places_copy):
    doc = Document(id="v1", text="La ministre sénégalaise Amina Diallo a rencontré son homologue à Dakar.",
                   published=dt.date(2022, 3, 1))
    extra = tmp_path / "people.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    with Store(tmp_path / "v.duckdb") as store:
        assert run([doc], store, nlp, kb_extra=[extra]).processed == ["v1"]
        assert run([doc], store, nlp, kb_extra=[extra]).skipped == ["v1"]
        extra.write_text(EXTRA.replace("Diallo]", "Diallo, Amina]"), encoding="utf-8")
        assert run([doc], store, nlp, kb_extra=[extra]).processed == ["v1"]
        with places_copy.open("a", encoding="utf-8") as f:
            f.write("# one more line\n")
        assert run([doc], store, nlp, kb_extra=[extra]).processed == ["v1"]
        assert run([doc], store, nlp, kb_extra=[extra]).skipped == ["v1"]
