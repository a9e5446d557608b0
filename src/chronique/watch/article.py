"""A fetched article page to a checked Document, through the same reader as ``chronique extract``'s HTML.

The id comes from the canonical URL (so an updated article replaces its document); the publication date
is the feed's (basis ``feed``), else the page's (basis ``page``), else inferred by the pipeline as for any
document.
"""
from __future__ import annotations

from dataclasses import replace

from chronique.ingest.decode import DecodeError, decode
from chronique.ingest.limits import Limits
from chronique.ingest.sources import build_document
from chronique.model import Document, InputError
from chronique.watch.canonical import canonical, doc_id
from chronique.watch.feeds import Entry
from chronique.watch.fetch import Page

HTML_TYPES = ("text/html", "application/xhtml+xml")


def page_document(entry: Entry, page: Page, source: str | None, limits: Limits) -> Document | InputError:
    """The article of ``page`` (announced by ``entry``) as a Document, or the reason it is refused."""
    url = canonical(entry.url)
    ctype = page.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype and ctype not in HTML_TYPES:
        return InputError(entry.url, f"not an HTML page (Content-Type {ctype})", "format")
    try:
        html = text_of(page)
    except DecodeError as exc:
        return InputError(entry.url, str(exc), "encoding")
    record = {"id": doc_id(url), "html": html, "url": url, "title": entry.title, "source": source,
              "published": entry.published.isoformat() if entry.published else None}
    doc = build_document({k: v for k, v in record.items() if v}, entry.url, {}, limits)
    if isinstance(doc, Document) and doc.published:
        return replace(doc, published_basis="feed" if entry.published else "page")
    return doc


def text_of(page: Page) -> str:
    """The page's text: the charset its headers declare, else detected as for files."""
    charset = page.headers.get("content-type", "").partition("charset=")[2].split(";")[0].strip(" \"'")
    if charset:
        try:
            return page.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(page.body)[0]
