"""XML sitemaps and sitemap indexes (gzip allowed), with the news and image extensions.

A sitemap lists URLs, not content: every ``<url>`` becomes a :class:`LinkRecord` of kind
``sitemap`` and every ``<sitemap>`` of an index one of kind ``sitemapindex``. News sitemaps
carry the publication date and title, which dating can use when a page hides its own date.
``hints`` always holds ``lastmod``, ``published`` and ``title`` (None when absent), plus
``images`` (image sitemap locations) and ``language`` / ``tags`` when the news extension gives
them.

>>> xml = b'''<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
...   xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
... <url><loc>https://ex.org/a</loc><lastmod>2024-03-01</lastmod>
...  <news:news><news:publication_date>2024-02-29T12:00:00Z</news:publication_date>
...  <news:title>Leap</news:title></news:news></url></urlset>'''
>>> [(r.kind, r.url, r.hints["published"], r.hints["title"]) for r in parse_sitemap(xml, "s.xml")]
[('sitemap', 'https://ex.org/a', '2024-02-29T12:00:00Z', 'Leap')]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.settings import Settings
from copytrail.sources.payload import PayloadError, gunzip_capped, is_gzip, read_source_file
from copytrail.sources.safexml import child, child_text, children, local_name, parse_xml_checked

# The sitemap protocol caps a file at 50 MB uncompressed; used when no setting is passed.
SITEMAP_MAX_BYTES = 52_428_800


def iter_sitemap(path: str, settings: Settings) -> Iterator[RawPage | LinkRecord | IngestError]:
    """Links of a sitemap or sitemap index file (``.xml`` or ``.xml.gz``)."""
    data = read_source_file(path, settings.max_page_bytes)
    if isinstance(data, IngestError):
        yield data
        return
    yield from parse_sitemap(data, path, max_bytes=settings.max_page_bytes)


def parse_sitemap(
    data: bytes, source: str, max_bytes: int = SITEMAP_MAX_BYTES
) -> list[LinkRecord | IngestError]:
    """Links of one sitemap document (gzip bytes are decompressed, within ``max_bytes``).

    Pure: the crawler calls it on downloaded bytes, :func:`iter_sitemap` on files. A document
    that is neither ``<urlset>`` nor ``<sitemapindex>`` gives one ``not-sitemap`` error; a
    ``<url>`` without ``<loc>`` gives an error for that entry only.
    """
    if is_gzip(data):
        try:
            data = gunzip_capped(data, max_bytes)
        except PayloadError as exc:
            return [IngestError(source, exc.reason, exc.detail)]
    if not data.strip():
        return [IngestError(source, "empty", "sitemap has no content")]
    root, damage = parse_xml_checked(data, source)
    if isinstance(root, IngestError):
        return [root]
    kind = local_name(root.tag)
    if kind == "urlset":
        entries, link_kind = children(root, "url"), "sitemap"
    elif kind == "sitemapindex":
        entries, link_kind = children(root, "sitemap"), "sitemapindex"
    else:
        return [
            IngestError(
                source, "not-sitemap", f"root element <{kind}> is not urlset or sitemapindex"
            )
        ]
    out: list[LinkRecord | IngestError] = []
    for index, entry in enumerate(entries):
        loc = child_text(entry, "loc")
        if not loc:
            out.append(
                IngestError(
                    source, "sitemap-entry-no-url", f"entry {index} has no <loc>", str(index)
                )
            )
            continue
        if not _usable(loc):
            detail = f"entry {index}: unusable <loc> {loc[:200]!r}"
            out.append(IngestError(source, "sitemap-entry-bad-url", detail, str(index)))
            continue
        hints: dict[str, Any] = {
            "lastmod": child_text(entry, "lastmod"),
            "published": None,
            "title": None,
        }
        news = child(entry, "news")
        if news is not None:
            hints["published"] = child_text(news, "publication_date")
            hints["title"] = child_text(news, "title")
            keywords = child_text(news, "keywords")
            if keywords:
                hints["tags"] = [k.strip() for k in keywords.split(",") if k.strip()]
            publication = child(news, "publication")
            if publication is not None and child_text(publication, "language"):
                hints["language"] = child_text(publication, "language")
        images = [child_text(i, "loc") for i in children(entry, "image")]
        if any(images):
            hints["images"] = [i for i in images if i]
        out.append(LinkRecord(url=loc, source=source, kind=link_kind, hints=hints))
    if damage:
        # A cut-off sitemap still gives its links; the damage gets its own row.
        detail = f"damaged sitemap, {len(out)} entries read: {damage}"
        out.append(IngestError(source, "xml-malformed", detail))
    return out


def _usable(url: str) -> bool:
    """False for a URL that the crawler could not even split (a bad IPv6 host or port).

    >>> _usable("https://ex.org/a"), _usable("http://[::1/x"), _usable("http://ex.org:99999/")
    (True, False, False)
    """
    try:
        urlsplit(url).port  # noqa: B018 - raises on a bad port or IPv6 literal
    except ValueError:
        return False
    return True
