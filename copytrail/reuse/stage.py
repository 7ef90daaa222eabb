"""The reuse stage: articles → n-gram index → candidate pairs → alignments → families.

``run_reuse(store, settings)`` reads the ``articles`` table and, step by step, each step
persisting its output in its own transaction so a crash loses at most one batch:

1. **forget** articles that were deleted or whose text changed (their n-grams, pairs and
   alignments), re-checking pairs whose n-gram DF fell back under ``max_ngram_df``; when a
   setting the stored work depends on changed (:func:`work_key`), all of it is redone;
2. **index** new articles in batches: tokens (any script) → distinct n-gram hashes into
   ``reuse_ngrams``; self-reuse (a passage repeated inside one article) is aligned here;
3. **pair**: candidate pairs of new articles with the corpus and with each other from the
   inverted index (see :mod:`copytrail.reuse.candidates`), re-checking old pairs whose n-grams
   just became banal;
4. **align** queued pairs in chunks (worker processes when ``workers > 1``) → ``alignments``;
5. **families**, provenance, banality and the site graph are brought up to date with the
   stored alignments, incrementally (:mod:`copytrail.reuse.maintain`) → ``passages``,
   ``families``, ``site_edges``.

Old pairs are never re-aligned: adding articles costs the new articles' pairs plus an update
of the families they touch. A rerun with nothing new indexes and aligns nothing.

>>> from copytrail.store import Store
>>> store = Store(":memory:")
>>> run_reuse(store, Settings(progress=False)).alignments
0

The stage reads ``corpus_articles`` (the store's view of one article per URL, without teasers
or listing pages), so an excerpt or a feed copy of an article is not taken for a reprint of it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from copytrail.ids import stable_id
from copytrail.progress import Progress
from copytrail.reuse.align import AlignParams, Match, align_pair
from copytrail.reuse.candidates import (
    crossing_hashes,
    insert_candidates,
    recheck_pairs,
    remove_docs,
)
from copytrail.reuse.maintain import rebuild_families
from copytrail.reuse.schedule import Prepared, locality_order
from copytrail.reuse.shingles import doc_key, ngram_hashes
from copytrail.reuse.tables import REUSE_DDL
from copytrail.reuse.tokens import tokenize
from copytrail.settings import Settings
from copytrail.workers import WorkerPool, workers_for

INDEX_BATCH = 2000  # articles per index transaction
ALIGN_CHUNK = 4000  # pairs per alignment transaction


@dataclass(frozen=True, slots=True)
class ReuseSummary:
    """What one run of the reuse stage did."""

    indexed: int = 0
    removed: int = 0
    pairs_queued: int = 0
    pairs_rechecked: int = 0
    pairs_aligned: int = 0
    alignments: int = 0
    families: int = 0
    passages: int = 0
    banal_families: int = 0
    seconds: float = 0.0
    step_seconds: tuple[tuple[str, float], ...] = ()  # (step, seconds) in order


def align_params(settings: Settings) -> AlignParams:
    """Alignment parameters from the settings."""
    return AlignParams(
        ngram=settings.ngram,
        min_words=settings.min_passage_words,
        gap=settings.passage_gap_words,
        sentence_threshold=settings.sentence_similarity,
        sentence_anchor=settings.sentence_anchor,
    )


def text_hash(text: str | None) -> str:
    """Hash that tells when an article's text changed (same as DuckDB's ``md5``)."""
    return hashlib.md5((text or "").encode("utf-8")).hexdigest()


# -- pure workers (run in worker processes) ------------------------------------------------


def alignment_row(doc_a: int, art_a: str, doc_b: int, art_b: str, m: Match) -> dict[str, Any]:
    return {
        "alignment_id": stable_id(
            "alignment", art_a, m.a_start, m.a_end, art_b, m.b_start, m.b_end
        ),
        "doc_a": doc_a,
        "doc_b": doc_b,
        "article_a": art_a,
        "article_b": art_b,
        "a_start": m.a_start,
        "a_end": m.a_end,
        "b_start": m.b_start,
        "b_end": m.b_end,
        "a_words": m.a_words,
        "b_words": m.b_words,
        "score": m.score,
        "kind": m.kind,
        "self_reuse": doc_a == doc_b,
    }


def index_articles(
    rows: Sequence[tuple[str, str | None]], params: AlignParams, index_ngram: int = 0
) -> tuple[list[dict[str, Any]], np.ndarray, np.ndarray, list[dict[str, Any]]]:
    """Index rows (article_id, text): doc rows, n-gram (hash, doc) arrays, self-reuse alignments.

    ``index_ngram`` is the n-gram length of the candidate index (0: the alignment's).
    """
    docs: list[dict[str, Any]] = []
    hs: list[np.ndarray] = []
    ds: list[np.ndarray] = []
    selfs: list[dict[str, Any]] = []
    for article_id, text in rows:
        doc = doc_key(article_id)
        toks = tokenize(text or "")
        docs.append(
            {"doc": doc, "article_id": article_id, "text_hash": text_hash(text), "words": len(toks)}
        )
        if len(toks) < params.min_words:
            continue
        own = ngram_hashes(toks.hashes, params.ngram)
        distinct = np.unique(own)
        grams = (
            distinct
            if index_ngram in (0, params.ngram)
            else np.unique(ngram_hashes(toks.hashes, index_ngram))
        )
        hs.append(grams)
        ds.append(np.full(grams.shape[0], doc, dtype=np.int64))
        if distinct.shape[0] == own.shape[0]:
            continue  # no n-gram repeats inside the text: self-alignment has no seed
        for m in align_pair(toks, toks, params, same=True, na=own):
            selfs.append(alignment_row(doc, article_id, doc, article_id, m))
    h = np.concatenate(hs) if hs else np.zeros(0, np.int64)
    d = np.concatenate(ds) if ds else np.zeros(0, np.int64)
    return docs, h, d, selfs


def align_pairs(
    pairs: Sequence[tuple[int, int]],
    texts: dict[int, tuple[str, str]],
    params: AlignParams,
    prepared: Prepared | None = None,
) -> list[dict[str, Any]]:
    """Align each (doc_a, doc_b); ``texts`` maps doc → (article_id, text).

    Each text is prepared (tokens, sorted n-grams, sentence units when a pair first needs
    them) once per call, or once while ``prepared`` (kept by the caller across calls) holds it.
    """
    if prepared is None:
        prepared = Prepared(params, capacity=2 * len(pairs) + 1)  # this call's texts, all kept
    out: list[dict[str, Any]] = []
    for a, b in pairs:
        ta, na = prepared.get(a, texts[a][1])
        tb, nb = prepared.get(b, texts[b][1])
        for m in align_pair(ta, tb, params, na=na, nb=nb, units_of=prepared.units_of):
            out.append(alignment_row(a, texts[a][0], b, texts[b][0], m))
    return out


def _index_job(args: tuple[Sequence[tuple[str, str | None]], AlignParams, int]) -> Any:
    return index_articles(*args)


# Prepared texts of a worker process, kept between the chunks it is given (see _align).
_WORKER_PREPARED: list[Prepared] = []


def _align_job(
    args: tuple[Sequence[tuple[int, int]], dict[int, tuple[str, str]], AlignParams, Any],
) -> Any:
    pairs, texts, params, prepared = args
    if prepared is None:  # in a worker process: its own texts, kept between chunks
        if not _WORKER_PREPARED or _WORKER_PREPARED[0].params != params:
            _WORKER_PREPARED[:] = [Prepared(params)]
        prepared = _WORKER_PREPARED[0]
    return align_pairs(pairs, texts, params, prepared)


def _split(items: Sequence[Any], parts: int) -> list[Sequence[Any]]:
    size = max(1, -(-len(items) // parts))
    return [items[i : i + size] for i in range(0, len(items), size)]


# Automatic workers (``workers = 0``): a worker process costs ~1-2 s to start (numpy, numba,
# loading the compiled kernels), so each must get at least this much work to pay for itself.
MIN_INDEX_PER_WORKER = 500  # articles
MIN_ALIGN_PER_WORKER = 2000  # pairs


class _Runner:
    """Maps a job over parts in worker processes (or inline for one worker), keeping order."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workers = settings.n_workers
        self.pool: ProcessPoolExecutor | None = None

    def size(self, items: int, min_per_worker: int) -> None:
        """Choose the workers for a step of ``items`` units (see :func:`workers_for`)."""
        self.workers = workers_for(self.settings, items, min_per_worker)

    def map(self, fn: Any, jobs: list[Any]) -> Iterator[Any]:
        if self.workers <= 1 or len(jobs) <= 1:
            return map(fn, jobs)
        if self.pool is None:
            self.pool = WorkerPool(self.workers, "spawn")
        return self.pool.map(fn, jobs)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()


# -- reading texts ---------------------------------------------------------------------------
# Texts are read by DuckDB row id, which costs what is read: a join with ``corpus_articles``
# (a window over all articles) or even with ``articles`` (a scan of every text) would cost the
# whole corpus per batch, a term quadratic over a run (63% of a 300k-article run before).


def read_texts(con: Any, rids: np.ndarray, article_ids: Sequence[str]) -> dict[str, str]:
    """Texts of ``articles`` rows by row id; ``article_ids`` are the ids those rows must hold.

    Row ids are taken in the same run, but a checkpoint may move rows after deletions; any row
    whose id no longer holds its article is then read by article id (correct, only slower).

    >>> import duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TABLE articles (article_id VARCHAR PRIMARY KEY, text VARCHAR)")
    >>> _ = con.execute("INSERT INTO articles VALUES ('a', 'one'), ('b', 'two')")
    >>> read_texts(con, np.array([1, 0]), ["b", "a"])
    {'b': 'two', 'a': 'one'}
    >>> read_texts(con, np.array([0]), ["b"])  # a stale row id falls back to the id
    {'b': 'two'}
    """
    con.register("_reuse_rids", pa.table({"rid": np.asarray(rids, dtype=np.int64)}))
    try:
        got = {
            aid: text or ""
            for aid, text in con.execute(
                "SELECT article_id, text FROM articles WHERE rowid IN (SELECT rid FROM _reuse_rids)"
            ).fetchall()
        }
    finally:
        con.unregister("_reuse_rids")
    missing = [a for a in article_ids if a not in got]
    if missing:
        con.register("_reuse_ids", pa.table({"article_id": missing}))
        try:
            got.update(
                (aid, text or "")
                for aid, text in con.execute(
                    "SELECT article_id, text FROM articles WHERE article_id IN (SELECT article_id FROM _reuse_ids)"
                ).fetchall()
            )
        finally:
            con.unregister("_reuse_ids")
    return {a: got[a] for a in article_ids}


class _DocRows:
    """doc → (article id, row id) of every indexed article, as sorted arrays (16 bytes a doc)."""

    def __init__(self, con: Any) -> None:
        self.con = con
        t = con.sql(
            """SELECT d.doc, d.article_id, a.rowid AS rid FROM reuse_docs d
            JOIN articles a USING (article_id) ORDER BY d.doc"""
        ).to_arrow_table()
        self.docs = t["doc"].to_numpy()
        self.rids = t["rid"].to_numpy()
        self.ids = t["article_id"].combine_chunks()

    def texts(self, docs: np.ndarray) -> dict[int, tuple[str, str]]:
        """doc → (article_id, text) for ``docs`` (all indexed)."""
        at = np.searchsorted(self.docs, docs)
        ids = self.ids.take(pa.array(at)).to_pylist()
        found = read_texts(self.con, self.rids[at], ids)
        return {int(d): (aid, found[aid]) for d, aid in zip(docs.tolist(), ids, strict=True)}


# -- stage ---------------------------------------------------------------------------------


def run_reuse(
    store: Any, settings: Settings, progress: Progress | None = None, candidates_only: bool = False
) -> ReuseSummary:
    """Run (or resume) the reuse stage over the store's ``articles``; see the module docstring.

    ``candidates_only`` stops after the candidate pairs (``reuse_pairs``, not yet aligned): a
    later full run resumes from there. It is what a MinHash/LSH pipeline delivers, so the
    speed benchmark measures it too.
    """
    t0 = time.perf_counter()
    store.ensure_tables(REUSE_DDL)
    con = store.con
    params = align_params(settings)
    prog = progress or Progress(enabled=False)
    runner = _Runner(settings)
    steps: list[tuple[str, float]] = []
    mark = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        steps.append((step, round(now - mark, 3)))
        mark = now

    try:
        removed = _forget(store, settings)
        lap("forget")
        indexed = _index(store, params, settings.candidate_ngram, runner, prog)
        lap("index")
        queued, rechecked = _pair(store, settings)
        lap("pair")
        if candidates_only:
            return ReuseSummary(
                indexed,
                removed,
                queued,
                rechecked,
                seconds=round(time.perf_counter() - t0, 3),
                step_seconds=tuple(steps),
            )
        aligned = _align(store, params, runner, prog)
        lap("align")
    finally:
        runner.close()
    # Always called: the update is incremental (only families touched by new or removed
    # alignments, changed article dates/sites or DF crossings are rebuilt), and it also
    # catches changes no step above sees (a new date for an unchanged text, banal settings).
    fams, passages, banal = rebuild_families(store, settings)
    lap("families")
    total = con.execute("SELECT count(*) FROM alignments").fetchall()[0]
    return ReuseSummary(
        indexed,
        removed,
        queued,
        rechecked,
        aligned,
        int(total[0]) if total else 0,
        fams,
        passages,
        banal,
        round(time.perf_counter() - t0, 3),
        tuple(steps),
    )


# Settings that decide the index, the candidate pairs or the alignments: when any of them
# changes between runs, the stored work no longer matches and the stage starts over.
_WORK_SETTINGS = (
    "ngram",
    "candidate_ngram",
    "max_ngram_df",
    "min_shared_ngrams",
    "min_passage_words",
    "passage_gap_words",
    "sentence_similarity",
    "sentence_anchor",
)


# Bumped when tokenization or alignment change what unchanged texts give (exact bounds on both
# sides, the Persian ZWNJ as a word end, the exact core of sentence passages): a store aligned
# before is re-aligned once, as after a change of settings.
ALIGNER_VERSION = "2026-12-07"


def work_key(settings: Settings) -> str:
    """Fingerprint of the settings the stored index, pairs and alignments were made with.

    >>> work_key(Settings()) == work_key(Settings(workers=2)) != work_key(Settings(ngram=4))
    True
    """
    settings_key = " ".join(f"{name}={getattr(settings, name)}" for name in _WORK_SETTINGS)
    return f"{settings_key} aligner={ALIGNER_VERSION}"


def _reset_if_settings_changed(store: Any, settings: Settings) -> None:
    con = store.con
    key = work_key(settings)
    row = con.execute("SELECT value FROM reuse_state WHERE key = 'work_settings'").fetchall()
    if row and row[0][0] == key:
        return
    with store.transaction():
        had_work = con.execute("SELECT count(*) FROM reuse_docs").fetchall()[0][0]
        if had_work:
            for table in ("reuse_ngrams", "reuse_pairs", "alignments", "reuse_docs"):
                con.execute(f"DELETE FROM {table}")
        con.execute("INSERT OR REPLACE INTO reuse_state VALUES ('work_settings', ?)", [key])


def _forget(store: Any, settings: Settings) -> int:
    con = store.con
    _reset_if_settings_changed(store, settings)
    with store.transaction():
        con.execute(
            """CREATE OR REPLACE TEMP TABLE reuse_removed AS
            SELECT d.doc FROM reuse_docs d LEFT JOIN corpus_articles a ON a.article_id = d.article_id
            WHERE a.article_id IS NULL OR md5(coalesce(a.text, '')) <> d.text_hash"""
        )
        n = remove_docs(con, settings.max_ngram_df, settings.min_shared_ngrams)
    return n


def _index(
    store: Any, params: AlignParams, index_ngram: int, runner: _Runner, prog: Progress
) -> int:
    con = store.con
    # One pass over corpus_articles for the whole run; each batch then reads its texts by row id.
    todo = con.sql(
        """SELECT c.article_id, a.rowid AS rid FROM corpus_articles c
        JOIN articles a USING (article_id)
        WHERE c.article_id NOT IN (SELECT article_id FROM reuse_docs) ORDER BY c.article_id"""
    ).to_arrow_table()
    task = prog.task("reuse: index", total=todo.num_rows)
    runner.size(todo.num_rows, MIN_INDEX_PER_WORKER)
    for start in range(0, todo.num_rows, INDEX_BATCH):
        part = todo.slice(start, INDEX_BATCH)
        found = read_texts(con, part["rid"].to_numpy(), part["article_id"].to_pylist())
        rows = [(aid, found[aid]) for aid in part["article_id"].to_pylist()]
        jobs = [(part, params, index_ngram) for part in _split(rows, runner.workers)]
        docs: list[dict[str, Any]] = []
        hs: list[np.ndarray] = []
        ds: list[np.ndarray] = []
        selfs: list[dict[str, Any]] = []
        for d, h, dd, s in runner.map(_index_job, jobs):
            docs += d
            hs.append(h)
            ds.append(dd)
            selfs += s
        with store.transaction():
            grams = pa.table({"h": np.concatenate(hs), "doc": np.concatenate(ds)})
            store.insert_arrow("reuse_ngrams", grams, on_conflict=None)
            for d in docs:
                d["state"] = "indexed"
            store.insert_arrow("reuse_docs", pa.Table.from_pylist(docs))
            if selfs:
                store.insert_arrow("alignments", pa.Table.from_pylist(selfs))
        prog.advance(task, len(rows))
    return todo.num_rows


def _pair(store: Any, settings: Settings) -> tuple[int, int]:
    con = store.con
    pending = con.execute("SELECT count(*) FROM reuse_docs WHERE state = 'indexed'").fetchall()[0]
    if not pending or not pending[0]:
        return 0, 0
    settled = con.execute("SELECT count(*) FROM reuse_docs WHERE state = 'paired'").fetchall()[0]
    with store.transaction():
        rechecked = 0
        has_crossing: Any = None
        if settled[0]:  # n-gram DF can only cross max_df for old pairs when old articles exist
            crossing_hashes(con, settings.max_ngram_df)
            has_crossing = con.execute("SELECT count(*) FROM reuse_crossing").fetchall()[0]
        if has_crossing and has_crossing[0]:
            rechecked = recheck_pairs(con, settings.max_ngram_df, settings.min_shared_ngrams)
        queued = insert_candidates(con, settings.max_ngram_df, settings.min_shared_ngrams)
        con.execute("UPDATE reuse_docs SET state = 'paired' WHERE state = 'indexed'")
    return queued, rechecked


def _align(store: Any, params: AlignParams, runner: _Runner, prog: Progress) -> int:
    con = store.con
    # All pending pairs at once (16 bytes a pair), in an order where each text's pairs lie
    # close together, so a text is prepared about once a run instead of once a chunk; each
    # chunk is still one transaction, and a rerun picks up the pairs not marked done.
    todo = con.execute("SELECT doc_a, doc_b FROM reuse_pairs WHERE NOT done").fetchnumpy()
    all_a = np.asarray(todo["doc_a"], dtype=np.int64)
    all_b = np.asarray(todo["doc_b"], dtype=np.int64)
    order = locality_order(all_a, all_b)
    all_a, all_b = all_a[order], all_b[order]
    task = prog.task("reuse: align", total=int(all_a.shape[0]))
    runner.size(int(all_a.shape[0]), MIN_ALIGN_PER_WORKER)
    rows_of = _DocRows(con)
    inline = Prepared(params)  # texts kept across chunks when aligning in this process
    for start in range(0, all_a.shape[0], ALIGN_CHUNK):
        chunk_a, chunk_b = all_a[start : start + ALIGN_CHUNK], all_b[start : start + ALIGN_CHUNK]
        pairs = list(zip(chunk_a.tolist(), chunk_b.tolist(), strict=True))
        texts = rows_of.texts(np.unique(np.concatenate([chunk_a, chunk_b])))
        parts = _split(pairs, runner.workers)
        here = runner.workers <= 1 or len(parts) <= 1
        jobs = [
            (part, {d: texts[d] for p in part for d in p}, params, inline if here else None)
            for part in parts
        ]
        rows: list[dict[str, Any]] = []
        for r in runner.map(_align_job, jobs):
            rows += r
        done = pa.table({"doc_a": chunk_a, "doc_b": chunk_b})
        with store.transaction():
            if rows:
                store.insert_arrow("alignments", pa.Table.from_pylist(rows))
            con.register("_reuse_done", done)
            con.execute(
                "UPDATE reuse_pairs SET done = true WHERE (doc_a, doc_b) IN (SELECT (doc_a, doc_b) FROM _reuse_done)"
            )
            con.unregister("_reuse_done")
        prog.advance(task, len(pairs))
    return int(all_a.shape[0])
