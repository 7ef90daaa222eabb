"""Quotation spans with exact offsets: straight and curly marks, nesting, multi-paragraph quotes.

A quote is found by pairing opening and closing marks (``" “ ” ‘ ’ « » „``). Three conventions
matter in news text and drive the design:

* English multi-paragraph quotes: a paragraph that opens a quote and never closes it continues
  when the next paragraph starts with an opening mark again; the whole run is ONE quote.
* Nesting: single marks inside double marks (and « » around “ ”) are inner quotes; they never
  close the outer one.
* Apostrophes (``don’t``, ``Clintons’``) look like closing single marks; a single mark only
  closes an open single quote and only at a word end.

Unbalanced marks never raise: an open quote that a paragraph break ends without continuation is
closed at the paragraph end (``closed=False``) and a warning is returned with it; so is one left
open at a single line break when nothing later in the paragraph can close it, and a paragraph of
nothing but quote marks is skipped with a warning.

>>> text = 'He said: “We will win. ‘Never give up,’ I say.” Then he left.'
>>> quotes, warnings = find_quotes(text)
>>> [text[q.content_start:q.content_end] for q in quotes]
['We will win. ‘Never give up,’ I say.', 'Never give up,']
>>> [q.depth for q in quotes], warnings
([0, 1], [])
>>> para = '"First part of it.\\n\\n"Second part," she said.'
>>> [(q.closed, q.paragraphs) for q in find_quotes(para)[0]]
[(True, 2)]
>>> nyt = "''We wanted it,'' Mr. Cernech said."
>>> [nyt[q.content_start:q.content_end] for q in find_quotes(nyt)[0]]
['We wanted it,']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Marks that open (or close) a double-level quote. „ (German/Polish) closes with “ or ”.
DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
ALL_MARKS = frozenset("\"'" + DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "‚")

_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# Characters after which a straight mark opens rather than closes.
_OPENER_BEFORE = set(" \t\n\r([{—–-/:;,") | set(DOUBLE_OPEN) | set(SINGLE_OPEN) | {'"', "'"}


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: ``text[start:end]`` includes the marks, ``content_*`` excludes them.

    ``depth`` is 0 for an outer quote, 1 for a quote inside it, and so on. ``closed`` is False
    when the closing mark was missing (the quote then ends at its paragraph end).
    ``paragraphs`` counts the paragraphs the quote runs through.
    """

    start: int
    end: int
    content_start: int
    content_end: int
    depth: int
    closed: bool = True
    paragraphs: int = 1


@dataclass(slots=True)
class _Open:
    pos: int
    mark: str
    single: bool
    paragraphs: int = 1
    width: int = 1  # 2 for a doubled straight single mark ('' as used by some newspapers)


def _prev_char(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else " "


def _next_char(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else " "


def _is_word(c: str) -> bool:
    return c.isalnum()


def paragraph_breaks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph separator (a blank line) in ``text``.

    >>> paragraph_breaks("a\\n\\nb")
    [(1, 3)]
    """
    return [(m.start(), m.end()) for m in _PARA_BREAK.finditer(text)]


def find_quotes(text: str) -> tuple[list[Quote], list[str]]:
    """All quotes of ``text`` sorted by start, and warnings about unbalanced marks.

    >>> find_quotes('An "unclosed quote here.\\n\\nNext paragraph.')[1]
    ['quote opened at 3 is not closed before the paragraph end at 24']
    >>> find_quotes("It's the Clintons' plan, isn't it?")
    ([], [])
    >>> stray = 'He said "it is lost.\\n\\n"\\n\\n"We will be back."'
    >>> [stray[q.content_start:q.content_end] for q in find_quotes(stray)[0]]
    ['it is lost.', 'We will be back.']
    >>> lines = 'He said "we will win.\\nOthers left. "It was awful," said Ann Lee.'
    >>> [lines[q.content_start:q.content_end] for q in find_quotes(lines)[0]]
    ['we will win.', 'It was awful,']
    >>> wrapped = 'He said "we will\\nwin this," and left.'
    >>> [wrapped[q.content_start:q.content_end] for q in find_quotes(wrapped)[0]]
    ['we will\\nwin this,']
    """
    scan = _Scan(text)
    i = 0
    n = len(text)
    while i < n:
        if scan.bi < len(scan.breaks) and i >= scan.breaks[scan.bi][0]:
            i = scan.paragraph_break()
            continue
        c = text[i]
        if c == "\n" and scan.stack and not scan.stack[0].single:
            j = scan.line_break(i)
            if j is not None:
                i = j
                continue
        if c == "'" and text.startswith("''", i):
            # Two straight single marks stand for one double mark (''Yes,'' he said).
            _mark(text, i, '"', scan.stack, scan.quotes, width=2)
            i += 2
            continue
        if c in ALL_MARKS:
            _mark(text, i, c, scan.stack, scan.quotes)
        i += 1
    end = len(text.rstrip())
    while scan.stack:
        o = scan.stack[-1]
        scan.close_open(
            max(end, o.pos + 1), f"quote opened at {o.pos} is not closed before the text end"
        )
    scan.quotes.sort(key=lambda q: (q.start, -q.end))
    return scan.quotes, scan.warnings


class _Scan:
    """The state of one pass over a text: open marks, quotes and warnings so far, and the
    paragraph breaks still ahead (``breaks[bi:]``)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[_Open] = []
        self.quotes: list[Quote] = []
        self.warnings: list[str] = []
        self.breaks = paragraph_breaks(text)
        self.bi = 0

    def close_open(self, at: int, warning: str) -> None:
        """Close the innermost open quote at ``at`` as unclosed, with ``warning``."""
        o = self.stack.pop()
        self.warnings.append(warning)
        self.quotes.append(_close(o, at, at, len(self.stack), False))

    def close_all(self, at: int) -> None:
        """Close every open quote at a paragraph end ``at``, innermost first."""
        while self.stack:
            self.close_open(at, _unclosed(self.stack[-1].pos, at))

    def drop_inner(self, at: int, depth: int) -> None:
        """Close the levels inside the outer quote at ``at`` (they cannot span paragraphs)."""
        for inner in self.stack[1:]:
            self.warnings.append(_unclosed(inner.pos, at))
            self.quotes.append(_close(inner, at, at, depth, False))
        del self.stack[1:]

    def paragraph_break(self) -> int:
        """Handle the next paragraph break; the position to go on from.

        A quote left open at a paragraph end continues only if the next paragraph starts with
        an opening mark (English convention)."""
        text, stack = self.text, self.stack
        b_start, b_end = self.breaks[self.bi]
        self.bi += 1
        stray_end = _stray_paragraph_end(text, b_end, self.breaks, self.bi)
        if stray_end is not None:
            # A paragraph of nothing but quote marks (a layout slip) neither continues the
            # open quote nor opens one: close what is open, report the stray mark, skip it.
            self.close_all(b_start)
            self.warnings.append(f"stray quote mark paragraph at {b_end}")
            return stray_end
        if not stack:
            return b_end
        reopen = 2 if text.startswith("''", b_end) else 1
        nxt = '"' if reopen == 2 else text[b_end : b_end + 1]
        if nxt and _opens_like(nxt, stack[0]) and not stack[-1].single:
            # Continue: drop inner levels, skip reopening.
            self.drop_inner(b_start, len(stack) - 1)
            stack[0].paragraphs += 1
            return b_end + reopen
        self.close_all(b_start)
        return b_end

    def line_break(self, i: int) -> int | None:
        """At a single line break inside an open double quote: where to go on, or None to go
        on with the line break itself."""
        text, stack = self.text, self.stack
        # Paragraphs separated by single line breaks: a line that starts with an opening
        # mark while a quote is open continues it (a hard-wrapped line would not).
        j = i + 1
        while j < len(text) and text[j] in " \t\r":
            j += 1
        if j < len(text) and (text[j] in '“«"' or text.startswith("''", j)):
            stack[0].paragraphs += 1
            self.drop_inner(i, 1)
            return j + (2 if text.startswith("''", j) else 1)
        para_end = self.breaks[self.bi][0] if self.bi < len(self.breaks) else len(text)
        if not _may_close_later(text, i, para_end):
            # Nothing later in this paragraph can close the quote (no double mark, or the
            # next one opens a new quote): the line break ends it, so a lost closing mark
            # costs one line, not the rest of the text.
            line_end = i
            while line_end > 0 and text[line_end - 1].isspace():
                line_end -= 1
            while stack:
                o = stack[-1]
                self.close_open(
                    line_end,
                    f"quote opened at {o.pos} is not closed before the line end at {line_end}",
                )
        return None


_DOUBLE_MARK = re.compile("[\"“”„«»]|''")


def _may_close_later(text: str, i: int, para_end: int) -> bool:
    """Whether the next double mark after ``i`` in its paragraph can close an open quote."""
    m = _DOUBLE_MARK.search(text, i, para_end)
    if m is None:
        return False
    c, prev = m.group(0)[0], _prev_char(text, m.start())
    if c in "“„«":
        return False
    if c in "”»":
        return True
    # A straight mark after a space and before a word opens ("… left. "It was …").
    return not (prev in _OPENER_BEFORE and _is_word(_next_char(text, m.end() - 1)))


def _stray_paragraph_end(
    text: str, start: int, breaks: list[tuple[int, int]], bi: int
) -> int | None:
    """End of the paragraph starting at ``start`` when it holds only quote marks, else None."""
    end = breaks[bi][0] if bi < len(breaks) else len(text)
    para = text[start:end].strip()
    if para and all(c in ALL_MARKS or c.isspace() for c in para):
        return end
    return None


def _unclosed(pos: int, end: int) -> str:
    return f"quote opened at {pos} is not closed before the paragraph end at {end}"


def _opens_like(c: str, o: _Open) -> bool:
    if o.mark in DOUBLE_OPEN or o.mark == '"':
        return c in DOUBLE_OPEN or c == '"'
    return False


def _close(o: _Open, content_end: int, end: int, depth: int, closed: bool) -> Quote:
    cs = min(o.pos + o.width, max(end, o.pos + 1))
    return Quote(o.pos, max(end, cs), cs, max(content_end, cs), depth, closed, o.paragraphs)


def _mark(
    text: str, i: int, c: str, stack: list[_Open], quotes: list[Quote], width: int = 1
) -> None:
    """Open or close a quote at the mark ``c`` at ``i`` (``width`` 2 for a doubled '')."""
    prev, nxt = _prev_char(text, i), _next_char(text, i + width - 1)
    if c in "'‘’‹›‚":
        _single_mark(c, i, prev, nxt, stack, quotes)
    elif c in DOUBLE_CLOSE or (c == "“" and _double_open(stack) == "„"):
        _double_closer(c, i, prev, nxt, stack, quotes)
    elif c in DOUBLE_OPEN:
        # “ while a double quote is open: a nested double level (rare) when it starts a word.
        if c == "«" or not any(not o.single for o in stack) or _is_word(nxt):
            stack.append(_Open(i, c, False))
    else:
        _straight_double(c, i, prev, nxt, stack, quotes, width)


def _close_top(stack: list[_Open], quotes: list[Quote], i: int, width: int = 1) -> None:
    o = stack.pop()
    quotes.append(_close(o, i, i + width, len(stack), True))


def _close_singles(stack: list[_Open], quotes: list[Quote], i: int) -> None:
    # A double closer also closes any single quotes left open inside it.
    while stack and stack[-1].single:
        o = stack.pop()
        quotes.append(_close(o, i, i, len(stack), False))


def _single_mark(
    c: str, i: int, prev: str, nxt: str, stack: list[_Open], quotes: list[Quote]
) -> None:
    # Inside a word it is an apostrophe (don't, O'Brien, Clintons’s).
    if _is_word(prev) and _is_word(nxt):
        return
    if stack and stack[-1].single and c in "'’›" and not _is_word(nxt):
        _close_top(stack, quotes, i)
        return
    opening = c in "‘‹‚" or (c == "'" and prev in _OPENER_BEFORE and not nxt.isspace())
    # A straight/curly single opener counts only inside a double quote or when it is a
    # clear opener (curly ‘); a bare ' at top level is too often an apostrophe.
    if opening and (c != "'" or stack) and (_is_word(nxt) or nxt in '"“'):
        stack.append(_Open(i, c, True))


def _double_closer(
    c: str, i: int, prev: str, nxt: str, stack: list[_Open], quotes: list[Quote]
) -> None:
    if _double_open(stack) is not None:
        _close_singles(stack, quotes, i)
        if stack:
            _close_top(stack, quotes, i)
            return
    # Stray closer at top level: Swedish ”…” or a lost opener; treat ” as an opener only when
    # it clearly starts a word.
    if c == "”" and prev in _OPENER_BEFORE and _is_word(nxt):
        stack.append(_Open(i, c, False))


def _straight_double(
    c: str, i: int, prev: str, nxt: str, stack: list[_Open], quotes: list[Quote], width: int
) -> None:
    # Straight double mark: decide by context, then by state.
    open_double = _double_open(stack)
    looks_open = prev in _OPENER_BEFORE and not nxt.isspace()
    looks_close = not prev.isspace() and (not _is_word(nxt) or nxt == "")
    if open_double is not None and (looks_close or not looks_open):
        _close_singles(stack, quotes, i)
        if stack:
            _close_top(stack, quotes, i, width)
        return
    if looks_open or open_double is None:
        stack.append(_Open(i, c, False, width=width))


def _double_open(stack: list[_Open]) -> str | None:
    for o in reversed(stack):
        if not o.single:
            return o.mark
    return None


def outer_quotes(quotes: list[Quote]) -> list[Quote]:
    """Only the depth-0 quotes.

    >>> [q.depth for q in outer_quotes(find_quotes('"a \\'b\\' c"')[0])]
    [0]
    """
    return [q for q in quotes if q.depth == 0]
