"""The main job: sources -> pages -> articles (-> later stages), into the store.

:func:`ingest` reads every source, extracts articles from pages the store does not have yet
(in worker processes), and writes each batch of pages, articles and error rows in one
transaction, so a crash or ``kill -9`` loses at most the batch in flight and a rerun completes
it without doubling anything. Site-level boilerplate is learned afterwards for every site whose
pages changed (:func:`learn_site_boilerplate` (:mod:`copytrail.extract.sitewide`)).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()) / "mysite"
>>> d.mkdir(); _ = (d / "note.txt").write_text("A plain text note.")
>>> from copytrail.store import Store
>>> s = Store(":memory:")
>>> ingest([str(d)], Settings(workers=1, progress=False), s).articles_new
1
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from copytrail.extract.sitewide import BOILERPLATE_TYPES as _BOILERPLATE_TYPES
from copytrail.extract.sitewide import learn_site_boilerplate, paragraphs_json
from copytrail.ids import content_hash, stable_id
from copytrail.isolation import shared_pool
from copytrail.model import Article, IngestError, LinkRecord, RawPage
from copytrail.progress import Progress
from copytrail.settings import Settings
from copytrail.sites import index as page_ids
from copytrail.sources import iter_source
from copytrail.store import Store
from copytrail.store.raw import pack_raw
from copytrail.urls import canonical_url, site_of
from copytrail.workers import workers_for


@dataclass
class IngestSummary:
    """What one ingest did; printed by the CLI and stored in the ``runs`` table."""

    sources: list[str]
    records: int = 0
    pages_new: int = 0
    pages_known: int = 0
    articles_new: int = 0
    links: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)  # archive records that are not pages
    sites_relearned: int = 0
    boilerplate_blocks: int = 0
    seconds: float = 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "sources": self.sources,
            "records": self.records,
            "pages_new": self.pages_new,
            "pages_known": self.pages_known,
            "articles_new": self.articles_new,
            "links": self.links,
            "errors": dict(sorted(self.errors.items())),
            "skipped": dict(sorted(self.skipped.items())),
            "sites_relearned": self.sites_relearned,
            "boilerplate_blocks": self.boilerplate_blocks,
            "seconds": round(self.seconds, 3),
        }


def page_id_of(page: RawPage, chash: str | None = None) -> str:
    """Stable page id: hash of the canonical URL and the content (hash, if already known)."""
    return stable_id(canonical_url(page.url), chash or content_hash(page.body))


def article_id_of(page_id: str, item_index: int) -> str:
    return stable_id(page_id, item_index)


def iter_inputs(
    sources: Sequence[str], settings: Settings, skipped: Counter[str] | None = None
) -> Iterator[RawPage | LinkRecord | IngestError]:
    """Every record of every source, in the order given (non-page records counted in skipped)."""
    for src in sources:
        yield from iter_source(src, settings, skipped)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _Extractor:
    """Ordered extraction of pages in isolated worker processes (:mod:`copytrail.isolation`).

    A page that raises, runs past ``extract_timeout``, needs more than ``worker_memory_mb``
    or kills its worker is that page's error row; the batch and the ingest go on. The pool
    is the process's shared one, so its workers (and their imports) outlive one ingest.
    """

    # With automatic workers, a second worker starts once the ingest has read this many pages
    # per worker: a small corpus is extracted faster by one worker than by two that must start.
    MIN_PAGES_PER_WORKER = 200

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.seen = 0
        shared_pool(settings).prestart()

    def submit(self, pages: Sequence[RawPage]) -> Callable[[], list[list[Article] | IngestError]]:
        """Start extracting; the returned function waits for the results, in page order.

        Extraction runs in the workers while the caller writes the previous batch.
        """
        self.seen += len(pages)
        pool = shared_pool(self.settings)
        pool.grow(workers_for(self.settings, self.seen, self.MIN_PAGES_PER_WORKER))
        return pool.submit(pages, self.settings)

    def close(self) -> None:
        """Nothing to do: the shared pool lets idle workers go by itself."""


def _batches(
    items: Iterable[RawPage | LinkRecord | IngestError], size: int
) -> Iterator[list[RawPage | LinkRecord | IngestError]]:
    batch: list[RawPage | LinkRecord | IngestError] = []
    pages = 0
    for item in items:
        batch.append(item)
        if isinstance(item, RawPage):
            pages += 1
        if pages >= size or len(batch) >= size * 4:
            yield batch
            batch, pages = [], 0
    if batch:
        yield batch


def _error_row(err: IngestError, now: str) -> dict[str, Any]:
    return {
        "error_id": stable_id(err.source, err.location, err.reason, err.detail),
        "source": err.source,
        "location": err.location,
        "reason": err.reason,
        "detail": err.detail,
        "first_seen": now,
    }


def _page_site(page: RawPage) -> str:
    return page.site or site_of(canonical_url(page.url)) or ""


def _page_row(page: RawPage, pid: str, chash: str, keep_raw: bool = True) -> dict[str, Any]:
    return {
        "page_id": pid,
        "url": page.url,
        "canonical_url": canonical_url(page.url),
        "site": _page_site(page),
        "kind": page.kind,
        "content_type": page.content_type,
        "fetched_at": page.fetched_at,
        "status": page.status,
        "content_hash": chash,
        "size": len(page.body),
        "raw": pack_raw(page.body) if keep_raw else None,
        "hints": json.dumps(dict(page.hints), default=str, sort_keys=True),
        "source": page.source,
        "source_offset": page.source_offset,
    }


def _article_row(a: Article, pid: str, page: RawPage, chash: str) -> dict[str, Any]:
    paras = paragraphs_json(a.paragraphs)
    return {
        "article_id": article_id_of(pid, a.item_index),
        "page_id": pid,
        "url": a.url,
        "canonical_url": a.canonical_url,
        "site": a.site,
        "page_type": a.page_type,
        "item_index": a.item_index,
        "title": a.title,
        "authors": list(a.authors),
        "published": a.published,
        "published_source": a.published_source,
        "language": a.language,
        "tags": list(a.tags),
        "series": a.series,
        "series_part": a.series_part,
        "links_to": a.links_to,
        # The text once: as extracted until site boilerplate is learned, then without it, with
        # the paragraphs removed in ``removed`` (raw_text/raw_paragraphs stay NULL; stores
        # written before schema 2 hold a second copy there, still read).
        "text": a.text,
        "paragraphs": paras,
        "source": page.source,
        "content_hash": chash,
        "extra": json.dumps(dict(a.extra), default=str, sort_keys=True),
    }


_ARTICLE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("page_id", pa.string()),
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("site", pa.string()),
        ("page_type", pa.string()),
        ("item_index", pa.int32()),
        ("title", pa.string()),
        ("authors", pa.list_(pa.string())),
        ("published", pa.string()),
        ("published_source", pa.string()),
        ("language", pa.string()),
        ("tags", pa.list_(pa.string())),
        ("series", pa.string()),
        ("series_part", pa.int32()),
        ("links_to", pa.string()),
        ("text", pa.string()),
        ("paragraphs", pa.string()),
        ("source", pa.string()),
        ("content_hash", pa.string()),
        ("extra", pa.string()),
    ]
)
_PAGE_SCHEMA = pa.schema(
    [
        ("page_id", pa.string()),
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("site", pa.string()),
        ("kind", pa.string()),
        ("content_type", pa.string()),
        ("fetched_at", pa.string()),
        ("status", pa.int32()),
        ("content_hash", pa.string()),
        ("size", pa.int64()),
        ("raw", pa.binary()),
        ("hints", pa.string()),
        ("source", pa.string()),
        ("source_offset", pa.int64()),
    ]
)


def _known_page_ids(store: Store, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    tbl = pa.table({"page_id": pa.array(ids, pa.string())})
    store.con.register("_probe_ids", tbl)
    try:
        rows = store.con.execute(
            "SELECT p.page_id FROM pages p JOIN _probe_ids i USING (page_id)"
        ).fetchall()
    finally:
        store.con.unregister("_probe_ids")
    return {r[0] for r in rows}


@dataclass
class _Prepared:
    """A batch whose new pages are being extracted."""

    batch: list[RawPage | LinkRecord | IngestError]
    keyed: list[tuple[RawPage, str, str]]
    todo: dict[str, tuple[RawPage, str]]
    results: Callable[[], list[list[Article] | IngestError]]
    keep_raw: bool = True


def _prepare_batch(
    store: Store,
    batch: list[RawPage | LinkRecord | IngestError],
    extractor: _Extractor,
    summary: IngestSummary,
    in_flight: set[str],
) -> _Prepared:
    pages = [x for x in batch if isinstance(x, RawPage)]
    hashes = [content_hash(p.body) for p in pages]
    keyed = [(p, page_id_of(p, h), h) for p, h in zip(pages, hashes, strict=True)]
    # Pages of the batch still being written count as known: extracted once, stored once.
    known = _known_page_ids(store, sorted({pid for _, pid, _ in keyed})) | in_flight
    todo: dict[str, tuple[RawPage, str]] = {}
    for page, pid, chash in keyed:
        if pid not in known and pid not in todo:
            todo[pid] = (page, chash)
    summary.pages_known += len(keyed) - len(todo)
    results = extractor.submit([p for p, _ in todo.values()])
    return _Prepared(batch, keyed, todo, results, extractor.settings.keep_raw_html)


def _write_batch(store: Store, prep: _Prepared, summary: IngestSummary) -> None:
    """Store one batch's pages, articles, sources, links and errors in one transaction.

    Should the store refuse the batch (a value it cannot take), it is stored page by page and
    the page it refuses becomes a ``store-failed`` error row: one bad record, one error row.
    """
    now = _now()
    batch, keyed, todo = prep.batch, prep.keyed, prep.todo
    store_raw = prep.keep_raw
    results = prep.results()
    units: list[_Unit] = []
    error_rows = [_error_row(e, now) for e in batch if isinstance(e, IngestError)]
    for e in batch:
        if isinstance(e, IngestError):
            summary.errors[e.reason] += 1
    for (pid, (page, chash)), result in zip(todo.items(), results, strict=True):
        unit = _Unit(page, _page_row(page, pid, chash, store_raw), result)
        units.append(unit)
        if isinstance(result, IngestError):
            unit.errors.append(_error_row(result, now))
            summary.errors[result.reason] += 1
            continue
        if not result:
            err = IngestError(page.source, "no-content", "no article text found", page.url)
            unit.errors.append(_error_row(err, now))
            summary.errors[err.reason] += 1
        for art in result:
            unit.articles.append(_article_row(art, pid, page, chash))
            if art.page_type in _BOILERPLATE_TYPES and art.site:
                unit.dirty.add(art.site)
    source_rows = [
        {
            "page_id": pid,
            "source": p.source,
            "source_offset": p.source_offset if p.source_offset is not None else -1,
        }
        for p, pid, _ in keyed
    ]
    link_rows = [
        {
            "url": x.url,
            "source": x.source,
            "kind": x.kind,
            "hints": json.dumps(dict(x.hints), default=str, sort_keys=True),
        }
        for x in batch
        if isinstance(x, LinkRecord)
    ]
    try:
        _insert(store, units, source_rows, error_rows, link_rows)
        stored = units
    except _STORE_ERRORS as exc:
        if interrupted(exc):
            raise
        stored = _insert_one_by_one(store, units, source_rows, error_rows, link_rows, summary)
    summary.records += len(batch)
    summary.pages_new += len(stored)
    summary.articles_new += sum(len(u.articles) for u in stored)
    summary.links += len(link_rows)


@dataclass
class _Unit:
    """One new page of a batch and the rows it gives."""

    page: RawPage
    row: dict[str, Any]
    result: list[Article] | IngestError
    articles: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    dirty: set[str] = field(default_factory=set)


# What the store or Arrow raise for a value they cannot take (text that is not UTF-8, a number
# out of range ...); anything else is a bug or a broken store and stops the ingest.
_STORE_ERRORS = (duckdb.Error, pa.ArrowException, UnicodeError, ValueError, OverflowError)


def interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is Ctrl-C, also when DuckDB turned it into one of its own errors
    ("Query interrupted", "... failed: KeyboardInterrupt"): never a record's fault.

    >>> interrupted(KeyboardInterrupt()), interrupted(ValueError("bad date"))
    (True, False)
    """
    return isinstance(exc, KeyboardInterrupt | duckdb.InterruptException) or (
        isinstance(exc, duckdb.Error | RuntimeError) and "interrupt" in str(exc).lower()
    )


def _insert(
    store: Store,
    units: Sequence[_Unit],
    source_rows: list[dict[str, Any]],
    error_rows: list[dict[str, Any]],
    link_rows: list[dict[str, Any]],
) -> None:
    """Rows of some pages (and of the batch) in one transaction: all stored, or none."""
    page_rows = [u.row for u in units]
    article_rows = [a for u in units for a in u.articles]
    errors = error_rows + [e for u in units for e in u.errors]
    dirty = set().union(*(u.dirty for u in units)) if units else set()
    # Identifiers of the new pages (page_ids, site_ids), stored in the same transaction.
    ids = page_ids.ingest_rows(page_rows, [u.page.body for u in units], [u.result for u in units])
    with store.transaction():
        store.insert_arrow("pages", pa.Table.from_pylist(page_rows, schema=_PAGE_SCHEMA))
        store.insert_arrow("articles", pa.Table.from_pylist(article_rows, schema=_ARTICLE_SCHEMA))
        if source_rows:
            store.insert_arrow("page_sources", pa.Table.from_pylist(source_rows))
        if errors:
            store.insert_arrow("errors", pa.Table.from_pylist(errors))
        if link_rows:
            store.insert_arrow("links", pa.Table.from_pylist(link_rows))
        if dirty:
            store.insert_arrow("sites_dirty", pa.table({"site": sorted(dirty)}))
        page_ids.record_page_ids(store, *ids)


def _storable(text: str | None) -> str | None:
    return None if text is None else text.encode("utf-8", "replace").decode("utf-8")


def _insert_one_by_one(
    store: Store,
    units: Sequence[_Unit],
    source_rows: list[dict[str, Any]],
    error_rows: list[dict[str, Any]],
    link_rows: list[dict[str, Any]],
    summary: IngestSummary,
) -> list[_Unit]:
    """The batch the store refused, page by page (then each other row); returns the pages
    stored. What the store refuses becomes a ``store-failed`` error row."""
    stored: list[_Unit] = []
    now = _now()

    def refused(source: str, location: str | None, exc: Exception) -> None:
        detail = _storable(f"{type(exc).__name__}: {exc}") or ""
        err = IngestError(
            _storable(source) or "", "store-failed", detail[:500], _storable(location)
        )
        summary.errors[err.reason] += 1
        with store.transaction():
            store.insert_arrow("errors", pa.Table.from_pylist([_error_row(err, now)]))

    for unit in units:
        pid = unit.row["page_id"]
        own = [r for r in source_rows if r["page_id"] == pid]
        try:
            _insert(store, [unit], own, [], [])
            stored.append(unit)
        except _STORE_ERRORS as exc:
            if interrupted(exc):
                raise
            refused(unit.page.source, unit.page.url, exc)
    new = {u.row["page_id"] for u in units}
    rest: list[tuple[str, dict[str, Any], str, str | None]] = [
        ("page_sources", r, str(r["source"]), None) for r in source_rows if r["page_id"] not in new
    ]
    rest += [("errors", r, str(r["source"]), r["location"]) for r in error_rows]
    rest += [("links", r, str(r["source"]), str(r["url"])) for r in link_rows]
    for table, row, source, location in rest:
        try:
            with store.transaction():
                store.insert_arrow(table, pa.Table.from_pylist([row]))
        except _STORE_ERRORS as exc:
            if interrupted(exc):
                raise
            refused(source, location, exc)
    return stored


def ingest(
    sources: Sequence[str],
    settings: Settings,
    store: Store,
    progress: Progress | None = None,
) -> IngestSummary:
    """Read sources into the store; idempotent and resumable (see module docstring)."""
    started = time.perf_counter()
    summary = IngestSummary(sources=list(sources))
    extractor = _Extractor(settings)
    prog = progress or Progress(enabled=False)
    task = prog.task("ingest: pages read", total=None)
    pending: _Prepared | None = None
    with store.bulk_load():
        try:
            inputs = iter_inputs(sources, settings, summary.skipped)
            for batch in _batches(inputs, settings.batch_size):
                # Start extracting this batch, then write the previous one while workers run.
                in_flight = set(pending.todo) if pending else set()
                prepared = _prepare_batch(store, batch, extractor, summary, in_flight)
                if pending is not None:
                    _write_batch(store, pending, summary)
                    prog.advance(task, len(pending.batch))
                pending = prepared
            if pending is not None:
                _write_batch(store, pending, summary)
                prog.advance(task, len(pending.batch))
        finally:
            extractor.close()
        if settings.boilerplate:
            n_sites, n_blocks = learn_site_boilerplate(store, settings, prog)
            summary.sites_relearned, summary.boilerplate_blocks = n_sites, n_blocks
    summary.seconds = time.perf_counter() - started
    _record_run(store, "ingest", summary.as_dict())
    return summary


def _record_run(store: Store, command: str, summary: dict[str, Any]) -> None:
    now = _now()
    with store.transaction():
        store.con.execute(
            "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?)",
            [
                stable_id(command, now, json.dumps(summary, sort_keys=True)),
                command,
                now,
                now,
                json.dumps(summary),
            ],
        )


def record_errors(store: Store, errors: Iterable[IngestError]) -> None:
    """Store error rows found outside ingest (e.g. by fetch); idempotent."""
    now = _now()
    rows = [_error_row(e, now) for e in errors]
    if rows:
        with store.transaction():
            store.insert_arrow("errors", pa.Table.from_pylist(rows))
