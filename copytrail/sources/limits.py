"""Guards every reader shares: clean text, nesting depth, decompressed bytes and line length.

Hostile or damaged inputs must cost one error row, never the batch. Four things made readers
fail before these guards existed, each handled here once for every source kind:

* lone surrogates (``"\\ud800"`` from a JSON escape, or from a file name that is not UTF-8)
  cannot be stored: :func:`clean_record` replaces them with U+FFFD in every text field of a
  page, link or error row;
* deeply nested JSON or XML makes parsers and serialisers recurse until Python (or C) gives
  out: :func:`json_depth` and :func:`xml_depth` measure nesting *without recursion*, so the
  caller refuses a record past ``max_depth`` before any recursive code sees it;
* a gzip bomb or one endless line fills memory: :class:`CappedStream` stops after
  ``max_decompressed_bytes`` and :func:`read_line` after ``max_line_bytes``, each raising a
  :class:`~copytrail.sources.payload.PayloadError` that names the setting;
* JSON integers longer than Python converts (4,300 digits): :func:`json_int` keeps their digits
  as a string instead of raising.

>>> clean_text("bad \\ud800 title")
'bad \\ufffd title'
>>> json_depth('{"a": [1, {"b": "[[[["}]}')
3
>>> json_int("9" * 5000)[:3], json_int("42")
('999', 42)
"""

from __future__ import annotations

import dataclasses
import io
import re
import xml.etree.ElementTree as ET
from typing import Any, BinaryIO, TypeVar

from copytrail.model import IngestError, LinkRecord, RawPage
from copytrail.sources.payload import PayloadError

_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKETS = bytes(range(256)).translate(None, b"[]{}")
_MAX_INT_DIGITS = 4000

R = TypeVar("R", bound=RawPage | LinkRecord | IngestError)


def clean_text(value: str) -> str:
    """``value`` with lone surrogates replaced by U+FFFD (they cannot be encoded or stored)."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def _clean(value: Any) -> Any:
    # Hints are shallow (strings, lists of strings, small dicts); stop at a sane depth anyway.
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): _clean(v) for k, v in value.items()}
    return value


def clean_record(rec: R) -> R:
    """The record with every text field safe to encode as UTF-8 (same object when it was).

    >>> clean_record(IngestError("f\\udcff.json", "empty", "x")).source
    'f\\ufffd.json'
    """
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(rec):
        value = getattr(rec, f.name)
        if isinstance(value, str):
            cleaned = clean_text(value)
            if cleaned is not value:
                changes[f.name] = cleaned
        elif f.name == "hints" and _has_surrogate(value):
            changes[f.name] = _clean(dict(value))
    return dataclasses.replace(rec, **changes) if changes else rec


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, list | tuple):
        return any(_has_surrogate(v) for v in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    return False


def json_depth(text: str | bytes, stop: int | None = None) -> int:
    """Deepest ``[``/``{`` nesting of a JSON text, counted without recursion (strings skipped).

    With ``stop``, counting ends as soon as the depth passes it. Malformed text gives some
    number: the parser reports the syntax, this only has to be safe and fast.
    """
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    # Most records have few brackets outside strings: no loop needed then.
    brackets = _JSON_STRING.sub(b"", data).translate(None, _BRACKETS)
    if stop is not None and len(brackets) <= stop:
        return min(len(brackets), brackets.count(b"[") + brackets.count(b"{"))
    depth = deepest = 0
    for b in brackets:
        if b in (0x5B, 0x7B):
            depth += 1
            if depth > deepest:
                deepest = depth
                if stop is not None and deepest > stop:
                    return deepest
        else:
            depth -= 1
    return deepest


def too_deep(text: str | bytes, limit: int) -> str | None:
    """Why a JSON text is refused for its nesting (naming ``max_depth``), or None."""
    depth = json_depth(text, stop=limit)
    if depth > limit:
        return f"nested deeper than max_depth {limit}"
    return None


def json_int(digits: str) -> int | str:
    """A JSON integer as ``int``, or its digits as a string past Python's conversion limit."""
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else digits


def xml_depth(el: ET.Element, stop: int) -> int:
    """Depth of the tree under ``el`` (``el`` itself is 1), counted without recursion.

    Stops as soon as the depth passes ``stop``, so a million-deep tree costs ``stop`` steps
    down one branch, not a walk of the whole tree.
    """
    deepest = 0
    stack: list[tuple[ET.Element, int]] = [(el, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > stop:
                return deepest
        stack.extend((c, depth + 1) for c in node)
    return deepest


def value_depth(value: Any, stop: int) -> int:
    """Nesting depth of decoded JSON (a scalar is 0), counted without recursion, up to ``stop``.

    >>> value_depth({"a": [1, {"b": []}]}, 10)
    4
    """
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop:
                    return deepest
            stack.extend((v, depth) for v in (node.values() if isinstance(node, dict) else node))
    return deepest


class CappedStream(io.RawIOBase):
    """A readable stream that fails with ``too-large`` once more than ``cap`` bytes came out.

    Wraps a decompressing reader so that a gzip bomb stops at the cap, whatever reads it.
    """

    def __init__(self, raw: BinaryIO, cap: int, setting: str = "max_decompressed_bytes") -> None:
        self._raw = raw
        self.cap = cap
        self.setting = setting
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        # read1: one read of the wrapped stream, so a cut-off gzip still hands out what arrived
        # before it raises (a full read() would lose it).
        read = getattr(self._raw, "read1", self._raw.read)
        data = read(min(len(b), self.cap + 1 - self.count) or 1)
        n = len(data)
        self.count += n
        if self.count > self.cap:
            raise PayloadError(
                "too-large", f"decompresses to more than {self.setting} {self.cap} bytes"
            )
        b[:n] = data
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def read_line(f: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """Next line of ``f`` within ``limit`` bytes: ``(line, too_long)``.

    A longer line comes back cut at ``limit`` with ``too_long`` set; the caller reports it and
    calls :func:`skip_line`, so one endless line never sits in memory.

    >>> f = io.BytesIO(b"abcdef\\nxy\\n")
    >>> read_line(f, 3), skip_line(f), read_line(f, 3)
    ((b'abcd', True), None, (b'xy\\n', False))
    """
    line = f.readline(limit + 1)
    return line, len(line) > limit and not line.endswith(b"\n")


def skip_line(f: BinaryIO) -> None:
    """Consume the rest of the current line in bounded pieces."""
    while True:
        rest = f.readline(1 << 20)
        if not rest or rest.endswith(b"\n"):
            return


__all__ = [
    "CappedStream",
    "clean_record",
    "clean_text",
    "json_depth",
    "json_int",
    "read_line",
    "skip_line",
    "too_deep",
    "value_depth",
    "xml_depth",
]
