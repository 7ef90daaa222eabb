"""Sources: every kind of input becomes a stream of RawPage, LinkRecord and IngestError.

Each kind is a module with one generator ``iter_<kind>(path, settings)``; :func:`iter_source`
recognises the kind of a path and dispatches. A folder is walked recursively in sorted order
and each file inside is recognised on its own, so a corpus folder may mix saved pages, WARCs,
feeds and datasets. A file's kind comes from its extension (``.gz`` looked through) and is
confirmed or found by sniffing its first bytes: a ``.xml`` is a feed or a sitemap depending on
its root element, a ``.json`` is a Telegram export only if it looks like one, a mislabelled
WARC is still a WARC.

=============  ================================================  ==========================
kind           files                                             module
=============  ================================================  ==========================
html / text    .html .htm .xhtml .shtml .txt .md (+ .gz)        :mod:`.files`
warc           .warc .arc (+ .gz, .lz4)                         :mod:`.warc`
feed           .rss .atom, .xml with <rss>/<feed>/<rdf:RDF>      :mod:`.feeds`
sitemap        .xml with <urlset>/<sitemapindex> (+ .gz)         :mod:`.sitemaps`
jsonl / csv    .jsonl .ndjson / .csv .tsv                        :mod:`.tabular`
json           .json holding an array of row objects             :mod:`.tabular`
telegram       result.json of a Telegram Desktop export          :mod:`.telegram`
=============  ================================================  ==========================

Inside a folder, files of no known kind (images, PDFs, scripts, styles saved next to pages)
are passed over and counted in ``skipped`` by extension; a single file of no known kind gives
an ``unknown-format`` error. A ``.json`` file is always read (as a dataset array or a Telegram
export), so a malformed one gives an error row rather than vanishing.

>>> from copytrail.settings import Settings
>>> [e.reason for e in iter_source("/no/such/path", Settings())]
['missing']
>>> detect_kind("feed.xml", b'<?xml version="1.0"?><rss version="2.0">')
'feed'
"""

from __future__ import annotations

import os
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator

from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.settings import Settings
from copytrail.sources.feeds import iter_feed
from copytrail.sources.files import iter_files, page_kind, read_page_file, walk
from copytrail.sources.limits import clean_record, clean_text
from copytrail.sources.payload import is_gzip
from copytrail.sources.sitemaps import iter_sitemap
from copytrail.sources.tabular import iter_csv, iter_json_array, iter_jsonl
from copytrail.sources.telegram import is_telegram_export, iter_telegram
from copytrail.sources.warc import LZ4_MAGIC, iter_warc

Record = RawPage | LinkRecord | IngestError
Reader = Callable[[str, Settings], Iterator[Record]]

READERS: dict[str, Reader] = {
    "html": iter_files,
    "text": iter_files,
    "warc": iter_warc,
    "feed": iter_feed,
    "sitemap": iter_sitemap,
    "jsonl": iter_jsonl,
    "json": iter_json_array,
    "csv": iter_csv,
    "telegram": iter_telegram,
}

_SUFFIX_KIND = {
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")
_SNIFF = 4096
_SNIFF_JSON = 1 << 20


def iter_source(
    source: str, settings: Settings, skipped: Counter[str] | None = None
) -> Iterator[Record]:
    """Every record of a file or folder; a missing path gives an error, never an exception.

    ``skipped``, when given, counts what is passed over without being an error: archive
    records that are not pages (``non-html``, ``revisit``, ``http-status``) and, inside a
    folder, files of no known kind (``unsupported .pdf``), so that every input is accounted.
    Each file is read inside its own boundary (:func:`read_guarded`).
    """
    counts: Counter[str] = skipped if skipped is not None else Counter()
    if not os.path.exists(source):
        yield IngestError(clean_text(source), "missing", "no such file or folder")
        return
    if os.path.isdir(source):
        for path in walk(source):
            kind = detect_kind(path, read_head(path))
            if kind is None and _extension(path) == ".json":
                # A full-account Telegram export lists "chats" after the account's own data.
                kind = detect_kind(path, read_head(path, _SNIFF_JSON))
            if kind is None:
                counts[f"unsupported {_extension(path)}"] += 1
            else:
                yield from read_guarded(kind, path, settings, counts, root=source)
        return
    kind = detect_kind(source, read_head(source))
    if kind is None and _extension(source) == ".json":
        kind = detect_kind(source, read_head(source, _SNIFF_JSON))
    if kind is None:
        yield IngestError(
            clean_text(source),
            "unknown-format",
            "not a page, WARC, feed, sitemap, JSONL/CSV or Telegram export",
        )
        return
    yield from read_guarded(kind, source, settings, counts)


def read_guarded(
    kind: str,
    path: str,
    settings: Settings,
    skipped: Counter[str],
    root: str | None = None,
) -> Iterator[Record]:
    """Records of one file of a known kind, inside a boundary that nothing escapes.

    Whatever a reader raises (a parser's RecursionError, a codec's LookupError, a bug) ends
    that file with one ``read-failed`` row after the records it gave; a file that gives no
    record and no skipped count gets one ``empty`` row, so no input vanishes silently; every
    record's text is made storable (:func:`~copytrail.sources.limits.clean_record`).
    """
    before = sum(skipped.values())
    produced = False
    try:
        if root is not None and kind in ("html", "text"):
            records: Iterator[Record] = iter((read_page_file(path, root, settings),))
        else:
            records = _read(kind, path, settings, skipped)
        for rec in records:
            produced = True
            yield clean_record(rec)
    except Exception as exc:  # noqa: BLE001 - the boundary: any reader failure is one error row
        produced = True
        detail = clean_text(f"{type(exc).__name__}: {exc}")[:500]
        yield IngestError(clean_text(path), "read-failed", detail)
    if not produced and sum(skipped.values()) == before:
        yield IngestError(clean_text(path), "empty", f"no page, link or record in this {kind} file")


def _extension(path: str) -> str:
    name = os.path.basename(path).lower()
    base = name[:-3] if name.endswith(".gz") else name
    return os.path.splitext(base)[1] or "(no extension)"


def _read(
    kind: str, path: str, settings: Settings, skipped: Counter[str] | None
) -> Iterator[Record]:
    if kind == "warc":
        return iter_warc(path, settings, skipped)
    return READERS[kind](path, settings)


def detect_kind(path: str, head: bytes) -> str | None:
    """Kind of a file from its name and its first bytes (decompressed when gzip).

    Content wins where it is unambiguous (WARC/ARC headers, XML roots, Telegram exports);
    pages keep their extension so that a binary file named ``.html`` reaches the page reader
    and is reported as ``not-html`` rather than passed over.

    >>> detect_kind("a.html", b"<html>"), detect_kind("dump.bin", b"WARC/1.1\\r\\n")
    ('html', 'warc')
    >>> detect_kind("x.xml", b"<urlset xmlns='...'>"), detect_kind("p.png", b"\\x89PNG")
    ('sitemap', None)
    """
    name = path.lower()
    base = name[:-3] if name.endswith(".gz") else name
    ext = os.path.splitext(base)[1]
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"WARC/", b"filedesc:")):
        return "warc"
    if ext in _SUFFIX_KIND:
        return _SUFFIX_KIND[ext]
    if page_kind(path):
        return page_kind(path)
    if name.endswith((".warc.lz4", ".arc.lz4")) or text.startswith(LZ4_MAGIC):
        return "warc"  # FastWARC reads lz4-framed archives; another lz4 file gets an error
    if ext == ".json" and is_telegram_export(text):
        return "telegram"
    if ext == ".json" and text.startswith(b"["):
        return "json"
    xml = _xml_root(text)
    if xml in ("rss", "feed", "RDF"):
        return "feed"
    if xml is None and ext == ".xml":
        return "feed"  # no readable root: let the XML parser report what is wrong with it
    if xml in ("urlset", "sitemapindex"):
        return "sitemap"
    lowered = text[:1024].lower()
    if xml == "html" or lowered.startswith(b"<!doctype html"):
        return "html"
    return None


def _xml_root(text: bytes) -> str | None:
    """Local name of the first element, skipping the declaration, comments and DOCTYPE."""
    if not text.startswith(b"<"):
        return None
    for m in _ROOT.finditer(text):
        before = text[: m.start()]
        # Skip matches inside comments or the DOCTYPE.
        if before.count(b"<!--") > before.count(b"-->"):
            continue
        return m.group(1).decode("ascii", "replace")
    return None


def read_head(path: str, size: int = _SNIFF) -> bytes:
    """First ``size`` bytes of a file, gunzipped when it is gzip; empty when unreadable."""
    try:
        with open(path, "rb") as f:
            head = f.read(size)
    except OSError:
        return b""
    if is_gzip(head):
        try:
            return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, size)
        except zlib.error:
            return b""
    return head


__all__ = ["READERS", "Record", "detect_kind", "iter_source", "read_head"]
