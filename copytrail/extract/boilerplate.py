"""Site-level boilerplate: paragraphs a site repeats on many of its pages.

Page-level extractors must guess from one page whether "Sign up for our newsletter" is content.
Across a site the answer is plain: it recurs on most pages. So extraction keeps recall high and
this pass removes the blocks a site repeats:

* a block counts once per distinct page (pages are identified by their content hash, so the same
  page crawled twice is not two votes);
* it is boilerplate when it recurs on at least ``boilerplate_min_pages`` pages *and* at least
  ``boilerplate_min_share`` of the site's pages;
* long blocks (``boilerplate_long_words`` words or more) also need ``boilerplate_long_share``:
  a real lede repeated by every part of a series recurs on a handful of pages, whereas long
  boilerplate (a disclaimer, an "about us" box) is on most of the site's pages;
* a site with fewer pages than ``boilerplate_min_pages`` learns nothing: page-level extraction
  stands alone.

>>> from copytrail.settings import Settings
>>> pages = [(f"h{i}", [f"The {w} story has its own words.", "Share this article", f"© 202{i} Example"])
...          for i, w in enumerate(["first", "second", "third", "fourth", "fifth"])]
>>> blocks = learn_boilerplate(pages, Settings())
>>> sorted(b.text for b in blocks.values())
['Share this article', '© 2021 Example']
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from copytrail.ids import stable_id
from copytrail.model import Article, join_paragraphs
from copytrail.settings import Settings
from copytrail.store.articles import with_removed

_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class BoilerplateBlock:
    """A paragraph a site repeats: its key, one example text, and how widely it recurs."""

    key: str
    text: str
    pages: int  # distinct pages of the site that contain it
    share: float  # pages / pages of the site
    words: int


def normalise_block(text: str) -> str:
    """Case, whitespace, digits and punctuation folded, so "© 2023 X." and "(c) 2024 x" match.

    >>> normalise_block("  © 2023 — Example News.  ALL rights reserved! ")
    'c 0 example news all rights reserved'
    """
    t = unicodedata.normalize("NFKC", text).casefold().replace("©", " c ")
    t = _DIGITS.sub("0", t)
    return " ".join(_NON_WORD.sub(" ", t).split())


def block_key(text: str) -> str:
    """Key of a paragraph for boilerplate counting: a hash of :func:`normalise_block`.

    >>> block_key("Share this!") == block_key("share   THIS") != block_key("Share that")
    True
    """
    return stable_id("block", normalise_block(text))


def learn_boilerplate(
    pages: Iterable[tuple[str, Sequence[str]]], settings: Settings
) -> dict[str, BoilerplateBlock]:
    """Boilerplate blocks of one site from (page content hash, paragraph texts) pairs.

    Give it every page of the site, paragraphs as extracted (before any removal).
    """
    page_count: dict[str, int] = {}  # key -> distinct pages
    # Example text (as on the second page) only for blocks seen twice: most paragraphs are unique, and
    # keeping their text would hold a whole site in memory (pages arrive as a stream).
    example: dict[str, str] = {}
    seen_pages: set[str] = set()
    for page_hash, texts in pages:
        if page_hash in seen_pages:
            continue
        seen_pages.add(page_hash)
        first_text: dict[str, str] = {}
        for t in texts:
            norm = normalise_block(t)
            if not norm:
                continue  # a rule or an emoji line: nothing to learn from
            first_text.setdefault(stable_id("block", norm), t.strip())
        for k, t in first_text.items():
            count = page_count.get(k, 0) + 1
            page_count[k] = count
            if count == 2:
                example[k] = t
    n = len(seen_pages)
    if n < settings.boilerplate_min_pages:
        return {}
    blocks = {}
    for k, count in page_count.items():
        if k not in example:
            continue  # on one page only: never boilerplate (boilerplate_min_pages >= 2)
        share = count / n
        words = len(normalise_block(example[k]).split())
        if count < settings.boilerplate_min_pages or share < settings.boilerplate_min_share:
            continue
        if words >= settings.boilerplate_long_words and share < settings.boilerplate_long_share:
            continue
        blocks[k] = BoilerplateBlock(k, example[k], count, share, words)
    return blocks


def apply_boilerplate(article: Article, blocks: Collection[str]) -> Article:
    """The article without its boilerplate paragraphs, offsets recomputed.

    An article whose every paragraph is boilerplate is returned unchanged: that happens when a
    site's pages are near-copies, and then the text is the content. ``extra["boilerplate_removed"]``
    counts the paragraphs removed.

    >>> from copytrail.model import Article, join_paragraphs
    >>> text, paras = join_paragraphs([("p", "Body."), ("p", "Share this")])
    >>> a = Article("https://ex.org/a", "ex.org", "article", text, paras)
    >>> apply_boilerplate(a, {block_key("share this")}).text
    'Body.'
    """
    return split_boilerplate(article, blocks)[0]


# A paragraph boilerplate removal took out: (its index among the paragraphs as extracted, its
# kind, its text). The store keeps these instead of a second copy of the text as extracted.
Removed = tuple[int, str, str]


def split_boilerplate(
    article: Article, blocks: Collection[str]
) -> tuple[Article, tuple[Removed, ...]]:
    """:func:`apply_boilerplate`, and the paragraphs it removed (for :func:`restore_boilerplate`).

    >>> from copytrail.model import Article, join_paragraphs
    >>> text, paras = join_paragraphs([("p", "Share this"), ("p", "Body."), ("li", "Follow us")])
    >>> a = Article("https://ex.org/a", "ex.org", "article", text, paras)
    >>> clean, removed = split_boilerplate(a, {block_key("share this"), block_key("follow us")})
    >>> clean.text, removed
    ('Body.', ((0, 'p', 'Share this'), (2, 'li', 'Follow us')))
    """
    if not blocks:
        return article, ()
    kept: list[tuple[str, str]] = []
    removed: list[Removed] = []
    for i, p in enumerate(article.paragraphs):
        chunk = article.text[p.start : p.end]
        if block_key(chunk) in blocks:
            removed.append((i, p.kind, chunk))
        else:
            kept.append((p.kind, chunk))
    if not removed or not kept:
        return article, ()
    text, paras = join_paragraphs(kept)
    extra = {**article.extra, "boilerplate_removed": len(removed)}
    return dataclasses.replace(article, text=text, paragraphs=paras, extra=extra), tuple(removed)


def restore_boilerplate(article: Article, removed: Iterable[Sequence[Any]]) -> Article:
    """The article as extracted, from its text after removal and the paragraphs removed.

    >>> from copytrail.model import Article, join_paragraphs
    >>> text, paras = join_paragraphs([("p", "Share this"), ("p", "Body."), ("li", "Follow us")])
    >>> a = Article("https://ex.org/a", "ex.org", "article", text, paras)
    >>> clean, removed = split_boilerplate(a, {block_key("share this"), block_key("follow us")})
    >>> restore_boilerplate(clean, removed).text == a.text
    True
    """
    text, paras = with_removed(article.text, article.paragraphs, removed)
    if text == article.text:
        return article
    return dataclasses.replace(article, text=text, paragraphs=paras)
