"""trafilatura's XML body → (kind, text) paragraphs for :func:`model.join_paragraphs`.

trafilatura's internal tree already marks every block (``p``, ``head``, ``list/item``,
``quote``, ``table/row``), which is more reliable than splitting its plain-text output on
newlines: a ``<br>`` inside a paragraph and a paragraph break look the same in plain text.

>>> from lxml import etree
>>> body = etree.fromstring("<body><head>Sub</head><p>One<lb/>two</p>"
...                         "<list><item>a</item><item>b</item></list></body>")
>>> body_parts(body)
[('h', 'Sub'), ('p', 'One\\ntwo'), ('li', 'a'), ('li', 'b')]
"""

from __future__ import annotations

import re

from lxml import etree

_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\s*\n\s*")
_SKIP = frozenset(("graphic", "img", "image", "figure"))
_SKIP_LISTS = _SKIP | {"list"}
_BLOCKS = frozenset(("head", "p", "item", "list", "quote", "row", "cell", "table", "div"))


def clean_text(raw: str) -> str:
    """Collapse spaces, keep single line breaks, never a blank line (which separates paragraphs).

    >>> clean_text("  a \\t b\\n\\n\\n c  ")
    'a b\\nc'
    """
    return _NEWLINES.sub("\n", _SPACES.sub(" ", raw)).strip()


def _text(el: etree._Element, skip: frozenset[str] = _SKIP) -> str:
    """Text of an element with ``<lb/>`` as a line break, leaving out ``skip`` subtrees."""
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag == "lb":
            out.append("\n")
        elif node.tag not in skip:
            # A block inside a block (a heading inside a list item) must not glue its words
            # to the text before it.
            block = node.tag in _BLOCKS and node is not el
            if block:
                out.append("\n")
            out.append(node.text or "")
            for child in node:
                walk(child)
            if block:
                out.append("\n")
        if node.tail and node is not el:
            out.append(node.tail)

    walk(el)
    return clean_text("".join(out))


def body_parts(body: etree._Element) -> list[tuple[str, str]]:
    """Paragraphs of a trafilatura body, in order, with their kinds (h, p, li, quote)."""
    parts: list[tuple[str, str]] = []
    for el in body:
        tag = el.tag
        if tag == "head":
            parts.append(("h", _text(el)))
        elif tag == "list":
            # A nested list's items come on their own, so an item leaves its sublists out.
            parts.extend(("li", _text(item, _SKIP_LISTS)) for item in el.iter("item"))
        elif tag == "quote":
            inner = [c for c in el if c.tag in ("p", "head")]
            if inner and not (el.text or "").strip():
                parts.extend(("quote", _text(c)) for c in inner)
            else:
                parts.append(("quote", _text(el)))
        elif tag == "table":
            for row in el.iter("row"):
                cells = (_text(c) for c in row)
                parts.append(("p", " | ".join(c for c in cells if c)))
        elif tag in _SKIP:
            continue
        else:
            parts.append(("p", _text(el)))
    return [(kind, text) for kind, text in parts if text]


# Three or more headings in a row with no text between them are a widget (newsletter box,
# "more stories"), not a section of the article.
HEADING_RUN = 3


def split_headings(parts: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[str]]:
    """(body parts, lead headings): headings before the first paragraph are the title and dek
    (standfirst), which AEB/Fundus and most reuse readers treat as apart from the body; runs of
    :data:`HEADING_RUN` or more headings are dropped.

    >>> body, lead = split_headings([("h", "Dek"), ("p", "A."), ("h", "x"), ("h", "y"), ("h", "z"),
    ...                              ("h", "Section"), ("p", "B.")])
    >>> body, lead
    ([('p', 'A.'), ('p', 'B.')], ['Dek'])
    """
    i = 0
    while i < len(parts) and parts[i][0] == "h":
        i += 1
    if i == len(parts):  # nothing but headings: keep them, they are all there is
        return parts, []
    lead = [t for _, t in parts[:i]]
    body: list[tuple[str, str]] = []
    run: list[tuple[str, str]] = []
    for part in parts[i:]:
        if part[0] == "h":
            run.append(part)
            continue
        if len(run) < HEADING_RUN:
            body.extend(run)
        run = []
        body.append(part)
    if len(run) < HEADING_RUN:
        body.extend(run)
    return body, lead
