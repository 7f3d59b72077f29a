"""Which IRIs from data may become links on a page.

Data can hold any IRI, also ``javascript:`` or ``data:`` ones (an RDF contribution, a website
column). Pages and the SPARQL editor make a link only of a local path or an ``http(s)`` IRI
with a host (and ``mailto:``); everything else is shown as text. ``web/templating.py`` offers
``link_target`` as the Jinja filter ``safe_href``; ``web/static/js/sparql-editor.js`` applies the
same rule in the browser.
"""

from __future__ import annotations

from urllib.parse import urlsplit

LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def web_link(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None (no javascript:).

    >>> web_link(" https://example.org/x "), web_link("javascript:alert(1)")
    ('https://example.org/x', None)
    """
    target = link_target(url.strip()) if url else None
    return target if target and target.lower().startswith(("http:", "https:")) else None


def link_target(value: object) -> str | None:
    """``value`` when it may be a link target: a local path (``/…``, not ``//…``), a
    fragment, or an ``http(s)`` IRI with a host or a ``mailto:`` IRI; otherwise None.

    Whitespace and control characters anywhere refuse the value, since browsers drop some of
    them before reading the scheme (``java\\tscript:``).

    >>> [link_target(v) for v in ("/actors/a", "https://example.org/x", "mailto:a@b.example")]
    ['/actors/a', 'https://example.org/x', 'mailto:a@b.example']
    >>> [link_target(v) for v in ("javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x",
    ...                           "//evil.example", "java\\tscript:x", "https:foo", None)]
    [None, None, None, None, None, None, None]
    """
    if not isinstance(value, str) or not value:
        return None
    if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in value):
        return None
    if value.startswith("#") or (value.startswith("/") and not value.startswith(("//", "/\\"))):
        return value
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES or (scheme != "mailto" and not parts.netloc):
        return None
    return value
