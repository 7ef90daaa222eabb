"""A fast main-text extractor of copytrail's own, for pages whose structure is unambiguous.

One walk over the parsed tree scores containers by the paragraph text they hold directly
(a ``<p>`` adds its length to its parent and half of it to its grandparent, as readability
does), discounting link text. The best container wins only when it is clearly the article:

* it holds at least :data:`MIN_CHARS` characters of paragraph text;
* it holds at least :data:`MIN_SHARE` of all the page's scored paragraph text (two
  separate bodies, a listing, a comment thread that rivals the article: not sure);
* no container outside it scores more than :data:`MAX_RIVAL` of its score.

Otherwise :func:`fast_main_text` returns None and the caller runs trafilatura's extractor.
The winner's blocks (paragraphs, headings, list items, quotes) are read in document order,
leaving out subtrees that are never body text (scripts, navigation, forms, figures) and
those whose class or id names a widget (:data:`WIDGET_WORDS`: generic words, no site names).

>>> from copytrail.extract.tree import parse_html
>>> para = "<p>" + "A sentence of plain words about the harbour wall. " * 8 + "</p>"
>>> html = ("<html><body><nav><a href='/'>Home</a></nav><div id='story'><h2>Sub</h2>"
...         + para * 4 + "<div class='share-tools'><p>Share this story on your feed now</p></div>"
...         + "</div><footer><p>Copyright the publisher, all rights reserved.</p></footer></body></html>")
>>> parts = fast_main_text(parse_html(html.encode(), 500))
>>> [k for k, _ in parts], parts[1][1][:15]
(['h', 'p', 'p', 'p', 'p'], 'A sentence of p')
>>> fast_main_text(parse_html(b"<html><body><p>Too short to be sure.</p></body></html>", 500)) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from copytrail.extract.paragraphs import clean_text

# Thresholds measured on AEB and Fundus (benchmarks/RESULTS.md, 2026-12-08): below them the
# fast path's choice disagreed with the gold body often enough that trafilatura decides.
MIN_CHARS = 500
MIN_SHARE = 0.6
MAX_RIVAL = 0.3
# How many ancestors of the best-scoring element may be tried when it holds too little.
CLIMB = 2
# A paragraph shorter than this is a label, a caption or a button, not evidence of a body.
MIN_PARA = 40
# A paragraph mostly made of link text is navigation.
MAX_LINK_DENSITY = 0.5

_SKIP_TAGS = frozenset(
    "script style noscript nav aside footer form button select option iframe svg figure "
    "figcaption template object embed video audio canvas map label input textarea".split()
)
# Words that, as a whole token of a class or id, mark a widget inside an article container.
# Not "credit": a credit line ("This story first appeared on …") is part of the story and the
# evidence provenance and syndication labels read.
WIDGET_WORDS = frozenset(
    "share sharing social related recommended newsletter subscribe subscription signup "
    "promo advert advertisement ad ads sponsored comments comment caption byline "
    "author-bio bio tags breadcrumb breadcrumbs toolbar popup modal cookie consent "
    "read-more readmore more-stories trending sidebar widget pagination prev previous next "
    "navigation nav post-navigation gallery".split()
)
_TOKENS = re.compile(r"[a-z]+(?:-[a-z]+)*")
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_BLOCKS = frozenset(("p", "li", "blockquote", "pre", *_HEADINGS))


def _widget(el: etree._Element) -> bool:
    """Whether the element's class or id names a widget.

    >>> from lxml.html import fragment_fromstring as f
    >>> _widget(f('<div class="post-share tools">x</div>')), _widget(f('<div class="shared-x">x</div>'))
    (True, False)
    """
    hint = ((el.get("class") or "") + " " + (el.get("id") or "")).lower()
    if not hint.strip():
        return False
    for token in _TOKENS.findall(hint):
        if token in WIDGET_WORDS or any(part in WIDGET_WORDS for part in token.split("-")):
            return True
    return False


def _text(el: etree._Element) -> str:
    """The element's text with ``<br>`` as a line break, leaving out subtrees that are never
    body text (scripts, figures and their captions, buttons).

    >>> from lxml.html import fragment_fromstring as f
    >>> _text(f("<p>One <a>two</a> three<br>four<script>x()</script> five</p>"))
    'One two three\\nfour five'
    """
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        tag = node.tag
        if tag == "br":
            out.append("\n")
        elif isinstance(tag, str) and tag not in _SKIP_TAGS:
            out.append(node.text or "")
            for child in node:
                walk(child)
        if node is not el and node.tail:
            out.append(node.tail)

    walk(el)
    return clean_text("".join(out))


def _link_chars(el: etree._Element) -> int:
    return sum(len(a.text_content()) for a in el.iter("a"))


def _scores(
    root: etree._Element,
) -> tuple[dict[etree._Element, float], float, set[etree._Element]]:
    """Container → score, the page's total scored paragraph text, and the elements that hold
    scored paragraphs as their own children."""
    scores: dict[etree._Element, float] = {}
    direct: set[etree._Element] = set()
    total = 0.0
    for p in root.iter("p"):
        text = p.text_content()
        n = len(text.strip())
        if n < MIN_PARA:
            continue
        links = _link_chars(p)
        if links > n * MAX_LINK_DENSITY:
            continue
        weight = n - links
        total += weight
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + weight
        direct.add(parent)
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + weight / 2
    return scores, total, direct


def _inside(el: etree._Element, container: etree._Element) -> bool:
    node: etree._Element | None = el
    while node is not None:
        if node is container:
            return True
        node = node.getparent()
    return False


def pick_container(root: etree._Element) -> etree._Element | None:
    """The element holding the article body, or None when the page is not clearly one body."""
    scores, total, direct = _scores(root)
    if not scores or total <= 0:
        return None
    best, top = max(scores.items(), key=lambda kv: kv[1])
    # The score counts half of a grandchild's paragraphs; what the container truly holds:
    held = _held(best)
    # A body split into sibling sections scores each section apart: their common parent (or
    # grandparent) holds the whole body.
    for _ in range(CLIMB):
        if held >= MIN_SHARE * total:
            break
        parent = best.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        best, top, held = parent, max(top, scores.get(parent, 0.0)), _held(parent)
    if held < MIN_CHARS or held < MIN_SHARE * total:
        return None
    for el, score in scores.items():
        if score > MAX_RIVAL * top and not _inside(el, best) and not _inside(best, el):
            return None
    # Body paragraphs beside the container's wrappers (a closing paragraph outside the
    # article's div): the page's structure is irregular, trafilatura reads it better.
    node = best.getparent()
    while node is not None:
        if node in direct:
            return None
        node = node.getparent()
    return best


def _held(container: etree._Element) -> float:
    """Scored paragraph text anywhere inside the container (link text discounted)."""
    held = 0.0
    for p in container.iter("p"):
        n = len(p.text_content().strip())
        if n >= MIN_PARA:
            links = _link_chars(p)
            if links <= n * MAX_LINK_DENSITY:
                held += n - links
    return held


def _blocks(el: etree._Element, quote: bool) -> Iterator[tuple[str, str]]:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_TAGS or _widget(child):
            continue
        if tag in _BLOCKS and not any(
            c.tag in _BLOCKS or c.tag == "div" for c in child.iter() if c is not child
        ):
            yield _block(child, tag, quote)
        elif tag == "blockquote":
            yield from _blocks(child, True)
        else:
            yield from _blocks(child, quote)


def _block(el: etree._Element, tag: str, quote: bool) -> tuple[str, str]:
    text = _text(el)
    if tag in _HEADINGS:
        return "h", text
    if quote or tag == "blockquote":
        return "quote", text
    if tag == "li":
        return ("li", text) if _link_chars(el) <= len(text) * MAX_LINK_DENSITY else ("li", "")
    return "p", text


def fast_main_text(root: etree._Element | None) -> list[tuple[str, str]] | None:
    """Main-text parts ``(kind, text)`` when the page is clearly one article body, else None."""
    if root is None:
        return None
    container = pick_container(root)
    if container is None:
        return None
    parts = [(k, t) for k, t in _blocks(container, False) if t]
    if sum(len(t) for k, t in parts if k != "h") < MIN_CHARS:
        return None
    return parts
