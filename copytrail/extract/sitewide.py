"""Site boilerplate in the store: learned from all of a site's stored articles, removed from
their text, the removed paragraphs kept (``articles.removed``) so the text as extracted can be
read back without a second copy.

Learning is a function of all of a site's pages (:func:`copytrail.extract.boilerplate.learn_boilerplate`),
so it runs after an ingest for every site whose pages changed (``sites_dirty``), streaming the
site's articles in chunks: memory stays bounded by the chunk, not the site.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import pyarrow as pa

from copytrail.extract.boilerplate import learn_boilerplate, split_boilerplate
from copytrail.model import Article, Paragraph
from copytrail.progress import Progress
from copytrail.settings import Settings
from copytrail.store import Store
from copytrail.store.articles import as_extracted

# Page types whose paragraphs are counted for site boilerplate: teasers legitimately repeat
# across listing pages and plain-text records have no site chrome.
BOILERPLATE_TYPES = ("article", "listing")


def paragraphs_json(paras: Sequence[Paragraph]) -> str:
    """Paragraph offsets as stored (``articles.paragraphs``).

    >>> paragraphs_json([Paragraph(0, 4, "h")])
    '[[0, 4, "h"]]'
    """
    return json.dumps([[p.start, p.end, p.kind] for p in paras])


_BP_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("text", pa.string()),
        ("paragraphs", pa.string()),
        ("removed", pa.string()),
    ]
)


def _article_from_row(row: tuple[Any, ...]) -> Article:
    article_id, url, site, page_type, *stored = row
    text, paras = as_extracted(*stored)
    return Article(url=url, site=site, page_type=page_type, text=text, paragraphs=paras)


_SITE_CHUNK = 2000


def _site_chunks(
    store: Store, site: str, types: str
) -> Iterator[list[tuple[str, str, Article, str | None]]]:
    """(article id, content hash, article as extracted, what its stored row says was removed)
    of one site, in chunks, from a separate cursor so the main connection can write while they
    are read. A row of an older store (its text stored twice) says ``"old"``."""
    cur = store.con.cursor()
    try:
        cur.execute(
            f"""SELECT article_id, url, site, page_type, text, paragraphs, removed, raw_text,
                       raw_paragraphs, content_hash
                FROM articles WHERE site = ? AND page_type IN ({types}) ORDER BY article_id""",
            [site],
        )
        while rows := cur.fetchmany(_SITE_CHUNK):
            yield [
                (r[0], r[-1], _article_from_row(r[:-1]), "old" if r[7] is not None else r[6])
                for r in rows
            ]
    finally:
        cur.close()


def _site_pages(store: Store, site: str, types: str) -> Iterator[tuple[str, list[str]]]:
    for chunk in _site_chunks(store, site, types):
        for _, chash, a, _ in chunk:
            yield chash, [a.text[p.start : p.end] for p in a.paragraphs]


def learn_site_boilerplate(
    store: Store, settings: Settings, progress: Progress | None = None
) -> tuple[int, int]:
    """Relearn boilerplate for every site whose pages changed; returns (sites, blocks).

    Learning is a function of all of a site's pages, so the result does not depend on the order
    or the batches in which they arrived. Each site is one transaction.
    """
    sites = [
        r[0] for r in store.con.execute("SELECT site FROM sites_dirty ORDER BY site").fetchall()
    ]
    prog = progress or Progress(enabled=False)
    task = prog.task("boilerplate: sites", total=len(sites))
    blocks_total = 0
    types = ", ".join(f"'{t}'" for t in BOILERPLATE_TYPES)
    for site in sites:
        blocks = learn_boilerplate(_site_pages(store, site, types), settings)
        keys = set(blocks)
        block_rows = [
            {"site": site, "block_key": k, "text": b.text, "pages": b.pages}
            for k, b in sorted(blocks.items())
        ]
        with store.transaction():
            # Stream the site's articles in chunks: memory stays bounded by the chunk, not the site.
            for chunk in _site_chunks(store, site, types):
                updates = []
                for aid, _, art, stored in chunk:
                    cleaned, removed = split_boilerplate(art, keys)
                    removed_json = json.dumps(removed) if removed else None
                    if removed_json == stored:
                        continue  # the text is already this: no write (DuckDB keeps old versions)
                    updates.append(
                        {
                            "article_id": aid,
                            "text": cleaned.text,
                            "paragraphs": paragraphs_json(cleaned.paragraphs),
                            "removed": removed_json,
                        }
                    )
                if not updates:
                    continue
                store.con.register("_bp_updates", pa.Table.from_pylist(updates, schema=_BP_SCHEMA))
                # Rows of an older store lose their second copy of the text as they are relearned.
                store.con.execute(
                    """UPDATE articles SET text = u.text, paragraphs = u.paragraphs,
                           removed = u.removed, raw_text = NULL, raw_paragraphs = NULL
                       FROM _bp_updates u WHERE articles.article_id = u.article_id"""
                )
                store.con.unregister("_bp_updates")
            store.con.execute("DELETE FROM boilerplate WHERE site = ?", [site])
            if block_rows:
                store.insert_arrow("boilerplate", pa.Table.from_pylist(block_rows))
            store.con.execute("DELETE FROM sites_dirty WHERE site = ?", [site])
        blocks_total += len(block_rows)
        prog.advance(task)
    return len(sites), blocks_total
