"""Read-side queries and exports of the claims stage."""

from __future__ import annotations

from typing import Any

from copytrail.claims.speakers import canonical_speaker_key
from copytrail.export import register_export
from copytrail.store import Store

CLAIMS_EXPORT = """SELECT c.article_id AS article, c.kind, c.start_char AS "start",
    c.end_char AS "end", c.text, c.sentence, c.value, c.low, c.high, c.qualifier, c.unit,
    c.counted, c.change, c.speaker, c.speaker_key, c.source, c.cue, c.attribution_kind, c.site, c.url,
    c.published, c.published_source, c.family_id AS family, c.group_id AS "group", c.claim_id AS id
    FROM claims c ORDER BY c.site, c.url, c.start_char, c.kind"""

QUOTES_EXPORT = """SELECT c.article_id AS article, c.start_char AS "start", c.end_char AS "end",
    c.text, c.sentence, c.speaker, c.speaker_key, c.source, c.cue, c.attribution_kind AS kind,
    c.site, c.url, c.published, c.family_id AS family, c.group_id AS "group", c.claim_id AS id
    FROM claims c WHERE c.kind IN ('quote', 'attribution') ORDER BY c.speaker_key, c.published, c.url"""

CONFLICTS_EXPORT = """SELECT conflict_id AS conflict, counted_key AS counted, unit, claim_id AS claim,
    article_id AS article, value, low, high, qualifier, published, site, url, sentence
    FROM conflicts ORDER BY conflict_id, published NULLS LAST, claim_id"""

WARNINGS_EXPORT = """SELECT w.article_id AS article, a.url, a.site, w.kind, w.detail
    FROM claim_warnings w LEFT JOIN articles a USING (article_id) ORDER BY a.url, w.detail"""

register_export("claims", CLAIMS_EXPORT)
register_export("claim-warnings", WARNINGS_EXPORT)
register_export("quotes", QUOTES_EXPORT)
register_export("conflicts", CONFLICTS_EXPORT)


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    if not store.has_table("claims"):
        return []
    return store.con.sql(sql, params=params).to_arrow_table().to_pylist()


def figures(store: Store, counted: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Figures, optionally only those counting a word (matched against the counted noun)."""
    where = "kind = 'figure'"
    params: list[Any] = []
    if counted:
        where += " AND (counted ILIKE ? OR counted_key ILIKE ?)"
        params += [f"%{counted}%", f"%{counted}%"]
    return _rows(
        store,
        f"""SELECT value, low, high, qualifier, unit, counted, text, speaker, site, published,
                   url, group_id, claim_id FROM claims WHERE {where}
            ORDER BY counted_key, published NULLS LAST, url LIMIT {int(limit)}""",
        params,
    )


def quotes(store: Store, speaker: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Quotes and attributions, optionally of one speaker (any of their name variants).

    The name asked for is keyed like the speakers are, so "Mr. Halloran", "Mayor Victor
    Halloran" and "halloran" all find Victor Halloran.
    """
    where = "kind IN ('quote', 'attribution')"
    params: list[Any] = []
    if speaker:
        key = canonical_speaker_key(speaker) or speaker.lower()
        where += """ AND speaker_key IN (SELECT speaker_key FROM speakers
                    WHERE name ILIKE ? OR list_contains(variants, ?) OR speaker_key ILIKE ?)"""
        params += [f"%{speaker}%", speaker, f"%{key}%"]
    return _rows(
        store,
        f"""SELECT speaker, attribution_kind AS kind, text, cue, site, published, url, family_id,
                   group_id, claim_id FROM claims WHERE {where}
            ORDER BY speaker_key NULLS LAST, published NULLS LAST, url LIMIT {int(limit)}""",
        params,
    )


def conflicts(store: Store) -> list[dict[str, Any]]:
    """Conflicting figure groups, witnesses in date order."""
    if not store.has_table("conflicts"):
        return []
    return store.con.sql(
        """SELECT conflict_id, counted_key, unit, value, qualifier, published, site, url, sentence
           FROM conflicts ORDER BY conflict_id, published NULLS LAST, claim_id""").to_arrow_table().to_pylist()
