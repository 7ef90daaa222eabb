"""Plain records passed between stages.

Sources yield :class:`RawPage`, :class:`LinkRecord` or :class:`IngestError`; extraction turns a
page into :class:`Article` records (one for an article page, one per teaser on a listing page).
They are frozen dataclasses so stages stay pure and records can cross process boundaries.

>>> p = RawPage(url="https://ex.org/a", source="crawl.warc.gz", body=b"<html></html>", kind="warc")
>>> p.source_offset is None
True
>>> IngestError(source="x.html", reason="empty", detail="file is empty").reason
'empty'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Where a published date came from, best first. Reuse provenance reports this with every date.
DATE_SOURCES = ("input", "feed", "json-ld", "meta", "telegram", "sitemap", "url", "text", "crawl")

PAGE_TYPES = ("article", "listing", "teaser", "text", "post", "forum")


@dataclass(frozen=True, slots=True)
class RawPage:
    """One page or record as read from a source, before extraction.

    ``hints`` carries metadata the container already knows (feed entry title, authors,
    published date and categories; Telegram ``forwarded_from``; JSONL fields). Keys used:
    ``title``, ``authors`` (list), ``published`` (ISO 8601), ``published_source`` (one of
    DATE_SOURCES), ``tags`` (list), ``language``, ``forwarded_from``, ``series``.
    """

    url: str
    source: str  # input file path as given (relative to the source root when walking folders)
    body: bytes  # raw bytes: HTML, or UTF-8 text when content_type is text/plain
    kind: str  # html | text | warc | arc | feed | jsonl | csv | telegram | fetch
    source_offset: int | None = None  # byte offset of the WARC record, line number of JSONL/CSV
    content_type: str = "text/html"
    fetched_at: str | None = None  # ISO 8601 UTC crawl/fetch date
    status: int | None = None  # HTTP status when known
    site: str | None = None  # explicit site (folder name, --site, Telegram channel)
    hints: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """A URL known from a sitemap or a feed without its content (what ``fetch`` can download).

    ``hints`` may hold ``lastmod``, ``published``, ``title``, ``tags`` (news sitemaps, feeds).
    """

    url: str
    source: str
    kind: str  # sitemap | sitemapindex | feed
    hints: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class IngestError:
    """A bad file, record or page: reported with a reason, never silently skipped.

    ``reason`` is a short stable code (``gzip-truncated``, ``warc-corrupt``, ``not-html``,
    ``undecodable``, ``empty``, ``too-large``, ``xml-unsafe``, ``xml-malformed``,
    ``json-malformed``, ``fetch-refused``, ``http-error``, ``extract-failed`` ...); ``detail`` is
    the human message.
    """

    source: str
    reason: str
    detail: str
    location: str | None = None  # record offset, line number or URL within the source


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of an article's text: ``text[start:end]`` of the article."""

    start: int
    end: int
    kind: str = "p"  # p | h | li | quote | caption


@dataclass(frozen=True, slots=True)
class Article:
    """One extracted article or teaser. ``text`` paragraphs are joined with "\\n\\n"."""

    url: str
    site: str
    page_type: str  # one of PAGE_TYPES
    text: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601 date or datetime
    published_source: str | None = None  # one of DATE_SOURCES
    language: str | None = None
    tags: tuple[str, ...] = ()
    series: str | None = None
    series_part: int | None = None
    canonical_url: str | None = None
    links_to: str | None = None  # for a teaser: the article URL it points to
    item_index: int = 0  # position of a teaser on its listing page (0 for articles)
    extra: Mapping[str, Any] = field(default_factory=dict)


def join_paragraphs(parts: list[tuple[str, str]]) -> tuple[str, tuple[Paragraph, ...]]:
    """Join (kind, text) parts into article text with exact paragraph offsets.

    >>> text, paras = join_paragraphs([("h", "Title"), ("p", "Body text.")])
    >>> [text[p.start:p.end] for p in paras]
    ['Title', 'Body text.']
    """
    chunks: list[str] = []
    paras: list[Paragraph] = []
    pos = 0
    for kind, t in parts:
        t = t.strip()
        if not t:
            continue
        if chunks:
            chunks.append("\n\n")
            pos += 2
        chunks.append(t)
        paras.append(Paragraph(pos, pos + len(t), kind))
        pos += len(t)
    return "".join(chunks), tuple(paras)
