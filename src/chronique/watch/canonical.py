"""An article's identity: its canonical URL (tracking parameters, fragment and default port removed) and a
readable document id derived from it, stable when the article's text changes."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track a reader, not name a page (analytics, campaigns, social platforms, newsletters).
TRACKING = ("utm_", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "xtor", "xtref", "at_",
            "ns_", "igshid", "yclid", "_ga", "ref", "cmpid", "ito")


def is_tracking(name: str) -> bool:
    name = name.lower()
    return any(name == t or (t.endswith("_") and name.startswith(t)) for t in TRACKING)


def canonical(url: str) -> str:
    """The URL an article is known by: lower-case scheme and host, no default port, no fragment, no tracking
    parameter, the remaining parameters sorted."""
    parts = urlsplit(url.strip())
    netloc = parts.hostname or ""
    if parts.port and (parts.scheme, parts.port) not in (("http", 80), ("https", 443)):
        netloc += f":{parts.port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k))
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))


def doc_id(url: str) -> str:
    """``<slug of the last path segment>-<10 hex of the canonical URL>``: readable, unique, stable."""
    key = canonical(url)
    stem = PurePosixPath(urlsplit(key).path).stem or urlsplit(key).hostname or "article"
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem).strip("-")[:60] or "article"
    return f"{slug}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"
