"""Families, provenance, banality and the site graph, kept up to date from the stored alignments.

``rebuild_families(store, settings)`` brings ``passages``, ``families`` and ``site_edges`` in
line with the ``alignments`` table, touching only what changed since its last call. What changed is found by set operations in DuckDB, against bookkeeping tables
(``family_*``, see :mod:`copytrail.reuse.tables`):

1. **work set** — alignments not yet grouped (not in ``family_alignments``), plus every
   alignment of an *affected* family: one with a witness overlapping a new alignment's span in
   the same article (any overlap: a safe superset of the half-overlap rule that links spans),
   one that lost an alignment (the stage deletes those of removed or changed articles), or one
   with a witness whose article's date, site or URL changed in ``corpus_articles``; then every
   family with a witness overlapping an affected family's (a short span nested in a longer one
   is linked to it only when its own family is not boilerplate, which those changes can flip).
   Affected families are deleted; no link can join the work set to an untouched family, so
   regrouping the work set alone gives what a full regrouping would.
2. **components** of the work set over compact integer arrays
   (:class:`copytrail.reuse.families.SpanComponents`, 8 bytes per alignment), fed from a sorted
   DuckDB query in batches; components are cut into chunks of about ``CHUNK`` alignments.
   These components link every half-overlap; the families of step 3 split them further
   (nested boilerplate spans, which need the articles' text to be recognised), so a chunk
   always holds whole families.
3. **per chunk**: its alignments and the metadata and text of its articles are read, families
   built (:func:`group`), provenance traced
   (:mod:`copytrail.reuse.provenance`), rows written, one transaction per chunk. Memory is
   bounded by a chunk (plus DuckDB's own limit, ``store_memory``).
4. **banality by n-gram DF**: a family is banal when most n-grams of its representative text
   occur in more than ``max_ngram_df`` articles. DF moves for every family as articles come and
   go, so each family's n-gram hashes and their DF are kept (``family_ngrams``,
   ``family_ngram_df``); DF is updated from the articles indexed or removed since the last call
   and only families holding an n-gram whose DF crossed ``max_ngram_df`` are re-decided.
5. ``site_edges`` is recomputed from ``passages`` by SQL.

Family and passage ids are content hashes, so the result equals a rebuild from scratch
(``full=True``, also chosen when a family setting changed); the tests check this after random
sequences of additions, removals and edits.

>>> from copytrail.store import Store
>>> from copytrail.reuse.tables import REUSE_DDL
>>> store = Store(":memory:")
>>> store.ensure_tables(REUSE_DDL)
>>> rebuild_families(store, Settings(progress=False))
(0, 0, 0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from copytrail.reuse.coverage import Grams
from copytrail.reuse.families import (
    Aligned,
    Family,
    SpanComponents,
    Witness,
    boilerplate,
    build_families,
    closes,
)
from copytrail.reuse.provenance import Dated, FamilyProvenance, parts_json, trace
from copytrail.reuse.shingles import ngram_hashes
from copytrail.reuse.tables import REUSE_DDL
from copytrail.reuse.tokens import tokenize
from copytrail.settings import Settings

CHUNK = 20_000  # alignments per chunk of components (a bigger component is one chunk)
NODE_BATCH = 1 << 20  # sorted spans per batch fed to the union-find

FAMILY_TABLES = (
    "families",
    "passages",
    "family_alignments",
    "family_ngrams",
    "family_ngram_df",
    "family_docs",
    "family_pending",
)
_META = ("published", "published_source", "site", "url")


# Version of the rules that turn families into passages rows (provenance): a store written
# with other rules has its families rebuilt once, as when a family setting changes.
# 2: reprint parents by coverage (copy_coverage, parent_reason, parent_parts).
# 3: a short span nested in a longer one joins it only when its own family is not boilerplate.
# 4: a nested link needs both alignments to copy the overlap; a credit line is no chain evidence.
# 5: boilerplate with the look-alike text alignments carried it into stays boilerplate.
PROVENANCE_VERSION = 5


def family_fingerprint(settings: Settings) -> str:
    """The settings families depend on; when they change, families are rebuilt from scratch.

    >>> family_fingerprint(Settings(progress=False))
    'ngram=5 max_ngram_df=100 banal_witnesses=50 min_words=15 provenance=5'
    """
    return (
        f"ngram={settings.candidate_ngram or settings.ngram} max_ngram_df={settings.max_ngram_df} "
        f"banal_witnesses={settings.banal_witnesses} min_words={settings.min_passage_words} "
        f"provenance={PROVENANCE_VERSION}"
    )


def _one(con: Any, sql: str, params: list[Any] | None = None) -> Any:
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def rebuild_families(store: Any, settings: Settings, full: bool = False) -> tuple[int, int, int]:
    """Bring passages, families and site edges up to date with the stored alignments.

    Incremental unless ``full`` (or the family settings changed since the last call); see the
    module docstring. Returns (families, passages, banal families) in the tables afterwards.
    """
    store.ensure_tables(REUSE_DDL)
    con = store.con
    fingerprint = family_fingerprint(settings)
    # Three kinds of transactions, so that what DuckDB holds for the open transaction stays
    # bounded by a chunk: (1) affected families out, work set in temp tables; (2) one per chunk
    # of families written; (3) banality, site edges, done. A run stopped in between leaves
    # alignments without a family (grouped again next time, with the families they touch) and
    # families in family_pending (decided next time).
    try:
        with store.transaction():
            if (
                full
                or _one(con, "SELECT value FROM reuse_state WHERE key = 'families_settings'")
                != fingerprint
            ):
                for table in FAMILY_TABLES:
                    con.execute(f"DELETE FROM {table}")
            con.execute(
                "INSERT OR REPLACE INTO reuse_state VALUES ('families_settings', ?)", [fingerprint]
            )
            _work_set(con)
            n_chunks = _chunks(con)
        _build(store, settings, n_chunks)
        with store.transaction():
            _banality(con, settings)
            con.execute("DELETE FROM site_edges")
            con.execute(SITE_EDGES_SQL)
    finally:
        for t in ("fam_meta", "fam_affected", "fam_work", "fam_batch", "fam_text"):
            con.execute(f"DROP TABLE IF EXISTS {t}")
    row = con.execute("SELECT count(*), count(*) FILTER (WHERE banal) FROM families").fetchall()[0]
    return int(row[0]), int(_one(con, "SELECT count(*) FROM passages")), int(row[1])


def _work_set(con: Any) -> None:
    """Temp table ``fam_work``: the alignments to (re)group; affected families are deleted."""
    # Article metadata once per call: corpus_articles is a view with a window over all articles.
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE fam_meta AS
        SELECT article_id, {", ".join(_META)} FROM corpus_articles"""
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE fam_new AS SELECT alignment_id FROM alignments ANTI JOIN family_alignments USING (alignment_id)"
    )
    changed = " OR ".join(f"p.{c} IS DISTINCT FROM m.{c}" for c in _META)
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE fam_affected AS
        SELECT family_id FROM family_alignments ANTI JOIN alignments USING (alignment_id)
        UNION
        SELECT p.family_id FROM passages p LEFT JOIN fam_meta m USING (article_id)
        WHERE m.article_id IS NULL OR {changed}
        UNION
        SELECT p.family_id FROM passages p JOIN (
            SELECT a.article_a AS article_id, a.a_start AS s, a.a_end AS e FROM alignments a SEMI JOIN fam_new USING (alignment_id)
            UNION ALL
            SELECT a.article_b, a.b_start, a.b_end FROM alignments a SEMI JOIN fam_new USING (alignment_id)
        ) n ON n.article_id = p.article_id AND p.start <= n.e AND n.s <= p."end\""""
    )
    # Whether a short span joins the longer one it is nested in depends on its own family
    # being boilerplate, which a lost alignment or a changed site can flip: the families whose
    # witnesses overlap an affected one's are regrouped with it (one step is enough: an
    # untouched family keeps its own components, so its cut links stay cut).
    con.execute(
        """INSERT INTO fam_affected
        SELECT DISTINCT q.family_id FROM passages p JOIN passages q
            ON q.article_id = p.article_id AND q.start <= p."end" AND p.start <= q."end"
        WHERE p.family_id IN (SELECT family_id FROM fam_affected)
          AND q.family_id NOT IN (SELECT family_id FROM fam_affected)"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE fam_work AS
        SELECT (row_number() OVER (ORDER BY alignment_id) - 1)::BIGINT AS k, alignment_id, doc_a, doc_b,
               article_a, a_start, a_end, article_b, b_start, b_end, score
        FROM alignments WHERE alignment_id IN (
            SELECT alignment_id FROM fam_new
            UNION ALL
            SELECT alignment_id FROM family_alignments SEMI JOIN fam_affected USING (family_id))"""
    )
    # Hashes only the deleted families used leave the DF table (their DF is no longer kept up).
    con.execute(
        """CREATE OR REPLACE TEMP TABLE fam_old_h AS
        SELECT DISTINCT h FROM family_ngrams SEMI JOIN fam_affected USING (family_id)"""
    )
    for table in ("passages", "families", "family_alignments", "family_ngrams", "family_pending"):
        con.execute(f"DELETE FROM {table} WHERE family_id IN (SELECT family_id FROM fam_affected)")
    con.execute(
        """DELETE FROM family_ngram_df WHERE h IN (
            SELECT h FROM fam_old_h ANTI JOIN family_ngrams USING (h))"""
    )
    con.execute("DROP TABLE fam_old_h")
    con.execute("DROP TABLE fam_new")


def _chunks(con: Any) -> int:
    """Group ``fam_work`` into components, then chunks; fills ``fam_batch``; returns #chunks."""
    m = int(_one(con, "SELECT count(*) FROM fam_work"))
    if m == 0:
        return 0
    comps = SpanComponents(m)
    reader = con.sql(
        """SELECT node, art, s, e FROM (
            SELECT 2 * k AS node, doc_a AS art, a_start AS s, a_end AS e FROM fam_work
            UNION ALL
            SELECT 2 * k + 1, doc_b, b_start, b_end FROM fam_work
        ) ORDER BY art, s, e, node"""
    ).to_arrow_reader(NODE_BATCH)
    for batch in reader:
        comps.add_sorted(*(batch.column(i).to_numpy() for i in range(4)))
    roots = comps.roots()
    con.register("_fam_roots", pa.table({"k": np.arange(m, dtype=np.int64), "root": roots}))
    try:
        # Whole components, in order of their smallest node, are cut into runs of ~CHUNK.
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE fam_batch AS
            WITH sizes AS (SELECT root, count(*) AS n FROM _fam_roots GROUP BY root),
            run AS (SELECT root, ((sum(n) OVER (ORDER BY root) - n) // {CHUNK})::INTEGER AS chunk FROM sizes)
            SELECT run.chunk, w.alignment_id, w.article_a, w.a_start, w.a_end, w.article_b,
                   w.b_start, w.b_end, w.score
            FROM fam_work w JOIN _fam_roots r USING (k) JOIN run USING (root)
            ORDER BY run.chunk"""
        )
    finally:
        con.unregister("_fam_roots")
    # The text and metadata of each chunk's articles, stored in chunk order so a chunk's rows
    # are read back from a few row groups (the text is not in fam_meta: it would go through
    # corpus_articles' window; the view is articles' rows, so articles.text is the same text).
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE fam_text AS
        WITH arts AS (SELECT chunk, article_a AS article_id FROM fam_batch
                      UNION SELECT chunk, article_b FROM fam_batch)
        SELECT arts.chunk, arts.article_id, {", ".join("m." + c for c in _META)}, x.text
        FROM arts LEFT JOIN fam_meta m USING (article_id) LEFT JOIN articles x USING (article_id)
        ORDER BY arts.chunk"""
    )
    return int(_one(con, "SELECT max(chunk) FROM fam_batch")) + 1


def _build(store: Any, settings: Settings, n_chunks: int) -> None:
    """Build and write the families of ``fam_batch``, one transaction per chunk."""
    con = store.con
    schemas = {
        t: con.sql(f"SELECT * FROM {t} LIMIT 0").to_arrow_table().schema
        for t in ("families", "passages", "family_alignments", "family_ngrams")
    }
    for chunk in range(n_chunks):
        aligned = [
            Aligned(*r)
            for r in con.execute(
                """SELECT alignment_id, article_a, a_start, a_end, article_b, b_start, b_end, score
                FROM fam_batch WHERE chunk = ?""",
                [chunk],
            ).fetchall()
        ]
        meta: dict[str, tuple[Any, ...]] = {
            r[0]: r[1:]
            for r in con.execute(
                f"SELECT article_id, {', '.join(_META)}, text FROM fam_text WHERE chunk = ?",
                [chunk],
            ).fetchall()
        }
        fams, passages, members, grams = family_rows(group(aligned, meta, settings), meta, settings)
        with store.transaction():
            for table, rows in (
                ("families", pa.Table.from_pylist(fams, schema=schemas["families"])),
                ("passages", pa.Table.from_pylist(passages, schema=schemas["passages"])),
                ("family_alignments", pa.table(members, schema=schemas["family_alignments"])),
                ("family_ngrams", pa.table(grams, schema=schemas["family_ngrams"])),
                ("family_pending", pa.table({"family_id": [f["family_id"] for f in fams]})),
            ):
                store.insert_arrow(table, rows, on_conflict=None)


def family_rows(
    families: Iterable[Family], meta: dict[str, tuple[Any, ...]], settings: Settings
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, list[str]], dict[str, Any]]:
    """Rows of ``families`` and ``passages``; columns of ``family_alignments`` and ``family_ngrams``.

    ``meta`` maps article id → (published, published_source, site, url, text). Banality is
    decided here by witnesses only; banality by n-gram DF is decided later, in SQL.

    >>> from copytrail.reuse.families import Aligned, build_families
    >>> meta = {"A": ("2024-01-01", "meta", "a.org", "https://a.org/1", "one two three four five six"),
    ...         "B": ("2024-01-03", "meta", "b.org", "https://b.org/1", "x one two three four five six")}
    >>> fams = build_families([Aligned("x1", "A", 0, 27, "B", 2, 29, 1.0)])
    >>> f, p, fa, fn = family_rows(fams, meta, Settings(progress=False))
    >>> f[0]["text"], [(r["site"], r["earliest"], r["copied_from_article"]) for r in p]
    ('one two three four five six', [('a.org', True, None), ('b.org', False, 'A')])
    >>> fa["alignment_id"], len(fn["h"])
    (['x1'], 2)
    """
    ngram = settings.candidate_ngram or settings.ngram  # the index's n-grams, whose DF is kept
    fam_rows: list[dict[str, Any]] = []
    pas_rows: list[dict[str, Any]] = []
    map_cols: dict[str, list[str]] = {"alignment_id": [], "family_id": []}
    gram_fams: list[str] = []
    gram_hashes: list[np.ndarray] = []
    missing: tuple[Any, ...] = (None, None, None, None, "")
    for f in families:
        texts = {w.article_id: meta.get(w.article_id, missing)[4] for w in f.passages}
        p: FamilyProvenance = trace(f, _dates(f, meta), texts)
        rep = next(
            w
            for w in f.passages
            if w.passage_id == (p.earliest_passage or f.passages[0].passage_id)
        )
        rep_text = (meta.get(rep.article_id, missing)[4] or "")[rep.start : rep.end]
        n_articles = len({w.article_id for w in f.passages})
        toks = tokenize(rep_text)
        reason = "witnesses" if n_articles > settings.banal_witnesses else None
        if reason is None and (f.boilerplate or is_boilerplate(f.passages, meta)):
            reason = "boilerplate"
        banal = reason is not None
        fam_rows.append(
            {
                "family_id": f.family_id,
                "witnesses": len(f.passages),
                "articles": n_articles,
                "sites": len({meta.get(w.article_id, missing)[2] for w in f.passages}),
                "earliest_article": p.earliest_article,
                "earliest_passage": p.earliest_passage,
                "first_date": p.first_date,
                "last_date": p.last_date,
                "date_status": p.date_status,
                "undated": p.undated,
                "banal": banal,
                "banal_reason": reason,
                "self_reuse": f.self_reuse,
                "text": rep_text,
            }
        )
        per_article: dict[str, int] = {}
        for w in f.passages:
            per_article[w.article_id] = per_article.get(w.article_id, 0) + 1
        for w, wp in zip(f.passages, p.witnesses, strict=True):
            m = meta.get(w.article_id, missing)
            pas_rows.append(
                {
                    "passage_id": w.passage_id,
                    "family_id": f.family_id,
                    "article_id": w.article_id,
                    "start": w.start,
                    "end": w.end,
                    "text": (m[4] or "")[w.start : w.end],
                    "url": m[3],
                    "site": m[2],
                    "published": m[0],
                    "published_source": m[1],
                    "earliest": wp.earliest,
                    "copied_from_article": wp.copied_from_article,
                    "copied_from_passage": wp.copied_from_passage,
                    "copy_similarity": wp.copy_similarity,
                    "date_status": wp.date_status,
                    "self_reuse": per_article[w.article_id] > 1,
                    "banal": banal,
                    "copy_coverage": wp.copy_coverage,
                    "parent_reason": wp.parent_reason,
                    "parent_parts": parts_json(wp.parts),
                }
            )
        map_cols["alignment_id"] += f.alignments
        map_cols["family_id"] += [f.family_id] * len(f.alignments)
        grams = np.unique(ngram_hashes(toks.hashes, ngram))
        gram_fams += [f.family_id] * grams.shape[0]
        gram_hashes.append(grams)
    h = np.concatenate(gram_hashes) if gram_hashes else np.zeros(0, np.int64)
    return fam_rows, pas_rows, map_cols, {"family_id": gram_fams, "h": h}


def is_boilerplate(
    witnesses: Sequence[Witness],
    meta: dict[str, tuple[Any, ...]],
    contexts: list[str] | None = None,
) -> bool:
    """:func:`copytrail.reuse.families.boilerplate` of these witnesses, read from ``meta``
    (article id → (published, published_source, site, url, text))."""
    missing: tuple[Any, ...] = (None, None, None, None, "")
    texts = {w.article_id: meta.get(w.article_id, missing)[4] or "" for w in witnesses}
    return boilerplate(
        {a: meta.get(a, missing)[2] for a in texts},
        [len(tokenize(texts[w.article_id][w.start : w.end])) for w in witnesses],
        [closes(texts[w.article_id], w.start, w.end) for w in witnesses],
        contexts,
    )


class TextJudge:
    """Answers :func:`copytrail.reuse.families.build_families`' questions from the articles'
    text (``meta``: article id → (published, published_source, site, url, text)): boilerplate
    by :func:`is_boilerplate`; "copied outside" when the two spans, their boilerplate cut out,
    still share a run of ``min_words`` words (the exact core a copy of a reportable length has);
    a span "holds" a region when it has a run of ``min_words`` of its words (all of them, when
    it has fewer). Words are read as coverage reads them (:class:`Grams`: a ZWNJ is a space).
    """

    def __init__(self, meta: dict[str, tuple[Any, ...]], min_words: int) -> None:
        self.meta = meta
        self.min_words = min_words
        self._grams: dict[tuple[str, int, int, int], np.ndarray] = {}

    def boilerplate(self, witnesses: list[Witness], contexts: list[str]) -> bool:
        return is_boilerplate(witnesses, self.meta, contexts)

    def copied_outside(
        self, a: tuple[str, int, int], cut_a: list[tuple[int, int]],
        b: tuple[str, int, int], cut_b: list[tuple[int, int]],
    ) -> bool:  # fmt: skip
        return bool(self._runs(a, cut_a) & self._runs(b, cut_b))

    def holds(self, span: tuple[str, int, int], region: tuple[str, int, int]) -> bool:
        g = Grams.of(self._text(region[0]), region[1], region[2], self.min_words)
        n = min(self.min_words, g.words[0].shape[0])
        if n == 0:
            return True  # spaces and punctuation: nothing to disagree about
        key = (*span, n)
        if key not in self._grams:  # a story's span is asked about each quote inside it
            self._grams[key] = Grams.of(self._text(span[0]), span[1], span[2], n).unique
        held = self._grams[key]
        return bool(np.isin(g.unique, held, assume_unique=True).any())

    def _text(self, article_id: str) -> str:
        return str((self.meta.get(article_id) or (None,) * 5)[4] or "")

    def _runs(self, span: tuple[str, int, int], cut: list[tuple[int, int]]) -> set[int]:
        """Hashes of every run of ``min_words`` words of ``span`` outside ``cut``."""
        text = self._text(span[0])
        out: set[int] = set()
        pos = span[1]
        for s, e in [*sorted(cut), (span[2], span[2])]:
            if s > pos:
                g = Grams.of(text, pos, min(s, span[2]), self.min_words)
                if g.words[0].shape[0] >= self.min_words:
                    out.update(g.unique.tolist())
            pos = max(pos, e)
        return out


def group(
    aligned: Iterable[Aligned], meta: dict[str, tuple[Any, ...]], settings: Settings
) -> list[Family]:
    """Families of ``aligned`` as the stage groups them: boilerplate never bridges two families
    (:func:`copytrail.reuse.families.build_families` with a :class:`TextJudge`).

    A story reprinted with its closing disclaimer, and the same disclaimer closing three
    unrelated articles: two families.

    >>> from copytrail.reuse.families import Aligned
    >>> foot = "Views expressed are the author's own."
    >>> story = "The river rose by a metre at the old mill weir overnight, the council said. "
    >>> texts = {"O": story * 3 + foot, "R": story * 3 + foot,
    ...          **{f"X{k}": f"Report {k} on the market square and its stalls. {foot}" for k in range(3)}}
    >>> meta = {a: ("2024-01-01", "meta", f"{a}.org", f"https://{a}.org/", t) for a, t in texts.items()}
    >>> tail = {a: t.index(foot) for a, t in texts.items()}
    >>> rows = [Aligned("s", "O", 0, len(texts["O"]), "R", 0, len(texts["R"]), 1.0)] + [
    ...     Aligned(f"d{k}", "O", tail["O"], len(texts["O"]), f"X{k}", tail[f"X{k}"],
    ...             len(texts[f"X{k}"]), 1.0) for k in range(3)]
    >>> fams = group(rows, meta, Settings(progress=False))
    >>> sorted(sorted(w.article_id for w in f.passages) for f in fams)
    [['O', 'R'], ['O', 'X0', 'X1', 'X2']]
    """
    return build_families(aligned, TextJudge(meta, settings.min_passage_words))


def _dates(f: Family, meta: dict[str, tuple[Any, ...]]) -> dict[str, Dated]:
    out = {}
    for w in f.passages:
        m = meta.get(w.article_id)
        out[w.article_id] = Dated(m[0], m[1]) if m else Dated(None)
    return out


def _banality(con: Any, settings: Settings) -> None:
    """Update n-gram DF from the articles indexed/removed since the last call; re-decide banality."""
    max_df, witnesses = settings.max_ngram_df, settings.banal_witnesses
    con.execute(
        """CREATE OR REPLACE TEMP TABLE fam_docs_new AS
        SELECT doc, text_hash FROM reuse_docs EXCEPT SELECT doc, text_hash FROM family_docs"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE fam_docs_gone AS
        SELECT doc, text_hash FROM family_docs EXCEPT SELECT doc, text_hash FROM reuse_docs"""
    )
    if _one(con, "SELECT count(*) FROM fam_docs_gone"):
        # Removed articles' n-grams are gone from the index: recount the DF of every kept hash.
        change = """SELECT d.h, d.df AS old, coalesce(c.n, 0) AS new FROM family_ngram_df d LEFT JOIN (
                SELECT h, count(*) AS n FROM reuse_ngrams SEMI JOIN family_ngram_df USING (h) GROUP BY h
            ) c USING (h) WHERE d.df <> coalesce(c.n, 0)"""
    else:  # only additions: add the new articles' n-grams (those of the DF table: the only
        # ones it keeps; aggregating every new posting was the run's memory peak)
        change = """SELECT d.h, d.df AS old, d.df + c.n AS new FROM family_ngram_df d JOIN (
                SELECT h, count(*) AS n FROM reuse_ngrams SEMI JOIN fam_docs_new USING (doc)
                WHERE h IN (SELECT h FROM family_ngram_df) GROUP BY h
            ) c USING (h)"""
    con.execute(f"CREATE OR REPLACE TEMP TABLE fam_df_change AS {change}")
    con.execute(
        "UPDATE family_ngram_df SET df = c.new FROM fam_df_change c WHERE family_ngram_df.h = c.h"
    )
    # Hashes of the families just written that the DF table does not hold yet: exact counts.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE fam_written AS SELECT DISTINCT family_id FROM family_pending"
    )
    con.execute("DELETE FROM family_pending")
    con.execute(
        """INSERT INTO family_ngram_df
        SELECT u.h, count(n.doc) FROM (
            SELECT DISTINCT h FROM family_ngrams SEMI JOIN fam_written USING (family_id)
            EXCEPT SELECT h FROM family_ngram_df
        ) u LEFT JOIN reuse_ngrams n USING (h) GROUP BY u.h"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE fam_redo AS
        SELECT family_id FROM fam_written
        UNION
        SELECT family_id FROM family_ngrams WHERE h IN (
            SELECT h FROM fam_df_change WHERE (old > {max_df}) <> (new > {max_df}))"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE fam_verdict AS
        WITH freq AS (
            SELECT n.family_id, avg(CASE WHEN d.df > {max_df} THEN 1 ELSE 0 END) >= 0.5 AS frequent
            FROM family_ngrams n JOIN family_ngram_df d USING (h)
            WHERE n.family_id IN (SELECT family_id FROM fam_redo) GROUP BY n.family_id)
        SELECT f.family_id, CASE WHEN f.articles > {witnesses} THEN 'witnesses'
                                 WHEN f.banal_reason = 'boilerplate' THEN 'boilerplate'
                                 WHEN coalesce(freq.frequent, false) THEN 'frequent-ngrams' END AS reason
        FROM families f SEMI JOIN fam_redo USING (family_id) LEFT JOIN freq USING (family_id)"""
    )
    con.execute(
        """UPDATE families SET banal = v.reason IS NOT NULL, banal_reason = v.reason FROM fam_verdict v
        WHERE families.family_id = v.family_id AND families.banal_reason IS DISTINCT FROM v.reason"""
    )
    con.execute(
        """UPDATE passages SET banal = v.reason IS NOT NULL FROM fam_verdict v
        WHERE passages.family_id = v.family_id AND passages.banal IS DISTINCT FROM (v.reason IS NOT NULL)"""
    )
    con.execute(
        "DELETE FROM family_docs WHERE (doc, text_hash) IN (SELECT (doc, text_hash) FROM fam_docs_gone)"
    )
    con.execute("INSERT INTO family_docs SELECT doc, text_hash FROM fam_docs_new")
    for t in (
        "fam_docs_new",
        "fam_docs_gone",
        "fam_df_change",
        "fam_written",
        "fam_redo",
        "fam_verdict",
    ):
        con.execute(f"DROP TABLE {t}")


# For every ordered pair of sites: families the later site reprinted from the earlier one
# (every parent of a reprint — the parts of a composite each count —, banal families and
# same-site copies left out), the median lag in days, the share of the later site's articles
# that are such reprints, and the evidence: reprinting witnesses and the family ids.
SITE_EDGES_SQL = """
INSERT INTO site_edges
WITH parents AS (
    SELECT passage_id, copied_from_passage AS src FROM passages
    WHERE copied_from_passage IS NOT NULL AND NOT banal
    UNION
    SELECT passage_id, unnest(json_extract_string(parent_parts, '$[*].passage')) FROM passages
    WHERE parent_parts IS NOT NULL AND NOT banal
),
e AS (
    SELECT s.site AS src_site, d.site AS dst_site, d.family_id, d.article_id, d.passage_id,
           date_diff('day', TRY_CAST(substr(s.published, 1, 10) AS DATE),
                            TRY_CAST(substr(d.published, 1, 10) AS DATE)) AS lag
    FROM parents x JOIN passages d ON d.passage_id = x.passage_id
    JOIN passages s ON s.passage_id = x.src
    WHERE s.site IS DISTINCT FROM d.site
),
sizes AS (SELECT site, count(*) AS n FROM corpus_articles GROUP BY site)
SELECT e.src_site, e.dst_site, count(DISTINCT e.family_id), count(DISTINCT e.article_id),
       median(e.lag), count(DISTINCT e.article_id) / max(sizes.n),
       count(DISTINCT e.passage_id), string_agg(DISTINCT e.family_id, ' ' ORDER BY e.family_id)
FROM e LEFT JOIN sizes ON sizes.site = e.dst_site
GROUP BY e.src_site, e.dst_site
"""
