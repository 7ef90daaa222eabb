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
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from htmldate import find_date
from lxml.html import HtmlElement

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
_ISO_DAY = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
_ARTICLE_TYPES = ("article", "posting", "report", "blog")
# Plausible publication years: htmldate uses a similar window.
MIN_YEAR = 1990


def normalise_date(value: object) -> str | None:
    """An ISO 8601 date or datetime from a metadata value, or None when it is not one.

    >>> normalise_date("2020-05-01T08:30:00Z"), normalise_date("Fri, 01 May 2020 08:30:00 GMT")
    ('2020-05-01T08:30:00+00:00', '2020-05-01T08:30:00+00:00')
    >>> normalise_date("sometime"), normalise_date("2020-5-1")
    (None, '2020-05-01')
    """
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    dt: datetime | None = None
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00") if s.endswith("Z") else s)
    except ValueError:
        try:
            dt = parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            dt = None
    if dt is not None:
        if dt.year < MIN_YEAR:
            return None
        if len(s) <= 10 and dt.hour == dt.minute == dt.second == 0 and dt.tzinfo is None:
            return dt.date().isoformat()
        return dt.isoformat()
    m = _ISO_DAY.search(s)
    if m:
        return _ymd(m.group(1), m.group(2), m.group(3))
    return None


_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december")
    )
    for m in names.split()
}  # fmt: skip
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_FIRST = re.compile(
    r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>(?:19|20)\d{2})\b", re.I
)
_MONTH_FIRST = re.compile(
    r"\b" + _MONTH + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})\b", re.I
)


def shown_date(text: str) -> str | None:
    """A date as printed on a page: "March 4, 2024", "4 March 2024", or ISO.

    >>> shown_date("Monday, March 4, 2024"), shown_date("on 12th Sept 2019"), shown_date("soon")
    ('2024-03-04', '2019-09-12', None)
    """
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        m = pattern.search(text)
        if m:
            return _ymd(m.group("y"), str(_MONTHS[m.group("mon").lower()]), m.group("d"))
    m = _ISO_DAY.search(text)
    return _ymd(m.group(1), m.group(2), m.group(3)) if m else None


def _ymd(y: str, m: str, d: str) -> str | None:
    try:
        day = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return day.isoformat() if day.year >= MIN_YEAR else None


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
    return _ymd(m.group(1), m.group(2), m.group(3)) if m else None


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
