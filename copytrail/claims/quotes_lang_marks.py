"""Where quotations are in Persian, Arabic and Russian text: the language's marks, Russian
dash speech, and sentences that never end inside a quotation (see
:mod:`copytrail.claims.quotes_lang`).
"""

from __future__ import annotations

import re

from copytrail.claims.quotes_lang_lexicon import QuoteLexicon

# What ends a sentence outside quotes: terminal marks then space, or a paragraph break.
_END = re.compile(r"[.!?؟…]+(?=\s)|\n")
_DASH_LINE = re.compile(
    r"(?:^|(?<=\n))[ \t]*[—–-][ \t]+(?P<c>[^\n]+?)(?:,|(?<=[!?…]))[ \t]+[—–][ \t]+"
)
_DASH_INLINE = re.compile(r"(?<=[.!?…]) [—–] (?P<c>[^\n—–]+?)(?:,|(?<=[!?…])) [—–] ")


def find_quotes_lang(text: str, lex: QuoteLexicon) -> tuple[list[tuple[int, int]], list[str]]:
    """(start, end) of the inside of every quotation, and warnings for unclosed ones.

    A quotation does not cross a paragraph break; a mark that opens nothing closable is skipped.

    >>> from copytrail.claims.quotes_lang_lexicon import lexicon
    >>> find_quotes_lang("Он сказал: «Нет». И „да“.", lexicon("ru"))
    ([(12, 15), (21, 23)], [])
    """
    spans: list[tuple[int, int]] = []
    warnings: list[str] = []
    i = 0
    openers = {o: c for o, c in lex.marks}
    while i < len(text):
        close = openers.get(text[i])
        if close is None:
            i += 1
            continue
        para = text.find("\n\n", i)
        limit = len(text) if para < 0 else para
        j = text.find(close, i + 1, limit)
        if j < 0:
            if text[i] != '"':
                warnings.append(
                    f"quote opened at {i} is not closed before the paragraph end at {limit}"
                )
            i += 1
            continue
        spans.append((i + 1, j))
        i = j + 1
    return spans, warnings


def _dash_quotes(text: str, lex: QuoteLexicon) -> list[tuple[int, int]]:
    """Russian dash-introduced speech: "— Мы победим, — сказал он." gives "Мы победим"."""
    if not lex.dash_speech:
        return []
    # At a line start, or after a sentence inside a line ("… — сказал он. — Людей эвакуируют.").
    return [
        (m.start("c"), m.end("c")) for p in (_DASH_LINE, _DASH_INLINE) for m in p.finditer(text)
    ]


def _sentences(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans that never end inside a quotation."""
    inside = [False] * (len(text) + 1)
    for a, b in quotes:
        for k in range(a, b):
            inside[k] = True
    spans, start = [], 0
    for m in _END.finditer(text):
        if inside[m.start()]:
            continue
        end = m.end()
        # A closing mark right after the full stop belongs to the sentence.
        while end < len(text) and text[end] in '»”“"':
            end += 1
        if text[start:end].strip():
            spans.append(_strip(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, a: int, b: int, chars: str = " \t\n") -> tuple[int, int]:
    while a < b and text[a] in chars:
        a += 1
    while b > a and text[b - 1] in chars:
        b -= 1
    return a, b
