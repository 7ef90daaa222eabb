"""JSONL, JSON-array and CSV datasets: one page per line, item or row, with ``url`` plus
``html`` or ``text``.

Researchers often receive scraped corpora as JSONL or CSV exports. Optional columns
``published``, ``site``, ``author``/``authors``, ``title`` and ``tags`` become hints with
``published_source="input"``: the person who built the dataset knew the dates, so they outrank
anything guessed from the page. A bad line or row gives one error row with its line number and
the rest of the file goes on.

>>> import tempfile, json
>>> path = tempfile.mktemp(suffix=".jsonl")
>>> with open(path, "w") as f:
...     _ = f.write(json.dumps({"url": "https://ex.org/1", "text": "Hello", "authors": ["A"]}) + "\\n")
...     _ = f.write("{broken\\n")
>>> from copytrail.settings import Settings
>>> [(type(r).__name__, r.source_offset if isinstance(r, RawPage) else r.reason) for r in iter_jsonl(path, Settings())]
[('RawPage', 1), ('IngestError', 'json-malformed')]
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any, BinaryIO, cast

from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.settings import Settings
from copytrail.sources.limits import (
    CappedStream,
    json_int,
    read_line,
    skip_line,
    too_deep,
    value_depth,
)
from copytrail.sources.payload import PayloadError, is_gzip

_SPLIT = re.compile(r"\s*[;|]\s*")


Rows = Callable[[BinaryIO, str, Settings], Iterator[RawPage | IngestError]]


def iter_jsonl(path: str, settings: Settings) -> Iterator[RawPage | LinkRecord | IngestError]:
    """Pages of a JSON Lines file (gzip allowed); ``source_offset`` is the 1-based line number."""
    yield from _read(path, _jsonl_rows, settings)


def iter_json_array(path: str, settings: Settings) -> Iterator[RawPage | LinkRecord | IngestError]:
    """Pages of a ``.json`` file holding one array of row objects (gzip allowed), read item by
    item so a large export never sits in memory whole; ``source_offset`` is the 1-based item
    number. A syntax error ends the file (JSON cannot be resynchronised) with one error that
    says how many items were read before it.

    >>> import tempfile, json
    >>> path = tempfile.mktemp(suffix=".json")
    >>> _ = open(path, "w").write(json.dumps([{"url": "https://ex.org/1", "text": "Hi"}, 3]))
    >>> [(type(r).__name__, r.source_offset if isinstance(r, RawPage) else r.reason) for r in iter_json_array(path, Settings())]
    [('RawPage', 1), ('IngestError', 'json-malformed')]
    """
    yield from _read(path, _json_array_rows, settings)


def iter_csv(path: str, settings: Settings) -> Iterator[RawPage | LinkRecord | IngestError]:
    """Pages of a CSV file with a header row (gzip allowed); ``source_offset`` is the row's
    first line number. Tab-separated files (``.tsv``) are read with a tab delimiter.
    """
    yield from _read(path, _csv_rows, settings)


def _read(path: str, rows: Rows, settings: Settings) -> Iterator[RawPage | IngestError]:
    """Run a row reader over the file, gunzipping on the fly; a cut-off gzip ends with one error."""
    try:
        f: BinaryIO = open(path, "rb")
        gz = is_gzip(f.read(2))
        f.seek(0)
    except OSError as exc:
        yield IngestError(path, "unreadable", str(exc))
        return
    if gz:
        # Capped under the buffer: a gzip bomb stops at max_decompressed_bytes, whoever reads.
        gunzip = cast(BinaryIO, gzip.GzipFile(fileobj=f, mode="rb"))
        capped = CappedStream(gunzip, settings.max_decompressed_bytes)
        f = cast(BinaryIO, io.BufferedReader(capped, _CHUNK))
    try:
        with f:
            yield from rows(f, path, settings)
    except PayloadError as exc:
        yield IngestError(path, exc.reason, exc.detail)
    except (EOFError, OSError, zlib.error) as exc:
        if not gz:
            yield IngestError(path, "unreadable", str(exc))
        else:
            yield IngestError(path, "gzip-truncated", f"gzip data ends early or is damaged: {exc}")


def _jsonl_rows(f: BinaryIO, path: str, settings: Settings) -> Iterator[RawPage | IngestError]:
    lineno = 0
    while True:
        raw, too_long = read_line(f, settings.max_line_bytes)
        if not raw and not too_long:
            return
        lineno += 1
        where = str(lineno)
        if too_long:
            detail = f"line {lineno}: longer than max_line_bytes {settings.max_line_bytes}"
            yield IngestError(path, "too-large", detail, where)
            skip_line(f)
            continue
        if not raw.strip():
            continue
        deep = too_deep(raw, settings.max_depth)
        if deep:
            yield IngestError(path, "too-deep", f"line {lineno}: {deep}", where)
            continue
        try:
            text = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            row = json.loads(text, parse_int=json_int)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            yield IngestError(path, "json-malformed", f"line {lineno}: {exc}", where)
            continue
        if not isinstance(row, dict):
            yield IngestError(
                path, "json-malformed", f"line {lineno}: not a JSON object", str(lineno)
            )
            continue
        yield row_page(row, path, lineno, "jsonl", "json-malformed", settings)


_CHUNK = 1 << 16


def _json_array_rows(f: BinaryIO, path: str, settings: Settings) -> Iterator[RawPage | IngestError]:
    text = io.TextIOWrapper(f, encoding="utf-8-sig", errors="strict")
    decoder = json.JSONDecoder(parse_int=json_int)
    depth = settings.max_depth
    buf, pos, item, eof = "", 0, 0, False
    # One item may be as large as the largest page allowed, plus its JSON escaping.
    limit = 2 * settings.max_page_bytes + _CHUNK

    def fill() -> bool:
        nonlocal buf, pos, eof
        if eof:
            return False
        chunk = text.read(_CHUNK)
        if not chunk:
            eof = True
            return False
        buf, pos = buf[pos:] + chunk, 0
        return True

    def skip_space() -> str | None:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n":
                pos += 1
            if pos < len(buf):
                return buf[pos]
            if not fill():
                return None

    with text:
        try:
            if skip_space() != "[":
                yield IngestError(path, "json-malformed", "a .json dataset must be one array of objects")
                return
            pos += 1
            while True:
                ch = skip_space()
                if ch is None:
                    yield IngestError(path, "json-malformed", f"the array is not closed (after item {item})", str(item))
                    return
                if ch == "]":
                    return
                if item:
                    if ch != ",":
                        yield IngestError(
                            path, "json-malformed", f"expected ',' or ']' after item {item}", str(item + 1)
                        )
                        return
                    pos += 1
                    skip_space()
                while True:
                    try:
                        row, end = decoder.raw_decode(buf, pos)
                        # a number or word cut by the chunk boundary decodes short: read on
                        if end == len(buf) and not eof and not isinstance(row, (dict, list, str)):
                            raise json.JSONDecodeError("cut", buf, end)
                        break
                    except RecursionError:
                        # The C decoder guards its own recursion; past it there is no way back
                        # into the stream, so the file ends here.
                        detail = f"item {item + 1}: nested deeper than max_depth {depth} (after {item} items)"
                        yield IngestError(path, "too-deep", detail, str(item + 1))
                        return
                    except json.JSONDecodeError as exc:
                        if len(buf) - pos > limit or not fill():
                            where = f"item {item + 1}" if len(buf) - pos <= limit else f"item {item + 1} is too large"
                            yield IngestError(
                                path, "json-malformed", f"{where}: {exc.msg} (after {item} items)", str(item + 1)
                            )
                            return
                pos = end
                item += 1
                if not isinstance(row, dict):
                    yield IngestError(path, "json-malformed", f"item {item}: not a JSON object", str(item))
                    continue
                if value_depth(row, depth) > depth:
                    yield IngestError(path, "too-deep", f"item {item}: nested deeper than max_depth {depth}", str(item))
                    continue
                yield row_page(row, path, item, "json", "json-malformed", settings)
        except UnicodeDecodeError as exc:
            yield IngestError(path, "undecodable", f"not UTF-8 after {item} items: {exc}", str(item + 1))


def _csv_rows(f: BinaryIO, path: str, settings: Settings) -> Iterator[RawPage | IngestError]:
    # surrogateescape keeps bad bytes visible so that only their row is refused.
    text = io.TextIOWrapper(f, encoding="utf-8-sig", errors="surrogateescape", newline="")
    delimiter = "\t" if path.lower().endswith((".tsv", ".tsv.gz")) else ","
    # Article bodies easily pass csv's default 128 KB field limit.
    csv.field_size_limit(max(csv.field_size_limit(), settings.max_page_bytes))
    lines = _Lines(text, settings.max_line_bytes)
    reader = csv.reader(lines, delimiter=delimiter)
    with text:
        try:
            header = next(reader)
        except StopIteration:
            yield IngestError(path, "empty", "CSV file has no header row")
            return
        except (csv.Error, _LineTooLong) as exc:
            yield IngestError(path, "csv-malformed", f"header: {exc}", "1")
            return
        columns = [h.strip().lower() for h in header]
        if "url" not in columns or not ({"html", "text"} & set(columns)):
            yield IngestError(
                path,
                "csv-malformed",
                f"header needs url and html or text columns, has {columns}",
                "1",
            )
            return
        start = lines.count + 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except _LineTooLong as exc:
                yield IngestError(path, "too-large", f"line {lines.count}: {exc}", str(lines.count))
                start = lines.count + 1
                continue
            except csv.Error as exc:
                yield IngestError(path, "csv-malformed", f"line {start}: {exc}", str(start))
                start = lines.count + 1
                continue
            lineno, start = start, lines.count + 1
            if not values or values == [""]:
                continue
            if len(values) != len(columns):
                yield IngestError(
                    path,
                    "csv-malformed",
                    f"line {lineno}: {len(values)} fields, header has {len(columns)}",
                    str(lineno),
                )
                continue
            try:
                for v in values:
                    v.encode("utf-8")
            except UnicodeEncodeError:
                yield IngestError(path, "csv-malformed", f"line {lineno}: not UTF-8", str(lineno))
                continue
            yield row_page(
                dict(zip(columns, values, strict=True)),
                path,
                lineno,
                "csv",
                "csv-malformed",
                settings,
            )


class _LineTooLong(Exception):
    pass


class _Lines:
    """Lines of a text stream for ``csv.reader``, each within ``limit`` characters.

    A longer line is consumed in bounded pieces and raises :class:`_LineTooLong` (which the
    reader passes through), so one endless line never sits in memory.
    """

    def __init__(self, text: io.TextIOBase, limit: int) -> None:
        self.text, self.limit, self.count = text, limit, 0
        self.skipping = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.skipping:  # the rest of a line already reported as too long
            self.skipping = False
            while (rest := self.text.readline(1 << 20)) and not rest.endswith(("\n", "\r")):
                pass
        line = self.text.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.count += 1
        if len(line) > self.limit and not line.endswith(("\n", "\r")):
            self.skipping = True
            raise _LineTooLong(f"longer than max_line_bytes {self.limit}")
        return line


def row_page(
    row: Mapping[str, Any], source: str, lineno: int, kind: str, bad: str, settings: Settings
) -> RawPage | IngestError:
    """One dataset row as a RawPage (``html`` preferred over ``text``), or why not.

    >>> row_page({"url": "u", "text": "x", "tags": "a; b"}, "d.csv", 2, "csv", "csv-malformed", Settings()).hints["tags"]
    ['a', 'b']
    """
    url = row.get("url")
    html, text = row.get("html"), row.get("text")
    if not isinstance(url, str) or not url.strip():
        return IngestError(source, bad, f"line {lineno}: no url", str(lineno))
    body_text, content_type = (
        (html, "text/html") if isinstance(html, str) and html.strip() else (text, "text/plain")
    )
    if not isinstance(body_text, str) or not body_text.strip():
        return IngestError(source, "empty", f"line {lineno}: no html or text", str(lineno))
    try:
        body = body_text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # JSON can carry lone surrogates ("\ud800") that no UTF-8 page can hold.
        return IngestError(source, "undecodable", f"line {lineno}: {exc.reason}", str(lineno))
    if len(body) > settings.max_page_bytes:
        return IngestError(
            source, "too-large", f"line {lineno}: {len(body)} bytes > max_page_bytes", str(lineno)
        )
    authors = _list(row.get("authors")) or _list(row.get("author"))
    published = row.get("published")
    published = str(published).strip() if published not in (None, "") else None
    site = row.get("site")
    return RawPage(
        url=url.strip(),
        source=source,
        body=body,
        kind=kind,
        source_offset=lineno,
        content_type=content_type,
        site=str(site).strip() if site else settings.site,
        hints={
            "title": str(row["title"]) if row.get("title") else None,
            "authors": authors,
            "published": published,
            "published_source": "input" if published else None,
            "tags": _list(row.get("tags")),
        },
    )


def _list(value: Any) -> list[str]:
    # CSV cells hold lists as "a; b" or "a|b"; a JSON list arrives as a list.
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v for v in _SPLIT.split(str(value).strip()) if v]
