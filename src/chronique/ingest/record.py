"""One raw record (``text`` or ``html`` plus optional fields) to a checked Document, or an InputError.

Every field is checked before anything is stored: a record with a wrong type, a bad date, a
non-web URL, no French text or too much text is refused with a reason a user can act on.

The Document keeps the text as given (a ``.txt`` file or a JSON ``text``, as decoded; for HTML the
text extracted from the page), so that every offset reported later points into it; the checks
(length, language, title) read the cleaned text the models will see.
"""
from __future__ import annotations

from chronique.ingest.clean import clean_text, one_line, printable, safe_given
from chronique.ingest.html import extract_html
from chronique.ids import content_hash
from chronique.ingest.language import detect
from chronique.ingest.limits import Limits
from chronique.ingest.meta import MetaError, check_id, check_url, parse_date
from chronique.ingest.names import Claims
from chronique.model import Document, InputError

OPTIONAL = ("title", "url", "published", "source")


class RecordError(ValueError):
    """A record is refused; ``kind`` is its errors-table category (input, limit, empty, language)."""

    def __init__(self, reason: str, kind: str = "input"):
        super().__init__(reason)
        self.kind = kind


def build_document(record: dict, origin: str, meta: dict, limits: Limits,
                   meta_key: str | None = None, claims: Claims | None = None) -> Document | InputError:
    """A raw record to a checked Document; never raises on bad content.

    Its id is the record's ``id`` (or its metadata's) when ``claims`` leaves it to this content, else
    the content hash (``ingest.names``).
    """
    origin = printable(str(origin))
    try:
        return _build(record, origin, meta or {}, limits, meta_key, claims)
    except RecordError as exc:
        return InputError(origin, str(exc), exc.kind)
    except MetaError as exc:
        return InputError(origin, str(exc))


def _build(record: dict, origin: str, meta: dict, limits: Limits, meta_key, claims: Claims | None) -> Document:
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {type(record).__name__}")
    fields = _fields(record)
    if record.get("text") is None and record.get("html") is None:
        raise RecordError("the record has no 'text' or 'html' field")
    info = dict(meta.get(str(meta_key), {})) if meta_key is not None else {}
    text, cleaned = _text(record, fields, limits)
    published = parse_date(info.get("published") or fields.get("published")) or getattr(meta, "published", None)
    title = fields.get("title")
    digest = content_hash(cleaned)
    doc_id = _doc_id(record, info)
    doc_id = (claims.claim(doc_id, digest) if claims else doc_id) or digest
    return Document(
        id=doc_id, text=text, title=title or _first_line_title(cleaned), published=published,
        published_basis=_basis(info, fields, published),
        source=info.get("source") or fields.get("source"),
        url=info.get("url") or fields.get("url"), language="fr", origin=origin,
    )


def _basis(info: dict, fields: dict, published) -> str | None:
    """Where the publication date came from: the metadata's own word, given (--meta or the record), page
    (the HTML's metadata), run (``--published`` for the whole run), or None (inferred later)."""
    if info.get("published_basis"):
        return info["published_basis"]
    if info.get("published") or (fields.get("published") and "page_date" not in fields):
        return "given"
    return "page" if fields.get("published") else ("run" if published else None)


def _fields(record: dict) -> dict:
    """The optional string fields, type-checked and made safe; empty values dropped."""
    out = {}
    for key in (*OPTIONAL, "text", "html"):
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise RecordError(f"field {key!r} must be a string, got {type(value).__name__}")
        if key in OPTIONAL and one_line(value):
            out[key] = one_line(value)
    if "url" in out:
        out["url"] = _url(out["url"])
    return out


def _url(value: str) -> str:
    try:
        return check_url(value)
    except MetaError as exc:
        raise RecordError(str(exc)) from exc


def _doc_id(record: dict, info: dict) -> str | None:
    value = record.get("id")
    if value is None or value == "":
        return info.get("id")
    try:
        return check_id(value)
    except MetaError as exc:
        raise RecordError(str(exc)) from exc


def _text(record: dict, fields: dict, limits: Limits) -> tuple[str, str]:
    """The article text as given (HTML extracted first) and its cleaned form, checked against the limits and language.

    A JSON ``title`` stays metadata: it is not glued to the text, which would put offsets off the user's text.
    """
    html = record.get("html")
    if html:
        extracted = extract_html(html, fields.get("url"))
        if extracted is None:
            raise RecordError("HTML page with no extractable article text", "empty")
        _merge_page_fields(fields, extracted)
        text = safe_given(extracted["text"])
    else:
        text = safe_given(record.get("text") or "")
    cleaned = clean_text(text)
    _check_text(cleaned, limits)
    return text, cleaned


def _merge_page_fields(fields: dict, extracted: dict) -> None:
    """Title, date, site name and URL found in the page fill the fields the record left empty.

    The page is untrusted: a date or URL that does not parse is ignored, not stored.
    """
    for key in ("title", "source", "published", "url"):
        value = extracted.get(key)
        if key in fields or not isinstance(value, str) or not value.strip():
            continue
        value = one_line(value)
        try:
            if key == "published":
                parse_date(value)
                fields["page_date"] = value
            elif key == "url":
                value = check_url(value)
        except MetaError:
            continue
        fields[key] = value


def _check_text(text: str, limits: Limits) -> None:
    if len(text) < limits.min_chars:
        raise RecordError(f"empty document ({len(text)} characters of text after cleaning, "
                          f"fewer than {limits.min_chars})", "empty")
    if len(text) > limits.max_chars:
        raise RecordError(f"text is {len(text):,} characters, over the {limits.max_chars:,}-character "
                          "limit (max_chars)", "limit")
    if limits.check_language:
        lang, prob = detect(text)
        if lang != "fr":
            raise RecordError(f"not French (detected '{lang}', p={prob:.2f}); skipped "
                              "(--no-language-check to keep it)", "language")


def _first_line_title(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 200 and "\n\n" in text[:len(first) + 3] else None
