"""Keep ``page_ids`` and ``site_ids`` current: at ingest, on removal, and by backfill.

Ingest calls :func:`batch_rows` on each batch of new pages (in the main process: the
extraction is a few regular expressions over bytes the batch already holds) and
:func:`record_page_ids` inside the batch's own transaction, so a page and its identifiers are
stored together or not at all. ``site_ids`` is updated from the batch alone (pages added,
first/last date widened) rather than recomputed, so the cost of a batch does not grow with
the store. :func:`forget_pages` removes pages and recomputes only the keys they touched.
:func:`backfill` scans pages stored before identifiers existed (or by an older extractor)
from ``pages.raw``.

>>> from copytrail.store import Store
>>> s = Store(":memory:")
>>> page = {"page_id": "p1", "site": "a.example", "url": "https://a.example/x", "fetched_at": None}
>>> found = batch_rows([(page, b"<script>gtag('config', 'GTM-K7Q2ZPD')</script>", "2026-03-01")])
>>> with s.transaction():
...     record_page_ids(s, *found)
>>> s.con.execute("SELECT site, kind, value, pages, first_seen FROM site_ids").fetchall()
[('a.example', 'gtm', 'GTM-K7Q2ZPD', 1, '2026-03-01')]
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from copytrail.ids import stable_id
from copytrail.model import Article, IngestError
from copytrail.progress import Progress
from copytrail.sites.identifiers import EXTRACTOR_VERSION, extract_identifiers
from copytrail.store import Store
from copytrail.store.raw import unpack_raw

_IDS_SCHEMA = pa.schema(
    [
        ("page_id", pa.string()),
        ("site", pa.string()),
        ("kind", pa.string()),
        ("value", pa.string()),
        ("source", pa.string()),
    ]
)
_STATE_SCHEMA = pa.schema(
    [("page_id", pa.string()), ("extractor", pa.string()), ("date", pa.string())]
)

# A listing or teaser carries other articles' dates; the page's own date is its article's.
_DATED_TYPES = frozenset({"article", "text", "post"})

BACKFILL_CHUNK = 500  # pages per backfill transaction


def page_date(result: Sequence[Article] | IngestError, fetched_at: str | None) -> str | None:
    """The date a page's identifiers count for: its article's published date, else its fetch date.

    >>> page_date([], "2026-01-02T00:00:00+00:00")
    '2026-01-02T00:00:00+00:00'
    """
    if not isinstance(result, IngestError):
        dates = [a.published for a in result if a.published and a.page_type in _DATED_TYPES]
        if dates:
            return min(dates)
    return fetched_at


def batch_rows(
    pages: Iterable[tuple[Mapping[str, Any], bytes, str | None]],
) -> tuple[pa.Table, pa.Table, list[dict[str, Any]]]:
    """(page_ids rows, page_ids_state rows, error rows) of pages given as (page row, raw body,
    date). The page row is the ``pages`` row as ingest writes it (``page_id``, ``site``, ``url``).

    A page whose extraction fails is one error row (reason ``identifiers-failed``) and is
    marked scanned; the batch goes on.
    """
    ids: list[dict[str, Any]] = []
    state: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for row, body, date in pages:
        pid, site = row["page_id"], row["site"]
        try:
            found = extract_identifiers(body, row["url"])
        except Exception as exc:  # a page must never stop its batch: it becomes an error row
            errors.append(_error_row(row, exc))
            found = []
        for kind, value, source in found:
            ids.append(
                {"page_id": pid, "site": site, "kind": kind, "value": value, "source": source}
            )
        state.append({"page_id": pid, "extractor": EXTRACTOR_VERSION, "date": date})
    ids_table = pa.Table.from_pylist(ids, schema=_IDS_SCHEMA)
    return ids_table, pa.Table.from_pylist(state, schema=_STATE_SCHEMA), errors


def _error_row(row: Mapping[str, Any], exc: Exception) -> dict[str, Any]:
    detail = f"identifier extraction failed: {type(exc).__name__}: {exc}"[:500]
    return {
        "error_id": stable_id(row["page_id"], "identifiers-failed", detail),
        "source": row.get("source") or row["url"],
        "location": row["url"],
        "reason": "identifiers-failed",
        "detail": detail,
        "first_seen": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def ingest_rows(
    page_rows: Sequence[Mapping[str, Any]],
    bodies: Sequence[bytes],
    results: Sequence[Sequence[Article] | IngestError],
) -> tuple[pa.Table, pa.Table, list[dict[str, Any]]]:
    """:func:`batch_rows` of one ingest batch: its page rows, raw bodies and extraction results."""
    return batch_rows(
        (row, body, page_date(res, row.get("fetched_at")))
        for row, body, res in zip(page_rows, bodies, results, strict=True)
    )


def record_page_ids(
    store: Store, ids: pa.Table, state: pa.Table, errors: Sequence[Mapping[str, Any]] = ()
) -> None:
    """Store a batch's identifiers (and error rows) and add it to ``site_ids``; call inside a
    transaction. Pages already scanned are skipped, so recording a batch twice changes nothing.
    """
    if errors:
        store.insert_arrow("errors", pa.Table.from_pylist([dict(e) for e in errors]))
    if state.num_rows == 0:
        return
    con = store.con
    con.register("_ids_state", state)
    con.register("_ids_rows", ids)
    try:
        # Only pages not scanned before count: a rerun must not count a page twice.
        con.execute(
            """CREATE OR REPLACE TEMP TABLE _ids_new AS
               SELECT DISTINCT n.* FROM _ids_state n
               WHERE n.page_id NOT IN (SELECT page_id FROM page_ids_state)"""
        )
        con.execute("INSERT INTO page_ids_state SELECT page_id, extractor, date FROM _ids_new")
        con.execute(
            """INSERT OR IGNORE INTO page_ids
               SELECT DISTINCT ON (r.page_id, r.kind, r.value) r.page_id, r.site, r.kind, r.value, r.source
               FROM _ids_rows r JOIN _ids_new n USING (page_id)"""
        )
        con.execute(
            """INSERT INTO site_ids
               SELECT r.site, r.kind, r.value, count(DISTINCT r.page_id), min(n.date), max(n.date)
               FROM _ids_rows r JOIN _ids_new n USING (page_id)
               WHERE r.site IS NOT NULL
               GROUP BY r.site, r.kind, r.value
               ON CONFLICT (site, kind, value) DO UPDATE SET
                   pages = site_ids.pages + excluded.pages,
                   first_seen = least(site_ids.first_seen, excluded.first_seen),
                   last_seen = greatest(site_ids.last_seen, excluded.last_seen)"""
        )
        con.execute("DROP TABLE _ids_new")
    finally:
        con.unregister("_ids_state")
        con.unregister("_ids_rows")


def forget_pages(store: Store, page_ids: Sequence[str]) -> int:
    """Remove pages' identifiers and recompute the ``site_ids`` rows they touched; call inside a
    transaction. Returns the number of ``site_ids`` keys recomputed."""
    if not page_ids:
        return 0
    con = store.con
    con.register("_ids_gone", pa.table({"page_id": pa.array(list(page_ids), pa.string())}))
    try:
        con.execute(
            """CREATE OR REPLACE TEMP TABLE _ids_keys AS
               SELECT DISTINCT site, kind, value FROM page_ids WHERE page_id IN (SELECT page_id FROM _ids_gone)"""
        )
        con.execute("DELETE FROM page_ids WHERE page_id IN (SELECT page_id FROM _ids_gone)")
        con.execute("DELETE FROM page_ids_state WHERE page_id IN (SELECT page_id FROM _ids_gone)")
        con.execute(
            """DELETE FROM site_ids WHERE (site, kind, value) IN (SELECT (site, kind, value) FROM _ids_keys)"""
        )
        con.execute(
            """INSERT INTO site_ids
               SELECT i.site, i.kind, i.value, count(DISTINCT i.page_id), min(s.date), max(s.date)
               FROM page_ids i JOIN _ids_keys k USING (site, kind, value)
               LEFT JOIN page_ids_state s USING (page_id)
               GROUP BY i.site, i.kind, i.value"""
        )
        row = con.execute("SELECT count(*) FROM _ids_keys").fetchone()
        con.execute("DROP TABLE _ids_keys")
    finally:
        con.unregister("_ids_gone")
    return int(row[0]) if row else 0


_TODO = """SELECT p.page_id, p.site, p.url, p.fetched_at, p.raw,
    (SELECT min(a.published) FROM articles a
     WHERE a.page_id = p.page_id AND a.published IS NOT NULL
       AND a.page_type IN ('article', 'text', 'post')) AS published
    FROM pages p LEFT JOIN page_ids_state s USING (page_id)
    WHERE s.page_id IS NULL OR s.extractor IS DISTINCT FROM ?
    ORDER BY p.page_id"""


def backfill(store: Store, progress: Progress | None = None) -> int:
    """Scan every page not scanned by this extractor version from ``pages.raw``; returns pages.

    Each chunk is one transaction, so an interrupted backfill resumes where it stopped.
    """
    total = store.one(
        "SELECT count(*) FROM pages p LEFT JOIN page_ids_state s USING (page_id) "
        "WHERE s.page_id IS NULL OR s.extractor IS DISTINCT FROM ?",
        [EXTRACTOR_VERSION],
    )
    todo = int(total[0]) if total else 0
    if not todo:
        return 0
    prog = progress or Progress(enabled=False)
    task = prog.task("sites: pages scanned for identifiers", total=todo)
    done = 0
    while True:
        rows = store.con.execute(_TODO + f" LIMIT {BACKFILL_CHUNK}", [EXTRACTOR_VERSION]).fetchall()
        if not rows:
            break
        items = []
        for pid, site, url, fetched_at, raw, published in rows:
            try:
                body = unpack_raw(raw) or b""
            except (zlib.error, ValueError):
                body = b""  # a damaged blob has no identifiers; the page is still marked scanned
            items.append(
                ({"page_id": pid, "site": site, "url": url}, body, published or fetched_at)
            )
        found = batch_rows(items)
        with store.transaction():
            forget_pages(store, [r[0] for r in rows])  # an older extractor's rows, if any
            record_page_ids(store, *found)
        done += len(rows)
        prog.advance(task, len(rows))
    return done
