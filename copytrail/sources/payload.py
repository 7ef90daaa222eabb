"""Bytes as they come off disk or the wire: capped reads, gzip, HTTP decoding, text sniffing.

Every source kind reads through these helpers so that the size cap, the gzip checks and the
binary sniffing behave the same for a folder of pages, a WARC record or a fetched response.
Problems are raised as :class:`PayloadError` (a reason code plus a message); each source turns
them into an :class:`~copytrail.model.IngestError` row and goes on with the next record.

>>> import gzip
>>> gunzip_capped(gzip.compress(b"<p>hi</p>"), cap=100)
b'<p>hi</p>'
>>> try:
...     gunzip_capped(gzip.compress(b"x" * 50)[:-8], cap=100)
... except PayloadError as e:
...     print(e.reason)
gzip-truncated
>>> sniff_binary(b"\\x89PNG\\r\\n\\x1a\\n....")
'PNG image'
>>> decode_text("Le café était déjà fermé à côté du théâtre.".encode("cp1252"))
('Le café était déjà fermé à côté du théâtre.', 'cp1252')
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

import charset_normalizer

from copytrail.model import IngestError

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16

# Magic numbers of formats that are sometimes saved with an .html name by crawlers and
# "save as" tools; sniffing them gives a clear `not-html` instead of garbage text downstream.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x00\x00\x01\x00", "ICO image"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"\x1a\x45\xdf\xa3", "WebM/Matroska video"),
    (b"OggS", "Ogg media"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


class PayloadError(Exception):
    """A record that cannot be read; ``reason`` is an IngestError reason code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def read_capped(stream: BinaryIO, cap: int) -> bytes:
    """Read a stream to its end, refusing (``too-large``) as soon as it passes ``cap`` bytes.

    >>> import io
    >>> read_capped(io.BytesIO(b"abc"), cap=3)
    b'abc'
    """
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise PayloadError("too-large", f"more than {cap} bytes (max_page_bytes)")
    return data


def gunzip_capped(data: bytes | BinaryIO, cap: int) -> bytes:
    """Decompress gzip (all members), stopping as soon as the output passes ``cap`` bytes.

    Decompressing incrementally is what makes the cap meaningful: a 20 KB gzip bomb never
    expands past the cap in memory. A member without its end marker gives ``gzip-truncated``,
    damaged deflate data ``gzip-corrupt``.
    """
    chunks: Iterator[bytes]
    if isinstance(data, bytes | bytearray):
        view = memoryview(data)
        chunks = (bytes(view[i : i + _CHUNK]) for i in range(0, len(view), _CHUNK))
    else:
        stream = data
        chunks = iter(lambda: stream.read(_CHUNK), b"")
    out = bytearray()
    decomp = zlib.decompressobj(zlib.MAX_WBITS | 16)
    in_member = False
    buf = b""
    while True:
        if not buf:
            buf = next(chunks, b"")
            if not buf:
                break
        if not in_member:
            # Some writers pad gzip files with NULs after the last member.
            buf = buf.lstrip(b"\x00")
            if not buf:
                continue
            in_member = True
        try:
            out += decomp.decompress(buf, cap + 1 - len(out))
        except zlib.error as exc:
            raise PayloadError("gzip-corrupt", f"damaged gzip data: {exc}") from None
        if len(out) > cap:
            raise PayloadError(
                "too-large", f"decompresses to more than {cap} bytes (max_page_bytes)"
            )
        if decomp.eof:
            buf = decomp.unused_data
            decomp = zlib.decompressobj(zlib.MAX_WBITS | 16)
            in_member = False
        else:
            buf = decomp.unconsumed_tail
    if in_member:
        raise PayloadError("gzip-truncated", "gzip data ends before its end-of-stream marker")
    return bytes(out)


def is_gzip(head: bytes) -> bool:
    """True when bytes start with the gzip magic number."""
    return head[:2] == GZIP_MAGIC


def sniff_binary(head: bytes) -> str | None:
    """Name of the binary format the bytes start with, or None when they look like text.

    NUL bytes mean binary unless a UTF-16/32 byte-order mark explains them.
    """
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    # Short magics need their fixed fields too: a text may well start with "BM" or "ID3".
    if head[:2] == b"BM" and head[6:10] == b"\x00\x00\x00\x00":
        return "BMP image"
    if head[:3] == b"ID3" and head[3:4] in (b"\x02", b"\x03", b"\x04") and head[4:5] == b"\x00":
        return "MP3 audio"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP image"
    if head[4:8] == b"ftyp":
        return "MP4/HEIF media"
    if b"\x00" in head[:8192] and not head.startswith(_BOMS) and not _looks_utf16(head):
        return "binary data (NUL bytes)"
    return None


def _looks_utf16(head: bytes) -> bool:
    # BOM-less UTF-16 HTML has a NUL next to nearly every ASCII byte.
    sample = head[:512]
    return len(sample) >= 8 and (
        sample[1::2].count(0) > 0.9 * len(sample[1::2])
        or sample[0::2].count(0) > 0.9 * len(sample[0::2])
    )


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)


def declared_charset(html: bytes) -> str | None:
    """Charset declared by an HTML ``<meta>`` tag in the first 4 KB, if Python knows it.

    >>> declared_charset(b'<meta charset="windows-1251"><p>x')
    'windows-1251'
    """
    m = _META_CHARSET.search(html[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text: BOM, then the declared charset, then UTF-8, then detection.

    Returns ``(text, encoding)``; raises ``undecodable`` only when detection finds nothing.
    """
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    for candidate in (declared, "utf-8"):
        if candidate:
            try:
                return data.decode(candidate), candidate
            except (UnicodeDecodeError, LookupError):
                pass
    matches = list(charset_normalizer.from_bytes(data[:262_144]))
    if matches:
        best = min(m.chaos for m in matches)
        # Short Western texts fit several code pages about equally; windows-1252 is the web's
        # own fallback (WHATWG), so it wins a near tie.
        near = [m.encoding for m in matches if m.chaos <= best + 0.05]
        ordered = (["cp1252"] if "cp1252" in near else []) + [m.encoding for m in matches]
        for enc in ordered:
            try:
                return data.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                continue
    raise PayloadError("undecodable", "not UTF-8 and no character set detected")


def decode_http_body(
    body: bytes, transfer_encoding: str | None, content_encoding: str | None, cap: int
) -> bytes:
    """Undo HTTP chunked transfer coding and gzip/deflate/br content coding, within ``cap``.

    >>> decode_http_body(b"5\\r\\nhello\\r\\n0\\r\\n\\r\\n", "chunked", None, cap=100)
    b'hello'
    """
    if transfer_encoding and "chunked" in transfer_encoding.lower() and _looks_chunked(body):
        body = dechunk(body)
    for coding in reversed(
        [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    ):
        if coding in ("gzip", "x-gzip"):
            if is_gzip(body):
                body = gunzip_capped(body, cap)
        elif coding == "deflate":
            body = _inflate(body, cap)
        elif coding == "br":
            body = _unbrotli(body, cap)
        elif coding not in ("identity", "none"):
            raise PayloadError("undecodable", f"unsupported Content-Encoding {coding!r}")
    return body


_CHUNK_SIZE = re.compile(rb"[0-9a-fA-F]+[ \t]*(;[^\r\n]*)?\r?\n")


def _looks_chunked(body: bytes) -> bool:
    # Many crawlers store the de-chunked body but keep the header; only undo real chunking.
    return _CHUNK_SIZE.match(body) is not None


def dechunk(body: bytes) -> bytes:
    """Remove HTTP/1.1 chunked framing; a truncated last chunk keeps what arrived."""
    out = bytearray()
    pos = 0
    while pos < len(body):
        m = _CHUNK_SIZE.match(body, pos)
        if not m:
            break
        size = int(m.group(0).split(b";")[0].strip(), 16)
        pos = m.end()
        if size == 0:
            break
        out += body[pos : pos + size]
        pos += size
        if body[pos : pos + 2] == b"\r\n":
            pos += 2
        elif body[pos : pos + 1] == b"\n":
            pos += 1
    return bytes(out)


def _inflate(body: bytes, cap: int) -> bytes:
    # "deflate" is zlib-wrapped per the RFC but raw deflate in many servers: try both.
    for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):
        d = zlib.decompressobj(wbits)
        try:
            out = d.decompress(body, cap + 1)
        except zlib.error:
            continue
        if len(out) > cap:
            raise PayloadError(
                "too-large", f"decompresses to more than {cap} bytes (max_page_bytes)"
            )
        return out
    raise PayloadError("undecodable", "corrupt deflate content")


def _unbrotli(body: bytes, cap: int) -> bytes:
    try:
        import brotli  # optional: only servers that send br need it
    except ImportError:
        raise PayloadError("undecodable", "Content-Encoding br needs the brotli package") from None
    d = brotli.Decompressor()
    out = bytearray()

    def step(data: bytes) -> None:
        # Brotli >= 1.1 can bound each step's output, so a bomb never expands past the cap.
        try:
            out.extend(d.process(data, output_buffer_limit=cap + 1 - len(out)))
        except TypeError:
            out.extend(d.process(data))
        if len(out) > cap:
            raise PayloadError(
                "too-large", f"decompresses to more than {cap} bytes (max_page_bytes)"
            )

    try:
        for i in range(0, len(body), _CHUNK):
            step(body[i : i + _CHUNK])
            while hasattr(d, "can_accept_more_data") and not d.can_accept_more_data():
                step(b"")
        return bytes(out)
    except brotli.error as exc:
        raise PayloadError("undecodable", f"corrupt brotli content: {exc}") from None


def open_maybe_gzip(path: str, cap: int) -> bytes:
    """The bytes of a file, gunzipped when it starts with the gzip magic, within ``cap``."""
    with open(path, "rb") as f:
        head = f.read(2)
        f.seek(0)
        if is_gzip(head):
            return gunzip_capped(f, cap)
        return read_capped(f, cap)


def read_source_file(path: str, cap: int) -> bytes | IngestError:
    """A whole source file (gunzipped, within ``cap``), or the error row saying why not."""
    try:
        return open_maybe_gzip(path, cap)
    except PayloadError as exc:
        return IngestError(path, exc.reason, exc.detail)
    except OSError as exc:
        return IngestError(path, "unreadable", str(exc))


__all__ = [
    "PayloadError",
    "decode_http_body",
    "decode_text",
    "declared_charset",
    "dechunk",
    "gunzip_capped",
    "is_gzip",
    "open_maybe_gzip",
    "read_capped",
    "read_source_file",
    "sniff_binary",
]
