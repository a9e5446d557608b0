"""HTML pages to main text, title and publication date with trafilatura."""
from __future__ import annotations

import logging

# trafilatura logs broken pages at ERROR; without a handler Python would print them on stderr beside
# our own one-line report. A NullHandler keeps them out unless the application configures logging.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())


def extract_html(html: str, url: str | None = None) -> dict | None:
    """Main article text (title first, as in our .txt convention) and metadata, or None. trafilatura is imported
    here, on the first page: most runs read no HTML, and every process (pool worker, Ray actor) would pay ~0.1 s."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                             include_tables=False)
    except Exception:  # trafilatura raises assorted lxml errors on broken pages  # noqa: BLE001
        return None
    result = result.as_dict() if hasattr(result, "as_dict") else result
    if not result or not (result.get("text") or "").strip():
        return None
    title = (result.get("title") or "").strip() or None
    body = result["text"].strip()
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    out = {"text": text, "title": title, "published": result.get("date"), "url": url or result.get("url")}
    if result.get("sitename"):
        out["source"] = result["sitename"]
    return {k: v for k, v in out.items() if v}
