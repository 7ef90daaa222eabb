"""Families: the copies of one passage across articles, from pairwise alignments.

Each alignment joins two spans (one per article). Spans are linked (union-find) when an alignment
joins them, and spans of the same article are linked when they overlap by at least half of the
shorter one — so a passage reprinted on 40 sites is one family of 40 witnesses, while an article
copying two sources in two different places (spans that do not overlap) belongs to two
families. The half-overlap rule, rather than any overlap, is what splits components that would
otherwise chain through long articles quoting several sources in adjacent sentences.

A witness (passage) is the union of a family's spans in one article; an article holding the
same passage twice (self-reuse) has two witnesses in the family.

>>> fams = build_families([
...     Aligned("x1", "A", 0, 100, "B", 10, 110, 1.0),
...     Aligned("x2", "B", 12, 108, "C", 0, 96, 0.9),
...     Aligned("x3", "A", 500, 600, "D", 0, 100, 1.0),
... ])
>>> sorted(sorted(p.article_id for p in f.passages) for f in fams)
[['A', 'B', 'C'], ['A', 'D']]

For corpora whose alignments do not fit in memory as objects, :func:`span_components` finds
the same components over compact integer arrays (a few bytes per alignment), fed with the
aligned spans sorted by article and start, one batch at a time; each component can then be built
on its own with :func:`build_families`, which gives the same families as building everything at
once (no link ever crosses two components).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from copytrail.ids import stable_id
from copytrail.reuse.jit import find_root, njit


@dataclass(frozen=True, slots=True)
class Aligned:
    """One stored alignment: ``article_a[a_start:a_end]`` ~ ``article_b[b_start:b_end]``."""

    alignment_id: str
    article_a: str
    a_start: int
    a_end: int
    article_b: str
    b_start: int
    b_end: int
    score: float


@dataclass(frozen=True, slots=True)
class Witness:
    """One copy of a family's passage: ``text[start:end]`` of an article."""

    passage_id: str
    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Link:
    """One alignment between two witnesses of a family, with its span on each side.

    Provenance needs the spans, not only the score: how much of a witness an earlier one
    covers is the union of the spans of the alignments between them.
    """

    passage_a: str
    a_start: int
    a_end: int
    passage_b: str
    b_start: int
    b_end: int
    score: float


@dataclass(frozen=True, slots=True)
class Family:
    """A family: its witnesses, and the alignments between them (passage ids and score)."""

    family_id: str
    passages: tuple[Witness, ...]
    edges: tuple[tuple[str, str, float], ...]
    alignments: tuple[str, ...] = ()  # ids of the alignments grouped into it, sorted
    links: tuple[Link, ...] = ()  # the alignments between different witnesses, with spans
    # boilerplate with the alignments that carried it into look-alike text (judged when built:
    # those alignments' longer spans do not make it a story; see :func:`build_families`)
    boilerplate: bool = False

    @property
    def self_reuse(self) -> bool:
        ids = [p.article_id for p in self.passages]
        return len(ids) != len(set(ids))


BOILERPLATE_WORDS = 40  # longer passages are never called boilerplate by their spread alone


def boilerplate(
    article_sites: dict[str, str | None],
    words: list[int],
    tails: list[bool] | None = None,
    contexts: list[str] | None = None,
) -> bool:
    """A short passage on 3+ sites that sites repeat on their own pages or close articles with.

    Disclaimers, licence notes and "contact our newsroom" lines are repeated by each site on
    many of its pages and look alike across sites, at the foot of otherwise unrelated articles;
    a copied story is carried once per site, and a quoted passage sits inside the text. So a
    short passage (its witnesses' median length at most ``BOILERPLATE_WORDS`` words, none over
    100: one short look-alike joined to a story does not hide the story) on at least three
    sites is boilerplate-like when one site holds it in two or more different articles, or
    when every witness is the closing tail of a longer article (``tails``, see
    :func:`closes`) and those articles are unrelated: ``contexts`` names, per witness, the
    text it sits in (the closing paragraph of a story quoted by two reprints and an excerpt
    closes three articles, but only two stories: not a footer); without ``contexts``, each
    article is its own. Its family is flagged banal and joins no conclusion.
    ``article_sites`` maps each witness article to its site; ``words`` gives each witness's
    length in words.

    >>> boilerplate({"a1": "a.org", "a2": "a.org", "b1": "b.org", "c1": "c.org"}, [22, 22, 21, 60])
    True
    >>> boilerplate({"a1": "a.org", "a2": "a.org", "b1": "b.org", "c1": "c.org"}, [22, 22, 21, 300])
    False
    >>> boilerplate({"a1": "a.org", "b1": "b.org", "c1": "c.org", "d1": "d.org"}, [22, 22, 22, 22])
    False
    >>> boilerplate({"a1": "a.org", "b1": "b.org", "c1": "c.org"}, [22, 22, 22], [True] * 3)
    True
    >>> boilerplate({"a1": "a.org", "b1": "b.org", "c1": "c.org"}, [22, 22, 22], [True] * 3,
    ...             ["story-1", "story-1", "c1"])
    False
    >>> boilerplate({"a1": "a.org", "a2": "a.org", "b1": "b.org", "c1": "c.org"}, [90, 85, 17, 90])
    False
    """
    # a family holding a long text is a story, whatever joined it: never hidden as boilerplate
    if not words or sorted(words)[len(words) // 2] > BOILERPLATE_WORDS or max(words) > 100:
        return False
    per_site: dict[str, int] = defaultdict(int)
    for site in article_sites.values():
        if site:
            per_site[site] += 1
    if len(per_site) < 3:
        return False
    unrelated = contexts is None or len(set(contexts)) >= 3
    return max(per_site.values()) >= 2 or bool(tails and all(tails) and unrelated)


def closes(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the closing tail of a longer text (nothing but spaces and
    punctuation after it, something before it).

    >>> closes("Main story here. Views are the author's own.", 17, 43), closes("Quoted. More.", 0, 7)
    (True, False)
    """
    return start > 0 and not text[end:].strip(" \t\r\n.!?\"'»”)…")


def passage_id(article_id: str, start: int, end: int) -> str:
    """Content id of a witness span."""
    return stable_id("passage", article_id, start, end)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller root wins so the result does not depend on the order of unions
            self.parent[max(ra, rb)] = min(ra, rb)


class Judge(Protocol):
    """What :func:`build_families` asks about the text behind the spans (see there)."""

    def boilerplate(self, witnesses: list[Witness], contexts: list[str]) -> bool:
        """Whether a component with these witnesses is boilerplate (a disclaimer, a footer);
        ``contexts`` names the text each witness sits in (see :func:`boilerplate`)."""
        ...

    def copied_outside(
        self, a: tuple[str, int, int], cut_a: list[tuple[int, int]],
        b: tuple[str, int, int], cut_b: list[tuple[int, int]],
    ) -> bool:  # fmt: skip
        """Whether spans ``a`` and ``b`` (article, start, end) share a copied run of text
        outside the parts ``cut_a`` / ``cut_b`` of each."""
        ...

    def holds(self, span: tuple[str, int, int], region: tuple[str, int, int]) -> bool:
        """Whether ``span`` holds a copied run of the words of ``region``."""
        ...


def build_families(alignments: Iterable[Aligned], judge: Judge | None = None) -> list[Family]:
    """Group aligned spans into families (deterministic: sorted by family id).

    Two overlapping spans of one article are linked when the overlap is at least half of the
    shorter one. When it is half of both, they are the same text (*mutual*); otherwise the
    short span sits inside a longer one (*nested*: a disclaimer at the foot of a story, a quote
    inside a reprint). With a ``judge``, boilerplate never bridges two families:

    * a short span is linked to the long one it is nested in only when its own component (the
      spans joined by alignments and mutual overlaps) is not ``judge.boilerplate`` — a story
      whose reprint copied the original *with* its closing disclaimer stays apart from the
      disclaimer's family, while a quote still joins the reprint it sits in;
    * an alignment holding the same boilerplate on both sides and nothing else copied
      (``judge.copied_outside``: a disclaimer extended into look-alike sentences around it)
      belongs to the boilerplate's family, and links nothing else;
    * and a nested link needs both alignments to copy the text where the spans overlap
      (``judge.holds``: the other side of each holds it). An alignment that ran on over
      look-alike sentences into the next paragraph of a composite, which another source
      supplied, does not join the two sources.

    Every decision is taken on the components before any nested link is made, so the result
    does not depend on the order of the links, and every family is a union of the families
    built without a judge.

    >>> class Footer:
    ...     def boilerplate(self, ws, contexts): return all(w.end - w.start <= 100 for w in ws)
    ...     def copied_outside(self, a, cut_a, b, cut_b): return a[2] - a[1] > 300
    ...     def holds(self, span, region): return True
    >>> story = [Aligned("s", "O", 0, 900, "R", 0, 900, 1.0)]
    >>> footer = [Aligned(f"d{k}", f"X{k}", 400, 500, "O", 800, 900, 1.0) for k in range(3)]
    >>> [len(build_families(story + footer, j)) for j in (None, Footer())]
    [1, 2]
    >>> also = [Aligned("y", "O", 650, 900, "Y", 150, 400, 0.8),
    ...         Aligned("d3", "X0", 400, 500, "Y", 300, 400, 1.0)]
    >>> fams = build_families(story + footer + also, Footer())
    >>> sorted(sorted(w.article_id for w in f.passages) for f in fams)
    [['O', 'R'], ['O', 'X0', 'X1', 'X2', 'Y']]
    """
    rows = sorted(alignments, key=lambda r: r.alignment_id)
    nodes: list[tuple[str, int, int]] = []
    for r in rows:
        nodes.append((r.article_a, r.a_start, r.a_end))
        nodes.append((r.article_b, r.b_start, r.b_end))
    uf = _UnionFind(len(nodes))
    for k in range(len(rows)):
        uf.union(2 * k, 2 * k + 1)
    nested = _link_spans(nodes, uf, judge is not None)
    carriers: set[int] = set()
    if judge is not None and nested:
        carriers = _link_nested(nodes, uf, nested, judge)
    return _assemble(rows, nodes, uf, {uf.find(b) for b in carriers})


def _link_nested(
    nodes: list[tuple[str, int, int]], uf: _UnionFind, nested: list[tuple[int, int]], judge: Judge
) -> set[int]:
    """The nested links of :func:`build_families` with a judge, decided on the components the
    other links made (``nested``: (short node, long node) pairs). Returns the boilerplate
    components that took in alignments carrying them (a node of each)."""
    n = _Nesting(nodes, uf, nested, judge)
    # components made only of alignments that hold one boilerplate on both sides and share
    # nothing else: they join that boilerplate
    borne: dict[int, int] = {}
    for r in sorted({n.root[long] for _, long in nested}):
        b = next((b for b in n.carried(r) if n.is_banal(b)), None)
        if b is not None:
            borne[r] = b
    for short, long in nested:
        if n.is_banal(n.root[short]) or n.root[short] in borne:
            continue
        art, s0, e0 = nodes[short]
        region = (art, max(s0, nodes[long][1]), min(e0, nodes[long][2]))
        # node k ^ 1 is the other side of node k's alignment
        if judge.holds(nodes[short ^ 1], region) and judge.holds(nodes[long ^ 1], region):
            uf.union(short, long)
    for r, b in borne.items():
        uf.union(r, b)
    return set(borne.values())


class _Nesting:
    """The components before nested links, what each span holds nested in it, and the
    judge's verdicts on them (cached)."""

    def __init__(
        self,
        nodes: list[tuple[str, int, int]],
        uf: _UnionFind,
        nested: list[tuple[int, int]],
        judge: Judge,
    ) -> None:
        self.nodes, self.judge = nodes, judge
        self.root = [uf.find(i) for i in range(len(nodes))]
        self.members: dict[int, list[int]] = defaultdict(list)
        for i, r in enumerate(self.root):
            self.members[r].append(i)
        # per span: the roots of the longer spans it sits in; the shorter spans inside it
        self.around: dict[int, set[int]] = defaultdict(set)
        self.inside: dict[int, dict[int, list[tuple[int, int]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for short, long in nested:
            self.around[short].add(self.root[long])
            self.inside[long][self.root[short]].append(nodes[short][1:])
        self._banal: dict[int, bool] = {}
        self._carried: dict[int, list[int]] = {}

    def carried(self, r: int) -> list[int]:
        """The components every alignment of component ``r`` holds on both sides with nothing
        else copied (``r`` is then a look-alike extension of them), sorted."""
        if r not in self._carried:
            common: set[int] | None = None
            for a in (i for i in self.members[r] if i % 2 == 0):
                mine = {
                    b
                    for b in self.inside[a].keys() & self.inside[a + 1].keys()
                    if not self.judge.copied_outside(
                        self.nodes[a], self.inside[a][b], self.nodes[a + 1], self.inside[a + 1][b]
                    )
                }
                common = mine if common is None else common & mine
                if not common:
                    break  # a story copied outside its footer: one alignment is enough to say
            self._carried[r] = sorted(common or ())
        return self._carried[r]

    def is_banal(self, b: int) -> bool:
        """The judge's verdict on component ``b``, each witness in its context: the other
        component it sits in (not one that only extends ``b``), else its own article."""
        if b not in self._banal:
            spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
            for i in self.members[b]:
                spans[self.nodes[i][0]].append((self.nodes[i][1], self.nodes[i][2], i))
            ws = _witnesses(spans)
            contexts = []
            for w, group in ws:
                outer = {c for i in group for c in self.around[i] if c != b}
                outer = {c for c in outer if b not in self.carried(c)}
                contexts.append(f"c{min(outer)}" if outer else w.article_id)
            self._banal[b] = self.judge.boilerplate([w for w, _ in ws], contexts)
        return self._banal[b]


def _assemble(
    rows: list[Aligned], nodes: list[tuple[str, int, int]], uf: _UnionFind, banal: set[int]
) -> list[Family]:
    """The families of the components of ``uf`` (``nodes``: 2k, 2k+1 are ``rows[k]``'s spans)."""
    # witnesses: per component and article, the union of overlapping spans
    comp_spans: dict[int, dict[str, list[tuple[int, int, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for i, (art, s, e) in enumerate(nodes):
        comp_spans[uf.find(i)][art].append((s, e, i))
    node_passage: dict[int, str] = {}
    families: list[Family] = []
    comp_witnesses: dict[int, list[Witness]] = {}
    for comp, arts in comp_spans.items():
        witnesses: list[Witness] = []
        for w, group in _witnesses(arts):
            witnesses.append(w)
            node_passage.update(dict.fromkeys(group, w.passage_id))
        comp_witnesses[comp] = witnesses
    comp_edges: dict[int, dict[tuple[str, str], float]] = defaultdict(dict)
    comp_members: dict[int, list[str]] = defaultdict(list)
    comp_links: dict[int, list[Link]] = defaultdict(list)
    for k, r in enumerate(rows):
        comp_members[uf.find(2 * k)].append(r.alignment_id)  # rows are sorted by id
        pa, pb = node_passage[2 * k], node_passage[2 * k + 1]
        if pa == pb:
            continue
        comp_links[uf.find(2 * k)].append(
            Link(pa, r.a_start, r.a_end, pb, r.b_start, r.b_end, r.score)
        )
        key = (min(pa, pb), max(pa, pb))
        edges = comp_edges[uf.find(2 * k)]
        edges[key] = max(edges.get(key, 0.0), r.score)
    for comp, witnesses in comp_witnesses.items():
        witnesses.sort(key=lambda w: w.passage_id)
        fid = stable_id("family", witnesses[0].passage_id)
        fam_edges = tuple(sorted((a, b, s) for (a, b), s in comp_edges[comp].items()))
        links = tuple(sorted(comp_links[comp], key=_link_key))
        families.append(
            Family(
                fid, tuple(witnesses), fam_edges, tuple(comp_members[comp]), links, comp in banal
            )
        )
    families.sort(key=lambda f: f.family_id)
    return families


def _link_spans(
    nodes: list[tuple[str, int, int]], uf: _UnionFind, defer: bool
) -> list[tuple[int, int]]:
    """Link the overlapping spans of each article (sweep by start); with ``defer``, nested
    pairs (overlap half of the shorter span only) are returned as (short, long) instead."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, (art, _, _) in enumerate(nodes):
        by_article[art].append(i)
    nested: list[tuple[int, int]] = []
    for ids in by_article.values():
        ids.sort(key=lambda i: (nodes[i][1], nodes[i][2], i))
        active: list[int] = []
        for i in ids:
            _, s, e = nodes[i]
            active = [j for j in active if nodes[j][2] > s]
            for j in active:
                overlap = min(e, nodes[j][2]) - s
                len_i, len_j = e - s, nodes[j][2] - nodes[j][1]
                if overlap * 2 < min(len_i, len_j):
                    continue
                if defer and overlap * 2 < max(len_i, len_j):
                    nested.append((i, j) if len_i < len_j else (j, i))
                else:
                    uf.union(i, j)
            active.append(i)
    return nested


def _witnesses(arts: dict[str, list[tuple[int, int, int]]]) -> list[tuple[Witness, list[int]]]:
    """The witnesses of one component: per article, the union of its overlapping spans
    ``(start, end, node)``, with the nodes each witness holds."""
    out: list[tuple[Witness, list[int]]] = []
    for art, spans in arts.items():
        spans.sort()
        group: list[int] = []
        g_s, g_e = spans[0][0], spans[0][1]
        for s, e, i in spans:
            if s >= g_e and group:
                out.append((Witness(passage_id(art, g_s, g_e), art, g_s, g_e), group))
                group, g_s, g_e = [], s, e
            group.append(i)
            g_e = max(g_e, e)
        out.append((Witness(passage_id(art, g_s, g_e), art, g_s, g_e), group))
    return out


def _link_key(x: Link) -> tuple[str, int, int, str, int, int, float]:
    return (x.passage_a, x.a_start, x.a_end, x.passage_b, x.b_start, x.b_end, x.score)


# -- components over compact arrays (bounded memory) --------------------------------------


@njit(cache=True)
def _union(parent, a, b):  # type: ignore[no-untyped-def]
    ra = find_root(parent, a)
    rb = find_root(parent, b)
    if ra < rb:
        parent[rb] = ra
    elif rb < ra:
        parent[ra] = rb


@njit(cache=True)
def _link_pairs(parent, m):  # type: ignore[no-untyped-def]
    for k in range(m):
        _union(parent, 2 * k, 2 * k + 1)


@njit(cache=True)
def _link_overlaps(parent, node, art, start, end):  # type: ignore[no-untyped-def]
    # Same sweep as build_families: rows sorted by (article, start, end, node), whole articles.
    active = np.empty(64, np.int64)
    na = 0
    for i in range(node.shape[0]):
        if i == 0 or art[i] != art[i - 1]:
            na = 0
        s = start[i]
        e = end[i]
        kept = 0
        for t in range(na):
            j = active[t]
            if end[j] > s:
                active[kept] = j
                kept += 1
        na = kept
        for t in range(na):
            j = active[t]
            overlap = min(e, end[j]) - s
            if overlap * 2 >= min(e - s, end[j] - start[j]):
                _union(parent, node[i], node[j])
        if na == active.shape[0]:
            bigger = np.empty(2 * na, np.int64)
            bigger[:na] = active
            active = bigger
        active[na] = i
        na += 1


@njit(cache=True)
def _roots(parent, m):  # type: ignore[no-untyped-def]
    out = np.empty(m, parent.dtype)
    for k in range(m):
        out[k] = find_root(parent, 2 * k)
    return out


class SpanComponents:
    """Connected components of ``m`` alignments, kept as one union-find array of 2m integers.

    Node ``2k`` is alignment ``k``'s span in article A, node ``2k + 1`` its span in article B.
    Feed :meth:`add_sorted` every node once, sorted by (article, start, end, node) — the order
    a database ``ORDER BY`` gives — in batches of any size; :meth:`roots` then names each
    alignment's component by its smallest node. Memory: 8 bytes per alignment (int32 parents)
    plus one batch.

    >>> comps = SpanComponents(3)  # the three alignments of the module example
    >>> node, art, start, end = zip((0, 1, 0, 100), (4, 1, 500, 600), (1, 2, 10, 110),
    ...                             (2, 2, 12, 108), (3, 3, 0, 96), (5, 4, 0, 100))
    >>> comps.add_sorted(np.array(node), np.array(art), np.array(start), np.array(end))
    >>> comps.roots().tolist()
    [0, 0, 4]
    """

    def __init__(self, m: int) -> None:
        dtype = np.int32 if 2 * m < 2**31 else np.int64
        self.m = m
        self.parent = np.arange(2 * m, dtype=dtype)
        _link_pairs(self.parent, m)
        # rows of the last article seen, held back until the next batch shows it is complete
        self._tail: tuple[np.ndarray, ...] | None = None

    def add_sorted(
        self, node: np.ndarray, art: np.ndarray, start: np.ndarray, end: np.ndarray
    ) -> None:
        """Link overlapping spans of one batch of sorted nodes (see the class docstring)."""
        cols: tuple[np.ndarray, ...] = (
            np.asarray(node, np.int64),
            np.asarray(art, np.int64),
            np.asarray(start, np.int64),
            np.asarray(end, np.int64),
        )
        if self._tail is not None:
            cols = tuple(np.concatenate([t, c]) for t, c in zip(self._tail, cols, strict=True))
        if cols[0].shape[0] == 0:
            return
        # the last article may continue in the next batch: keep its rows back
        cut = int(np.argmax(cols[1] == cols[1][-1]))
        self._tail = tuple(c[cut:] for c in cols)
        if cut:
            _link_overlaps(self.parent, *(c[:cut] for c in cols))

    def roots(self) -> np.ndarray:
        """Component of each alignment: the smallest node index in it (flushes the last batch)."""
        if self._tail is not None:
            _link_overlaps(self.parent, *self._tail)
            self._tail = None
        return _roots(self.parent, self.m)  # type: ignore[no-any-return]
