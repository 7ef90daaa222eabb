"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: entries with content become pages, others links.

A feed entry often carries the full article (``content:encoded``, Atom ``content``) together
with metadata the page itself hides or gets wrong: the publication date, the authors and the
categories. Those go into ``RawPage.hints`` with ``published_source="feed"`` so that dating
and provenance can prefer them. The entry's HTML becomes the body of a minimal page
(:func:`entry_document`) so that the extractor reads it like any article. Entries with only a link become :class:`LinkRecord` rows that
``copytrail fetch`` can download.

>>> from copytrail.settings import Settings
>>> rss = b'''<rss version="2.0"><channel><title>Ex</title><link>https://ex.org/</link>
... <item><title>One</title><link>/a/1</link><pubDate>Tue, 02 Jan 2024 10:00:00 +0100</pubDate>
... <description>&lt;p&gt;Body one&lt;/p&gt;</description><category>Politics</category></item>
... <item><title>Two</title><link>https://ex.org/a/2</link></item></channel></rss>'''
>>> page, link = parse_feed(rss, "ex.xml")
>>> page.url, page.hints["published"], page.hints["tags"], b"<article><p>Body one</p></article>" in page.body
('https://ex.org/a/1', '2024-01-02T10:00:00+01:00', ['Politics'], True)
>>> type(link).__name__, link.url
('LinkRecord', 'https://ex.org/a/2')
"""

from __future__ import annotations

import copy
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from copytrail.dates import instant
from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.settings import Settings
from copytrail.sources.limits import xml_depth
from copytrail.sources.payload import read_source_file
from copytrail.sources.safexml import child, child_text, children, local_name, parse_xml_checked

_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

FeedRecord = RawPage | LinkRecord | IngestError


def iter_feed(path: str, settings: Settings) -> Iterator[RawPage | LinkRecord | IngestError]:
    """Entries of an RSS/Atom feed file (gzip allowed), in document order."""
    data = read_source_file(path, settings.max_page_bytes)
    if isinstance(data, IngestError):
        yield data
        return
    yield from parse_feed(data, path, limits=_Limits.of(settings))


@dataclass(frozen=True)
class _Limits:
    """The settings a feed entry is checked against before it is read."""

    depth: int = 400
    entry_bytes: int = 2_000_000

    @classmethod
    def of(cls, settings: Settings) -> _Limits:
        return cls(settings.max_depth, settings.max_feed_entry_bytes)


def parse_feed(
    data: bytes, source: str, base_url: str = "", limits: _Limits | None = None
) -> list[FeedRecord]:
    """Records of one feed document; ``base_url`` resolves relative links (a fetched feed's URL).

    A document that is not a feed gives one ``not-feed`` error; a damaged one gives the entries
    that could be read plus one ``xml-malformed`` row; an entry nested deeper than
    ``max_depth`` or larger than ``max_feed_entry_bytes`` gives one error row of its own.
    """
    if not data.strip():
        return [IngestError(source, "empty", "feed has no content")]
    root, damage = parse_xml_checked(data, source)
    if isinstance(root, IngestError):
        return [root]
    lim = limits or _Limits()
    kind = local_name(root.tag)
    if kind == "rss":
        channel = child(root, "channel")
        if channel is None:
            return [IngestError(source, "not-feed", "RSS document without <channel>")]
        out = _rss(channel, channel, source, base_url, lim)
    elif kind == "RDF":  # RSS 1.0: items are siblings of the channel
        channel = child(root, "channel")
        out = _rss(channel if channel is not None else root, root, source, base_url, lim)
    elif kind == "feed":
        out = _atom(root, source, base_url, lim)
    else:
        return [IngestError(source, "not-feed", f"root element <{kind}> is not rss, RDF or feed")]
    if damage:
        out.append(
            IngestError(source, "xml-malformed", f"damaged feed, {len(out)} entries read: {damage}")
        )
    return out


def _join(base: str, link: str) -> str | None:
    """``link`` resolved against ``base``; None when either is not a usable URL.

    >>> _join("https://ex.org/a/", "b"), _join("https://ex.org/", "http://[::1/x")
    ('https://ex.org/a/b', None)
    """
    try:
        url = urljoin(base, link)
        urlsplit(url).port  # noqa: B018 - raises on a bad port or IPv6 literal
    except ValueError:
        return None
    return url


def _refused(entry: ET.Element, source: str, index: int, lim: _Limits) -> IngestError | None:
    """Why an entry is not read at all: nested too deep, or too large (checked without recursion)."""
    if xml_depth(entry, lim.depth) > lim.depth:
        detail = f"entry {index} is nested deeper than max_depth {lim.depth}"
        return IngestError(source, "too-deep", detail, str(index))
    size = sum(len(t) for e in entry.iter() for t in (e.text, e.tail) if t)
    if size > lim.entry_bytes:
        detail = f"entry {index} holds {size} characters > max_feed_entry_bytes {lim.entry_bytes}"
        return IngestError(source, "too-large", detail, str(index))
    return None


def _rss(
    channel: ET.Element, holder: ET.Element, source: str, base_url: str, lim: _Limits
) -> list[FeedRecord]:
    feed_title = child_text(channel, "title")
    base = _join(base_url, child_text(channel, "link") or "") or base_url
    out: list[FeedRecord] = []
    for index, item in enumerate(children(holder, "item")):
        refused = _refused(item, source, index, lim)
        if refused is not None:
            out.append(refused)
            continue
        link = child_text(item, "link")
        guid = child(item, "guid")
        if not link and guid is not None and (guid.get("isPermaLink", "true").lower() == "true"):
            link = (guid.text or "").strip() or None
        body = _as_html(_first_text(item, ("encoded", "description")))
        authors = [
            a for a in (_text(e) for e in item if local_name(e.tag) in ("author", "creator")) if a
        ]
        published = _date(child_text(item, "pubDate") or child_text(item, "date"))
        tags = [
            t
            for t in (_text(c) for c in children(item, "category") + children(item, "subject"))
            if t
        ]
        out.append(
            _record(
                source,
                index,
                base,
                link,
                body,
                child_text(item, "title"),
                authors,
                published,
                tags,
                feed_title,
            )
        )
    return out


def _atom(feed: ET.Element, source: str, base_url: str, lim: _Limits) -> list[FeedRecord]:
    feed_title = child_text(feed, "title")
    base = _join(base_url, feed.get(_XML_BASE) or _atom_link(feed) or "") or base_url
    out: list[FeedRecord] = []
    for index, entry in enumerate(children(feed, "entry")):
        refused = _refused(entry, source, index, lim)
        if refused is not None:
            out.append(refused)
            continue
        entry_base = _join(base, entry.get(_XML_BASE) or "") or base
        body = None
        for name in ("content", "summary"):
            el = child(entry, name)
            if el is not None and el.get("src") is None:
                body = _atom_html(el)
                if body:
                    break
        authors = [a for a in (child_text(a, "name") for a in children(entry, "author")) if a]
        published = _date(child_text(entry, "published") or child_text(entry, "updated"))
        tags = [c.get("label") or c.get("term") or "" for c in children(entry, "category")]
        link = _atom_link(entry)
        out.append(
            _record(
                source,
                index,
                entry_base,
                link,
                body,
                child_text(entry, "title"),
                authors,
                published,
                [t for t in tags if t],
                feed_title,
            )
        )
    return out


def _record(
    source: str,
    index: int,
    base: str,
    link: str | None,
    body: str | None,
    title: str | None,
    authors: list[str],
    published: str | None,
    tags: list[str],
    feed_title: str | None,
) -> FeedRecord:
    if not link:
        return IngestError(
            source, "feed-entry-no-url", f"entry {index} has no link or permalink guid", str(index)
        )
    url = _join(base, link.strip())
    if url is None:
        return IngestError(
            source, "feed-entry-bad-url", f"entry {index}: unusable link {link[:200]!r}", str(index)
        )
    hints: dict[str, Any] = {
        "title": title,
        "authors": authors,
        "published": published,
        "published_source": "feed" if published else None,
        "tags": tags,
        "feed_title": feed_title,
    }
    if body and body.strip():
        return RawPage(
            url=url,
            source=source,
            body=entry_document(body, title).encode("utf-8"),
            kind="feed",
            source_offset=index,
            hints=hints,
        )
    return LinkRecord(url=url, source=source, kind="feed", hints=hints)


def entry_document(body: str, title: str | None) -> str:
    """An entry's HTML inside a minimal page, as the article extractor expects a document.

    A bare fragment such as ``<p>text</p>`` has no body element for the extractor to find.

    >>> entry_document("<p>Hi</p>", "A & B")
    '<html><head><meta charset="utf-8"><title>A &amp; B</title></head><body><article><p>Hi</p></article></body></html>'
    """
    head = f"<title>{html.escape(title, quote=False)}</title>" if title else ""
    return f'<html><head><meta charset="utf-8">{head}</head><body><article>{body.strip()}</article></body></html>'


def _atom_link(el: ET.Element) -> str | None:
    # rel="alternate" is the article itself; a link without rel means alternate (RFC 4287).
    for link in children(el, "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _atom_html(el: ET.Element) -> str | None:
    kind = (el.get("type") or "text").lower()
    if kind == "xhtml":
        # The content is an inline <div>; serialise its children back to markup.
        div = child(el, "div")
        holder = div if div is not None else el
        parts = [html.escape(holder.text or "", quote=False)]
        for c in holder:
            c = copy.deepcopy(c)
            for e in c.iter():
                e.tag = local_name(e.tag) or e.tag  # drop the XHTML namespace prefixes
            parts.append(ET.tostring(c, encoding="unicode"))
        inner = "".join(parts)
        return inner.strip() or None
    text = el.text or ""
    if kind in ("html", "text/html") or "html" in kind:
        return text.strip() or None
    # type="text": plain text; escape it so the extractor does not read "<" as markup.
    return "<p>" + html.escape(text.strip()) + "</p>" if text.strip() else None


_MARKUP = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|/[a-zA-Z]|!--)")


def _as_html(body: str | None) -> str | None:
    """An RSS description as HTML: plain text (no tag in it) becomes escaped paragraphs.

    Many feeds put plain text in ``<description>``; read as HTML it has no paragraph and the
    entry would be lost as empty.

    >>> _as_html("Rates rose & fell.\\n\\nA second paragraph."), _as_html("<p>Kept</p>")
    ('<p>Rates rose &amp; fell.</p><p>A second paragraph.</p>', '<p>Kept</p>')
    """
    if not body or _MARKUP.search(body):
        return body
    paras = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paras) or None


def _first_text(el: ET.Element, names: tuple[str, ...]) -> str | None:
    for name in names:
        c = child(el, name)
        if c is not None and c.text and c.text.strip():
            return c.text
    return None


def _text(el: ET.Element) -> str | None:
    t = "".join(el.itertext()).strip()
    return t or None


def _date(value: str | None) -> str | None:
    """ISO 8601 from an RFC 822 (RSS) or ISO (Atom, Dublin Core) date; None if unparseable
    (the project's date reader, :func:`copytrail.dates.instant`).

    >>> _date("Mon, 01 Jan 2024 08:00:00 GMT"), _date("2024-01-01T08:00:00Z"), _date("soon")
    ('2024-01-01T08:00:00+00:00', '2024-01-01T08:00:00+00:00', None)
    """
    return instant(value)
