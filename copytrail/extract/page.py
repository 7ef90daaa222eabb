"""One page → its articles: the extraction cascade.

For HTML, in order:

1. decode and parse once (:func:`tree.parse_html`), flattening runaway nesting;
2. listing pages (:mod:`listing`) → one ``teaser`` record per item, nothing else;
3. article pages → metadata (:mod:`metadata`) and the main text: copytrail's own fast path
   (:mod:`fastpath`) when the page has one clear body, else trafilatura's extractor (a fast
   pass, then its fallback extractors only when that found little; ``favor_recall`` is a
   setting, off by default because it scored lower on AEB and Fundus), with paragraphs taken
   from its XML body so offsets are exact; a heading repeating the title is
   dropped (the title is a field), headings before the first paragraph (the dek) go to
   ``extra["lead_headings"]``, and runs of headings (widgets) are dropped;
4. date with provenance (:mod:`dates`), language (:mod:`language`), series (:mod:`series`).

Plain-text pages (``text`` and ``telegram`` kinds) keep their decoded body *exactly*, so that
offsets in reports are offsets in the file. Any failure is an :class:`IngestError` value.

>>> from copytrail.model import RawPage
>>> from copytrail.settings import Settings
>>> page = RawPage(url="file:///notes/a.txt", source="a.txt", body=b"One.\\n\\nTwo.\\n",
...                kind="text", content_type="text/plain", site="notes")
>>> [a.text[p.start:p.end] for a in extract_page(page, Settings()) for p in a.paragraphs]
['One.', 'Two.']
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from typing import Any

from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Document

from copytrail.extract.boilerplate import normalise_block
from copytrail.extract.dates import find_published, normalise_date
from copytrail.extract.fastpath import fast_main_text
from copytrail.extract.forums import is_forum_index
from copytrail.extract.language import guess_language
from copytrail.extract.listing import Teaser, listing_teasers
from copytrail.extract.metadata import PageMetadata, dedup, page_metadata
from copytrail.extract.paragraphs import body_parts, split_headings
from copytrail.extract.series import series_of
from copytrail.extract.tree import parse_html
from copytrail.model import Article, IngestError, Paragraph, RawPage, join_paragraphs
from copytrail.settings import Settings
from copytrail.urls import canonical_url, same_site, site_of

_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
_CHARSET = re.compile(r"charset=([\w.:-]+)", re.I)
TEXT_KINDS = frozenset(("text", "telegram"))
# copytrail's own extractor first (extract/fastpath.py); trafilatura's when it is unsure.
FAST_PATH = True


def extract_page(page: RawPage, settings: Settings) -> list[Article] | IngestError:
    """Articles of one page (one for an article, one per teaser on a listing) or an error.

    Pure and picklable: safe to run in worker processes.
    """
    try:
        if page.kind in TEXT_KINDS or page.content_type.split(";")[0].strip() == "text/plain":
            return _extract_text(page)
        return _extract_html(page, settings)
    except Exception as err:  # noqa: BLE001 -- one bad page must not stop the batch
        return IngestError(
            source=page.source,
            reason="extract-failed",
            detail=f"{type(err).__name__}: {err}",
            location=page.url,
        )


# -- plain text ---------------------------------------------------------------------------


def text_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Blocks separated by blank lines, as spans of ``text`` without their outer whitespace.

    >>> t = "  Title\\n\\n\\nBody line 1\\nline 2\\n \\n"
    >>> [t[p.start:p.end] for p in text_paragraphs(t)]
    ['Title', 'Body line 1\\nline 2']
    """
    paras: list[Paragraph] = []
    start = 0
    for m in [*_BLANK_LINES.finditer(text), None]:
        end = m.start() if m else len(text)
        block = text[start:end]
        lead = len(block) - len(block.lstrip())
        trail = len(block.rstrip())
        if trail > lead:
            paras.append(Paragraph(start + lead, start + trail))
        if m:
            start = m.end()
    return tuple(paras)


def _decode(page: RawPage) -> str:
    m = _CHARSET.search(page.content_type)
    return page.body.decode(m.group(1) if m else "utf-8")


def _hint_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, Iterable):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return ()


def _hint_date(page: RawPage) -> tuple[str | None, str | None]:
    published = normalise_date(page.hints.get("published"))
    if not published:
        return None, None
    default = {"feed": "feed", "telegram": "telegram"}.get(page.kind, "input")
    return published, str(page.hints.get("published_source") or default)


def _extract_text(page: RawPage) -> list[Article] | IngestError:
    try:
        text = _decode(page)
    except (UnicodeDecodeError, LookupError) as err:
        return IngestError(page.source, "undecodable", str(err), location=page.url)
    hints = page.hints
    published, source = _hint_date(page)
    if not published and page.fetched_at:
        published, source = page.fetched_at, "crawl"
    title = hints.get("title")
    series = series_of(title)
    return [
        Article(
            url=page.url,
            site=page.site or site_of(page.url),
            page_type="post" if page.kind == "telegram" else "text",
            text=text,
            paragraphs=text_paragraphs(text),
            title=title,
            authors=_hint_list(hints.get("authors")),
            published=published,
            published_source=source,
            language=guess_language(text, hints.get("language")),
            tags=_hint_list(hints.get("tags")),
            series=hints.get("series") or (series[0] if series else None),
            series_part=series[1] if series else None,
            canonical_url=canonical_url(page.url) if page.url.startswith("http") else None,
            extra=_extra(hints),
        )
    ]


def _extra(hints: Mapping[str, Any]) -> dict[str, Any]:
    return {"forwarded_from": hints["forwarded_from"]} if hints.get("forwarded_from") else {}


# -- HTML ---------------------------------------------------------------------------------


def _declared_language(tree: HtmlElement) -> str | None:
    lang = tree.get("lang") or tree.get("xml:lang")
    if not lang:
        found = tree.xpath(
            'string(.//meta[@http-equiv="content-language" or @property="og:locale"]/@content)'
        )
        lang = str(found) or None
    return lang


def _teasers(
    page: RawPage, site: str, teasers: list[Teaser], declared: str | None
) -> list[Article]:
    articles = []
    for i, t in enumerate(teasers):
        text, paras = join_paragraphs(t.parts)
        articles.append(
            Article(
                url=page.url,
                site=site,
                page_type="teaser",
                text=text,
                paragraphs=paras,
                title=t.title or None,
                published=t.published,
                published_source="text" if t.published else None,
                language=guess_language(t.title + " " + text, declared),
                links_to=t.links_to,
                item_index=i,
            )
        )
    return articles


def _main_text(tree: HtmlElement, url: str, settings: Settings) -> list[tuple[str, str]] | None:
    """Main-text paragraphs: trafilatura's own extractor first, its fallbacks only if needed.

    trafilatura's default runs readability and jusText on every page and keeps the better
    result; that is a third of its time. Their rescue matters when the main extractor finds
    little (a failed or truncated extraction), so they run only below
    ``settings.fallback_below_chars``: same F1 on AEB/Fundus for a third less CPU
    (benchmarks/RESULTS.md).
    trafilatura works on a copy of the tree, so a second pass sees the same page.
    Before all of it, copytrail's own fast path (:mod:`fastpath`) answers pages whose body is
    unambiguous, in a fraction of the time; it returns None on the others.
    """
    if FAST_PATH:
        own = fast_main_text(tree)
        if own is not None and not _menu_like(own):
            return own
    best: list[tuple[str, str]] | None = None
    for fast in (True, False):
        doc = bare_extraction(
            tree,
            url=url or None,
            fast=fast,
            with_metadata=False,
            include_comments=False,
            include_tables=True,
            favor_recall=settings.favor_recall,
        )
        if isinstance(doc, Document) and doc.body is not None:
            parts = body_parts(doc.body)
            if best is None or not fast:
                best = parts
        if sum(len(t) for _, t in best or ()) >= settings.fallback_below_chars and not (
            best and _menu_like(best)
        ):
            break
    return best


def _menu_like(parts: list[tuple[str, str]]) -> bool:
    """Mostly one-to-three-word lines: a navigation menu taken for text, so try the fallbacks.

    >>> _menu_like([("p", "Home\\nNews\\nSports\\nContact us")]), _menu_like([("p", "A whole sentence of words.")])
    (True, False)
    """
    lines = [line for _, t in parts for line in t.split("\n")]
    short = sum(len(line) for line in lines if len(line.split()) <= 3)
    return short * 2 >= sum(len(line) for line in lines)


def _parse_page(page: RawPage, settings: Settings) -> HtmlElement | None:
    body: bytes | str = page.body
    if _CHARSET.search(page.content_type):
        # The HTTP header's charset beats guessing from the bytes (short pages fool guessers).
        try:
            body = _decode(page)
        except (UnicodeDecodeError, LookupError):
            body = page.body
    tree = parse_html(body, settings.max_html_depth)
    return tree if tree is not None and len(tree) else None


def _without_title(parts: list[tuple[str, str]], title: str | None) -> list[tuple[str, str]]:
    """Parts without a heading that repeats the title.

    The title is a field of its own; repeated as a heading it would look like reused text on
    every page that links to the article with its title.

    >>> _without_title([("h", "Big news!"), ("p", "Body.")], "Big  news")
    [('p', 'Body.')]
    """
    if not title:
        return parts
    folded = normalise_block(title)
    return [(k, t) for k, t in parts if not (k == "h" and normalise_block(t) == folded)]


def _extract_html(page: RawPage, settings: Settings) -> list[Article] | IngestError:
    tree = _parse_page(page, settings)
    if tree is None:
        return IngestError(page.source, "empty", "no HTML content", location=page.url)
    declared = _declared_language(tree)
    teasers = listing_teasers(tree, page.url, settings.min_teasers)
    if teasers:
        return _teasers(page, page.site or site_of(page.url), teasers, declared)
    # A forum's thread list keeps its text but is no article: claims pass it over.
    page_type = "forum" if is_forum_index(tree) else "article"

    # Metadata and dates first: trafilatura's cleaning works on a copy, but these must see the
    # page as published (JSON-LD scripts, meta tags).
    meta = page_metadata(tree, page.url or None)
    published, source = _hint_date(page)
    if not published:
        published, source = find_published(tree, page.url, page.fetched_at)

    parts = _main_text(tree, page.url, settings)
    if parts is None:
        return IngestError(page.source, "empty", "no main text found", location=page.url)
    title = page.hints.get("title") or meta.title
    parts, lead = split_headings(_without_title(parts, title))
    text, paras = join_paragraphs(parts)
    if not text:
        return IngestError(page.source, "empty", "no main text found", location=page.url)
    article = Article(
        url=page.url,
        site="",
        page_type=page_type,
        text=text,
        paragraphs=paras,
        title=title,
        published=published,
        published_source=source,
    )
    return [_with_page_fields(article, page, meta, declared, lead)]


def _with_page_fields(
    article: Article, page: RawPage, meta: PageMetadata, declared: str | None, lead: list[str]
) -> Article:
    """The article with what the page and its source say: site, authors, tags, language,
    series, canonical and credited URLs, lead headings."""
    hints = page.hints
    series = series_of(article.title)
    canonical, credited = page_canonical(page, meta.url)
    extra = {**_extra(hints), "lead_headings": lead} if lead else _extra(hints)
    if credited:
        extra["credited_url"] = credited
    return dataclasses.replace(
        article,
        # Where the page was found, not where its canonical link points: a syndicated copy
        # names the original as canonical, and reuse tracing must keep the two sites apart.
        # A credited URL only names the site of a local file read with no other evidence.
        site=page.site or site_of(page.url) or site_of(credited or ""),
        authors=_hint_list(hints.get("authors")) or meta.authors,
        language=hints.get("language") or guess_language(article.text, declared),
        tags=dedup([*_hint_list(hints.get("tags")), *meta.tags]),
        series=hints.get("series") or (series[0] if series else None),
        series_part=series[1] if series else None,
        canonical_url=canonical,
        extra=extra,
    )


def page_canonical(page: RawPage, declared: str | None) -> tuple[str | None, str | None]:
    """(canonical URL, credited URL) of a page from the canonical URL it declares.

    A canonical on the page's own site names the page (tracking parameters, mirrors of one
    site collapse to it). A canonical on another site is what syndication partners write to
    credit the originating publisher: it is kept as a credit, and the page keeps its own URL,
    so the reprint, its site and its lag stay in the analysis.

    >>> from copytrail.model import RawPage
    >>> page = RawPage(url="https://reprinter.example/a?utm_source=x", source="s", body=b"", kind="html")
    >>> page_canonical(page, "https://www.reprinter.example/a")
    ('https://www.reprinter.example/a', None)
    >>> page_canonical(page, "https://origin.example/story")
    ('https://reprinter.example/a', 'https://origin.example/story')
    """
    credited = page.hints.get("credited_url") if isinstance(page.hints, Mapping) else None
    own = site_of(page.url)
    if declared and declared.startswith("http"):
        if own and same_site(site_of(declared), own):
            return canonical_url(declared), credited
        # Another site's URL, or a saved file's URL its reader did not accept as its identity.
        credited = credited or declared
    return (canonical_url(page.url) if own else None), credited
