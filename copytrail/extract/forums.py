"""Forum index pages: lists of threads, not articles.

A forum's thread list ("Re: Dear William", a poster, 3 replies, a date) reads to the claims
stage like an article full of figures and speakers: reply counts become figures and "Re" or
"Dear William" become people who said things. Such a page is typed ``forum``: its text is kept
(reuse can still find it), and the claims stage, which reads only article, text and post pages
(:data:`copytrail.claims.stage.CLAIM_PAGE_TYPES`), passes it over.

A page is a forum index when one list or table of at least :data:`MIN_ROWS` rows, each with a
link, has either

* several rows whose link reads as a reply subject (``Re:``, ``AW:``, ``Sv:``, ``RE[2]:`` ...),
* or a header naming forum columns (replies, posts, views, topics, last post ...) over rows
  that carry a count.

>>> from lxml.html import fromstring
>>> rows = "".join(f'<tr><td><a href="/t{i}">Re: Question {i}</a></td><td>{i}</td></tr>'
...                for i in range(6))
>>> is_forum_index(fromstring(f"<html><body><table>{rows}</table></body></html>"))
True
>>> items = "".join(f'<li><a href="/p{i}">Post {i}</a> 12 May</li>' for i in range(6))
>>> is_forum_index(fromstring(f"<html><body><ul>{items}</ul></body></html>"))
False
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml import etree
from lxml.html import HtmlElement

MIN_ROWS = 5
# Reply prefixes of mail and forum subjects in several languages, with optional counters.
_REPLY = re.compile(
    r"^\s*(re|aw|sv|vs|antw|odp|ynt|réf|rif|r|ha|отв|回复|答复)\s*(\[\d+\]|\(\d+\)|\^\d+)?\s*[:：]",
    re.I,
)
_FORUM_COLUMNS = re.compile(
    r"\b(replies|reply|posts|views|topics|threads|last post|latest post|started by|poster|"
    r"antworten|beiträge|zugriffe|themen|réponses|messages|vues|sujets|respuestas|"
    r"mensajes|temas|risposte|messaggi|discussioni|reacties|ответы|сообщения|темы)\b",
    re.I,
)
_COUNT = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,]\d{3})*(?![\w.,])")


# Rows holding a link, in document order (one query in C instead of a search per row).
_LINKED_ROWS = etree.XPath("//tr[.//a[@href]] | //li[.//a[@href]]")


def _text(el: etree._Element) -> str:
    return " ".join(t.strip() for t in el.itertext() if t and t.strip())


def _rows(tree: HtmlElement) -> dict[etree._Element, list[etree._Element]]:
    """Rows with a link, grouped by the list or table that holds them."""
    groups: dict[etree._Element, list[etree._Element]] = defaultdict(list)
    for row in _LINKED_ROWS(tree):
        parent = row.getparent()
        if (
            parent is not None
            and parent.tag in ("tbody", "thead")
            and parent.getparent() is not None
        ):
            parent = parent.getparent()
        if parent is not None:
            groups[parent].append(row)
    return groups


def _header(group: etree._Element) -> str:
    cells = group.findall(".//th") or []
    return " ".join(_text(c) for c in cells)


def _reply_rows(rows: list[etree._Element]) -> int:
    """Rows whose link reads as a reply subject ("Re: ..."), counted until the test is met."""
    replies = 0
    for row in rows:
        if any(_REPLY.match(_text(a)) for a in row.iter("a") if a.get("href")):
            replies += 1
            if replies >= 3 and replies * 5 >= len(rows):
                break
    return replies


def is_forum_index(tree: HtmlElement) -> bool:
    """Whether the page is a forum's list of threads (see the module docstring)."""
    for group, rows in _rows(tree).items():
        if len(rows) < MIN_ROWS:
            continue
        replies = _reply_rows(rows)
        if replies >= 3 and replies * 5 >= len(rows):
            return True
        # Rows are read for counts only under a header naming forum columns (most lists and
        # tables have none, and reading every row's text is most of this test's time).
        if len(_FORUM_COLUMNS.findall(_header(group))) >= 2:
            counted = sum(1 for row in rows if _COUNT.search(_text(row)))
            if counted * 2 >= len(rows):
                return True
    return False
