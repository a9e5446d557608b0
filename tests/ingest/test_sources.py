"""Ingest: each input kind, metadata, boilerplate removal, stable ids, and bad inputs."""
from __future__ import annotations

import gzip
import io
import json

from chronique.ingest import load_meta, read_sources
from chronique.ingest.clean import clean_text, is_boilerplate
from chronique.ingest.limits import Limits
from chronique.model import Document, InputError

ARTICLE = ("Le président français Emmanuel Macron a reçu lundi à l'Élysée le chancelier allemand "
           "Olaf Scholz pour un dîner de travail consacré à la guerre en Ukraine.\n\n"
           "Les deux dirigeants ont appelé la Russie à retirer ses troupes.")


def _one(paths, **kw):
    items = list(read_sources([str(p) for p in paths], **kw))
    assert len(items) == 1, items
    return items[0]


def test_text_file_with_meta_uses_stem_as_id(tmp_path):
    (tmp_path / "art1.txt").write_text(ARTICLE, encoding="utf-8")
    meta = tmp_path / "docs.jsonl"
    meta.write_text(json.dumps({"id": "art1", "published": "2022-05-09", "source": "test"}) + "\n")
    doc = _one([tmp_path / "art1.txt"], meta=load_meta(meta))
    assert isinstance(doc, Document)
    assert doc.id == "art1" and doc.published.isoformat() == "2022-05-09" and doc.source == "test"


def test_text_without_meta_is_named_by_its_stem_stable_across_reads(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.html").write_text(f"<html><body><article><p>{ARTICLE}</p></article></body></html>")
    assert _one([tmp_path / "a.txt"]).id == _one([tmp_path / "a.txt"]).id == "a"
    assert _one([tmp_path / "a.html"]).id == "a"


def test_names_that_collide_in_a_run_fall_back_to_content_hashes(tmp_path):
    for sub, extra in (("x", ""), ("y", " Ils se reverront.")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "note.txt").write_text(ARTICLE + extra, encoding="utf-8")
    named = [d.id for d in read_sources([str(tmp_path / "x" / "note.txt"), str(tmp_path / "y" / "note.txt")])]
    assert len(set(named)) == 2 and all(len(i) == 16 and i != "note" for i in named)
    # found under a folder given: the path below it is the name, and unique
    assert [d.id for d in read_sources([str(tmp_path)])] == ["x/note", "y/note"]


def test_warc_and_jsonl_records_keep_the_first_name_a_later_different_one_gets_its_hash(tmp_path):
    lines = [{"id": "k", "text": ARTICLE}, {"id": "k", "text": ARTICLE.replace("lundi", "mardi")},
             {"id": "k", "text": ARTICLE}]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    ids = [d.id for d in read_sources([str(tmp_path / "r.jsonl")])]
    assert ids[0] == ids[2] == "k" and len(ids[1]) == 16


def test_boilerplate_lines_removed_but_article_kept():
    raw = "Logo\n" + ARTICLE + "\n\nAvec AFP\nPhoto : AFP\nPartager sur Facebook\n"
    text = clean_text(raw)
    assert "Avec AFP" not in text and "Logo" not in text and "Partager" not in text
    assert text.startswith("Le président français") and "retirer ses troupes" in text
    assert not is_boilerplate("Le président a rencontré la presse avec AFP à ses côtés.")


def test_html_main_text_title_and_date(tmp_path):
    html = f"""<html><head><title>Macron reçoit Scholz</title>
    <meta property="article:published_time" content="2022-05-09T18:00:00+02:00"></head>
    <body><nav>Accueil | Monde | Sport</nav><article><h1>Macron reçoit Scholz</h1>
    {''.join(f'<p>{p}</p>' for p in ARTICLE.split(chr(10)*2))}</article>
    <footer>Partager sur Facebook</footer></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    doc = _one([tmp_path / "page.html"])
    assert isinstance(doc, Document), doc
    assert "Olaf Scholz" in doc.text and "Accueil | Monde" not in doc.text
    assert doc.published is not None and doc.published.isoformat() == "2022-05-09"
    assert doc.published_basis == "page" and doc.id == "page"  # the page's own metadata; named by its file


def test_jsonl_records_and_a_broken_line(tmp_path):
    lines = [json.dumps({"id": "x1", "text": ARTICLE, "published": "2022-05-09"}),
             "{not json",
             json.dumps({"id": "x2", "title": "Sommet", "text": ARTICLE.replace("lundi", "mardi")})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_sources([str(tmp_path / "batch.jsonl")]))
    assert [type(i) for i in items] == [Document, InputError, Document]
    assert items[1].origin.endswith("batch.jsonl:2") and "JSON" in items[1].reason
    # the title stays metadata: the text is the record's own, so offsets point into it (issue #17)
    assert items[2].id == "x2" and items[2].title == "Sommet" and items[2].text == ARTICLE.replace("lundi", "mardi")


def test_gzip_jsonl_and_directory_and_glob(tmp_path):
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": ARTICLE}) + "\n")
    (tmp_path / "a.txt").write_text(ARTICLE.replace("lundi", "jeudi"), encoding="utf-8")
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "a"}) + "\n")  # metadata, not an article
    by_dir = list(read_sources([str(tmp_path)]))
    by_glob = list(read_sources([str(tmp_path / "*.txt")]))
    assert sorted(d.id for d in by_dir if isinstance(d, Document))[0] and len(by_dir) == 2
    assert len(by_glob) == 1


def test_stdin_text_and_html():
    doc = _one(["-"], stdin=io.BytesIO(ARTICLE.encode()))
    assert isinstance(doc, Document) and doc.origin == "<stdin>"


def test_bad_inputs_are_reported_with_reasons(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary" * 100)
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "english.txt").write_text("The foreign ministers of Russia and the United States spoke "
                                          "by phone on Monday about North Korea, the ministry said.", encoding="utf-8")
    (tmp_path / "big.txt").write_text(ARTICLE * 50, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes(ARTICLE.encode("cp1252"))
    items = {i.origin.split("/")[-1]: i for i in read_sources([str(tmp_path)], limits=Limits(max_bytes=5000))}
    assert "binary" in items["blob.txt"].reason
    assert "empty" in items["empty.txt"].reason
    assert "not French" in items["english.txt"].reason
    assert "limit" in items["big.txt"].reason
    assert isinstance(items["latin1.txt"], Document) and "Élysée" in items["latin1.txt"].text
    missing = list(read_sources([str(tmp_path / "nope.txt")]))
    assert isinstance(missing[0], InputError) and "no such file" in missing[0].reason
