"""Which URLs become links in reports and ClaimReview: http(s) only, quoted so they cannot break out."""

from __future__ import annotations

from urllib.parse import quote, urlsplit


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit to link, or None: a source's `javascript:` or `data:` URL is never linked."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Spaces, quotes, brackets and control characters would end the link early in Markdown or HTML.
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")
