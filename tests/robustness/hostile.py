"""A hostile corpus, written into a temporary directory at test time.

Each ``Case`` is one input and what must become of it: either *stored* (a phrase of its text
must be found in exactly one stored document) or *rejected* (exactly one error whose origin
contains ``origin`` and whose reason contains ``reason``). The French articles are the team's own
sentences; no text here is copied from the press or from ../shared/gold.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

# Our own French dispatches: each has a phrase (the first words) found in no other.
FRENCH = [
    "Le ministre tchèque des Affaires étrangères a reçu mardi à Prague son homologue slovaque pour "
    "discuter de la sécurité énergétique. Les deux responsables ont promis de renforcer leurs "
    "interconnexions électriques avant l'hiver, selon un communiqué publié dans la soirée.",
    "La présidente moldave a accusé jeudi Moscou de chercher à déstabiliser son pays en finançant "
    "des manifestations. Elle a demandé à l'Union européenne d'accélérer les négociations d'adhésion "
    "et annoncé l'expulsion de deux diplomates russes.",
    "Le gouvernement sénégalais a annoncé lundi la reprise du dialogue avec l'opposition après trois "
    "semaines de tensions. Le Premier ministre a reçu les chefs de parti à Dakar et s'est engagé à "
    "publier un calendrier électoral avant la fin du mois.",
    "Des milliers d'agriculteurs ont manifesté mercredi devant le Parlement européen à Strasbourg "
    "pour protester contre la baisse des aides. La police a dispersé les manifestants qui bloquaient "
    "l'entrée principale avec des tracteurs.",
    "Le chef de la diplomatie norvégienne a proposé vendredi d'accueillir à Oslo une nouvelle série "
    "de pourparlers entre les parties au conflit. Il a rappelé que son pays avait déjà joué ce rôle "
    "de médiateur à plusieurs reprises.",
    "Le Conseil de sécurité des Nations unies a adopté samedi une résolution qui prolonge d'un an la "
    "mission de maintien de la paix. La Chine et la Russie se sont abstenues, tandis que la France a "
    "salué un texte équilibré.",
    "Le président chilien a rencontré dimanche à Santiago son homologue argentin pour signer un accord "
    "sur la gestion commune des glaciers. Les deux dirigeants ont aussi évoqué la construction d'un "
    "nouveau tunnel sous la cordillère des Andes.",
    "L'armée malienne a annoncé mardi avoir repris le contrôle d'une localité du nord du pays. "
    "Les autorités de transition ont affirmé que les opérations se poursuivraient jusqu'à la "
    "sécurisation complète de la région.",
    "Le Parlement portugais a rejeté jeudi la motion de censure déposée par l'opposition contre le "
    "gouvernement. Le Premier ministre a dénoncé une manœuvre politicienne et appelé à l'unité face à "
    "la crise du logement.",
    "Le ministre grec de la Défense a menacé lundi de suspendre la coopération militaire avec Ankara "
    "après de nouvelles incursions aériennes en mer Égée. Athènes a convoqué l'ambassadeur turc pour "
    "lui remettre une protestation officielle.",
    "La Commission européenne a infligé mercredi une amende record à un groupe pharmaceutique accusé "
    "d'avoir retardé l'arrivée de médicaments génériques. L'entreprise a fait savoir qu'elle ferait "
    "appel de cette décision devant la justice.",
    "Le roi du Maroc a reçu vendredi à Rabat une délégation de parlementaires espagnols venus "
    "préparer le prochain sommet bilatéral. Les discussions ont porté sur la migration et sur les "
    "échanges commerciaux entre les deux rives.",
    "Les syndicats belges ont appelé mardi à une grève générale pour protester contre la réforme des "
    "retraites. Le gouvernement fédéral a répondu qu'il restait ouvert à la concertation mais ne "
    "retirerait pas son projet.",
    "Le président ivoirien a gracié samedi une cinquantaine de détenus condamnés après les violences "
    "électorales. Cette mesure a été saluée par les partis d'opposition, qui réclamaient depuis "
    "longtemps un geste d'apaisement.",
    "Le ministre canadien de l'Immigration a annoncé jeudi à Ottawa une hausse des quotas d'accueil "
    "pour les réfugiés afghans. Plusieurs associations ont demandé des moyens supplémentaires pour "
    "accompagner les nouveaux arrivants.",
    "Le gouvernement tunisien a suspendu lundi les discussions avec le Fonds monétaire international "
    "sur un nouveau prêt. Le président a jugé inacceptables les conditions posées par l'institution "
    "financière.",
    "La cheffe de la diplomatie suédoise a condamné dimanche l'arrestation d'un journaliste à Minsk. "
    "Stockholm a demandé sa libération immédiate et convoqué le chargé d'affaires biélorusse.",
    "Le Premier ministre irlandais a rencontré mercredi à Belfast les responsables des principaux partis "
    "nord-irlandais. Il les a exhortés à rétablir sans délai les institutions de partage du pouvoir.",
    "Les ministres des Finances de la zone euro sont parvenus vendredi à un accord sur la réforme des "
    "règles budgétaires. Le commissaire chargé de l'Économie a parlé d'un compromis solide et durable.",
    "Le président finlandais a appelé lundi à Helsinki au renforcement de la défense commune des pays "
    "nordiques. Il a plaidé pour des exercices militaires conjoints plus fréquents dans l'Arctique.",
]
# Latin-1 cannot hold the typographic apostrophe or the ligature "œ": a plain-ASCII-punctuation article.
LATIN1 = ("Le maire de Lyon a inauguré samedi une passerelle piétonne au-dessus du Rhône. Les élus de "
          "l'opposition ont critiqué le coût des travaux, jugé trop élevé par la chambre régionale des comptes.")
CP1252 = ("Le préfet de Corse a reçu vendredi à Ajaccio les représentants des pêcheurs en colère. "
          "L’œuvre de médiation s’annonce longue, a-t-il reconnu devant la presse locale, « mais nécessaire ».")
ENGLISH = ("The foreign ministers of the two countries met on Tuesday in Geneva to discuss the ceasefire. "
           "They agreed to meet again next month, according to a statement released by both governments.")
GERMAN = ("Der Bundeskanzler hat am Montag in Berlin den Ministerpräsidenten empfangen. Die beiden Politiker "
          "sprachen über die Energieversorgung und die Unterstützung für die Ukraine im kommenden Winter.")
ARABIC = ("التقى وزير الخارجية يوم الثلاثاء نظيره في القاهرة لبحث سبل وقف إطلاق النار. واتفق الجانبان على "
          "مواصلة المشاورات خلال الأسابيع المقبلة وفق بيان مشترك صدر عن الوزارتين.")
BOILERPLATE = "Logo\nPartager sur Facebook\nAvec AFP\nPublicité\nAbonnez-vous à notre newsletter\n"
# Text that would betray script, style or handler content leaking into a stored document.
LEAK = "FUITE"


@dataclass
class Case:
    """One hostile input and its expected fate."""

    name: str
    expect: str  # "stored" | "rejected"
    origin: str | None = None  # rejected: a substring of the error's origin
    reason: str | None = None  # rejected: a substring of the error's reason
    marker: str | None = None  # stored: a phrase of the stored text


@dataclass
class Corpus:
    """The command-line arguments, the --meta file and every case."""

    root: Path
    meta: Path
    args: list[str] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)

    def arg(self, path: Path | str) -> None:
        if str(path) not in self.args:
            self.args.append(str(path))

    def good(self, name: str, marker: str) -> None:
        self.cases.append(Case(name, "stored", marker=marker))

    def bad(self, name: str, origin: str, reason: str) -> None:
        self.cases.append(Case(name, "rejected", origin=origin, reason=reason))

    @property
    def stored(self) -> list[Case]:
        return [c for c in self.cases if c.expect == "stored"]

    @property
    def rejected(self) -> list[Case]:
        return [c for c in self.cases if c.expect == "rejected"]


def marker(text: str) -> str:
    """The opening words of an article: unique across the corpus."""
    return " ".join(text.split()[:6])


def page(title: str, body: str, extra: str = "") -> str:
    """A small news page with navigation and footer furniture around the article."""
    paras = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><nav>Accueil | Monde | Politique</nav>{extra}<article><h1>{title}</h1>{paras}</article>"
            "<footer>Partager sur Facebook</footer></body></html>")


def _write(root: Path, name: str, data: bytes | str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _jsonl(*rows) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def _text_cases(c: Corpus, articles: list[str]) -> None:
    """Plain-text files: encodings that must be read, and bytes that must be refused."""
    for name, data in (("bon-utf8.txt", articles.pop().encode()),
                       ("bon-bom.txt", b"\xef\xbb\xbf" + articles[-1].encode()),
                       ("bon-utf16.txt", articles[-2].encode("utf-16")),
                       ("bon-utf16le-sans-bom.txt", articles[-3].encode("utf-16-le")),
                       ("bon-cp1252.txt", CP1252.encode("cp1252")),
                       ("bon-latin1.txt", LATIN1.encode("latin-1"))):
        text = {"bon-cp1252.txt": CP1252, "bon-latin1.txt": LATIN1}.get(name) or data.decode(
            "utf-16" if b"\x00" in data else "utf-8-sig")
        if name in ("bon-bom.txt", "bon-utf16.txt", "bon-utf16le-sans-bom.txt"):
            articles.pop()
        c.arg(_write(c.root, name, data))
        c.good(name, marker(text))
    rng = random.Random(7)
    bad = {
        "binaire.txt": (b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4000)), "binary"),
        "octets-nuls.txt": (articles[0].encode().replace(b" ", b"\x00", 5), "binary"),
        "controles.txt": (("\x01\x02\x03\x04 " * 300).encode(), "binary"),
        "vide.txt": (b"", "empty document"),
        "blancs.txt": (b" \n\t\r\n   \n\xc2\xa0\n", "empty document"),
        "habillage.txt": (BOILERPLATE.encode(), "empty document"),
        "enorme.txt": ((articles[0] + "\n\n").encode() * 22_000, "5,000,000-byte limit"),
        "trop-long.txt": (("\n\n".join([articles[0]] * 4_600)).encode(), "1,000,000-character limit"),
        "anglais.txt": (ENGLISH.encode(), "not French (detected 'en'"),
        "allemand.txt": (GERMAN.encode(), "not French (detected 'de'"),
        "arabe.txt": (ARABIC.encode(), "not French (detected 'ar'"),
    }
    for name, (data, reason) in bad.items():
        c.arg(_write(c.root, name, data))
        c.bad(name, name, reason)


def _html_cases(c: Corpus, articles: list[str]) -> None:
    """Pages: furniture, scripts and handlers to strip, and pages with nothing to keep."""
    text = articles.pop()
    c.arg(_write(c.root, "bon-page.html", page("Pourparlers à Oslo", text)))
    c.good("bon-page.html", marker(text))
    hostile = (f"<script>alert('{LEAK}-SCRIPT')</script><style>.x{{content:'{LEAK}-STYLE'}}</style>"
               f"<img src=x onerror=\"alert('{LEAK}-ONERROR')\"><a href=\"javascript:alert('{LEAK}-JS')\">"
               f"Cliquez ici</a><noscript>{LEAK}-NOSCRIPT</noscript><iframe srcdoc='{LEAK}-IFRAME'></iframe>")
    text = articles.pop()
    inline = f"<script>var s='{LEAK}-INLINE';</script></article>"
    body = page("Sommet bilatéral", text, hostile).replace("</article>", inline)
    c.arg(_write(c.root, "scripts.html", body))
    c.good("scripts.html", marker(text))
    text = articles.pop()
    c.arg(_write(c.root, "page-deguisee.txt", page("Page enregistrée en .txt", text, hostile)))
    c.good("page-deguisee.txt", marker(text))
    text = articles.pop()
    c.arg(_write(c.root, "tronquee-au-milieu.html", page("Tronquée", text)[:-60]))
    c.good("tronquee-au-milieu.html", marker(text))
    nested = "<div>" * 20_000 + "<p>" + articles[0] + "</p>" + "</div>" * 10
    for name, html in (("tronquee-tot.html", "<!DOCTYPE html><html><head><title>Conseil des minis"),
                       ("sans-corps.html", "<html><head><title>Rien ici</title><meta charset='utf-8'></head></html>"),
                       ("imbrication.html", f"<html><body>{nested}</body></html>")):
        c.arg(_write(c.root, name, html))
        c.bad(name, name, "no extractable article text")


def _jsonl_cases(c: Corpus, articles: list[str]) -> None:
    """JSON Lines: one bad line per file, good lines around it stored."""
    good1, good2 = articles.pop(), articles.pop()
    rows = [{"id": "jl-bon-1", "text": good1, "published": "2023-03-14"}, "{\"id\": \"jl-casse\", \"text\": \"Le min",
            {"id": "jl-bon-2", "html": page("Accord", good2, f"<script>{LEAK}</script>")}]
    c.arg(_write(c.root, "ligne-cassee.jsonl", _jsonl(*rows)))
    c.good("jsonl good line before a broken one", marker(good1))
    c.good("jsonl html line after a broken one", marker(good2))
    c.bad("jsonl broken line", "ligne-cassee.jsonl:2", "not valid JSON")
    text = articles.pop()
    c.arg(_write(c.root, "sale.jsonl", _jsonl({"id": "jl-sale", "text": "\u0000" + text + " \ud800\x07"})))
    c.good("jsonl text with NUL escape, lone surrogate and BEL", marker(text))
    ok = articles[0]
    bad_lines = {
        "tableau.jsonl": (json.dumps([ok]), "got a JSON array"),
        "nombre.jsonl": ("42", "got a JSON number"),
        "sans-texte.jsonl": (json.dumps({"id": "st", "title": "Un titre seul"}), "no 'text' or 'html' field"),
        "texte-non-chaine.jsonl": (json.dumps({"id": "tn", "text": [ok]}), "'text' must be a string"),
        "titre-numerique.jsonl": (json.dumps({"id": "tt", "text": ok, "title": 42}), "'title' must be a string"),
        "fin-parasite.jsonl": (json.dumps({"id": "fp", "text": ok}) + " ]]] poubelle", "Extra data"),
        "profond.jsonl": ("[" * 200_000 + "]" * 200_000, "nested too deeply"),
        "chiffres.jsonl": ("{\"id\": " + "9" * 5000 + "}", "not valid JSON"),
        "date-invalide.jsonl": (json.dumps({"id": "di", "text": ok, "published": "2023-02-30"}),
                                "'published' must be a date"),
        "date-hors-bornes.jsonl": (json.dumps({"id": "dh", "text": ok, "published": "9999-12-31"}),
                                   "not a plausible publication date"),
        "url-javascript.jsonl": (json.dumps({"id": "uj", "text": ok, "url": "javascript:alert(1)"}), "http(s) URL"),
        "id-controle.jsonl": (json.dumps({"id": "a\nb", "text": ok}), "'id' must be"),
    }
    for name, (line, reason) in bad_lines.items():
        c.arg(_write(c.root, name, line + "\n"))
        c.bad(name, f"{name}:1", reason)
    text = articles.pop()
    data = _jsonl({"id": "geante", "text": "a" * 6_000_000}, {"id": "apres-geante", "text": text})
    c.arg(_write(c.root, "ligne-geante.jsonl", data))
    c.bad("jsonl 6 MB line", "ligne-geante.jsonl:1", "5,000,000-byte limit")
    c.good("jsonl line after a 6 MB line", marker(text))
    c.arg(_write(c.root, "utf8-invalide.jsonl", b'{"id": "ui", "text": "Le pr\xe9sident \xff\xfe a parl\xe9."}\n'))
    c.bad("jsonl invalid UTF-8", "utf8-invalide.jsonl:1", "invalid UTF-8")


def _compressed_cases(c: Corpus, articles: list[str]) -> None:
    """gzip and WARC: good archives read, truncated or fake ones refused."""
    text = articles.pop()
    c.arg(_write(c.root, "bon.txt.gz", gzip.compress(text.encode())))
    c.good("bon.txt.gz", marker(text))
    text = articles.pop()
    c.arg(_write(c.root, "bon.warc", warc_bytes([("https://exemple.fr/a", "text/html; charset=utf-8",
                                                 page("Réunion", text).encode())])))
    c.good("bon.warc", marker(text))
    full = gzip.compress(_jsonl({"id": "gz", "text": articles[0]}).encode())
    noise = bytes(random.Random(11).randrange(256) for _ in range(500))
    for name, data, reason in (
            ("tronque.jsonl.gz", full[: len(full) // 2], "gzip"),
            ("pas-gzip.jsonl.gz", b"ceci n'est pas du gzip\n", "gzip"),
            ("pas-gzip.txt.gz", b"ceci n'est pas du gzip non plus\n", "gzip"),
            ("bombe.txt.gz", gzip.compress(b" " * 6_000_000), "decompressed size over"),
            ("corrompu.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\n" + noise,
             "corrupt WARC"),
            ("sans-html.warc", warc_bytes([("https://exemple.fr/t", "text/plain", b"texte brut")]),
             "no HTML response")):
        c.arg(_write(c.root, name, data))
        c.bad(name, name, reason)


def warc_bytes(records: list[tuple[str, str, bytes]]) -> bytes:
    """A WARC file with one HTTP response record per (url, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for url, ctype, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buf.getvalue()


def _path_cases(c: Corpus, articles: list[str]) -> None:
    """Names and file kinds: odd names read, loops, pipes, directories and missing files refused."""
    text = articles.pop()
    name = "dépêche à l'Élysée (copie) — n°2.txt"
    c.arg(_write(c.root, name, text))
    c.good("file name with spaces and unicode", marker(text))
    text = articles.pop()
    raw = os.fsencode(c.root) + b"/octets-\xff\xfe-invalides.txt"
    with open(raw, "wb") as fh:
        fh.write(text.encode())
    c.arg(os.fsdecode(raw))
    c.good("file name with invalid UTF-8 bytes", marker(text))
    # The same file twice through ../ and a directory whose symlink points back at itself.
    text = articles.pop()
    inner = _write(c.root, "corpus/sous/bon-dossier.txt", text)
    (c.root / "corpus" / "boucle").symlink_to(c.root / "corpus", target_is_directory=True)
    c.arg(c.root / "corpus")
    c.arg(f"{c.root}/corpus/sous/../../corpus/sous/{inner.name}")
    c.good("directory walked once despite a symlink loop and a ../ alias", marker(text))
    (c.root / "boucle.txt").symlink_to(c.root / "boucle.txt")
    (c.root / "dossier.txt").mkdir()
    (c.root / "notes.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    for arg, origin, reason in ((c.root / "boucle.txt", "boucle.txt", "symbolic link loop"),
                                (c.root / "dossier.txt", "dossier.txt", "directory holds no article files"),
                                (c.root / "notes.docx", "notes.docx", "unsupported file type '.docx'"),
                                (c.root / "absent.txt", "absent.txt", "no such file"),
                                (c.root / ("x" * 300 + ".txt"), "xxxxxxxxxx", "file name too long"),
                                ("", "''", "empty path")):
        c.arg(arg)
        c.bad(str(arg)[-40:] or "empty path", origin, reason)
    if hasattr(os, "mkfifo"):
        os.mkfifo(c.root / "tube.txt")
        c.arg(c.root / "tube.txt")
        c.bad("FIFO named .txt", "tube.txt", "not a regular file")


def _write_meta(c: Corpus) -> None:
    """A --meta file giving ids and dates to a few of the good files (by file stem)."""
    rows = [{"id": "bon-utf8", "published": "2023-05-02", "source": "équipe"},
            {"id": "bon-cp1252", "published": "2023-05-05"},
            {"id": "bon-page", "published": "2023-05-09", "url": "https://exemple.fr/oslo"}]
    c.meta.write_text(_jsonl(*rows), encoding="utf-8")


def write_corpus(root: Path) -> Corpus:
    """Write every hostile input under ``root``; return the arguments, meta file and expectations."""
    root.mkdir(parents=True, exist_ok=True)
    c = Corpus(root=root, meta=root / "meta" / "docs.jsonl")
    c.meta.parent.mkdir()
    articles = list(FRENCH)
    for writer in (_text_cases, _html_cases, _jsonl_cases, _compressed_cases, _path_cases):
        writer(c, articles)
    _write_meta(c)
    return c
