"""Safe XML parsing for feeds and sitemaps: no entity expansion, no external entities, no DTDs.

Feeds and sitemaps come from sites we do not trust. defusedxml refuses entity declarations
(billion laughs) and external references (XXE) outright; those give ``xml-unsafe``. Broken
feeds are common (a bare ``&``, HTML entities such as ``&nbsp;``, junk before ``<?xml``), so a
failed parse gets two cheap, safe repairs before it becomes ``xml-malformed``: escaping stray
ampersands and HTML entities, then lxml's recovering parser with entities and the network off.

>>> root = parse_xml(b"<rss><channel><title>AT&T &nbsp;news</title></channel></rss>", "f.xml")
>>> root.find("channel/title").text
'AT&T \\xa0news'
>>> bomb = b'<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><r>&b;</r>'
>>> parse_xml(bomb, "bomb.xml").reason
'xml-unsafe'
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.entities import name2codepoint

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from copytrail.model import IngestError

_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_AMP = re.compile(rb"&(?!#[0-9]+;|#x[0-9a-fA-F]+;)([A-Za-z][A-Za-z0-9]*;)?")
_DECLS = re.compile(rb"<!ENTITY|<!DOCTYPE[^>\[]*(SYSTEM|PUBLIC)", re.I)


def parse_xml(data: bytes, source: str) -> ET.Element | IngestError:
    """Root element of an XML document, or an ``xml-unsafe`` / ``xml-malformed`` error."""
    # A BOM or blank lines before the declaration break expat ("XML declaration not at start").
    data = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    try:
        return _defused(data)
    except DefusedXmlException as exc:
        return IngestError(source, "xml-unsafe", f"refused {type(exc).__name__}: {exc}")
    except ET.ParseError as exc:
        first_error = str(exc)
    if _DECLS.search(data[:65_536]):
        # Entity or external DTD declarations in a document that does not even parse: no
        # repair is worth the risk of handing them to a more lenient parser.
        return IngestError(
            source, "xml-unsafe", f"malformed XML with entity/DTD declarations: {first_error}"
        )
    try:
        return _defused(_escape_entities(data))
    except (DefusedXmlException, ET.ParseError):
        pass
    recovered = _lxml_recover(data)
    if recovered is not None:
        try:
            return _defused(recovered)
        except (DefusedXmlException, ET.ParseError):
            pass
    return IngestError(source, "xml-malformed", first_error)


def _defused(data: bytes) -> ET.Element:
    # forbid_dtd stays False: many feeds start with a harmless <!DOCTYPE rss ...>; entity
    # declarations and external references inside any DTD are still refused.
    return DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)


def _escape_entities(data: bytes) -> bytes:
    def fix(m: re.Match[bytes]) -> bytes:
        name = m.group(1)
        if name is None:
            return b"&amp;"
        word = name[:-1].decode("ascii")
        if word in _XML_ENTITIES:
            return m.group(0)
        if word in name2codepoint:
            return b"&#%d;" % name2codepoint[word]
        return b"&amp;" + name

    return _AMP.sub(fix, data)


def _lxml_recover(data: bytes) -> bytes | None:
    from lxml import etree

    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    return bytes(etree.tostring(root, encoding="utf-8"))


def local_name(tag: object) -> str:
    """Tag without its ``{namespace}`` (comments and processing instructions give '').

    >>> local_name("{http://www.w3.org/2005/Atom}entry")
    'entry'
    """
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def child(el: ET.Element, name: str) -> ET.Element | None:
    """First child whose local name is ``name`` (any namespace)."""
    for c in el:
        if local_name(c.tag) == name:
            return c
    return None


def children(el: ET.Element, name: str) -> list[ET.Element]:
    """All children whose local name is ``name`` (any namespace)."""
    return [c for c in el if local_name(c.tag) == name]


def child_text(el: ET.Element, name: str) -> str | None:
    """Stripped text of the first child named ``name``; None when missing or blank."""
    c = child(el, name)
    if c is None:
        return None
    text = "".join(c.itertext()).strip()
    return text or None
