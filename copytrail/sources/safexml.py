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

import codecs
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
    root, _ = parse_xml_checked(data, source)
    return root


def parse_xml_checked(data: bytes, source: str) -> tuple[ET.Element | IngestError, str | None]:
    """Like :func:`parse_xml`, plus the parser's complaint when the tree is only a repair.

    A truncated or damaged feed still gives the entries that could be read; the complaint lets
    the caller add one ``xml-malformed`` row so the damage is not silent.
    """
    utf8 = to_utf8(data)
    if isinstance(utf8, str):
        return IngestError(source, "undecodable", utf8), None
    # A BOM or blank lines before the declaration break expat ("XML declaration not at start").
    data = utf8.lstrip(b"\xef\xbb\xbf \t\r\n")
    try:
        return _defused(data), None
    except DefusedXmlException as exc:
        return IngestError(source, "xml-unsafe", f"refused {type(exc).__name__}: {exc}"), None
    except (ET.ParseError, ValueError, LookupError) as exc:
        first_error = str(exc)
    if _DECLS.search(data[:65_536]):
        # Entity or external DTD declarations in a document that does not even parse: no
        # repair is worth the risk of handing them to a more lenient parser.
        err = f"malformed XML with entity/DTD declarations: {first_error}"
        return IngestError(source, "xml-unsafe", err), None
    try:
        return _defused(_escape_entities(data)), None
    except (DefusedXmlException, ET.ParseError, ValueError, LookupError):
        pass
    recovered = _lxml_recover(data)
    if recovered is not None:
        try:
            return _defused(recovered), first_error
        except (DefusedXmlException, ET.ParseError, ValueError, LookupError):
            pass
    return IngestError(source, "xml-malformed", first_error), None


_DECLARED = re.compile(rb"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([^"']*)(["'])""")
_DECLARED_TEXT = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([^"']*)(["'])""")
_NATIVE = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})
# Byte patterns of "<?" (or a BOM) that tell a UTF-16/32 document from its first bytes.
_SNIFFED = (
    (b"\x00\x00\xfe\xff", "utf-32-be", 4),
    (b"\xff\xfe\x00\x00", "utf-32-le", 4),
    (b"\xfe\xff", "utf-16-be", 2),
    (b"\xff\xfe", "utf-16-le", 2),
    (b"\x00\x00\x00<", "utf-32-be", 0),
    (b"<\x00\x00\x00", "utf-32-le", 0),
    (b"\x00<\x00?", "utf-16-be", 0),
    (b"<\x00?\x00", "utf-16-le", 0),
    (b"+ADw-", "utf-7", 0),
)


def to_utf8(data: bytes) -> bytes | str:
    """The document as UTF-8 with its declaration saying so, or why it cannot be decoded.

    expat reads UTF-8, UTF-16 and single-byte charsets only; feeds come in Shift_JIS, EUC-JP,
    GB18030, Big5, UTF-32 and UTF-7 too. The charset is sniffed from the first bytes (BOM or
    the layout of ``<?``), else taken from the declaration; the text is decoded with it
    (undecodable bytes become U+FFFD) and handed to the parser as UTF-8.

    >>> doc = '<?xml version="1.0" encoding="Shift_JIS"?><t>東京</t>'.encode("shift_jis")
    >>> to_utf8(doc).decode()
    '<?xml version="1.0" encoding="utf-8"?><t>東京</t>'
    >>> to_utf8(b'<?xml version="1.0" encoding="x-martian"?><t/>')
    "unknown encoding 'x-martian'"
    """
    encoding, skip = None, 0
    for prefix, name, bom in _SNIFFED:
        if data.startswith(prefix):
            encoding, skip = name, bom
            break
    if encoding is None:
        m = _DECLARED.match(data[:1024])
        if m is None:
            return data
        encoding = m.group(2).decode("ascii", "replace").strip().lower()
        if encoding in _NATIVE:
            return data
        try:
            codecs.lookup(encoding)
        except LookupError:
            return f"unknown encoding {encoding[:60]!r}"
    text = data[skip:].decode(encoding, "replace")
    decl = _DECLARED_TEXT.match(text)
    if decl is not None:
        text = text[: decl.start(2)] + "utf-8" + text[decl.end(2) :]
    return text.encode("utf-8", "replace")


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
