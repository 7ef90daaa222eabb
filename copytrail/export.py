"""Export store tables as JSON Lines, CSV or Parquet (and GEXF where a stage provides it).

Which exports exist is declared by each stage in :mod:`copytrail.stages`.

>>> import io
>>> export(Store(":memory:"), "errors", "csv", io.StringIO())
0
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from copytrail.store import Store
from copytrail.timestamps import typed_dates

FORMATS = ("jsonl", "csv", "parquet")

# The ingest stage's tables -> the query that exports each. Later stages declare theirs in
# :mod:`copytrail.stages`, which collects them all (this dict is the ingest stage's part).
CORE_EXPORTS: dict[str, str] = {
    "articles": """SELECT article_id AS id, url, canonical_url, source, site, title, authors,
        published, published_source, tags, language, page_type, series, series_part, links_to,
        item_index, page_id, text, paragraphs,
        json_extract_string(extra, '$.credited_url') AS credited_url,
        -- A page and its feed item share a URL: the canonical record is the one later stages
        -- read (corpus_articles); canonical_id names it on every record of that URL and item.
        article_id IN (SELECT article_id FROM corpus_articles) AS is_canonical,
        (SELECT min(c.article_id) FROM corpus_articles c
         WHERE coalesce(c.canonical_url, c.url, c.article_id)
               = coalesce(articles.canonical_url, articles.url, articles.article_id)
           AND c.item_index IS NOT DISTINCT FROM articles.item_index) AS canonical_id
        FROM articles ORDER BY site, url, item_index, article_id""",
    "pages": """SELECT page_id AS id, url, canonical_url, site, kind, content_type, fetched_at,
        status, content_hash, size, source, source_offset, hints
        FROM pages ORDER BY site, url, page_id""",
    "errors": """SELECT error_id AS id, source, location, reason, detail, first_seen
        FROM errors ORDER BY source, location, reason""",
    "boilerplate": "SELECT site, block_key, text, pages FROM boilerplate ORDER BY site, pages DESC",
    "links": "SELECT url, source, kind, hints FROM links ORDER BY url, source",
}

_JSON_COLUMNS = {"paragraphs", "hints"}


def export_names() -> list[str]:
    """Every export of every stage (:data:`copytrail.stages.STAGES`), sorted.

    >>> "passages" in export_names() and "conflicts" in export_names()
    True
    """
    from copytrail import stages  # stages reads CORE_EXPORTS from here

    return sorted(stages.exports())


def export_table(store: Store, what: str) -> pa.Table:
    """The rows of one export as an Arrow table.

    >>> export_table(Store(":memory:"), "errors").num_rows
    0
    """
    from copytrail import stages

    owner = stages.export_stage(what)  # ValueError naming the choices when unknown
    try:
        return store.con.sql(owner.exports[what]).to_arrow_table()
    except duckdb.CatalogException as exc:
        # A later stage's table before that stage ran: say which command makes it.
        raise ValueError(
            f"{what} is not in this store yet: run `copytrail {owner.name}` "
            f"(or `copytrail run`) first ({exc})".splitlines()[0]
        ) from exc


def _jsonl(table: pa.Table, fh: IO[str]) -> None:
    for batch in table.to_batches(max_chunksize=2048):
        for row in batch.to_pylist():
            for col in _JSON_COLUMNS & row.keys():
                if isinstance(row[col], str):
                    row[col] = json.loads(row[col])
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def export(store: Store, what: str, fmt: str, out: str | Path | IO[str]) -> int:
    """Write one export to ``out`` (a path, or a text stream for jsonl/csv); returns row count.

    >>> import io
    >>> from copytrail.store import Store
    >>> export(Store(":memory:"), "articles", "jsonl", io.StringIO())
    0
    """
    from copytrail import stages

    custom = stages.writer(what, fmt)
    if custom is not None:
        if not isinstance(out, (str, Path)):
            raise ValueError(f"{fmt} export needs a file path")
        return int(custom(store, Path(out)))
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    table = export_table(store, what)
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise ValueError("parquet export needs a file path (--out FILE)")
        pq.write_table(typed_dates(table), str(out))  # dates as UTC timestamps
    elif fmt == "jsonl":
        if isinstance(out, (str, Path)):
            with open(out, "w", encoding="utf-8") as fh:
                _jsonl(table, fh)
        else:
            _jsonl(table, out)
    else:
        flat = _flatten_lists(table)
        if isinstance(out, (str, Path)):
            pacsv.write_csv(flat, str(out))
        else:
            sink = pa.BufferOutputStream()
            pacsv.write_csv(flat, sink)
            out.write(sink.getvalue().to_pybytes().decode("utf-8"))
    return table.num_rows


def _flatten_lists(table: pa.Table) -> pa.Table:
    """CSV has no lists: join list columns with '; '."""
    cols: dict[str, Any] = {}
    for name in table.column_names:
        col = table.column(name)
        if pa.types.is_list(col.type) or pa.types.is_large_list(col.type):
            cols[name] = pa.array(["; ".join(v or []) for v in col.to_pylist()], pa.string())
        else:
            cols[name] = col
    return pa.table(cols)
