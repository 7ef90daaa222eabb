"""Every query of the explorer and the report: store tables in, plain JSON-ready dicts out.

Both forms (the local web app in ``server.py`` and the one-file report in ``bundle.py``) call
these functions and hand the dicts to the same browser-side renderer (``static/app.js``), so a
view looks the same in both and every SQL statement of the explorer lives in this one module.

Later stages may not have run: a view whose tables are missing carries a ``missing`` entry
("not computed yet: run `copytrail reuse`") instead of failing. Column names of the reuse tables
are resolved once per connection from a list of accepted spellings (:data:`REUSE_COLUMNS`), so a
rename in the reuse stage is one edit here.

>>> import duckdb
>>> con = duckdb.connect()
>>> _ = con.execute("CREATE TABLE articles (article_id VARCHAR, site VARCHAR, published VARCHAR)")
>>> c = Corpus(con)
>>> overview(c)["counts"]["articles"]
0
>>> overview(c)["missing"]["reuse"]
'not computed yet: run `copytrail reuse`'
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from copytrail.report.lineage import link_witnesses, tree
from copytrail.report.network import place_nodes
from copytrail.report.timeline import family_timeline

MISSING_REUSE = "not computed yet: run `copytrail reuse`"
MISSING_CLAIMS = "not computed yet: run `copytrail claims`"

# Accepted spellings of each logical column, first existing one wins (see module docstring).
REUSE_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "passages": {
        "passage_id": ("passage_id",),
        "family_id": ("family_id",),
        "article_id": ("article_id",),
        "start": ("start_char", "start", "char_start"),
        "end": ("end_char", "end", "char_end"),
        "text": ("text",),
        "url": ("url",),
        "site": ("site",),
        "published": ("published",),
        "published_source": ("published_source",),
        "earliest": ("earliest", "is_earliest"),
        "copied_from": ("copied_from_passage", "copied_from", "copied_from_article"),
        "copy_similarity": ("copy_similarity",),
        "copy_coverage": ("copy_coverage",),
        "parent_reason": ("parent_reason",),
        "parent_parts": ("parent_parts",),
        "date_status": ("date_status",),
        "self_reuse": ("self_reuse",),
        "banal": ("banal",),
    },
    "families": {
        "family_id": ("family_id",),
        "witnesses": ("witnesses", "n_witnesses", "witness_count"),
        "sites": ("sites", "n_sites", "site_count"),
        "earliest": ("earliest_article_id", "earliest_article", "earliest"),
        "first": ("first_date", "first_published", "first_seen"),
        "last": ("last_date", "last_published", "last_seen"),
        "banal": ("banal",),
        "banal_reason": ("banal_reason",),
        "date_status": ("date_status",),
        "text": ("text", "representative_text", "representative"),
    },
    "site_edges": {
        "src": ("src_site", "source_site", "src"),
        "dst": ("dst_site", "target_site", "dst"),
        "families": ("families", "n_families", "family_count"),
        "lag": ("median_lag_days", "lag_days", "median_lag"),
        "share": ("reprint_share", "share"),
        "reprints": ("reprints", "n_reprints"),
        "witnesses": ("witnesses",),
        "family_ids": ("family_ids",),
    },
}

TEXT_PREVIEW = 240  # characters of a passage shown in lists


class _Cols:
    """Resolved column names of one table (``None`` for a logical column it does not have)."""

    def __init__(self, table: str, present: set[str], wanted: dict[str, tuple[str, ...]]) -> None:
        self.table = table
        self.names: dict[str, str | None] = {
            key: next((c for c in options if c in present), None) for key, options in wanted.items()
        }

    def __getitem__(self, key: str) -> str:
        """The column qualified by its table name (``NULL`` when the table lacks it)."""
        return self.at(self.table, key)

    def at(self, alias: str, key: str) -> str:
        """The column qualified by a table alias (``NULL`` when the table lacks it)."""
        name = self.names.get(key)
        return f'{alias}."{name}"' if name else "NULL"

    def has(self, key: str) -> bool:
        return self.names.get(key) is not None


class Corpus:
    """A read-only view of a store's connection: which tables exist and their column names.

    ``con`` should be a cursor owned by the caller's thread (DuckDB connections are not shared
    between threads); the server makes one per request with ``connection.cursor()``.
    """

    def __init__(
        self, con: duckdb.DuckDBPyConnection, columns: dict[str, set[str]] | None = None
    ) -> None:
        self.con = con
        if columns is None:
            columns = defaultdict(set)
            for table, column in con.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = 'main'"
            ).fetchall():
                columns[str(table)].add(str(column))
        # A read-only store's tables cannot change, so the server passes this in once.
        self.columns = columns
        self.cols = {
            t: _Cols(t, self.columns.get(t, set()), wanted) for t, wanted in REUSE_COLUMNS.items()
        }

    def has(self, *tables: str) -> bool:
        return all(t in self.columns for t in tables)

    @property
    def reuse(self) -> bool:
        return self.has("passages", "families")

    @property
    def claims(self) -> bool:
        return self.has("claims")

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.con.execute(sql, list(params)).fetchall()  # fetchall: leave no open result
        return rows[0][0] if rows else None


@dataclass(frozen=True, slots=True)
class Subset:
    """Which part of the corpus a view covers (the report's ``site``/``family``/``since``).

    >>> Subset(site="a.example").article_where("a")
    ('a.site = ?', ['a.example'])
    """

    site: str | None = None
    family: str | None = None
    since: str | None = None

    def article_where(self, alias: str = "articles", c: Corpus | None = None) -> tuple[str, list[Any]]:
        """SQL condition on a table with ``site``/``published``/``article_id`` columns.

        The family condition needs the passages table, so it applies when ``c`` is given.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if self.family and c is not None and c.reuse:
            p = c.cols["passages"]
            clauses.append(
                f"{alias}.article_id IN (SELECT {p['article_id']} FROM passages "
                f"WHERE {p['family_id']} = ?)"
            )
            params.append(self.family)
        if self.site:
            clauses.append(f"{alias}.site = ?")
            params.append(self.site)
        if self.since:
            clauses.append(f"{alias}.published >= ?")
            params.append(self.since)
        return (" AND ".join(clauses) or "TRUE"), params


def _n(value: Any) -> int:
    """A count stored either as a number or as the list it counts."""
    if isinstance(value, list | tuple):
        return len(value)
    return int(value or 0)


def _preview(text: str | None, limit: int = TEXT_PREVIEW) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _day(value: Any) -> str | None:
    return str(value)[:10] if value else None


# -- overview -----------------------------------------------------------------------------------


def overview(c: Corpus, subset: Subset = Subset(), limit: int = 10) -> dict[str, Any]:
    """Corpus counts, articles per site per month, top passages, top reprinters, conflicts."""
    where, params = subset.article_where("a", c)
    counts = c.rows(
        f"""SELECT count(*) AS articles, count(DISTINCT a.site) AS sites,
                   min(a.published) AS first, max(a.published) AS last
            FROM articles a WHERE {where}""",
        params,
    )[0]
    counts["first"], counts["last"] = _day(counts["first"]), _day(counts["last"])
    for table in ("pages", "errors", "passages", "families", "claims"):
        if c.has(table) and not (subset.site or subset.since or subset.family):
            counts[table] = c.scalar(f"SELECT count(*) FROM {table}")
    out: dict[str, Any] = {"counts": counts, "timeline": timeline(c, subset), "missing": {}}
    if c.reuse:
        out["top_passages"] = top_families(c, subset, limit)
        out["top_reprinters"] = top_reprinters(c, subset, limit)
    else:
        out["missing"]["reuse"] = MISSING_REUSE
    if c.has("conflicts"):
        out["conflicts"] = conflicts(c, subset, limit)
    else:
        out["missing"]["claims"] = MISSING_CLAIMS
    return out


def timeline(c: Corpus, subset: Subset = Subset(), max_sites: int = 8) -> dict[str, Any]:
    """Articles per month for the biggest sites (the rest summed as "other sites")."""
    where, params = subset.article_where("a", c)
    rows = c.con.execute(
        f"""SELECT a.site, substr(a.published, 1, 7) AS month, count(*)
            FROM articles a WHERE {where} AND a.published IS NOT NULL
              AND substr(a.published, 5, 1) = '-' AND substr(a.published, 8, 1) IN ('-', '')
            GROUP BY ALL""",
        params,
    ).fetchall()
    per_site: dict[str, int] = defaultdict(int)
    for site, _, n in rows:
        per_site[site or ""] += n
    top = sorted(per_site, key=lambda s: (-per_site[s], s))[:max_sites]
    months = sorted({m for _, m, _ in rows})
    index = {m: i for i, m in enumerate(months)}
    series: dict[str, list[int]] = {s: [0] * len(months) for s in top}
    other = [0] * len(months)
    for site, month, n in rows:
        target = series.get(site or "", other)
        target[index[month]] += n
    out = [{"site": s, "counts": series[s]} for s in top]
    if any(other):
        out.append({"site": "other sites", "counts": other})
    return {"months": months, "series": out}


def top_families(c: Corpus, subset: Subset = Subset(), limit: int = 10) -> list[dict[str, Any]]:
    """The most-reprinted passages (non-banal families by witnesses, then sites)."""
    f = c.cols["families"]
    where, params = _family_subset(c, subset)
    banal = f"AND NOT coalesce({f['banal']}, FALSE)" if f.has("banal") else ""
    rows = c.rows(
        f"""SELECT {f['family_id']} AS family_id, {f['witnesses']} AS witnesses,
                   {f['sites']} AS sites, {f['first']} AS first, {f['last']} AS last,
                   {f['text']} AS text, {f['banal']} AS banal
            FROM families WHERE {where} {banal}
            ORDER BY {f['witnesses']} DESC, {f['family_id']} LIMIT ?""",
        [*params, limit],
    )
    return [_family_row(r) for r in rows]


def _family_row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "family_id": r["family_id"],
        "witnesses": _n(r.get("witnesses")),
        "sites": _n(r.get("sites")),
        "first": _day(r.get("first")),
        "last": _day(r.get("last")),
        "text": _preview(r.get("text")),
        "banal": bool(r.get("banal")),
    }


def _family_subset(c: Corpus, subset: Subset) -> tuple[str, list[Any]]:
    """SQL over ``families`` keeping those with a witness in the subset."""
    if not (subset.site or subset.since or subset.family):
        return "TRUE", []
    f, p = c.cols["families"], c.cols["passages"]
    clauses, params = [], []
    if subset.family:
        clauses.append(f"{f['family_id']} = ?")
        params.append(subset.family)
    inner = []
    if subset.site:
        inner.append(f"{p['site']} = ?")
        params.append(subset.site)
    if subset.since:
        inner.append(f"{p['published']} >= ?")
        params.append(subset.since)
    if inner:
        clauses.append(
            f"{f['family_id']} IN (SELECT {p['family_id']} FROM passages WHERE {' AND '.join(inner)})"
        )
    return " AND ".join(clauses), params


def top_reprinters(c: Corpus, subset: Subset = Subset(), limit: int = 10) -> list[dict[str, Any]]:
    """Sites with the most reprinted (not earliest, not self-reuse) passages."""
    p = c.cols["passages"]
    clauses = [f"NOT coalesce({p['earliest']}, FALSE)"]
    params: list[Any] = []
    if p.has("self_reuse"):
        clauses.append(f"NOT coalesce({p['self_reuse']}, FALSE)")
    if p.has("banal"):
        clauses.append(f"NOT coalesce({p['banal']}, FALSE)")
    if subset.site:
        clauses.append(f"{p['site']} = ?")
        params.append(subset.site)
    if subset.since:
        clauses.append(f"{p['published']} >= ?")
        params.append(subset.since)
    where = " AND ".join(clauses)
    # Rank sites by a plain count first; the distinct counts are then taken for the top only.
    return c.rows(
        f"""WITH top AS (SELECT {p['site']} AS site, count(*) AS reprints FROM passages
                         WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?)
            SELECT top.site, any_value(top.reprints) AS reprints,
                   count(DISTINCT {p['family_id']}) AS families,
                   count(DISTINCT {p['article_id']}) AS articles
            FROM passages JOIN top ON top.site = {p['site']}
            WHERE {where} GROUP BY 1 ORDER BY reprints DESC, site""",
        [*params, limit, *params],
    )


# -- site network -------------------------------------------------------------------------------


def network(
    c: Corpus, subset: Subset = Subset(), max_edges: int = 600, min_families: int = 1
) -> dict[str, Any]:
    """Sites as nodes (force layout, :mod:`.network`), reprint edges with families and lag.

    ``min_families`` keeps only edges backed by at least that many families.
    """
    if not c.has("site_edges"):
        return {"missing": MISSING_REUSE, "nodes": [], "edges": []}
    e = c.cols["site_edges"]
    clauses: list[str] = [f"{e['families']} >= ?"]
    params: list[Any] = [max(1, min_families)]
    if subset.site:
        clauses.append(f"({e['src']} = ? OR {e['dst']} = ?)")
        params += [subset.site, subset.site]
    if subset.family and c.reuse:
        p = c.cols["passages"]
        family_sites = f"(SELECT {p['site']} FROM passages WHERE {p['family_id']} = ?)"
        clauses.append(f"{e['src']} IN {family_sites} AND {e['dst']} IN {family_sites}")
        params += [subset.family, subset.family]
    edges = c.rows(
        f"""SELECT {e['src']} AS src, {e['dst']} AS dst, {e['families']} AS families,
                   {e['lag']} AS median_lag_days, {e['share']} AS reprint_share,
                   {e['reprints']} AS reprints, {e['witnesses']} AS witnesses,
                   {e['family_ids']} AS family_ids
            FROM site_edges WHERE {' AND '.join(clauses)}
            ORDER BY {e['families']} DESC, 1, 2 LIMIT ?""",
        [*params, max_edges],
    )
    for edge in edges:
        edge["families"] = _n(edge["families"])
        edge["witnesses"] = _n(edge["witnesses"]) if edge["witnesses"] is not None else None
        # the evidence of the edge: the families whose reprints on dst name a parent on src
        edge["family_ids"] = (edge["family_ids"] or "").split()
        for key in ("median_lag_days", "reprint_share"):
            v = edge[key]
            edge[key] = None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)
    degree: dict[str, int] = defaultdict(int)
    for edge in edges:
        degree[edge["src"]] += edge["families"]
        degree[edge["dst"]] += edge["families"]
    sites = sorted(degree, key=lambda s: (-degree[s], s))
    articles = dict(
        c.con.execute(
            "SELECT site, count(*) FROM articles WHERE site IN (SELECT unnest(?)) GROUP BY 1",
            [sites],
        ).fetchall()
    ) if sites else {}
    nodes = place_nodes(degree, articles, edges)  # deterministic force layout
    return {"nodes": nodes, "edges": edges}


def edge_families(c: Corpus, src: str, dst: str, limit: int = 50) -> dict[str, Any]:
    """The families behind one edge: those whose reprints on ``dst`` name a parent on ``src``.

    The edge's own evidence (``site_edges.family_ids``) when the store has it; without it (an
    older store), the families with an earlier witness on ``src`` and a later one on ``dst``.
    """
    if not c.reuse:
        return {"missing": MISSING_REUSE, "families": []}
    p, f = c.cols["passages"], c.cols["families"]
    heads = f"""SELECT {f['family_id']} AS family_id, {f['witnesses']} AS witnesses,
                   {f['sites']} AS sites, {f['first']} AS first, {f['last']} AS last,
                   {f['text']} AS text, {f['banal']} AS banal"""
    e = c.cols["site_edges"]
    found = c.rows(
        f"SELECT {e['family_ids']} AS ids FROM site_edges WHERE {e['src']} = ? AND {e['dst']} = ?",
        [src, dst],
    ) if c.has("site_edges") and e.has("family_ids") else []
    if found and found[0]["ids"] is not None:
        ids = found[0]["ids"].split()
        rows = c.rows(
            f"""{heads} FROM families WHERE {f['family_id']} IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY {f['witnesses']} DESC, 1 LIMIT ?""",
            [ids, limit],
        )
        return {"src": src, "dst": dst, "families": [_family_row(r) for r in rows]}
    rows = c.rows(
        f"""WITH s AS (SELECT {p['family_id']} AS fid, min({p['published']}) AS t
                       FROM passages WHERE {p['site']} = ? GROUP BY 1),
                 d AS (SELECT {p['family_id']} AS fid, min({p['published']}) AS t
                       FROM passages WHERE {p['site']} = ? GROUP BY 1)
            {heads}
            FROM families JOIN s ON s.fid = {f['family_id']} JOIN d ON d.fid = s.fid
            WHERE s.t <= d.t OR s.t IS NULL OR d.t IS NULL
            ORDER BY {f['witnesses']} DESC, 1 LIMIT ?""",
        [src, dst, limit],
    )
    return {"src": src, "dst": dst, "families": [_family_row(r) for r in rows]}


# -- family -------------------------------------------------------------------------------------

def _among(column: str, values: Sequence[Any]) -> tuple[str, Any]:
    """SQL test of ``column`` against ``values``, and its parameter.

    One value is an equality, which DuckDB answers from a primary-key index or by skipping
    row groups; the semi-join of a list reads the whole column (3-4 times slower for the
    explorer's one article or family on a 100k-article store).

    >>> _among("a.article_id", ["x"])
    ('a.article_id = ?', 'x')
    >>> _among("a.article_id", ["x", "y"])
    ('a.article_id IN (SELECT unnest(?))', ['x', 'y'])
    """
    if len(values) == 1:
        return f"{column} = ?", values[0]
    return f"{column} IN (SELECT unnest(?))", list(values)


def family(c: Corpus, family_id: str) -> dict[str, Any]:
    """Every witness of a passage in date order, word diffs and the reprint chain as a tree."""
    if not c.reuse:
        return {"missing": MISSING_REUSE}
    return families(c, [family_id]).get(family_id) or {"error": f"no family {family_id}"}


def families(c: Corpus, family_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """:func:`family` for many families at once (two queries in all; the report uses this)."""
    if not c.reuse or not family_ids:
        return {}
    p, f = c.cols["passages"], c.cols["families"]
    head_test, head_ids = _among(f["family_id"], family_ids)
    witness_test, witness_ids = _among(p["family_id"], family_ids)
    heads = c.rows(
        f"""SELECT {f['family_id']} AS family_id, {f['witnesses']} AS witnesses,
                   {f['sites']} AS sites, {f['first']} AS first, {f['last']} AS last,
                   {f['text']} AS text, {f['banal']} AS banal, {f['earliest']} AS earliest,
                   {f['date_status']} AS date_status, {f['banal_reason']} AS banal_reason
            FROM families WHERE {head_test}""",
        [head_ids],
    )
    rows = c.rows(
        f"""SELECT {p['family_id']} AS family_id,
                   {p['passage_id']} AS passage_id, {p['article_id']} AS article_id,
                   {p['start']} AS start, {p['end']} AS "end", {p['text']} AS text,
                   coalesce({p['url']}, a.url) AS url, coalesce({p['site']}, a.site) AS site,
                   coalesce({p['published']}, a.published) AS published,
                   coalesce({p['published_source']}, a.published_source) AS published_source,
                   coalesce({p['earliest']}, FALSE) AS earliest,
                   {p['copied_from']} AS copied_from, {p['self_reuse']} AS self_reuse,
                   {p['copy_similarity']} AS copy_similarity, {p['date_status']} AS date_status,
                   {p['copy_coverage']} AS copy_coverage, {p['parent_reason']} AS parent_reason,
                   {p['parent_parts']} AS parent_parts, a.title AS title
            FROM passages LEFT JOIN articles a ON a.article_id = {p['article_id']}
            WHERE {witness_test}
            ORDER BY family_id, published NULLS LAST, site, article_id, start""",
        [witness_ids],
    )
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        grouped[r.pop("family_id")].append(r)
    out = {}
    for head in heads:
        info = _family_row(head)
        info["text"] = head["text"] or ""
        info["date_status"] = head["date_status"]
        info["banal_reason"] = head["banal_reason"]
        witnesses = grouped.get(head["family_id"], [])
        link_witnesses(witnesses, fallback=not p.has("parent_reason"))
        out[head["family_id"]] = {"family": info, "witnesses": witnesses, "tree": tree(witnesses),
                                  "timeline": family_timeline(witnesses)}
    return out


# -- article ------------------------------------------------------------------------------------


def segments(text: str, spans: Iterable[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    """Cut ``text`` at every span boundary; each piece lists the marks covering it.

    ``spans`` are (start, end, kind, ref) with kind ``family``, ``figure`` or ``quote``.

    >>> [(s["t"], s["marks"]) for s in segments("abcdef", [(1, 3, "family", "f1")])]
    [('a', []), ('bc', [['family', 'f1']]), ('def', [])]
    """
    clean = [
        (max(0, s), min(len(text), e), k, r) for s, e, k, r in spans
        if s is not None and e is not None and min(len(text), e) > max(0, s)
    ]
    cuts = sorted({0, len(text), *(s for s, *_ in clean), *(e for _, e, *_ in clean)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        marks = sorted({(k, r) for s, e, k, r in clean if s <= a and b <= e})
        out.append({"t": text[a:b], "marks": [list(m) for m in marks]})
    return out


def article(c: Corpus, article_id: str) -> dict[str, Any]:
    """Article text with reused spans, figures and quotes marked; metadata; raw page source."""
    return articles(c, [article_id]).get(article_id) or {"error": f"no article {article_id}"}


def articles(c: Corpus, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """:func:`article` for many articles at once (four queries in all; the report uses this)."""
    if not article_ids:
        return {}
    ids = list(article_ids)
    test, param = _among("a.article_id", ids)
    rows = c.rows(
        f"""SELECT a.article_id, a.page_id, a.url, a.canonical_url, a.site, a.page_type,
                  a.title, a.authors, a.published, a.published_source, a.language, a.tags,
                  a.series, a.series_part, a.links_to, a.text,
                  p.source AS page_source, p.source_offset, p.kind AS source_kind,
                  p.fetched_at, p.status, p.content_type, p.size
           FROM articles a LEFT JOIN pages p ON p.page_id = a.page_id
           WHERE {test}""",
        [param],
    )
    missing: dict[str, str] = {}
    fams: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if c.reuse:
        p, f = c.cols["passages"], c.cols["families"]
        test, param = _among(p["article_id"], ids)
        for r in c.rows(
            f"""SELECT {p['article_id']} AS article_id, {p['family_id']} AS family_id,
                       {p['start']} AS start, {p['end']} AS "end",
                       coalesce({p['earliest']}, FALSE) AS earliest,
                       {f.at('fam', 'witnesses')} AS witnesses
                FROM passages LEFT JOIN families fam ON {f.at('fam', 'family_id')} = {p['family_id']}
                WHERE {test} ORDER BY start, family_id""",
            [param],
        ):
            r["witnesses"] = _n(r["witnesses"])
            fams[r.pop("article_id")].append(r)
    else:
        missing["reuse"] = MISSING_REUSE
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if c.claims:
        test, param = _among("article_id", ids)
        for r in c.rows(
            f"""SELECT article_id, claim_id, kind, start_char, end_char, text, value, unit, counted,
                      speaker, cue, qualifier
               FROM claims WHERE {test} AND kind IN ('figure', 'quote')
               ORDER BY start_char, claim_id""",
            [param],
        ):
            found[r.pop("article_id")].append(r)
    else:
        missing["claims"] = MISSING_CLAIMS
    sources: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if c.has("page_sources"):
        test, param = _among("page_id", [r["page_id"] for r in rows])
        for pid, src, off in c.con.execute(
            f"""SELECT page_id, source, source_offset FROM page_sources
               WHERE {test} ORDER BY 1, 2, 3""",
            [param],
        ).fetchall():
            sources[pid].append({"source": src, "offset": off if off is not None and off >= 0 else None})
    out = {}
    for art in rows:
        text = art.pop("text") or ""
        art["authors"] = list(art["authors"] or [])
        art["tags"] = list(art["tags"] or [])
        aid = art["article_id"]
        spans = [(x["start"], x["end"], "family", x["family_id"]) for x in fams.get(aid, [])]
        spans += [(x["start_char"], x["end_char"], x["kind"], x["claim_id"]) for x in found.get(aid, [])]
        out[aid] = {
            "article": art,
            "segments": segments(text, spans),
            "families": fams.get(aid, []),
            "claims": found.get(aid, []),
            "sources": sources.get(art["page_id"], []),
            "missing": dict(missing),
        }
    return out


# -- search and claims ------------------------------------------------------------------------
# Both live in their own modules (which import this one, so they come last); the names stay
# importable from here.
from copytrail.report.claimviews import claims, conflicts  # noqa: E402
from copytrail.report.search import FACETS, search, search_mode  # noqa: E402

__all__ = ["FACETS", "claims", "conflicts", "search", "search_mode"]
