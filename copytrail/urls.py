"""URL normalisation and site (registered domain) detection, offline.

>>> canonical_url("HTTPS://WWW.Example.org:443/a/b/?utm_source=x&id=3#top")
'https://www.example.org/a/b/?id=3'
>>> site_of("https://news.bbc.co.uk/2/hi/world.stm")
'bbc.co.uk'
>>> site_of("https://quietorchard.blogspot.com/2024/05/post.html")
'quietorchard.blogspot.com'
>>> site_of("file:///corpus/site-a/page.html")
''
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import tldextract

# The bundled public-suffix snapshot only: copytrail never downloads at run time. Private
# suffixes count (blogspot.com, wordpress.com ...): every hosted blog is a site of its own.
_EXTRACT = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
)

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "_ga", "yclid", "igshid")


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop default ports, fragments and tracking parameters."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme.lower() not in ("http", "https"):
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


@lru_cache(maxsize=65536)
def site_of(url: str) -> str:
    """Registered domain of an http(s) URL ('' for other schemes or bare hosts)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower()
    ext = _EXTRACT(host)
    if ext.top_domain_under_public_suffix:
        return str(ext.top_domain_under_public_suffix)
    return host


def same_site(a: str, b: str) -> bool:
    """True when two sites are one, or one is a host under the other (``www.x.example``, ``x.example``).

    Hosts under a suffix the public-suffix list does not know (``.example``, intranet names)
    come back from :func:`site_of` whole, so a subdomain must still match its parent.

    >>> same_site("www.herald.example", "herald.example"), same_site("a.example", "b.example")
    (True, False)
    """
    if not a or not b:
        return False
    return a == b or a.endswith("." + b) or b.endswith("." + a)
