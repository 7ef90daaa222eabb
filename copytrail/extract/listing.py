"""Listing pages (home, tag, category, archive, blog index) and their teasers.

A listing must not become one "article" made of twenty excerpts: every excerpt would then look
like text reused from the real articles. Instead each teaser becomes its own record pointing at
the article it announces (``links_to``), so reuse can be traced to the article itself.

A page is a listing when it holds at least ``min_teasers`` repeated post blocks, each with a
heading link, and something else agrees: a listing-like URL (/tag/, /category/, /page/2 ...),
or, on a page that does not declare itself an article (og:type), "Read more"/"Continue
reading" links on most items or teasers making up most of the page text.

>>> from lxml.html import fromstring
>>> items = "".join(f'<article class="post"><h2><a href="/p{i}">Post {i}</a></h2>'
...                 f'<p>Excerpt {i} of the post.</p><a href="/p{i}">Continue Reading</a></article>'
...                 for i in range(5))
>>> tree = fromstring(f"<html><body><main>{items}</main></body></html>")
>>> teasers = find_teasers(tree, "https://blog.example/tag/x/", min_teasers=4)
>>> len(teasers), teasers[0].title, teasers[0].links_to, teasers[0].parts
(5, 'Post 0', 'https://blog.example/p0', [('p', 'Excerpt 0 of the post.')])
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from copytrail.extract.dates import normalise_date, shown_date
from copytrail.extract.paragraphs import clean_text
from copytrail.urls import canonical_url

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Class tokens of a post block in common CMS themes (WordPress, Blogger, news templates).
_ITEM_CLASS = re.compile(
    r"^(post|hentry|entry|teaser|card|story|post-outer|type-post|blog-post|article|"
    r"news-item|post-item|entry-item|article-item|list-item|story-item|jeg_post|td_module.*)$",
    re.I,
)
# Blocks inside these are site furniture (related posts, sidebars), never the page's listing.
_FURNITURE = re.compile(
    r"sidebar|popular|related|recommend|footer|menu|comment|trending|most-?read|"
    r"more-stories|newsletter|breadcrumb|carousel|slider|ticker|navigation|navbar|"
    r"(?<![a-z])nav(?![a-z])|(?:main|sub|top|site|primary|global|meta)nav",
    re.I,
)
# Links to people, not posts: a thread's posts carry their author's profile link as heading.
_PROFILE_PATH = re.compile(r"/(members?|users?|profiles?|u|authors?|mitglieder)/", re.I)
_FURNITURE_TAGS = frozenset(("aside", "nav", "footer", "header"))
_READ_MORE = re.compile(
    r"^\W*(read more|continue reading|read the rest|read full|more\W*$|weiterlesen|"
    r"lire la suite|leer más|seguir leyendo|continua a leggere|lees verder|ler mais|"
    r"читать далее|czytaj więcej|läs mer)",
    re.I,
)
_READ_MORE_CLASS = re.compile(r"more-link|jump-link|read-?more|continue", re.I)
# Parts of a teaser that are not its excerpt: bylines, dates, tags, share bars.
_META_CLASS = re.compile(
    r"meta|byline|author|date|time|tags|categor|share|comment|footer|label|jump-link|more-link|read-?more",
    re.I,
)
_NOT_EXCERPT = frozenset(
    ("script", "style", "time", "noscript", "form", "button", "figure", "figcaption")
)
_LISTING_PATH = re.compile(
    r"/(tag|tags|category|categories|topic|topics|author|authors|archive|archives|label|"
    r"search|section|sections)(/|$)|/page/\d+/?$|^/?$|^/\d{4}(/\d{1,2})?/?$",
    re.I,
)
_LISTING_QUERY = re.compile(r"(^|&)(page|paged|updated-max|s|q|tag|cat)=", re.I)


@dataclass(frozen=True, slots=True)
class Teaser:
    """One item of a listing page."""

    links_to: str
    title: str
    parts: list[tuple[str, str]]
    published: str | None
    read_more: bool
    chars: int


def _classes(el: etree._Element) -> list[str]:
    return (el.get("class") or "").split()


def _is_furniture(el: etree._Element) -> bool:
    if el.tag in _FURNITURE_TAGS or el.get("role") in ("navigation", "menu", "menubar"):
        return True
    marks = (el.get("class") or "") + " " + (el.get("id") or "")
    return bool(_FURNITURE.search(marks))


def _item_of(heading: etree._Element) -> tuple[etree._Element, str] | None:
    """The post block around a heading and its group key, or None when there is none."""
    el = heading.getparent()
    while el is not None and el.tag not in ("body", "html"):
        if el.tag == "article":
            return el, "article"
        for c in _classes(el):
            if _ITEM_CLASS.match(c):
                return el, f"{el.tag}.{c.lower()}"
        if el.tag == "li":
            return el, "li"
        el = el.getparent()
    return None


def _heading_link(heading: etree._Element) -> etree._Element | None:
    for a in heading.iter("a"):
        if a.get("href"):
            return a
    parent = heading.getparent()
    for _ in range(2):  # <a href><h2>Title</h2></a> themes
        if parent is None:
            break
        if parent.tag == "a" and parent.get("href"):
            return parent
        parent = parent.getparent()
    return None


def _text_of(el: etree._Element) -> str:
    return clean_text(" ".join(t for t in el.itertext() if t))


def _excerpt(item: etree._Element, heading: etree._Element) -> tuple[list[tuple[str, str]], bool]:
    """Excerpt paragraphs of a teaser and whether it has a read-more link."""
    read_more = False
    skip: set[etree._Element] = {heading}
    for el in item.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "a" and (
            _READ_MORE.match(_text_of(el)) or _READ_MORE_CLASS.search(el.get("class") or "")
        ):
            read_more = True
            skip.add(el)
        elif (
            el.tag in _NOT_EXCERPT
            or el.tag in _HEADINGS
            or (el is not item and _META_CLASS.search(el.get("class") or ""))
        ):
            skip.add(el)

    def visible_text(root: etree._Element) -> str:
        chunks: list[str] = [root.text or ""]

        def walk(el: etree._Element) -> None:
            if el not in skip:
                chunks.append(el.text or "" if isinstance(el.tag, str) else "")
                for c in el:
                    walk(c)
            chunks.append(el.tail or "")

        for c in root:
            walk(c)
        return clean_text(" ".join(chunks))

    paras = [
        p for p in item.iter("p") if p not in skip and not any(a in skip for a in p.iterancestors())
    ]
    # Without <p>, the item's loose text is the excerpt (minus heading, metadata, read-more).
    # Trailing "…" or "[...]" stay: they are part of what the page shows.
    parts = [("p", visible_text(p)) for p in paras] if paras else [("p", visible_text(item))]
    return [(k, t) for k, t in parts if t], read_more


def _published(item: etree._Element) -> str | None:
    for el in item.iter("time", "abbr"):
        found = normalise_date(el.get("datetime") or el.get("title"))
        if found:
            return found
    for el in item.iterfind('.//*[@itemprop="datePublished"]'):
        found = normalise_date(el.get("datetime") or el.get("content")) or shown_date(_text_of(el))
        if found:
            return found
    for el in item.iter():
        if isinstance(el.tag, str) and re.search(r"date|time|publish", el.get("class") or "", re.I):
            found = shown_date(_text_of(el))
            if found:
                return found
    # Blogger prints one date header above all posts of a day, outside the post block.
    for el in item.xpath("preceding::*[contains(@class, 'date-header')][1]"):
        found = shown_date(_text_of(el))
        if found:
            return found
    return None


def find_teasers(tree: HtmlElement, url: str, min_teasers: int) -> list[Teaser]:
    """The teasers of the page's main repeated post blocks (empty when there are fewer than
    ``min_teasers``); says nothing about whether the page *is* a listing (see
    :func:`listing_teasers`)."""
    return [t for _, t in _teaser_items(tree, url, min_teasers)]


def _base_url(tree: HtmlElement, url: str) -> str:
    for b in tree.iterfind(".//base[@href]"):
        return urljoin(url, b.get("href") or "")
    return url


def _announces_another_page(
    item: etree._Element, heading: etree._Element, href: str, page: str
) -> bool:
    """Whether a post block announces another page, rather than being a menu, a section of
    this page or a post of this thread.

    Not a teaser: a heading linking to this page itself (a recipe's "Ingredients" anchor), to a
    person's profile (a forum post's author), or a block whose text is mostly links to other
    pages (a menu: "Topics" over a list of sub-sections).
    """
    if urlsplit(href).scheme not in ("http", "https"):
        return False
    target = canonical_url(href)
    if target == canonical_url(page) or _PROFILE_PATH.search(urlsplit(href).path):
        return False
    own = len(_text_of(heading))
    total, linked, links = 0, 0, 0
    for a in item.iter("a"):
        if any(x is heading for x in a.iterancestors()) or a is heading:
            continue
        text = len(_text_of(a))
        other = (a.get("href") or "").strip()
        if text and other and canonical_url(urljoin(page, other)) != target:
            linked += text
            links += 1
    total = max(len(_text_of(item)) - own, 1)
    return not (links >= 2 and linked / total >= 0.6)


def _teaser_items(
    tree: HtmlElement, url: str, min_teasers: int
) -> list[tuple[etree._Element, Teaser]]:
    """(post block, teaser) of the page's main repeated post blocks; see :func:`find_teasers`."""
    base = _base_url(tree, url)
    groups: dict[str, list[tuple[etree._Element, etree._Element, str]]] = defaultdict(list)
    seen: set[etree._Element] = set()
    for heading in tree.iter(*_HEADINGS):
        link = _heading_link(heading)
        if link is None:
            continue
        found = _item_of(heading)
        if found is None or found[0] in seen:
            continue
        item, key = found
        if any(_is_furniture(a) for a in item.iterancestors()):
            continue
        seen.add(item)
        href = urljoin(base, (link.get("href") or "").strip())
        if _announces_another_page(item, heading, href, url):
            groups[key].append((item, heading, href))
    if not groups:
        return []
    best = max(groups.values(), key=len)
    teasers: list[tuple[etree._Element, Teaser]] = []
    targets: set[str] = set()
    for item, heading, href in best:
        target = canonical_url(href)
        if target in targets:  # a listing announces each article once; a thread repeats authors
            continue
        targets.add(target)
        parts, read_more = _excerpt(item, heading)
        title = _text_of(heading)
        teaser = Teaser(
            links_to=target,
            title=title,
            parts=parts,
            published=_published(item),
            read_more=read_more,
            chars=len(title) + sum(len(t) for _, t in parts),
        )
        teasers.append((item, teaser))
    return teasers if len(teasers) >= min_teasers else []


def _page_chars(tree: HtmlElement) -> int:
    body = tree.find(".//body")
    root = body if body is not None else tree
    total = 0
    for el in root.iter():
        if el.tag in ("script", "style", "noscript", "template"):
            total -= len("".join(el.itertext()))
        elif isinstance(el.tag, str):
            total += len((el.text or "").strip())
        total += len((el.tail or "").strip())
    return max(total, 1)


# A page with this much paragraph text of its own, outside its teasers and site furniture, is
# an article (a press release, a research page) with teaser strips, not a listing: listing
# pages measured here have none (blog, tag and home pages), articles with strips 1,000 and more.
ARTICLE_PROSE_CHARS = 1000


def _prose_outside(tree: HtmlElement, items: list[etree._Element]) -> int:
    """Characters of paragraph text outside the teaser blocks and the site's furniture."""
    inside: set[etree._Element] = set()
    for item in items:
        inside.update(item.iter())
    total = 0
    for p in tree.iter("p"):
        if p not in inside and not any(_is_furniture(a) for a in p.iterancestors()):
            total += len(_text_of(p))
    return total


def listing_teasers(tree: HtmlElement, url: str, min_teasers: int) -> list[Teaser]:
    """The teasers when the page is a listing page, else an empty list.

    >>> from lxml.html import fromstring
    >>> related = "".join(f'<article><h3><a href="/r{i}">R{i}</a></h3><p>Teaser.</p>'
    ...                   f'<a href="/r{i}">Read more</a></article>' for i in range(5))
    >>> tree = fromstring('<html><head><meta property="og:type" content="article"></head>'
    ...                   f'<body><p>Story</p>{related}</body></html>')
    >>> listing_teasers(tree, "https://ex.org/2024/story", 4)
    []
    """
    parts = urlsplit(url)
    listing_url = bool(_LISTING_PATH.search(parts.path) or _LISTING_QUERY.search(parts.query))
    # An article page with a "more stories" strip has teasers with read-more links too, but
    # it says what it is in og:type; then only the URL can make it a listing.
    og = tree.xpath('string(.//meta[@property="og:type"]/@content)').strip().lower()
    if og == "article" and not listing_url:
        return []
    items = _teaser_items(tree, url, min_teasers)
    teasers = [t for _, t in items]
    if not teasers or listing_url:
        return teasers
    if _prose_outside(tree, [item for item, _ in items]) >= ARTICLE_PROSE_CHARS:
        return []  # the page has its own article, with strips of teasers around it
    if 2 * sum(t.read_more for t in teasers) >= len(teasers):
        return teasers
    return teasers if sum(t.chars for t in teasers) / _page_chars(tree) >= 0.5 else []
