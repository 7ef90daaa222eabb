"""The explorer's article search: query syntax, URL lookup, facets and paging.

A query is words, ``"quoted phrases"``, exclusions and filters, in any order:

* ``council budget`` — every word must occur (title or text);
* ``"water board"`` — the words must occur next to each other, in this order (punctuation and
  spacing between them do not matter);
* ``-sewage`` or ``-"water board"`` — articles containing that word (a whole word) or phrase
  are left out;
* ``site:valleywire.example``, ``since:2024-03``, ``until:2024-04-15`` — filters (dates are
  ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, both bounds inclusive);
* a URL (``https://…``, ``www.…/…`` or ``url:…``) finds the article at that URL in any normal
  form: http or https, with or without ``www.``, a trailing slash or ``utm_`` parameters.

>>> q = parse_query('"water board" -sewage site:a.example since:2024-03 reservoir')
>>> q.terms, q.phrases, q.excluded, q.filters
(('reservoir',), ('water board',), ('sewage',), {'site': 'a.example', 'since': '2024-03'})
>>> parse_query("since:04/01/2026").errors
('since:04/01/2026 is not a date: use YYYY, YYYY-MM or YYYY-MM-DD',)
>>> parse_query("HTTP://www.A.example/news/x/?utm_source=feed").url
'http://www.a.example/news/x/'
>>> sorted(url_forms("https://a.example/news/x"))[:3]
['http://a.example/news/x', 'http://a.example/news/x/', 'http://www.a.example/news/x']
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from copytrail.report.wordindex import WordIndex
from copytrail.urls import canonical_url

FACETS = ("site", "author", "tag", "language", "page_type")
FILTER_KEYS = (*FACETS, "since", "until")
MAX_TERMS = 8  # words, phrases and exclusions each; longer queries are cut (cost per term)

_TOKEN = re.compile(r'(-?)(?:([a-z_]+):)?(?:"([^"]*)"?|(\S+))', re.IGNORECASE)
_WORDCHAR = re.compile(r"[^\W_]+")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_URLISH = re.compile(r"^(https?://|www\.)\S+$|^[\w-]+(\.[\w-]+)+/\S*$", re.IGNORECASE)
# RE2 (DuckDB's regexp) has no Unicode \b: a word edge is the text's edge or a non-word char.
_EDGE_L, _EDGE_R = r"(?:^|[^\p{L}\p{N}])", r"(?:$|[^\p{L}\p{N}])"

_FTS_LOADS: bool | None = None  # whether DuckDB's fts extension is installed here (process-wide)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search query (see the module docstring for the syntax)."""

    terms: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    filters: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    errors: tuple[str, ...] = ()

    @property
    def positive(self) -> bool:
        return bool(self.terms or self.phrases)

    def describe(self) -> dict[str, Any]:
        return {
            "terms": list(self.terms),
            "phrases": list(self.phrases),
            "excluded": list(self.excluded),
            "url": self.url,
        }


def date_error(key: str, value: str) -> str | None:
    """Why ``value`` is no date prefix (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), or ``None``.

    >>> date_error("since", "2024-02-30")
    'since:2024-02-30 is not a date: use YYYY, YYYY-MM or YYYY-MM-DD'
    >>> date_error("until", "2024-02") is None
    True
    """
    ok = bool(_DATE.match(value))
    if ok:
        y, m, d = (value.split("-") + ["01", "01"])[:3]
        try:
            date(int(y), int(m), int(d))
        except ValueError:
            ok = False
    return None if ok else f"{key}:{value} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"


def _add_filter(key: str, value: str, filters: dict[str, str], errors: list[str]) -> None:
    """Keep a ``site:``/``since:``/``until:`` filter, or the reason its date is refused."""
    error = date_error(key, value) if key != "site" else None
    if error:
        errors.append(error)
    elif value:
        filters[key] = value


def parse_query(q: str) -> Query:
    """Split a query into words, phrases, exclusions, filters or a URL (module docstring)."""
    q = (q or "").strip()[:400]
    if q.lower().startswith("url:") or _URLISH.match(q):
        raw = q[4:].strip() if q.lower().startswith("url:") else q
        if not re.match(r"^https?://", raw, re.IGNORECASE):
            raw = "https://" + raw
        return Query(url=canonical_url(raw))
    terms: list[str] = []
    phrases: list[str] = []
    excluded: list[str] = []
    filters: dict[str, str] = {}
    errors: list[str] = []
    for neg, key, quoted, bare in _TOKEN.findall(q):
        key = key.lower()
        if key in ("site", "since", "until") and not neg:
            _add_filter(key, (quoted or bare).strip(), filters, errors)
            continue
        text = f"{key}:{quoted or bare}" if key else (quoted or bare)
        words = [w.lower() for w in _WORDCHAR.findall(text)]
        is_phrase = bool(quoted) or (bool(key) and len(words) > 1)
        if neg:
            if words:
                excluded.append(" ".join(words))
        elif is_phrase and len(words) > 1:
            phrases.append(" ".join(words))
        elif text.strip():
            # A plain term keeps its characters: the text scan matches it as typed ("%" too).
            terms.append(words[0] if quoted and words else text.strip())
    return Query(
        tuple(dict.fromkeys(terms))[:MAX_TERMS],
        tuple(dict.fromkeys(phrases))[:MAX_TERMS],
        tuple(dict.fromkeys(excluded))[:MAX_TERMS],
        filters,
        None,
        tuple(errors),
    )


def word_pattern(words: str) -> str:
    """RE2 pattern matching these words as whole words, in order, case-insensitively.

    >>> word_pattern("water board")
    '(?i)(?:^|[^\\\\p{L}\\\\p{N}])water[^\\\\p{L}\\\\p{N}]+board(?:$|[^\\\\p{L}\\\\p{N}])'
    """
    inner = r"[^\p{L}\p{N}]+".join(re.escape(w) for w in words.split())
    return f"(?i){_EDGE_L}{inner}{_EDGE_R}"


def words_sql(column: str) -> str:
    """SQL testing ``column`` against :func:`words_params` (two patterns, see there)."""
    return (
        f"CASE WHEN regexp_matches(coalesce({column}, ''), ?) "
        f"THEN regexp_matches(coalesce({column}, ''), ?) ELSE FALSE END"
    )


def words_params(words: str) -> list[str]:
    """The words in order without their edges, then :func:`word_pattern`.

    The edge groups keep RE2 from using its fast literal scan (7x slower on long texts), so
    the plain pattern screens the rows first and only its matches are checked whole.
    """
    inner = r"[^\p{L}\p{N}]+".join(re.escape(w) for w in words.split())
    return [f"(?i){inner}", word_pattern(words)]


def url_forms(url: str) -> set[str]:
    """The spellings one page's URL may be stored under: scheme, ``www.`` and trailing slash.

    ``canonical_url`` already drops tracking parameters, fragments and default ports.
    """
    base = canonical_url(url if re.match(r"^https?://", url, re.IGNORECASE) else "https://" + url)
    m = re.match(r"^https?://(?:www\.)?([^/?#]*)(.*)$", base, re.IGNORECASE)
    if not m:
        return {url, base}
    host, rest = m.groups()
    path, sep, query = rest.partition("?")
    paths = {path or "/", (path or "/").rstrip("/") or "/", (path.rstrip("/") or "") + "/"}
    if not path:
        paths.add("")
    out = {url, base}
    for scheme in ("http://", "https://"):
        for www in ("", "www."):
            for p in paths:
                out.add(f"{scheme}{www}{host}{p}{sep}{query}")
    return out


def articles_by_url(con: duckdb.DuckDBPyConnection, url: str) -> list[str]:
    """Ids of the articles stored at ``url`` in any of its :func:`url_forms`, canonical first.

    A page and its feed item share a URL; the record later stages read (``corpus_articles``)
    comes first when the store has that view.
    """
    forms = sorted(url_forms(url))
    rank = "0"
    has_view = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'corpus_articles'"
    ).fetchall()[0][0]
    if has_view:
        rank = (
            "CASE WHEN a.article_id IN (SELECT article_id FROM corpus_articles) THEN 0 ELSE 1 END"
        )
    rows = con.execute(
        f"""SELECT a.article_id FROM articles a
            WHERE a.url IN (SELECT unnest(?)) OR a.canonical_url IN (SELECT unnest(?))
            ORDER BY {rank}, a.page_type = 'teaser', a.article_id""",
        [forms, forms],
    ).fetchall()
    return [r[0] for r in rows]


def search_mode(con: duckdb.DuckDBPyConnection) -> str:
    """``fts`` when DuckDB's full-text extension loads offline and the store has its index.

    The index is never built here (the store is read-only and nothing is downloaded at run
    time), so without it the search is a case-insensitive substring match over title and text.
    """
    global _FTS_LOADS
    if _FTS_LOADS is False:  # a failed LOAD is not retried on every search
        return "substring"
    try:
        con.execute("LOAD fts")
        _FTS_LOADS = True
    except duckdb.Error:
        _FTS_LOADS = False
        return "substring"
    has_index = con.execute(
        "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'fts_main_articles'"
    ).fetchall()[0][0]
    return "fts" if has_index else "substring"


def _text_match(con: duckdb.DuckDBPyConnection, ids: list[str], words: str) -> set[str]:
    """Those of ``ids`` whose full title or text has ``words`` in order (read from the store)."""
    if not ids:
        return set()
    rows = con.execute(
        f"""SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))
              AND ({words_sql("title")} OR {words_sql("text")})""",
        [ids, *words_params(words), *words_params(words)],
    ).fetchall()
    return {r[0] for r in rows}


def _index_ids(
    store: duckdb.DuckDBPyConnection, index: WordIndex, query: Query
) -> tuple[list[str] | None, set[str]]:
    """With the word index: (articles having every word and phrase or ``None``, excluded ones).

    Phrases are found by their words in the index, then checked in the full text.
    """
    matched: list[str] | None = None
    if query.positive:
        words = " ".join((*query.terms, *query.phrases))
        found = index.match(store, words)
        for phrase in query.phrases:
            keep = _text_match(store, found, phrase)
            found = [a for a in found if a in keep]
        matched = found
    excluded: set[str] = set()
    for item in query.excluded:
        hits = index.match(store, item)
        excluded |= _text_match(store, hits, item) if " " in item else set(hits)
    return matched, excluded


def search(
    c: Any,
    q: str = "",
    filters: dict[str, str] | None = None,
    page: int = 1,
    per_page: int = 20,
    subset: Any = None,
    index: WordIndex | None = None,
    store: Any = None,
) -> dict[str, Any]:
    """Search articles with the query syntax of the module docstring; facets, paginated.

    ``c`` is the :class:`copytrail.report.views.Corpus` searched (with the word index, its
    in-memory copy of the metadata), ``store`` the one holding full texts (default ``c``).
    Words go through DuckDB's ``fts`` index when the store has one, else through ``index``
    when given, else are case-insensitive substrings of title or text (a scan of every text).
    ``filters`` may hold ``site``, ``author``, ``tag``, ``language``, ``page_type`` (exact
    values) and ``since``/``until`` (date prefixes, inclusive); filters in the query win.
    """
    from copytrail.report.views import Subset

    store = store if store is not None else c
    query = parse_query(q)
    filters, errors = _merged_filters(query, filters)
    mode = "url" if query.url else search_mode(c.con)
    if mode not in ("fts", "url") and index is not None:
        mode = "words"
    base, params = (subset or Subset()).article_where("a", c)
    clauses, cparams = [base], list(params)
    registered: list[str] = []
    score = "NULL"
    score_params: list[Any] = []

    def restrict(name: str, ids: Any, negate: bool = False) -> None:
        c.con.register(name, pa.table({"article_id": pa.array(list(ids), pa.string())}))
        registered.append(name)
        clauses.append(
            f"a.article_id {'NOT IN' if negate else 'IN'} (SELECT article_id FROM {name})"
        )

    if errors:
        clauses.append("FALSE")  # a bad filter shows why, never a silently wrong list
    elif mode == "url" and query.url:
        restrict("_ct_url", articles_by_url(store.con, query.url))
    elif mode == "words" and index is not None:
        matched, excluded = _index_ids(store.con, index, query)
        if matched is not None:
            restrict("_ct_matched", matched)
        if excluded:
            restrict("_ct_excluded", excluded, negate=True)
    else:
        score, score_params, more, more_params = _text_clauses(query, mode)
        clauses += more
        cparams += more_params
    fclauses, fparams = _filter_sql(filters)
    where = " AND ".join(clauses + fclauses)
    allp = cparams + fparams
    page = max(1, page)
    order = "score DESC, " if score != "NULL" else ""
    try:
        matched_rows = c.rows(
            f"""SELECT a.article_id, a.title, a.site, a.published, a.url, a.page_type, a.language,
                       {score} AS score
                FROM articles a WHERE {where}
                ORDER BY {order}a.published DESC NULLS LAST, a.article_id
                LIMIT ? OFFSET ?""",
            score_params + allp + [per_page, (page - 1) * per_page],
        )
        heads = _heads(c.con, [r["article_id"] for r in matched_rows])
        facets, total = _facets(c, where, allp)
    finally:
        for name in registered:
            c.con.unregister(name)
    terms = [t.lower() for t in query.terms] + [p.split()[0] for p in query.phrases]
    results = []
    for r in matched_rows:
        r.pop("score")
        r["snippet"] = _snippet(heads.get(r["article_id"]) or "", terms)
        results.append(r)
    return {
        "mode": mode,
        "q": (q or "").strip()[:400],
        "query": query.describe(),
        "errors": errors,
        "filters": filters,
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": max(1, math.ceil(total / per_page)),
        "results": results,
        "facets": facets,
    }


def _merged_filters(
    query: Query, filters: dict[str, str] | None
) -> tuple[dict[str, str], list[str]]:
    """The form's filters with the query's own on top, and the errors of bad dates."""
    merged = {k: v.strip() for k, v in (filters or {}).items() if v and v.strip()}
    merged.update(query.filters)
    errors = list(query.errors) + [
        e for k in ("since", "until") if k in merged and (e := date_error(k, merged[k]))
    ]
    return merged, errors


def _text_clauses(query: Query, mode: str) -> tuple[str, list[Any], list[str], list[Any]]:
    """SQL of a query's words, phrases and exclusions when no word index decides them.

    Returns the score expression (BM25 with ``fts``, else ``NULL``), its parameters, and the
    WHERE clauses with theirs.
    """
    clauses: list[str] = []
    params: list[Any] = []
    score, score_params = "NULL", []
    if query.terms and mode == "fts":
        score = "fts_main_articles.match_bm25(a.article_id, ?)"
        score_params = [" ".join(query.terms)]
        clauses.append(f"{score} IS NOT NULL")
        params += score_params
    else:
        for term in query.terms:
            # RE2 is several times faster than ILIKE on long texts; the term is literal.
            clauses.append("(regexp_matches(a.title, ?) OR regexp_matches(a.text, ?))")
            params += ["(?i)" + re.escape(term)] * 2
    for item, negate in [(p, False) for p in query.phrases] + [(x, True) for x in query.excluded]:
        test = f"({words_sql('a.title')} OR {words_sql('a.text')})"
        clauses.append(f"NOT {test}" if negate else test)
        params += words_params(item) * 2
    return score, score_params, clauses, params


def _heads(con: Any, ids: list[str]) -> dict[str, str]:
    """The first 600 characters of these articles' texts (snippets of the shown page only:
    reading the text of every match costs a second per 20k)."""
    if not ids:
        return {}
    return dict(
        con.execute(
            "SELECT article_id, substr(text, 1, 600) FROM articles WHERE article_id IN (SELECT unnest(?))",
            [ids],
        ).fetchall()
    )


def _filter_sql(filters: dict[str, str]) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for key, column in (
        ("site", "a.site"),
        ("language", "a.language"),
        ("page_type", "a.page_type"),
    ):
        if key in filters:
            clauses.append(f"{column} = ?")
            params.append(filters[key])
    for key, column in (("author", "a.authors"), ("tag", "a.tags")):
        if key in filters:
            clauses.append(f"list_contains({column}, ?)")
            params.append(filters[key])
    if "since" in filters:
        clauses.append("a.published >= ?")
        params.append(filters["since"])
    if "until" in filters:
        # "until 2024-04" keeps every April date: compare with the longest string of that prefix.
        clauses.append("a.published < ?")
        params.append(filters["until"] + "\uffff")
    return clauses, params


def _facets(
    c: Any, where: str, params: list[Any], top: int = 12
) -> tuple[dict[str, list[list[Any]]], int]:
    """Top values of each facet among the matching articles, and their number (one scan)."""
    rows = c.con.execute(
        f"""WITH m AS MATERIALIZED (
                SELECT a.site, a.language, a.page_type, a.authors, a.tags, a.published
                FROM articles a WHERE {where})
            SELECT 'site' AS facet, site AS value, count(*) AS n FROM m GROUP BY 2
            UNION ALL SELECT 'language', language, count(*) FROM m GROUP BY 2
            UNION ALL SELECT 'page_type', page_type, count(*) FROM m GROUP BY 2
            UNION ALL SELECT 'author', v, count(*) FROM (SELECT unnest(authors) AS v FROM m) GROUP BY 2
            UNION ALL SELECT 'tag', v, count(*) FROM (SELECT unnest(tags) AS v FROM m) GROUP BY 2
            UNION ALL SELECT 'year', substr(published, 1, 4), count(*) FROM m GROUP BY 2
            UNION ALL SELECT 'total', NULL, count(*) FROM m""",
        params,
    ).fetchall()
    out: dict[str, list[list[Any]]] = {k: [] for k in (*FACETS, "year")}
    total = 0
    for facet, value, n in rows:
        if facet == "total":
            total = int(n)
        elif value is not None:
            out[facet].append([value, int(n)])
    for key in out:
        out[key] = sorted(out[key], key=lambda vn: (-vn[1], str(vn[0])))[:top]
    return out, total


def _snippet(text: str, terms: list[str], width: int = 220) -> str:
    from copytrail.report.views import _preview

    flat = " ".join(text.split())
    low = flat.lower()
    hits = [low.find(t) for t in terms if t and low.find(t) >= 0]
    start = max(0, min(hits) - 60) if hits else 0
    if start:
        # Start at a word boundary so the snippet never opens mid-word.
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < min(hits) else start
    return ("…" if start else "") + _preview(flat[start:], width)
