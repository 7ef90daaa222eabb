"""Read-side queries over the store: corpus statistics and one record by id.

>>> from copytrail.store import Store
>>> stats(Store(":memory:"))["pages"]
0
"""

from __future__ import annotations

import json
from typing import Any

from copytrail.store import Store
from copytrail.store.raw import unpack_raw

# Tables whose row counts `copytrail stats` reports when they exist (later stages add theirs).
COUNTED_TABLES = (
    "pages",
    "articles",
    "boilerplate",
    "errors",
    "links",
    "passages",
    "families",
    "site_edges",
    "claims",
)


def stats(store: Store) -> dict[str, Any]:
    """Counts per table, articles per site and page type, errors by reason."""
    out: dict[str, Any] = {t: store.count(t) for t in COUNTED_TABLES if store.has_table(t)}
    out["sites"] = (store.one("SELECT count(DISTINCT site) FROM articles") or (0,))[0]
    out["by_site"] = dict(
        store.con.execute(
            "SELECT site, count(*) FROM articles GROUP BY site ORDER BY count(*) DESC, site LIMIT 50"
        ).fetchall()
    )
    out["by_page_type"] = dict(
        store.con.execute(
            "SELECT page_type, count(*) FROM articles GROUP BY page_type ORDER BY page_type"
        ).fetchall()
    )
    out["errors_by_reason"] = dict(
        store.con.execute(
            "SELECT reason, count(*) FROM errors GROUP BY reason ORDER BY count(*) DESC, reason"
        ).fetchall()
    )
    out["date_sources"] = dict(
        store.con.execute(
            """SELECT coalesce(published_source, 'none'), count(*) FROM articles
               GROUP BY 1 ORDER BY 2 DESC"""
        ).fetchall()
    )
    return out


def _row_dict(store: Store, sql: str, params: list[Any]) -> dict[str, Any] | None:
    rows = store.con.sql(sql, params=params).to_arrow_table().to_pylist()
    return rows[0] if rows else None


def show(store: Store, ident: str) -> dict[str, Any] | None:
    """An article, a page, an error or a family by id (or an article by URL); None if unknown.

    Ids may be given as a unique prefix of at least 6 characters.
    """
    like = ident + "%"
    art = (
        _row_dict(
            store,
            """SELECT * EXCLUDE (raw_text, raw_paragraphs, removed) FROM articles
           WHERE article_id LIKE ? OR url = ? OR canonical_url = ? ORDER BY article_id LIMIT 1""",
            [like, ident, ident],
        )
        if len(ident) >= 6
        else None
    )
    if art is not None:
        art["kind_of_record"] = "article"
        art["paragraphs"] = json.loads(art["paragraphs"] or "[]")
        art["extra"] = json.loads(art["extra"] or "{}")
        art["sources"] = [
            {"source": s, "offset": o if o >= 0 else None}
            for s, o in store.con.execute(
                "SELECT source, source_offset FROM page_sources WHERE page_id = ? ORDER BY 1, 2",
                [art["page_id"]],
            ).fetchall()
        ]
        return art
    page = _row_dict(store, "SELECT * FROM pages WHERE page_id LIKE ? LIMIT 1", [like])
    if page is not None:
        raw = page.pop("raw")
        page["kind_of_record"] = "page"
        page["hints"] = json.loads(page["hints"] or "{}")
        page["raw_preview"] = (unpack_raw(raw) or b"")[:2000].decode("utf-8", "replace")
        return page
    err = _row_dict(store, "SELECT * FROM errors WHERE error_id LIKE ? LIMIT 1", [like])
    if err is not None:
        err["kind_of_record"] = "error"
        return err
    if store.has_table("families"):
        fam = _row_dict(store, "SELECT * FROM families WHERE family_id LIKE ? LIMIT 1", [like])
        if fam is not None:
            fam["kind_of_record"] = "family (see `copytrail show-family` for the witnesses)"
            return fam
    return None


def raw_page(store: Store, page_id: str) -> bytes | None:
    """The raw bytes of a page as read from its source."""
    row = store.one("SELECT raw FROM pages WHERE page_id = ?", [page_id])
    return unpack_raw(row[0]) if row else None
