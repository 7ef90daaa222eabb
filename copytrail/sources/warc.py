"""WARC and ARC web archives, gzip or not: one RawPage per archived HTML response.

The cascade per file: FastWARC reads WARC files fast; when it meets a record it cannot parse,
warcio re-reads from the last good record (it reports exact record lengths, which FastWARC
does not), the damaged record becomes one ``warc-corrupt`` row with its byte offset, and
reading resumes at the next record start found by scanning (a gzip member that opens with
``WARC/``, or a ``WARC/1.x`` line). ARC files go through warcio alone. The last record is held
back until it is known to be complete, so a file cut off mid-record gives one
``gzip-truncated`` (or ``warc-corrupt``) row and keeps every record before it. A WARC gzipped
as one single member (not member per record) is read as a stream through warcio; its
offsets are then positions in the uncompressed archive, and damage ends the reading.

Damage no parser notices is caught too: a declared sha1 ``WARC-Block-Digest`` must match the
record (both readers), and the header values used (target URI, date, HTTP headers) must be
readable; such a record gives one ``warc-corrupt`` row instead of a page with damaged text.

Only ``response`` and ``resource`` records with an HTML body become pages. ``revisit``
records, non-HTML bodies (images, PDF, scripts, CSS) and non-2xx responses are not errors:
they are counted in the ``skipped`` counter you may pass in (keys ``revisit``, ``non-html``,
``http-status``), so a report can say how much of an archive was not text.

>>> import io, tempfile
>>> from warcio.warcwriter import WARCWriter
>>> from warcio.statusandheaders import StatusAndHeaders
>>> path = tempfile.mktemp(suffix=".warc.gz")
>>> with open(path, "wb") as f:
...     w = WARCWriter(f, gzip=True)
...     for url, ctype in [("https://ex.org/a", "text/html"), ("https://ex.org/i.png", "image/png")]:
...         head = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
...         w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(b"<p>x</p>"), http_headers=head))
>>> from copytrail.settings import Settings
>>> skipped = Counter()
>>> [(p.url, p.status, p.source_offset) for p in iter_warc(path, Settings(), skipped)]
[('https://ex.org/a', 200, 0)]
>>> dict(skipped)
{'non-html': 1}
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import os
import re
import sys
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, BinaryIO, Protocol, cast

from warcio.archiveiterator import ArchiveIterator as SlowIterator

from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.settings import Settings
from copytrail.sources.payload import PayloadError, decode_http_body, is_gzip, sniff_binary
from copytrail.sources.recovery import (
    SCAN,
    GunzipStream,
    gunzip_head,
    incomplete,
    member_per_record,
    parse_int,
    record_end,
    record_problem,
    resync,
    skip_blank,
    starts_record,
)

# FastWARC is the optional fast path (extra "fast"); warcio always works.
HAVE_FASTWARC = importlib.util.find_spec("fastwarc") is not None

# Header values we use must look right: a damaged header is not covered by the block digest.
_URI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\x00-\x20\x7f\ufffd]+")
_DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")
_WARC_TYPES = frozenset(
    (
        "warcinfo",
        "response",
        "resource",
        "request",
        "metadata",
        "revisit",
        "conversion",
        "continuation",
    )
)
# A record whose WARC-Type cannot be read may well have been a page: say so.
_BAD_TYPE = PayloadError("warc-corrupt", "record without a readable WARC-Type")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NO_HTTP = PayloadError("warc-corrupt", "response record without readable HTTP headers")
_HEAD = 65_536
_DIGEST = PayloadError("warc-corrupt", "WARC-Block-Digest does not match: the record is damaged")
_SNIFF = 1024
LZ4_MAGIC = b"\x04\x22\x4d\x18"  # an lz4 frame: FastWARC reads lz4-compressed archives


@dataclass(slots=True)
class _Record:
    """What both readers agree on about one record, before it becomes a page."""

    offset: int
    rec_type: str
    uri: str
    date: str | None
    status: int | None
    content_type: str
    transfer_encoding: str | None
    content_encoding: str | None
    payload: bytes | PayloadError | None = None
    skip: str | None = None  # why this record is not a page (counted once it is emitted)


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Damaged(Exception):
    """A reader stopped on a record it cannot parse."""

    def __init__(
        self,
        message: str,
        reason: str = "warc-corrupt",
        at: int | None = None,
        resume: int | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.at = at  # offset of the damaged record when the reader knows it
        self.resume = resume  # where to start looking for the next record, if not after ``at``


def iter_warc(
    path: str, settings: Settings, skipped: Counter[str] | None = None
) -> Iterator[RawPage | LinkRecord | IngestError]:
    """HTML pages of a WARC/ARC file, with damaged records reported and skipped."""
    counts: Counter[str] = skipped if skipped is not None else Counter()
    try:
        f = open(path, "rb")
        size = os.fstat(f.fileno()).st_size
    except OSError as exc:
        yield IngestError(path, "unreadable", str(exc))
        return
    with f:
        head = f.read(_SNIFF)
        if head.startswith(LZ4_MAGIC):
            yield from _lz4_pages(f, path, settings.max_page_bytes, counts)
            return
        gz = is_gzip(head)
        inner = gunzip_head(head) if gz else head
        arc = inner.startswith(b"filedesc:")
        if not inner.startswith((b"WARC/", b"filedesc:")):
            yield IngestError(
                path, "warc-corrupt", "file does not start with a WARC or ARC record", "0"
            )
            return
        kind = "arc" if arc else "warc"
        stream: BinaryIO = f
        whole = gz and not member_per_record(f, arc)
        if whole:
            # One gzip member for the whole file: readable as a stream only, offsets are then
            # positions in the uncompressed archive and a cut-off end shows as a read error.
            gunzip = GunzipStream(f)
            stream = cast(BinaryIO, io.BufferedReader(gunzip, SCAN))
            gz, size = False, sys.maxsize
        held: _Record | None = None
        for item in _records(stream, size, gz, arc, settings.max_page_bytes, path, whole):
            if isinstance(item, IngestError):
                # A record the fast reader handed out before stumbling on it is not a page.
                if held is not None and item.location != str(held.offset):
                    yield from _page(held, path, kind, counts)
                held = None
                yield item
                continue
            if held is not None:
                yield from _page(held, path, kind, counts)
            held = item
        if held is not None:
            if whole:
                problem = (
                    ("gzip-truncated", "gzip data ends inside this record")
                    if gunzip.truncated
                    else None
                )
            else:
                problem = incomplete(f, held.offset, size, gz, arc)
            if problem:
                yield IngestError(path, problem[0], problem[1], str(held.offset))
            else:
                yield from _page(held, path, kind, counts)


def _lz4_pages(
    f: BinaryIO, path: str, cap: int, counts: Counter[str]
) -> Iterator[RawPage | IngestError]:
    """Pages of an lz4-compressed WARC, read by FastWARC alone (offsets are uncompressed).

    An lz4 frame cannot be searched for the next record: damage ends the file with one row.
    """
    if not HAVE_FASTWARC:
        yield IngestError(path, "unknown-format", "lz4 archives need FastWARC (pip extra 'fast')")
        return
    f.seek(0)
    count = 0
    try:
        for rec in _fast(f, cap, gz=False):
            count += 1
            yield from _page(rec, path, "warc", counts)
    except _Damaged as exc:
        yield IngestError(
            path, "warc-corrupt", f"lz4 archive unreadable after {count} records: {exc}"
        )


def _page(
    rec: _Record, path: str, kind: str, counts: Counter[str]
) -> Iterator[RawPage | IngestError]:
    # Some crawlers store URLs with raw spaces (ARC headers, old WARCs): encode, keep the page.
    rec.uri = rec.uri.strip().replace(" ", "%20")
    if rec.skip:
        counts[rec.skip] += 1
    elif rec.payload is not None and not _URI.fullmatch(rec.uri):
        where, what = str(rec.offset), rec.uri[:200]
        yield IngestError(path, "warc-corrupt", f"unreadable WARC-Target-URI {what!r}", where)
    elif isinstance(rec.payload, PayloadError):
        yield IngestError(
            path, rec.payload.reason, f"{rec.uri}: {rec.payload.detail}", str(rec.offset)
        )
    elif rec.payload is not None:
        fetched_at, note = warc_date(rec.date)
        yield RawPage(
            url=rec.uri,
            source=path,
            body=rec.payload,
            kind=kind,
            source_offset=rec.offset,
            content_type=rec.content_type if "html" in rec.content_type.lower() else "text/html",
            fetched_at=fetched_at,
            status=rec.status,
            hints={"warc_date_note": note} if note else {},
        )


_LOOSE_DATE = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?\s*(Z|[+-]\d\d:?\d\d)?"
)


def warc_date(value: str | None) -> tuple[str | None, str | None]:
    """The crawl date as ISO 8601 UTC, best effort, and a note when the header was not ISO.

    Real archives hold dates the standard does not allow (ClueWeb09's day 294, minute
    precision): the page is kept either way, dated when the value can be read.

    >>> warc_date("2024-01-02T03:04:05Z")
    ('2024-01-02T03:04:05Z', None)
    >>> warc_date("2019-08-15T01:02")[0], warc_date("2008-10-294T05:21:46-0700")[0]
    ('2019-08-15T01:02:00Z', None)
    """
    if value is None or _DATE.fullmatch(value):
        return value, None
    note = f"non-standard WARC-Date {value[:40]!r}"
    m = _LOOSE_DATE.fullmatch(value.strip())
    if not m:
        return None, note + ": not dated"
    year, month, day, hour, minute, second, zone = m.groups()
    try:
        when = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            when -= sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    except (ValueError, OverflowError):
        return None, note + ": not dated"
    return when.strftime("%Y-%m-%dT%H:%M:%SZ"), note + ": read as UTC"


def _records(
    f: BinaryIO,
    size: int,
    gz: bool,
    arc: bool,
    cap: int,
    path: str,
    whole: bool = False,
) -> Iterator[_Record | IngestError]:
    """Records from ``f``: FastWARC while it can, warcio to get past damage, resync after it."""
    pos = 0
    seen = -1  # offsets up to here were already produced (warcio re-reads one record)
    fast = HAVE_FASTWARC and not arc and not whole
    while pos < size:
        if not whole:
            f.seek(pos)
        if fast:
            takeover, last = yield from _fast_run(f, cap, gz, arc, size, pos)
            if takeover is None:
                return
            seen = max(seen, last)
            pos, fast = takeover, False
            continue
        resumed = yield from _slow_run(f, cap, gz, arc, size, pos, seen, path, whole)
        if resumed is None:
            return
        pos, seen = resumed
        fast = HAVE_FASTWARC and not arc and not whole


def _fast_run(
    f: BinaryIO, cap: int, gz: bool, arc: bool, size: int, pos: int
) -> Generator[_Record, None, tuple[int | None, int]]:
    """FastWARC's records from ``pos``; returns (where warcio must take over, or None when the
    file is done; offset of the last record read, -1 if none)."""
    last = -1
    try:
        for rec in _fast(f, cap, gz):
            last = rec.offset
            yield rec
        # FastWARC can also stop quietly inside a damaged gzip member: unless the last record
        # ends the file, let warcio look at what follows it.
        end_of_last = record_end(f, last, size, gz, arc) if last >= 0 else None
        if isinstance(end_of_last, int) and skip_blank(f, end_of_last) >= size:
            return None, last
        if isinstance(end_of_last, tuple) and end_of_last[2]:
            return None, last  # cut off at the end of the file: the caller reports it
    except _Damaged:
        pass  # warcio knows where the last good record ends; let it find the damage
    return (last if last >= 0 else pos), last


def _slow_run(
    f: BinaryIO,
    cap: int,
    gz: bool,
    arc: bool,
    size: int,
    pos: int,
    seen: int,
    path: str,
    whole: bool,
) -> Generator[_Record | IngestError, None, tuple[int, int] | None]:
    """warcio's records from ``pos`` (those after offset ``seen``) up to the end or the next
    damage, which is reported; returns (position, seen) where reading resumes, None when done."""
    end = pos
    try:
        for maybe, rec_end in _slow(f, cap, gz, arc, check=not whole):
            end = rec_end
            if maybe is not None and maybe.offset > seen:
                seen = maybe.offset
                yield maybe
        return None
    except _Damaged as exc:
        if whole:  # a stream cannot be searched for the next record: report and stop
            yield IngestError(
                path, exc.reason, f"unreadable record after byte {end}: {exc}", str(end)
            )
            return None
        bad = exc.at if exc.at is not None else skip_blank(f, end)
        if bad >= size:
            return None
        yield IngestError(path, exc.reason, f"unreadable record at byte {bad}: {exc}", str(bad))
        nxt = resync(f, exc.resume if exc.resume is not None else bad + 1, gz, arc)
        return None if nxt is None else (nxt, nxt - 1)


def _fast(f: BinaryIO, cap: int, gz: bool) -> Iterator[_Record]:
    from fastwarc.warc import ArchiveIterator

    try:
        # All types: records of no readable type must be seen to be reported, and a type mask
        # hides them. HTTP headers are parsed only for responses.
        for r in ArchiveIterator(f, parse_http=False, auto_decode="none"):
            rec_type = str(r.record_type)
            if rec_type not in ("response", "resource", "revisit", "unknown"):
                continue
            offset = int(r.stream_pos)
            if gz and os.pread(f.fileno(), 2, offset) != b"\x1f\x8b":
                raise _Damaged(f"record at byte {offset} does not start a gzip member")
            uri = (r.headers.get("WARC-Target-URI") or "").strip("<>")
            date = r.headers.get("WARC-Date")
            if rec_type == "revisit":
                yield _Record(offset, rec_type, uri, date, None, "", None, None, skip="revisit")
                continue
            if rec_type == "unknown":
                yield _Record(offset, "unknown", uri, date, None, "", None, None, _BAD_TYPE)
                continue
            # The block is read here, not through FastWARC's HTTP parser, so that the bytes
            # hashed for the digest are the bytes used, and a skipped record is never read.
            head = r.reader.read(_HEAD)
            status: int | None = None
            headers: dict[str, str] = {}
            body_start = 0
            if rec_type == "response" and "application/http" in (
                r.headers.get("Content-Type") or ""
            ):
                parsed = _http_head(head)
                if parsed is None:
                    yield _Record(offset, rec_type, uri, date, None, "", None, None, _NO_HTTP)
                    continue
                status, headers, body_start = parsed
            http = rec_type == "response" and body_start > 0
            rec = _Record(
                offset=offset,
                rec_type=rec_type,
                uri=uri,
                date=date,
                status=status,
                content_type=(
                    headers.get("content-type") if http else r.headers.get("Content-Type")
                )
                or "",
                transfer_encoding=headers.get("transfer-encoding"),
                content_encoding=headers.get("content-encoding"),
            )
            rec.skip = _skip_reason(rec)
            if rec.skip is None:
                block = head + r.reader.read(cap + 1 + body_start - len(head))
                if len(block) - body_start <= cap and not _digest_ok(
                    r.headers.get("WARC-Block-Digest"), block
                ):
                    rec.payload = _DIGEST
                else:
                    rec.payload = _payload(rec, io.BytesIO(block[body_start:]), cap)
            yield rec
    except (OSError, ValueError, RuntimeError) as exc:
        raise _Damaged(str(exc)) from None


def _slow_record(r: Any, cap: int) -> _Record | None:
    """A warcio record as a :class:`_Record` (its payload read), None for a type we skip."""
    if r.rec_type == "revisit":
        return _Record(-1, "revisit", "", None, None, "", None, None, skip="revisit")
    if r.rec_type not in _WARC_TYPES:
        uri = r.rec_headers.get_header("WARC-Target-URI") or ""
        return _Record(-1, "unknown", uri, None, None, "", None, None, _BAD_TYPE)
    if r.rec_type not in ("response", "resource"):
        return None
    http = r.http_headers if r.rec_type == "response" else None
    head = http if http is not None else r.rec_headers
    rec = _Record(
        offset=-1,  # known after the read: warcio's offset getter consumes the body
        rec_type=r.rec_type,
        uri=(r.rec_headers.get_header("WARC-Target-URI") or "").strip("<>"),
        date=r.rec_headers.get_header("WARC-Date"),
        status=parse_int(http.get_statuscode()) if http is not None else None,
        content_type=head.get_header("Content-Type") or "",
        transfer_encoding=http.get_header("Transfer-Encoding") if http is not None else None,
        content_encoding=http.get_header("Content-Encoding") if http is not None else None,
    )
    rec.payload = _payload(rec, r.raw_stream, cap)
    return rec


def _slow(
    f: BinaryIO, cap: int, gz: bool, arc: bool, check: bool
) -> Iterator[tuple[_Record | None, int]]:
    """warcio records with the absolute offset where each one ends.

    With ``check``, each record must be followed by the start of another (or the end of the
    file): a damaged gzip member can decode into garbage that swallows the members after it,
    and that record is then reported rather than trusted.
    """
    it = SlowIterator(f, arc2warc=True, ensure_http_headers=False, check_digests=True)
    try:
        for r in it:
            rec = _slow_record(r, cap)
            it.read_to_end(r)
            if rec is not None and r.digest_checker.passed is False:
                rec.payload, rec.skip = _DIGEST, None
            offset = it.get_record_offset()  # absolute: warcio starts from f.tell()
            if rec is not None:
                rec.offset = offset
            end = offset + it.get_record_length()
            after = os.pread(f.fileno(), 64, end) if check else b""
            followed = starts_record(after, gz, arc)
            at_eof = not after.lstrip(b"\r\n\x00")
            if check and (at_eof or not followed):
                # A damaged record can be read as running past its own end (up to the end of
                # the file): then it, not what follows, is the damage.
                problem = record_problem(f, offset, end, gz, arc)
                if problem:
                    raise _Damaged(f"record at byte {offset} is damaged", problem, at=offset)
            if check and not followed:
                yield rec, end
                at = end + len(after) - len(after.lstrip(b"\r\n\x00"))
                # A wrong length in this record's header would also land here: look for the
                # next record from this record's start, so that nothing good is skipped.
                raise _Damaged(f"no record start at byte {at}", at=at, resume=offset + 1)
            yield rec, end
    except _Damaged:
        raise
    except EOFError as exc:  # whole-file gzip cut off
        raise _Damaged(str(exc), "gzip-truncated") from None
    except Exception as exc:  # warcio raises many types (ArchiveLoadFailed, zlib, ValueError)
        raise _Damaged(f"{type(exc).__name__}: {exc}") from None


def _skip_reason(rec: _Record) -> str | None:
    """Why a record is not a page, known from its headers alone (None: read its body)."""
    if rec.status is not None and not 200 <= rec.status < 300:
        return "http-status"
    ctype = rec.content_type.lower()
    if ctype and "octet-stream" not in ctype and "html" not in ctype:
        return "non-html"
    return None


def _payload(rec: _Record, stream: _Readable, cap: int) -> bytes | PayloadError | None:
    """The decoded HTML body, why it is unusable, or None (``rec.skip`` says why) when the
    record is not an HTML page."""
    rec.skip = _skip_reason(rec)
    if rec.skip:
        return None
    ctype = rec.content_type.lower()
    labelled = bool(ctype) and "octet-stream" not in ctype
    raw = stream.read(cap + 1)
    if len(raw) > cap:
        return PayloadError("too-large", f"body over max_page_bytes {cap}")
    if rec.rec_type == "response" and rec.status is None and raw.startswith(b"HTTP/"):
        # HTTP headers the reader did not parse: the record's own Content-Type is damaged.
        return PayloadError("warc-corrupt", "HTTP response without an application/http type")
    try:
        body = decode_http_body(raw, rec.transfer_encoding, rec.content_encoding, cap)
    except PayloadError as exc:
        return exc
    if not labelled and not _looks_html(body):
        rec.skip = "non-html"
        return None
    if not body.strip():
        return PayloadError("empty", "empty body")
    binary = sniff_binary(body[:8192])
    if binary:
        return PayloadError("not-html", f"labelled HTML but is {binary}")
    return body


def _http_head(head: bytes) -> tuple[int | None, dict[str, str], int] | None:
    """Status, lower-cased headers and body offset of an HTTP response block, or None.

    >>> _http_head(b"HTTP/1.1 404 Not Found\\r\\nContent-Type: text/html\\r\\n\\r\\n<p>")
    (404, {'content-type': 'text/html'}, 51)
    """
    end, sep = head.find(b"\r\n\r\n"), 4
    if end < 0:
        end, sep = head.find(b"\n\n"), 2
    if end < 0 or not head.startswith(b"HTTP/") or _CONTROL.search(head, 0, end):
        return None  # control bytes in HTTP headers mean damage, not a server's choice
    lines = head[:end].decode("latin-1").splitlines()
    parts = lines[0].split(None, 2)
    status = parse_int(parts[1]) if len(parts) > 1 else None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return status, headers, end + sep


def _digest_ok(declared: str | None, block: bytes) -> bool:
    """False only when a sha1 WARC-Block-Digest is declared and does not match the block."""
    if not declared or not declared.lower().startswith("sha1:"):
        return True
    value = declared[5:].strip()
    digest = hashlib.sha1(block).digest()
    return value.upper() == base64.b32encode(digest).decode() or value.lower() == digest.hex()


def _looks_html(body: bytes) -> bool:
    # Unlabelled bodies count as HTML only when their start says so.
    text = body[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in text
