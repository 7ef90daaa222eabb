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
ALL_MARKS = frozenset('"\'' + DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "‚")

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
    quotes: list[Quote] = []
    warnings: list[str] = []
    stack: list[_Open] = []
    breaks = paragraph_breaks(text)
    bi = 0
    i = 0
    n = len(text)
    while i < n:
        # Paragraph boundary handling: a quote left open at a paragraph end continues only if
        # the next paragraph starts with an opening mark (English convention).
        if bi < len(breaks) and i >= breaks[bi][0]:
            b_start, b_end = breaks[bi]
            bi += 1
            stray_end = _stray_paragraph_end(text, b_end, breaks, bi)
            if stray_end is not None:
                # A paragraph of nothing but quote marks (a layout slip) neither continues the
                # open quote nor opens one: close what is open, report the stray mark, skip it.
                while stack:
                    o = stack.pop()
                    warnings.append(_unclosed(o.pos, b_start))
                    quotes.append(_close(o, b_start, b_start, len(stack), False))
                warnings.append(f"stray quote mark paragraph at {b_end}")
                i = stray_end
                continue
            if stack:
                nxt = text[b_end] if b_end < n else ""
                reopen = 2 if text.startswith("''", b_end) else 1
                if reopen == 2:
                    nxt = '"'
                outer = stack[0]
                if nxt and _opens_like(nxt, outer) and not stack[-1].single:
                    # Continue: drop inner levels (they cannot span paragraphs), skip reopening.
                    for inner in stack[1:]:
                        warnings.append(_unclosed(inner.pos, b_start))
                        quotes.append(_close(inner, b_start, b_start, len(stack) - 1, False))
                    del stack[1:]
                    outer.paragraphs += 1
                    i = b_end + reopen
                    continue
                while stack:
                    o = stack.pop()
                    warnings.append(_unclosed(o.pos, b_start))
                    quotes.append(_close(o, b_start, b_start, len(stack), False))
            i = b_end
            continue
        c = text[i]
        if c == "\n" and stack and not stack[0].single:
            # Paragraphs separated by single line breaks: a line that starts with an opening
            # mark while a quote is open continues it (a hard-wrapped line would not).
            j = i + 1
            while j < n and text[j] in " \t\r":
                j += 1
            if j < n and (text[j] in "“«\"" or text.startswith("''", j)):
                stack[0].paragraphs += 1
                for inner in stack[1:]:
                    warnings.append(_unclosed(inner.pos, i))
                    quotes.append(_close(inner, i, i, 1, False))
                del stack[1:]
                i = j + (2 if text.startswith("''", j) else 1)
                continue
            para_end = breaks[bi][0] if bi < len(breaks) else n
            if not _may_close_later(text, i, para_end):
                # Nothing later in this paragraph can close the quote (no double mark, or the
                # next one opens a new quote): the line break ends it, so a lost closing mark
                # costs one line, not the rest of the text.
                line_end = i
                while line_end > 0 and text[line_end - 1].isspace():
                    line_end -= 1
                while stack:
                    o = stack.pop()
                    warnings.append(f"quote opened at {o.pos} is not closed before the line end at {line_end}")
                    quotes.append(_close(o, line_end, line_end, len(stack), False))
        if c == "'" and text.startswith("''", i):
            # Two straight single marks stand for one double mark (''Yes,'' he said).
            _mark(text, i, '"', stack, quotes, width=2)
            i += 2
            continue
        if c in ALL_MARKS:
            _mark(text, i, c, stack, quotes)
        i += 1
    while stack:
        o = stack.pop()
        end = len(text.rstrip())
        end = max(end, o.pos + 1)
        warnings.append(f"quote opened at {o.pos} is not closed before the text end")
        quotes.append(_close(o, end, end, len(stack), False))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes, warnings


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


def _stray_paragraph_end(text: str, start: int, breaks: list[tuple[int, int]], bi: int) -> int | None:
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


def _mark(text: str, i: int, c: str, stack: list[_Open], quotes: list[Quote], width: int = 1) -> None:
    prev, nxt = _prev_char(text, i), _next_char(text, i + width - 1)
    single = c in "'‘’‹›‚"
    top = stack[-1] if stack else None

    def close_top() -> None:
        o = stack.pop()
        quotes.append(_close(o, i, i + width, len(stack), True))

    if single:
        # Inside a word it is an apostrophe (don't, O'Brien, Clintons’s).
        if _is_word(prev) and _is_word(nxt):
            return
        if top is not None and top.single and c in "'’›" and not _is_word(nxt):
            close_top()
            return
        opening = c in "‘‹‚" or (c == "'" and prev in _OPENER_BEFORE and not nxt.isspace())
        # A straight/curly single opener counts only inside a double quote or when it is a
        # clear opener (curly ‘); a bare ' at top level is too often an apostrophe.
        if opening and (c != "'" or stack) and (_is_word(nxt) or nxt in "\"“"):
            stack.append(_Open(i, c, True))
        return
    # Double marks. A double closer also closes any single quotes left open inside it.
    if c in DOUBLE_CLOSE or (c == "“" and _double_open(stack) == "„"):
        if _double_open(stack) is not None:
            while stack and stack[-1].single:
                o = stack.pop()
                quotes.append(_close(o, i, i, len(stack), False))
            if stack:
                close_top()
                return
        if c == "»" or c == "”":
            # Stray closer at top level: Swedish ”…” or a lost opener; treat ” as an opener
            # only when it clearly starts a word.
            if c == "”" and prev in _OPENER_BEFORE and _is_word(nxt):
                stack.append(_Open(i, c, False))
        return
    if c in DOUBLE_OPEN:
        if c == "«" or not any(not o.single for o in stack):
            stack.append(_Open(i, c, False))
            return
        # “ while a double quote is open: a nested double level (rare) when it starts a word.
        if _is_word(nxt):
            stack.append(_Open(i, c, False))
        return
    # Straight double mark: decide by context, then by state.
    open_double = _double_open(stack)
    looks_open = prev in _OPENER_BEFORE and not nxt.isspace()
    looks_close = not prev.isspace() and (not _is_word(nxt) or nxt == "")
    if open_double is not None and (looks_close or not looks_open):
        while stack and stack[-1].single:
            o = stack.pop()
            quotes.append(_close(o, i, i, len(stack), False))
        if stack:
            close_top()
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
