"""HTML bytes to an lxml tree that extraction can walk safely, however deeply it is nested.

libxml2 silently drops everything below its depth cap (256 by default, 2048 with
``huge_tree``), so a page with a runaway ``<div>`` nest would lose its tail without an error.
We parse with ``huge_tree`` and then flatten anything deeper than ``max_depth``: the text
survives, only the deep tags go.

>>> html = "<html><body>" + "<div>" * 600 + "<p>deep</p>" + "</div>" * 600 + "<p>tail</p></body></html>"
>>> tree = parse_html(html.encode(), max_depth=100)
>>> tree_depth(tree) <= 100, "".join(tree.itertext())
(True, 'deeptail')
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS, decode_file

# Same options trafilatura uses, plus huge_tree so deep pages are not cut short at 256.
_PARSER = HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    huge_tree=True,
)
# lxml.html picks an element's class (FormElement, InputElement ...) in a Python callback for
# every element the extractors touch: a tenth of extraction time. Every element is a plain
# HtmlElement here, chosen in C; nothing downstream uses the form classes' extras.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)
# Characters XML forbids (trafilatura's INVALID_XML_CHARS): the control bytes are deleted from
# UTF-8 bytes in C (none of them occurs inside a multi-byte sequence), the two non-characters
# U+FFFE/U+FFFF only when present.
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])
_NONCHARS = re.compile("[\ufffe\uffff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# libxml2's hard limit with huge_tree: a tree this deep was truncated while parsing.
LIBXML_DEPTH_CAP = 2048

_WRAPPERS = (
    "div", "span", "section", "article", "main", "aside", "header", "footer", "nav", "font",
    "center", "b", "i", "em", "strong", "u", "small", "big", "a", "form", "fieldset",
)  # fmt: skip
_WRAPPER_SET = frozenset(_WRAPPERS)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)\b[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def tree_depth(root: etree._Element) -> int:
    """Depth of the deepest element (the root counts 1), without recursion."""
    deepest = depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


def _deeper_than(root: etree._Element, max_depth: int) -> bool:
    """Whether any element lies deeper than ``max_depth`` (the root counts 1)."""
    return bool(root.xpath("/*" + "/*" * max_depth))


def _flatten(root: etree._Element, max_depth: int, tags: tuple[str, ...]) -> None:
    """Strip ``tags`` (not their text) below every element at depth ``max_depth``."""
    stack = [(root, 1)]
    while stack:
        el, d = stack.pop()
        if d >= max_depth:
            # strip_tags runs in C and keeps every text and tail in document order.
            etree.strip_tags(el, *tags)
            continue
        stack.extend((child, d + 1) for child in el)


def _limit_tag_depth(html: str, max_depth: int, droppable: frozenset[str] | None) -> str:
    """Drop open/close tags nested deeper than ``max_depth`` before libxml2 sees them.

    Only used when the parser hit its own cap: a rough tag balance is enough here, since the
    point is to keep the text after the deep part rather than to reproduce the markup.
    ``droppable`` limits the dropped tags (None: any tag), so paragraphs can stay paragraphs.
    """
    out: list[str] = []
    depth = 0
    dropped: list[str] = []  # names of opened-but-dropped tags, innermost last
    pos = 0
    for m in _TAG.finditer(html):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        out.append(html[pos : m.start()])
        pos = m.end()
        if name in _VOID or selfclosing:
            out.append(m.group(0))
        elif closing:
            if dropped and dropped[-1] == name:
                dropped.pop()
            else:
                depth = max(0, depth - 1)
                out.append(m.group(0))
        elif depth >= max_depth and (droppable is None or name in droppable):
            dropped.append(name)
        else:
            depth += 1
            out.append(m.group(0))
    out.append(html[pos:])
    return "".join(out)


def clean_html(body: bytes | str) -> str:
    """Decoded HTML that libxml2 takes: what trafilatura's ``decode_file`` and
    ``repair_faulty_html`` give, at a fraction of their time on UTF-8 pages.

    >>> clean_html(b'<?xml version="1.0"?><html/>\\n<p>a\\x00b\\xef\\xbf\\xbe</p>')
    '<html>\\n<p>ab</p>'
    """
    try:
        if not isinstance(body, bytes):
            raise UnicodeDecodeError("utf-8", b"", 0, 0, "not bytes")
        html = body.translate(None, _CONTROL_BYTES).decode("utf-8")
        if "\ufffe" in html or "\uffff" in html:
            html = _NONCHARS.sub("", html)
    except UnicodeDecodeError:
        # Text, or bytes in another charset (trafilatura guesses it, and unpacks compressed
        # bodies): the slower character-by-character cleaning.
        html = INVALID_XML_CHARS.sub("", decode_file(body))
    # libxml2 stumbles on some doctypes and on a self-closing <html/> (trafilatura's repairs).
    if "doctype" in html[:50].lower():
        first, newline, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", first, count=1) + newline + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    # lxml refuses str input with an XML encoding declaration.
    return _XML_DECL.sub("", html, count=1)


def parse_html(body: bytes | str, max_depth: int) -> HtmlElement | None:
    """Decode, parse, and flatten below ``max_depth``.

    Returns None when the input holds no HTML element at all.
    """
    html = clean_html(body)
    if not html.strip():
        return None
    tree = fromstring(html, parser=_PARSER)
    if tree is None:
        return None
    if not _deeper_than(tree, max_depth):
        return tree  # the common case, answered in C without walking the tree in Python
    depth = tree_depth(tree)
    for droppable in (_WRAPPER_SET, None):
        if depth < LIBXML_DEPTH_CAP:
            break
        tree = fromstring(_limit_tag_depth(html, max_depth - 2, droppable), parser=_PARSER)
        depth = tree_depth(tree)
    if depth > max_depth:
        # Runaway nesting is nearly always wrapper tags: dropping only those keeps the
        # paragraphs and headings apart; anything still too deep loses all its tags.
        _flatten(tree, max_depth - 1, _WRAPPERS)
        if tree_depth(tree) > max_depth:
            _flatten(tree, max_depth, ("*",))
    return tree
