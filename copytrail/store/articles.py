"""An article's text as stored: once, after site boilerplate removal, with the paragraphs that
removal took out (``articles.removed``), so the text as extracted is read back from the two.

Stores written before schema 2 kept a second copy (``raw_text``, ``raw_paragraphs``); it is
still read, and dropped when the site's boilerplate is next learned.

>>> as_extracted("Body.", '[[0, 5, "p"]]', '[[1, "p", "Share this"]]')[0]
'Body.\\n\\nShare this'
>>> as_extracted("Body.", '[[0, 5, "p"]]')[0]
'Body.'
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Sequence
from typing import Any

from copytrail.model import Paragraph, join_paragraphs


def with_removed(
    text: str, paragraphs: Sequence[Paragraph], removed: Iterable[Sequence[Any]]
) -> tuple[str, tuple[Paragraph, ...]]:
    """Text and paragraphs with the removed paragraphs, ``(index as extracted, kind, text)``,
    put back in their places.

    >>> text, paras = with_removed("Body.", [Paragraph(0, 5)], [(0, "li", "Share")])
    >>> text, [p.kind for p in paras]
    ('Share\\n\\nBody.', ['li', 'p'])
    """
    gone = {int(i): (str(kind), str(t)) for i, kind, t in removed}
    if not gone:
        return text, tuple(paragraphs)
    kept = deque((p.kind, text[p.start : p.end]) for p in paragraphs)
    parts: list[tuple[str, str]] = []
    for i in range(len(kept) + len(gone)):
        if i in gone:
            parts.append(gone[i])
        elif kept:
            parts.append(kept.popleft())
    return join_paragraphs(parts)


def as_extracted(
    text: str | None,
    paragraphs: str | None,
    removed: str | None = None,
    raw_text: str | None = None,
    raw_paragraphs: str | None = None,
) -> tuple[str, tuple[Paragraph, ...]]:
    """An article's text and paragraphs as extracted (before site boilerplate removal), from
    its stored columns: ``text``, ``paragraphs`` and ``removed`` (or, in a store written before
    schema 2, its second copy in ``raw_text`` and ``raw_paragraphs``)."""
    if raw_text is not None:
        text, paragraphs, removed = raw_text, raw_paragraphs, None
    paras = tuple(Paragraph(s, e, k) for s, e, k in json.loads(paragraphs or "[]"))
    return with_removed(text or "", paras, json.loads(removed) if removed else ())
