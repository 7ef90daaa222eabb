"""Record boundaries in web archives: finding them again after damage, and checking them.

A damaged record must cost that record only. These helpers let :mod:`.warc` tell where a
record really ends (a gzip member, or a header plus its declared length), whether what
follows is the start of another record, and where the next record starts after damage.
They read the file directly (``os.pread`` where a reader is still using the stream), so they
can check what the WARC readers report without disturbing them.

>>> record_size(b"WARC/1.1\\r\\nContent-Length: 5\\r\\n\\r\\nhello", arc=False)
36
>>> member_problem(b"not gzip")
'warc-corrupt'
"""

from __future__ import annotations

import io
import os
import zlib
from typing import Any, BinaryIO

SCAN = 1 << 20


def parse_int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, 64)
    except zlib.error:
        return b""


def skip_blank(f: BinaryIO, pos: int) -> int:
    # Plain WARC records are followed by CRLF CRLF that warcio does not count in the length.
    f.seek(pos)
    chunk = f.read(64)
    return pos + len(chunk) - len(chunk.lstrip(b"\r\n\x00"))


def record_problem(f: BinaryIO, offset: int, end: int, gz: bool, arc: bool) -> str | None:
    """None when the bytes from ``offset`` to ``end`` hold exactly the record found there."""
    if gz:
        return member_problem(os.pread(f.fileno(), end - offset, offset))
    if arc:
        return None
    total = record_size(os.pread(f.fileno(), 65_536, offset), arc)
    if total is None or abs(offset + total - end) > 4:
        return "warc-corrupt"
    return None


def member_problem(data: bytes) -> str | None:
    """None when ``data`` is exactly one complete gzip member, else the reason code."""
    d = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        while data and not d.eof:
            d.decompress(data, 1 << 16)
            data = d.unconsumed_tail
    except zlib.error:
        return "warc-corrupt"
    if not d.eof:
        return "gzip-truncated"
    return "warc-corrupt" if d.unused_data.strip(b"\x00") else None


def starts_record(head: bytes, gz: bool, arc: bool) -> bool:
    """Whether bytes found after a record look like the next record (or the end of the file)."""
    head = head.lstrip(b"\r\n\x00")
    if not head:
        return True
    if gz:
        return head.startswith(b"\x1f\x8b")
    return arc or head.startswith(b"WARC/")


def resync(f: BinaryIO, start: int, gz: bool, arc: bool) -> int | None:
    """Offset of the next plausible record start at or after ``start``, or None."""
    if arc and not gz:
        return None  # ARC records have no marker to resynchronise on
    needle = b"\x1f\x8b\x08" if gz else b"WARC/1."
    pos = start
    while True:
        f.seek(pos)
        window = f.read(SCAN + 16)
        if not window:
            return None
        i = window.find(needle)
        while i != -1:
            cand = pos + i
            if gz:
                f.seek(cand)
                if arc or gunzip_head(f.read(4096)).startswith(b"WARC/"):
                    return cand
            elif i > 0 and window[i - 1 : i] == b"\n":
                return cand
            i = window.find(needle, i + 1)
        if len(window) <= SCAN:
            return None
        pos += SCAN


class GunzipStream(io.RawIOBase):
    """Forward-only gunzip of a whole file that ends quietly where the data ends.

    ``gzip.GzipFile`` raises on a cut-off stream and loses the bytes of that read; here the
    readers see every byte that arrived and ``truncated`` says whether the end marker was missing.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._d = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self._buf = b""
        self._pos = 0
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self._buf:
            if self._d.eof:
                rest = self._d.unused_data.lstrip(b"\x00")
                if not rest:
                    rest = self._raw.read(SCAN)
                    if not rest:
                        return 0
                self._d = zlib.decompressobj(zlib.MAX_WBITS | 16)
                chunk = rest
            else:
                chunk = self._d.unconsumed_tail or self._raw.read(SCAN)
                if not chunk:
                    self.truncated = True
                    return 0
            try:
                self._buf = self._d.decompress(chunk, len(b))
            except zlib.error as exc:
                raise OSError(f"damaged gzip data: {exc}") from None
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        self._pos += n
        return n

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._pos


def member_per_record(f: BinaryIO, arc: bool) -> bool:
    """True when the first gzip member ends with the first record (the seekable layout)."""
    f.seek(0)
    d = zlib.decompressobj(zlib.MAX_WBITS | 16)
    out = bytearray()
    budget: int | None = None
    try:
        while not d.eof:
            chunk = d.unconsumed_tail or f.read(SCAN)
            if not chunk:
                return True  # a cut-off first member: the readers report it
            out += d.decompress(chunk, 1 << 16)
            if budget is None:
                budget = record_size(bytes(out[:65_536]), arc)
            if budget is not None and len(out) > budget + 8:
                return False
        return True
    except zlib.error:
        return True
    finally:
        f.seek(0)


def record_size(head: bytes, arc: bool) -> int | None:
    """Header plus declared content length of the record ``head`` starts with."""
    if arc:
        end = head.find(b"\n") + 1
        fields = head[:end].split()
        length = parse_int(fields[-1].decode("ascii", "replace")) if end > 0 and fields else None
    else:
        end = head.find(b"\r\n\r\n") + 4
        length = None
        for line in head[: max(end, 0)].split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = parse_int(value.strip().decode("ascii", "replace"))
    if end <= 0 or length is None:
        return None
    return end + length


def incomplete(f: BinaryIO, offset: int, size: int, gz: bool, arc: bool) -> tuple[str, str] | None:
    """Why the record at ``offset`` is cut off or unreadable, or None when it is complete.

    Both readers hand out a short body without complaint when a file ends mid-record.
    """
    end = record_end(f, offset, size, gz, arc)
    return None if isinstance(end, int) else (end[0], end[1])


def record_end(
    f: BinaryIO, offset: int, size: int, gz: bool, arc: bool
) -> int | tuple[str, str, bool]:
    """Offset just past the record at ``offset``, or ``(reason, detail, at_end_of_file)``."""
    f.seek(offset)
    if gz:
        d = zlib.decompressobj(zlib.MAX_WBITS | 16)
        read = 0
        while not d.eof:
            chunk = f.read(SCAN)
            if not chunk:
                return (
                    "gzip-truncated",
                    f"gzip member at byte {offset} ends before its end marker",
                    True,
                )
            read += len(chunk)
            try:
                d.decompress(chunk, 1 << 16)
                while d.unconsumed_tail and not d.eof:
                    d.decompress(d.unconsumed_tail, 1 << 16)
            except zlib.error as exc:
                return "warc-corrupt", f"record at byte {offset}: {exc}", False
        return offset + read - len(d.unused_data)
    total = record_size(f.read(65_536), arc)
    if total is None:
        return (
            "warc-corrupt",
            f"record at byte {offset} has no complete header",
            offset + 65_536 >= size,
        )
    if offset + total > size:
        return "warc-corrupt", f"record at byte {offset} is cut off: {total} bytes declared", True
    return offset + total
