"""Figures changed inside copies: the strongest kind of conflict.

When the reuse stage aligned a passage of article A with a passage of article B, a figure of A
sits at one place of the copy in B. If B has a figure there with a different value ("about
2,000 litres" copied as "about 20,000 litres"), one of the two pages changed the figure while
copying: a conflict of kind :data:`COPY_KIND`, whatever the figures count and however far apart
their values are.

The stored alignments give only the passage bounds on both sides, so the two passages are
re-aligned word by word here (:func:`aligned_figures`): the words of both passages, in their
matching form (:func:`copytrail.reuse.tokens.tokenize`: any script, Persian/Arabic letter
variants and digits unified), are aligned with :class:`difflib.SequenceMatcher`. A figure whose
words are all in equal blocks has its copy at the same words; a figure inside changed words is
paired with the figure of the other side's changed words (in order, when both sides changed as
many figures). Pairs link figures across a family (one component per copied figure, all its
witnesses); a component whose directly aligned figures differ in value is a conflict
(:func:`copy_conflicts`). "2,000", "2000" and "two thousand" are one value, so no conflict.

>>> a = "The tank leaked about 2,000 litres of diesel into the Vale river, the agency said."
>>> b = "The tank leaked about 20,000 litres of diesel into the Vale river, the agency said."
>>> fa, fb = [("a1", 21, 26)], [("b1", 21, 27)]
>>> aligned_figures(a, (0, len(a)), fa, b, (0, len(b)), fb)
[('a1', 'b1')]

A figure changed right at the edge of the copy, outside the exact passage bounds, is found too:

>>> a = "Roughly 4,500 nurses joined the teachers on the picket lines."
>>> b = "Some 4,600 nurses joined the teachers on the picket lines this week."
>>> aligned_figures(a, (14, 61), [("a1", 0, 13)], b, (11, 58), [("b1", 0, 10)])
[('a1', 'b1')]
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from copytrail.claims.figures.context import CURRENT, role
from copytrail.ids import stable_id
from copytrail.reuse.tokens import tokenize

if TYPE_CHECKING:
    from copytrail.claims.conflicts import FigureRow

COPY_KIND = "copied, figure changed"
# Words each side of a figure shown as its aligned context (inside the copied passage).
CONTEXT_WORDS = 8
# A figure that moves with the page's date (an age, a running tally "so far", a moving window
# "the past 10 days") may be updated by a copy published more than this many days later.
MOVING_DAYS = 7
# Relative difference under which two values are one ("1.2 million" and "1,200,000").
SAME = 1e-6

Placed = tuple[str, int, int]  # (claim id, start, end) of a figure in its article's text


def _token_range(starts: Sequence[int], ends: Sequence[int], lo: int, hi: int) -> tuple[int, int]:
    """Indexes (first, stop) of the tokens overlapping characters ``lo..hi``."""
    first = next((i for i, e in enumerate(ends) if e > lo), len(ends))
    stop = first
    while stop < len(starts) and starts[stop] < hi:
        stop += 1
    return first, stop


def aligned_figures(
    text_a: str,
    span_a: tuple[int, int],
    figs_a: Sequence[Placed],
    text_b: str,
    span_b: tuple[int, int],
    figs_b: Sequence[Placed],
) -> list[tuple[str, str]]:
    """Pairs (claim of A, claim of B) of figures at the same place of a copied passage.

    ``span_a`` / ``span_b`` are the passage's character bounds in each text; figures outside
    them are ignored. A figure whose words are copied unchanged pairs with the figure at those
    words; a figure among changed words pairs with the other side's figure among the same
    changed words when both sides have as many there (else the place is ambiguous: no pair).

    >>> a = "Crews pumped 40 tonnes and 12 barrels out of the Vale river on Monday night."
    >>> b = "Crews pumped 45 tonnes and 12 barrels out of the Vale river on Monday night."
    >>> aligned_figures(a, (0, len(a)), [("a1", 13, 22), ("a2", 27, 37)],
    ...                 b, (0, len(b)), [("b1", 13, 22), ("b2", 27, 37)])
    [('a1', 'b1'), ('a2', 'b2')]
    """
    # Exact passage bounds end at the first and last shared word, so a figure changed at the
    # edge of a copy ("Roughly 4,500 nurses joined…" / "Some 4,600 nurses joined…") lies just
    # outside them: look a few words past each edge, inside the sentence.
    a0, a1 = widen(text_a, *span_a)
    b0, b1 = widen(text_b, *span_b)
    ha, sa, ea = _span_tokens(text_a, a0, a1)
    hb, sb, eb = _span_tokens(text_b, b0, b1)
    if not ha or not hb:
        return []
    ops = difflib.SequenceMatcher(None, ha, hb, autojunk=False).get_opcodes()
    in_a = [f for f in figs_a if a0 <= f[1] and f[2] <= a1]
    in_b = [f for f in figs_b if b0 <= f[1] and f[2] <= b1]
    tok_a = [_token_range(sa, ea, f[1], f[2]) for f in in_a]
    tok_b = [_token_range(sb, eb, f[1], f[2]) for f in in_b]
    cores_a = [_core(ops, r, 0) for r in tok_a]
    cores_b = [_core(ops, r, 1) for r in tok_b]
    pairs = _copied_pairs(ops, tok_a, tok_b, cores_a, cores_b)
    # Changed figures: those whose changed words overlap, component by component.
    edges = [(i, j) for i, ca in enumerate(cores_a) for j, cb in enumerate(cores_b) if ca & cb]
    for side_a, side_b in _components(edges):
        if len(side_a) == len(side_b):
            pairs.extend(zip(side_a, side_b, strict=True))
    return [(in_a[i][0], in_b[j][0]) for i, j in sorted(pairs)]


def _copied_pairs(
    ops: Sequence[Opcode],
    tok_a: Sequence[tuple[int, int]],
    tok_b: Sequence[tuple[int, int]],
    cores_a: Sequence[frozenset[int]],
    cores_b: Sequence[frozenset[int]],
) -> list[tuple[int, int]]:
    """Figures copied word for word (no changed words, ``cores``): each A figure with the one
    unchanged B figure on the words it was copied to (indexes into ``tok_a`` / ``tok_b``)."""
    pairs: list[tuple[int, int]] = []
    for i, core in enumerate(cores_a):
        if core:
            continue
        lo, hi = _copied(ops, tok_a[i])
        hits = [j for j, r in enumerate(tok_b) if not cores_b[j] and r[0] < hi and lo < r[1]]
        if len(hits) == 1:
            pairs.append((i, hits[0]))
    return pairs


Opcode = tuple[str, int, int, int, int]


@lru_cache(maxsize=4096)
def _span_tokens(text: str, lo: int, hi: int) -> tuple[list[int], list[int], list[int]]:
    """Word hashes, starts and ends (offsets in ``text``) of ``text[lo:hi]``.

    Cached: a witness is compared with every other witness of its family, and each comparison
    would otherwise tokenise both passages again.
    """
    toks = tokenize(text[lo:hi])
    return (
        toks.hashes.tolist(),
        [int(x) + lo for x in toks.starts],
        [int(x) + lo for x in toks.ends],
    )


# How many words past a passage's edge a changed figure may sit (a qualifier and a number).
EDGE_WORDS = 4
_SENTENCE_END = ".!?\n。؟"


def widen(text: str, lo: int, hi: int, words: int = EDGE_WORDS) -> tuple[int, int]:
    """``lo..hi`` widened by up to ``words`` words each way, never across a sentence end.

    >>> t = "It rained. Roughly 4,500 nurses joined the picket lines this week."
    >>> lo, hi = widen(t, t.index("nurses"), t.index(" this"))
    >>> t[lo:hi]
    'Roughly 4,500 nurses joined the picket lines this week'
    """
    start, count = lo, 0
    while start > 0 and count < words:
        k = start - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        if k < 0 or text[k] in _SENTENCE_END:
            break
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        if any(ch in _SENTENCE_END for ch in text[k:start]):
            break
        start, count = k, count + 1
    end, count = hi, 0
    while end < len(text) and count < words:
        k = end
        while k < len(text) and text[k] in " \t":
            k += 1
        if k >= len(text) or text[k] == "\n":
            break
        while k < len(text) and not text[k].isspace():
            k += 1
        word = text[end:k].rstrip()
        if word and word[-1] in _SENTENCE_END:
            end = k - 1 if text[k - 1] in _SENTENCE_END else k
            break
        end, count = k, count + 1
    return start, end


def _core(ops: Sequence[Opcode], tokens: tuple[int, int], side: int) -> frozenset[int]:
    """The changed opcodes (replace, delete, insert) a figure's tokens touch on one side."""
    first, stop = tokens
    out = set()
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        lo, hi = (i1, i2) if side == 0 else (j1, j2)
        if tag != "equal" and lo < stop and first < hi:
            out.add(k)
    return frozenset(out)


def _copied(ops: Sequence[Opcode], tokens: tuple[int, int]) -> tuple[int, int]:
    """Token range of B that A's unchanged tokens were copied to (words inserted inside kept)."""
    mapped = [
        t - i1 + j1
        for tag, i1, i2, j1, _j2 in ops
        if tag == "equal"
        for t in range(max(i1, tokens[0]), min(i2, tokens[1]))
    ]
    return (min(mapped), max(mapped) + 1) if mapped else (0, 0)


def _components(edges: Sequence[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """Connected parts of a bipartite graph (A figure i, B figure j), each side in text order."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(x: tuple[int, int]) -> tuple[int, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[find((0, i))] = find((1, j))
    parts: dict[tuple[int, int], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for node in sorted(parent):
        parts[find(node)][node[0]].append(node[1])
    return [parts[root] for root in sorted(parts, key=lambda r: min(parts[r][0] + parts[r][1]))]


@dataclass(frozen=True, slots=True)
class CopyConflict:
    """One copied figure across a family whose copies do not all give the same value.

    ``witnesses`` are every figure aligned to it (directly or through other copies), in date
    order; ``changed`` the directly aligned pairs (claim ids) whose values differ.
    """

    witnesses: list[FigureRow]
    changed: list[tuple[str, str]]

    @property
    def conflict_id(self) -> str:
        return stable_id("copy-conflict", *sorted(w.claim_id for w in self.witnesses))


def _bounds(r: FigureRow) -> tuple[float, float] | None:
    lo = r.low if r.low is not None else r.value
    hi = r.high if r.high is not None else r.value
    return None if lo is None or hi is None else (lo, hi)


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def _moving(r: FigureRow) -> bool:
    """An age, a running tally ("so far") or a moving window ("the past 10 days")."""
    return r.counted_key == "age" or role(r) == "window" or bool(CURRENT.search(r.sentence))


def comparable(a: FigureRow, b: FigureRow) -> bool:
    """Two aligned figures that state one quantity: both have a value, and no two different
    units ("5 km" copied as "3 miles" is a conversion, not a change)."""
    if _bounds(a) is None or _bounds(b) is None:
        return False
    return not (a.unit and b.unit and a.unit.lower() != b.unit.lower())


def figure_changed(a: FigureRow, b: FigureRow) -> bool:
    """True when a copy gives an aligned figure another value.

    The value is compared, not the writing ("2,000", "2000" and "two thousand" are one) nor the
    qualifier; a figure that moves with the date (an age, "so far", "the past 10 days") may be
    updated by a copy published more than :data:`MOVING_DAYS` days later.

    >>> from copytrail.claims.conflicts import FigureRow
    >>> row = lambda v, s="About {} litres leaked.", d="2026-05-01": FigureRow(
    ...     "c", "a", "litre", "l", v, v, v, "about", d, s.format(v), "x", "u", 6, 5)
    >>> figure_changed(row(2000), row(20000)), figure_changed(row(2000), row(2000.0))
    (True, False)
    >>> so_far = "So far {} litres leaked."
    >>> figure_changed(row(20, so_far), row(30, so_far, "2026-06-01"))
    False
    """
    if not comparable(a, b):
        return False
    (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)  # type: ignore[misc]
    scale = max(abs(alo), abs(ahi), abs(blo), abs(bhi), 1e-12)
    if abs(alo - blo) <= SAME * scale and abs(ahi - bhi) <= SAME * scale:
        return False
    if _moving(a) or _moving(b):
        da, db = _day(a.published), _day(b.published)
        if da and db and abs((da - db).days) > MOVING_DAYS:
            return False
    return True


def copy_conflicts(
    pairs: Iterable[tuple[str, str]], rows: Mapping[str, FigureRow]
) -> list[CopyConflict]:
    """Copied figures whose copies disagree: aligned pairs of figures (claim ids, as
    :func:`aligned_figures` gives them) are joined into one component per copied figure; a
    component with a directly aligned pair of different values is a conflict.

    >>> from copytrail.claims.conflicts import FigureRow
    >>> s = "About {} litres of diesel leaked into the Vale river."
    >>> row = lambda c, v: FigureRow(c, "a" + c, "litre", "l", v, v, v, "about", "2026-05-01",
    ...                              s.format(v), c + ".example", "u", 6, 5)
    >>> rows = {r.claim_id: r for r in [row("x", 2000), row("y", 2000), row("z", 20000)]}
    >>> [([w.value for w in c.witnesses], c.changed) for c in copy_conflicts([("x", "y"), ("x", "z")], rows)]
    [([2000, 2000, 20000], [('x', 'z')])]
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    changed: list[tuple[str, str]] = []
    for a, b in sorted(set(pairs)):
        ra, rb = rows.get(a), rows.get(b)
        if ra is None or rb is None or ra.article_id == rb.article_id or not comparable(ra, rb):
            continue
        parent[find(a)] = find(b)
        if figure_changed(ra, rb):
            changed.append((a, b))
    members: dict[str, list[FigureRow]] = defaultdict(list)
    for claim in sorted(parent):
        members[find(claim)].append(rows[claim])
    by_root: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a, b in changed:
        by_root[find(a)].append((a, b))
    out = []
    for root, found in sorted(by_root.items()):
        witnesses = sorted(members[root], key=lambda r: (r.published or "9999", r.claim_id))
        out.append(CopyConflict(witnesses, found))
    return out


def aligned_context(
    text: str, span: tuple[int, int], start: int, end: int, words: int = CONTEXT_WORDS
) -> tuple[str, str]:
    """The copied words before and after a figure (at most ``words`` each side, inside the
    passage ``span``): what the figure was aligned in.

    >>> t = "Intro. The tank leaked about 2,000 litres of diesel into the Vale river."
    >>> aligned_context(t, (7, len(t)), t.index("2,000"), t.index("2,000") + 5, words=3)
    ('tank leaked about ', ' litres of diesel')
    """
    lo, hi = span
    before = tokenize(text[lo:start])
    after = tokenize(text[end:hi])
    b0 = lo + int(before.starts[-words]) if len(before) >= words else lo
    if len(before) and len(before) < words:
        b0 = lo + int(before.starts[0])
    a1 = end + int(after.ends[min(words, len(after)) - 1]) if len(after) else end
    return text[b0:start], text[end:a1]
