"""Page metadata (title, authors, canonical URL, categories, tags) from trafilatura's extractors.

``trafilatura.extract_metadata`` also runs htmldate on every page. Our date comes from
:mod:`dates`, which reads the structured sources itself and needs htmldate only when they are
silent, so the same extractors are called here without the date step (a third of the cost of
metadata on news pages, and htmldate's extensive search loads dateparser in every worker).

>>> from lxml.html import fromstring
>>> tree = fromstring('<html><head><title>A title | Site</title>'
...   '<meta name="author" content="Ann Lee; Bo Chan"></head><body><p>x</p></body></html>')
>>> m = page_metadata(tree, "https://ex.org/a")
>>> m.title, m.authors, m.url
('A title', ('Ann Lee', 'Bo Chan'), 'https://ex.org/a')
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_catstags,
    extract_meta_json,
    extract_title,
    extract_url,
)
from trafilatura.utils import line_processing

LOG = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What the page says about itself, before any hint from the source is applied."""

    title: str | None
    authors: tuple[str, ...]
    url: str | None  # canonical URL as declared (link rel=canonical, og:url), else the page URL
    tags: tuple[str, ...]  # categories first, then tags


def dedup(values: Iterable[str]) -> tuple[str, ...]:
    """Stripped, non-empty values in first-seen order, case-insensitively unique.

    >>> dedup([" News", "news", "", "Politics"])
    ('News', 'Politics')
    """
    seen: dict[str, str] = {}
    for v in values:
        v = v.strip()
        if v and v.lower() not in seen:
            seen[v.lower()] = v
    return tuple(seen.values())


# trafilatura's category and tag readers keep only links whose href holds /category/ or /tag/
# (its regex "/categor(y|ies|s)?/", "/tag(y|ies|s)?/"), after a dozen XPaths over the whole page
# (~1.4 ms each per page). One cheap XPath for such a link first: without one they find nothing.
_HAS_CATEGORY_LINK = XPath('boolean(.//a[contains(@href, "/categor")])')
_HAS_TAG_LINK = XPath('boolean(.//a[contains(@href, "/tag")])')
_SECTION_META = XPath(
    './/head//meta[@property="article:section" or contains(@name, "subject")][@content]'
)


def _catstags(kind: str, tree: HtmlElement) -> list[str]:
    """trafilatura's categories, without its link search on pages with no category link.

    >>> from lxml.html import fromstring
    >>> _catstags("category", fromstring('<html><head><meta property="article:section" '
    ...     'content="Weather"></head><body><a href="/x">x</a></body></html>'))
    ['Weather']
    """
    if _HAS_CATEGORY_LINK(tree):
        return extract_catstags(kind, tree)
    # trafilatura's own fallback when the links give nothing: the section meta tags.
    return [
        r
        for r in dict.fromkeys(
            line_processing(e.get("content")) for e in _SECTION_META(tree) if e.get("content")
        )
        if r
    ]


def page_metadata(tree: HtmlElement, url: str | None) -> PageMetadata:
    """The same cascade as trafilatura's ``extract_metadata`` (meta tags, JSON-LD, then DOM
    heuristics), minus the date, sitename and licence."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # trafilatura's rule: a one-word meta author is usually a handle
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as err:  # noqa: BLE001 -- trafilatura's JSON-LD code chokes on odd graphs
        LOG.debug("JSON-LD metadata skipped: %s", err)
    if not meta.title:
        meta.title = extract_title(tree)
    if not meta.author:
        meta.author = extract_author(tree)
    if not meta.url:
        meta.url = extract_url(tree, url)
    if not meta.categories:
        meta.categories = _catstags("category", tree)
    if not meta.tags:
        meta.tags = extract_catstags("tag", tree) if _HAS_TAG_LINK(tree) else []
    meta.clean_and_trim()
    return PageMetadata(
        title=meta.title or None,
        authors=dedup((meta.author or "").split(";")),
        url=meta.url or url,
        tags=dedup([*(meta.categories or []), *(meta.tags or [])]),
    )
