"""Compare two articles: their shared passages aligned side by side, changed words marked.

:func:`compare_articles` looks both articles up (by URL in any normal form, by id or by an id
prefix as printed), aligns their texts on the fly with the reuse stage's own aligner
(:func:`copytrail.reuse.align.align_pair`, with the store's settings), so it works for any two
articles whether or not the reuse stage ever paired them, and returns rows for a side-by-side
view: ``shared`` rows hold one aligned passage with the words each side changed (``del`` on
the left, ``ins`` on the right), ``gap`` rows the unaligned text between two passages.
Passages that appear in a different order in the two texts are listed (``moved``) but not
drawn as rows, so the rows always read top to bottom in both texts.

``copytrail compare URL URL`` prints the same thing (:func:`compare_command`).

>>> a = "Intro here. The quick brown fox jumps over the lazy dog near the river bank today at noon, it said."
>>> b = "Other start. The quick brown fox jumped over the lazy dog near the river bank today at noon. End."
>>> rows = side_by_side(a, b, align_texts(a, b, Settings(min_passage_words=10)))
>>> [r["kind"] for r in rows]
['gap', 'shared', 'gap']
>>> [t for op, t in rows[1]["a"] if op == "del"], [t for op, t in rows[1]["b"] if op == "ins"]
(['jumps'], ['jumped'])
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click
import duckdb

from copytrail.report.search import articles_by_url
from copytrail.settings import Settings

MAX_TEXT = 200_000  # characters of each article aligned (a longer text is cut, and says so)


class NotFound(LookupError):
    """An article that is not in the store (the message says what was tried)."""


def resolve_article(con: duckdb.DuckDBPyConnection, ident: str) -> str:
    """The article id behind a URL (any normal form), an article id or a unique id prefix."""
    ident = ident.strip()
    if not ident:
        raise NotFound("empty article reference: give a URL or an article id")
    if "/" in ident or "." in ident:
        found = articles_by_url(con, ident)
        if found:
            return found[0]
    rows = con.execute(
        "SELECT article_id FROM articles WHERE article_id = ? OR starts_with(article_id, ?) "
        "ORDER BY article_id <> ?, article_id LIMIT 2",
        [ident, ident, ident],
    ).fetchall()
    if rows and (rows[0][0] == ident or len(rows) == 1) and len(ident) >= 6:
        return str(rows[0][0])
    if len(rows) > 1:
        raise NotFound(f"{ident!r} matches several articles: give more of the id, or the URL")
    raise NotFound(
        f"no article at {ident!r} (tried it as a URL with http/https, with and without www., "
        "trailing slash and tracking parameters, and as an article id or id prefix)"
    )


def align_texts(text_a: str, text_b: str, settings: Settings) -> list[Any]:
    """Aligned passages of two texts (:class:`copytrail.reuse.align.Match`), as the reuse stage finds them."""
    from copytrail.reuse.align import align_pair
    from copytrail.reuse.stage import align_params
    from copytrail.reuse.tokens import tokenize

    return align_pair(tokenize(text_a), tokenize(text_b), align_params(settings))


def _chain(matches: list[Any]) -> tuple[list[Any], list[Any]]:
    """Split matches into an in-order chain (increasing in both texts) and the moved rest.

    The chain is the heaviest one by aligned words (dynamic programming, matches are few).
    """
    ms = sorted(matches, key=lambda m: (m.a_start, m.b_start))
    best = [m.a_words + m.b_words for m in ms]
    prev = [-1] * len(ms)
    for i, m in enumerate(ms):
        for j in range(i):
            o = ms[j]
            if (
                o.a_end <= m.a_start
                and o.b_end <= m.b_start
                and best[j] + m.a_words + m.b_words > best[i]
            ):
                best[i], prev[i] = best[j] + m.a_words + m.b_words, j
    if not ms:
        return [], []
    i = max(range(len(ms)), key=lambda k: (best[k], -k))
    chain = []
    while i >= 0:
        chain.append(ms[i])
        i = prev[i]
    chain.reverse()
    kept = {id(m) for m in chain}
    return chain, [m for m in ms if id(m) not in kept]


def side_by_side(text_a: str, text_b: str, matches: list[Any]) -> list[dict[str, Any]]:
    """Rows of the side-by-side view (module docstring); spans are character offsets."""
    from copytrail.report.lineage import word_diff

    chain, _ = _chain(matches)
    rows: list[dict[str, Any]] = []
    pa = pb = 0

    def gap(a_end: int, b_end: int) -> None:
        ta, tb = text_a[pa:a_end], text_b[pb:b_end]
        if ta.strip() or tb.strip():
            rows.append(
                {
                    "kind": "gap",
                    "a": [["eq", ta]] if ta.strip() else [],
                    "b": [["eq", tb]] if tb.strip() else [],
                    "a_span": [pa, a_end],
                    "b_span": [pb, b_end],
                }
            )

    for m in chain:
        gap(m.a_start, m.b_start)
        diff = word_diff(text_a[m.a_start : m.a_end], text_b[m.b_start : m.b_end])
        rows.append(
            {
                "kind": "shared",
                "a": [op for op in diff if op[0] != "ins"],
                "b": [op for op in diff if op[0] != "del"],
                "a_span": [m.a_start, m.a_end],
                "b_span": [m.b_start, m.b_end],
                "score": m.score,
                "match": m.kind,
            }
        )
        pa, pb = m.a_end, m.b_end
    gap(len(text_a), len(text_b))
    return rows


def _article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any]:
    cur = con.execute(
        """SELECT article_id, url, site, title, published, page_type, text FROM articles
           WHERE article_id = ?""",
        [article_id],
    )
    names = [d[0] for d in cur.description]
    return dict(zip(names, cur.fetchall()[0], strict=True))


def compare_articles(
    con: duckdb.DuckDBPyConnection, ref_a: str, ref_b: str, settings: Settings | None = None
) -> dict[str, Any]:
    """Two articles (URL, id or id prefix each) side by side; raises :class:`NotFound`."""
    settings = settings or Settings()
    a, b = _article(con, resolve_article(con, ref_a)), _article(con, resolve_article(con, ref_b))
    text_a, text_b = (a.pop("text") or "")[:MAX_TEXT], (b.pop("text") or "")[:MAX_TEXT]
    matches = align_texts(text_a, text_b, settings) if a["article_id"] != b["article_id"] else []
    chain, moved = _chain(matches)
    shared_a = sum(m.a_end - m.a_start for m in matches)
    shared_b = sum(m.b_end - m.b_start for m in matches)
    for side, text in ((a, text_a), (b, text_b)):
        side["chars"] = len(text)
        side["published"] = str(side["published"]) if side["published"] else None
    return {
        "a": a,
        "b": b,
        "passages": [
            {
                "a_span": [m.a_start, m.a_end],
                "b_span": [m.b_start, m.b_end],
                "score": m.score,
                "kind": m.kind,
                "moved": m in moved,
            }
            for m in sorted(matches, key=lambda m: m.a_start)
        ],
        "shared_a": round(shared_a / max(1, len(text_a)), 4),
        "shared_b": round(shared_b / max(1, len(text_b)), 4),
        "rows": side_by_side(text_a, text_b, chain),
        "truncated": max(a["chars"], b["chars"]) >= MAX_TEXT,
        "min_words": settings.min_passage_words,
    }


def _marked(ops: list[list[str]], mark: str) -> str:
    """Text of one side with its changed words in ``[-…-]`` / ``{+…+}``, as ``git diff --word-diff``."""
    left, right = ("[-", "-]") if mark == "del" else ("{+", "+}")
    return "".join(f"{left}{t}{right}" if op == mark else t for op, t in ops)


def compare_command(settings: Settings, ref_a: str, ref_b: str, as_json: bool = False) -> int:
    """``copytrail compare``: print the comparison; 2 when an article is not found."""
    from copytrail.store import Store

    with Store(settings.store, read_only=True) as store:
        try:
            result = compare_articles(store.con, ref_a, ref_b, settings)
        except NotFound as exc:
            click.echo(f"copytrail compare: {exc}", err=True)
            return 2
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, default=str, indent=1))
        return 0
    out = sys.stdout
    for key in ("a", "b"):
        s = result[key]
        out.write(
            f"{key.upper()}  {s['site'] or '?'} · {s['published'] or 'undated'} · "
            f"{s['title'] or '(untitled)'}\n   {s['url']}  ({s['article_id']}, {s['chars']} chars)\n"
        )
    shared = [r for r in result["rows"] if r["kind"] == "shared"]
    out.write(
        f"\n{len(result['passages'])} shared passage(s) of at least {result['min_words']} words: "
        f"{100 * result['shared_a']:.0f}% of A, {100 * result['shared_b']:.0f}% of B\n"
    )
    for k, r in enumerate(shared, 1):
        (a0, a1), (b0, b1) = r["a_span"], r["b_span"]
        out.write(f"\n{k}. A {a0}–{a1} ↔ B {b0}–{b1} (score {r['score']:.2f})\n")
        out.write(f"   A: {' '.join(_marked(r['a'], 'del').split())}\n")
        out.write(f"   B: {' '.join(_marked(r['b'], 'ins').split())}\n")
    moved = [p for p in result["passages"] if p["moved"]]
    if moved:
        out.write(
            f"\n{len(moved)} passage(s) appear in a different order in B (not shown above).\n"
        )
    return 0
