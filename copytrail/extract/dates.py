"""Published dates with their provenance (``published_source`` in :data:`model.DATE_SOURCES`).

htmldate finds good dates but does not say where it found them, and a reuse report must say
whether "first published" came from the publisher's structured data or from a guess. So the
structured sources are read here, in order of trust, and htmldate is only asked (as ``text``)
when none of them gave a date.

>>> from lxml.html import fromstring
>>> tree = fromstring('<html><head><meta property="article:published_time" '
...                   'content="2021-03-04T10:00:00+01:00"></head><body><p>x</p></body></html>')
>>> meta_date(tree)
'2021-03-04T10:00:00+01:00'
>>> url_date("https://ex.org/2019/07/14/some-story/")
'2019-07-14'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from htmldate import find_date
from lxml.html import HtmlElement

# Reading a date string or a printed date is the project's one reader's job (copytrail.dates);
# this module knows where a page keeps its date. Its names stay importable from here.
from copytrail.dates import MIN_YEAR, normalise_date, shown_date, ymd

__all__ = [
    "MIN_YEAR",
    "find_published",
    "jsonld_date",
    "meta_date",
    "normalise_date",
    "shown_date",
    "text_date",
    "url_date",
]

# Lower-cased meta name/property/itemprop values that carry the first publication date.
_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "article_date_original",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
)
_META_RANK = {k: i for i, k in enumerate(_META_KEYS)}

_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|_|\.|$)"
)
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|-|_|\.|$)")
_ARTICLE_TYPES = ("article", "posting", "report", "blog")


def _walk_ld(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk_ld(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk_ld(v)


def jsonld_date(tree: HtmlElement) -> str | None:
    """``datePublished`` from JSON-LD, preferring article-like types over e.g. a WebPage."""
    best: tuple[int, str] | None = None
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue  # broken JSON-LD is common; the meta tags usually say the same
        for obj in _walk_ld(data):
            found = normalise_date(obj.get("datePublished") or obj.get("dateCreated"))
            if not found:
                continue
            kind = obj.get("@type")
            kinds = " ".join(kind) if isinstance(kind, list) else str(kind or "")
            rank = 0 if any(t in kinds.lower() for t in _ARTICLE_TYPES) else 1
            if best is None or rank < best[0]:
                best = (rank, found)
    return best[1] if best else None


def meta_date(tree: HtmlElement) -> str | None:
    """Publication date from ``<meta>`` tags or ``<time itemprop="datePublished">``."""
    best: tuple[int, str] | None = None
    for meta in tree.iterfind(".//meta"):
        key = (
            (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        )
        rank = _META_RANK.get(key)
        if rank is None or (best is not None and rank >= best[0]):
            continue
        found = normalise_date(meta.get("content"))
        if found:
            best = (rank, found)
    if best:
        return best[1]
    for el in tree.iterfind('.//*[@itemprop="datePublished"]'):
        found = normalise_date(el.get("datetime") or el.get("content"))
        if found:
            return found
    return None


def url_date(url: str) -> str | None:
    """A full date written in the URL path (``/2019/07/14/``, ``/2019-07-14-``, ``/20190714/``)."""
    m = _URL_DATE.search(url) or _URL_COMPACT.search(url)
    return ymd(m.group(1), m.group(2), m.group(3)) if m else None


def text_date(tree: HtmlElement, fetched_at: str | None) -> str | None:
    """htmldate's guess from the page's visible text and markup (URL excluded: checked before).

    Its extensive search is off: it pulls in dateparser (seconds of start-up in every worker)
    for the rare page whose only date is in free text. A page cannot predate its own crawl, so
    the crawl date caps the guess, which also keeps the answer independent of today's date.
    """
    found = find_date(
        tree,
        extensive_search=False,
        original_date=True,
        max_date=fetched_at[:10] if fetched_at else None,
    )
    return normalise_date(found)


def find_published(
    tree: HtmlElement, url: str, fetched_at: str | None
) -> tuple[str | None, str | None]:
    """(published, published_source) from the page: JSON-LD, meta, URL, text, crawl date.

    >>> from lxml.html import fromstring
    >>> find_published(fromstring("<html><body><p>x</p></body></html>"),
    ...                "https://ex.org/2020/01/02/a", None)
    ('2020-01-02', 'url')
    """
    for source, finder in (
        ("json-ld", lambda: jsonld_date(tree)),
        ("meta", lambda: meta_date(tree)),
        ("url", lambda: url_date(url)),
        ("text", lambda: text_date(tree, fetched_at)),
    ):
        found = finder()
        if found:
            return found, source
    if fetched_at:
        return fetched_at, "crawl"
    return None, None
