"""An in-memory word index over article titles and texts, for the explorer's search.

DuckDB's full-text extension cannot be installed offline and the store is opened read-only, so
the explorer builds its own index when it starts (in a background thread; search scans the
text until it is ready). Each posting is one (word hash, article) pair held in two sorted numpy
arrays, so a query word is two binary searches and a multi-word query an intersection.
Tokenising and hashing run inside DuckDB (vectorised, multi-threaded); the same ``hash()`` of
the query words finds them again. A 64-bit hash collision can add a false match with odds of
about one in 10^10 per query word.

>>> import duckdb
>>> con = duckdb.connect()
>>> _ = con.execute("CREATE TABLE articles (article_id VARCHAR, title VARCHAR, text VARCHAR)")
>>> _ = con.execute("INSERT INTO articles VALUES ('a', 'River news', 'The Council met.'), "
...                 "('b', 'Budget', 'The river council voted.')")
>>> idx = WordIndex.build(con, with_meta=False)
>>> idx.match(con, "council RIVER"), idx.match(con, "budget"), idx.match(con, "riv")
(['a', 'b'], ['b'], [])
"""

from __future__ import annotations

import re
import time

import duckdb
import numpy as np

# Words are runs of letters and digits (any script); everything else separates them.
_SPLIT_SQL = r"[^\p{L}\p{N}]+"
_WORD = re.compile(r"[^\W_]+")


def words(query: str) -> list[str]:
    """The words of a query as the index sees them (lower-cased, distinct, in order).

    >>> words("Water-board, WATER 2024!")
    ['water', 'board', '2024']
    """
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(query)))


class WordIndex:
    """Sorted (word hash, article) postings; :meth:`match` gives articles with every word."""

    def __init__(
        self,
        ids: list[str],
        hashes: np.ndarray,
        docs: np.ndarray,
        seconds: float,
        meta: duckdb.DuckDBPyConnection | None = None,
    ) -> None:
        self.ids = ids
        self.hashes = hashes
        self.docs = docs
        self.seconds = seconds
        # In-memory copy of the searchable metadata (and the first 600 characters of text), so
        # a search never scans the store: see :meth:`corpus_connection`.
        self.meta = meta

    def corpus_connection(self) -> duckdb.DuckDBPyConnection | None:
        """A cursor on the in-memory ``articles`` table (metadata + text head), if built."""
        return self.meta.cursor() if self.meta is not None else None

    @property
    def postings(self) -> int:
        return int(self.hashes.size)

    def close(self) -> None:
        if self.meta is not None:
            self.meta.close()
            self.meta = None

    @classmethod
    def build(cls, con: duckdb.DuckDBPyConnection, with_meta: bool = True) -> WordIndex:
        """Index every article of the store behind ``con`` (read-only is fine).

        ``with_meta`` also copies the searchable metadata into memory (needs a full
        ``articles`` table; see :meth:`corpus_connection`).
        """
        started = time.perf_counter()
        ids = [r[0] for r in con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall()]
        data = con.execute(
            f"""WITH docs AS (
                    SELECT CAST(row_number() OVER (ORDER BY article_id) - 1 AS UINTEGER) AS d,
                           lower(coalesce(title, '') || ' ' || coalesce(text, '')) AS t
                    FROM articles),
                toks AS (SELECT d, unnest(list_distinct(regexp_split_to_array(t, '{_SPLIT_SQL}'))) AS w
                         FROM docs)
                SELECT hash(w) AS h, d FROM toks WHERE length(w) > 0"""
        ).fetchnumpy()
        hashes = np.asarray(data["h"], dtype=np.uint64)
        docs = np.asarray(data["d"], dtype=np.uint32)
        # Sort by (hash, doc) so each word's postings are one sorted run.
        order = np.lexsort((docs, hashes))
        if not with_meta:
            return cls(ids, hashes[order], docs[order], time.perf_counter() - started)
        meta = duckdb.connect()
        table = con.sql(
            """SELECT article_id, title, site, published, url, page_type, language, authors, tags,
                      substr(text, 1, 600) AS text
               FROM articles ORDER BY article_id"""
        ).to_arrow_table()
        meta.register("_meta", table)
        meta.execute("CREATE TABLE articles AS SELECT * FROM _meta")
        meta.unregister("_meta")
        return cls(ids, hashes[order], docs[order], time.perf_counter() - started, meta)

    def _docs_of(self, h: int) -> np.ndarray:
        key = np.uint64(h)
        lo = int(np.searchsorted(self.hashes, key, side="left"))
        hi = int(np.searchsorted(self.hashes, key, side="right"))
        return self.docs[lo:hi]

    def match(self, con: duckdb.DuckDBPyConnection, query: str) -> list[str]:
        """Article ids containing every word of ``query`` (sorted by id)."""
        ws = words(query)
        if not ws:
            return []
        hashes = [int(con.execute("SELECT hash(?::VARCHAR)", [w]).fetchall()[0][0]) for w in ws[:16]]
        runs = sorted((self._docs_of(h) for h in hashes), key=len)
        found = runs[0]
        for run in runs[1:]:
            if not found.size:
                break
            found = np.intersect1d(found, run, assume_unique=True)
        return [self.ids[int(i)] for i in found]
