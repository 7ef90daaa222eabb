"""Read-side queries over the reuse tables for the CLI (``families``, ``show-family``)."""

from __future__ import annotations

from typing import Any

from copytrail.store import Store


def families(
    store: Store, site: str | None = None, min_witnesses: int = 2, limit: int = 100
) -> list[dict[str, Any]]:
    """Families, most witnesses first; optionally only those with a witness on ``site``."""
    if not store.has_table("families"):
        return []
    where = "f.witnesses >= ?"
    params: list[Any] = [min_witnesses]
    if site:
        where += " AND f.family_id IN (SELECT family_id FROM passages WHERE site = ?)"
        params.append(site)
    sql = f"""SELECT f.family_id AS family, f.witnesses, f.sites, f.first_date,
                     a.site AS earliest_site, f.date_status, f.banal, f.text
              FROM families f LEFT JOIN articles a ON a.article_id = f.earliest_article
              WHERE {where}
              ORDER BY f.witnesses DESC, f.family_id LIMIT {int(limit)}"""
    return store.con.sql(sql, params=params).to_arrow_table().to_pylist()


def resolve_family(store: Store, ident: str) -> str | None:
    """The family id for an id or a unique id prefix (at least 6 characters)."""
    if not store.has_table("families") or len(ident) < 6:
        return None
    rows = store.con.execute(
        "SELECT family_id FROM families WHERE family_id LIKE ? ORDER BY 1 LIMIT 2", [ident + "%"]
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None
