"""Read-side queries and exports of the claims stage.

The export queries are offered to ``copytrail export`` by the claims stage's declaration in
:mod:`copytrail.stages` (nothing registers itself on import).
"""

from __future__ import annotations

from typing import Any

from copytrail.claims.speakers import canonical_speaker_key
from copytrail.store import Store

CLAIMS_EXPORT = """SELECT c.article_id AS article, c.kind, c.start_char AS "start",
    c.end_char AS "end", c.text, c.sentence, c.value, c.low, c.high, c.qualifier, c.unit,
    c.counted, c.change, c.speaker, c.speaker_key, c.source, c.cue, c.attribution_kind, c.site, c.url,
    c.published, c.published_source, c.family_id AS family, c.group_id AS "group", c.claim_id AS id
    FROM claims c ORDER BY c.site, c.url, c.start_char, c.kind"""

# Belief frames ("the group wants …") are hidden kinds: the claims export keeps them, labelled.
QUOTES_EXPORT = """SELECT c.article_id AS article, c.start_char AS "start", c.end_char AS "end",
    c.text, c.sentence, c.speaker, c.speaker_key, c.source, c.cue, c.attribution_kind AS kind,
    c.site, c.url, c.published, c.family_id AS family, c.group_id AS "group", c.claim_id AS id
    FROM claims c WHERE c.kind IN ('quote', 'attribution') AND coalesce(c.attribution_kind, '') <> 'belief'
    ORDER BY c.speaker_key, c.published, c.url"""

# Copied figures changed ("copied, figure changed") before reports that differ: the strongest
# conflicts first. Stores made before conflict kinds existed have only the second kind.
KIND_ORDER = "CASE kind WHEN 'copied, figure changed' THEN 0 ELSE 1 END"

CONFLICTS_EXPORT = f"""SELECT conflict_id AS conflict, coalesce(kind, 'reports differ') AS kind,
    counted_key AS counted, unit, claim_id AS claim, article_id AS article, value, low, high,
    qualifier, text, context_before, context_after, published, site, url, sentence
    FROM conflicts ORDER BY {KIND_ORDER}, conflict_id, published NULLS LAST, claim_id"""

WARNINGS_EXPORT = """SELECT w.article_id AS article, a.url, a.site, w.kind, w.detail
    FROM claim_warnings w LEFT JOIN articles a USING (article_id) ORDER BY a.url, w.detail"""


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


def shown_text(kind: str | None, text: str) -> str:
    """How a quote or attribution is shown: only a direct quote between quote marks.

    A paraphrase (indirect, "according to") is shown as written, without marks; a mixed quote
    as written too, so only its verbatim part stands between the article's own marks.

    >>> shown_text("direct", "We will win,"), shown_text("indirect", "taxes would fall")
    ('“We will win,”', 'taxes would fall')
    >>> shown_text("mixed", 'the city would “do everything” to help')
    'the city would “do everything” to help'
    """
    return f"“{text}”" if kind == "direct" else text


def quotes(
    store: Store, speaker: str | None = None, limit: int = 200, hidden: bool = False
) -> list[dict[str, Any]]:
    """Quotes and attributions, optionally of one speaker (any of their name variants).

    The name asked for is keyed like the speakers are, so "Mr. Halloran", "Mayor Victor
    Halloran" and "halloran" all find Victor Halloran. ``shown`` is the text as a view shows it
    (:func:`shown_text`). Belief frames ("the group wants …") are left out unless ``hidden``.
    """
    where = "kind IN ('quote', 'attribution')"
    if not hidden:
        where += " AND coalesce(attribution_kind, '') <> 'belief'"
    params: list[Any] = []
    if speaker:
        key = canonical_speaker_key(speaker) or speaker.lower()
        where += """ AND speaker_key IN (SELECT speaker_key FROM speakers
                    WHERE name ILIKE ? OR list_contains(variants, ?) OR speaker_key ILIKE ?)"""
        params += [f"%{speaker}%", speaker, f"%{key}%"]
    rows = _rows(
        store,
        f"""SELECT speaker, attribution_kind AS kind, text, cue, site, published, url, family_id,
                   group_id, claim_id FROM claims WHERE {where}
            ORDER BY speaker_key NULLS LAST, published NULLS LAST, url LIMIT {int(limit)}""",
        params,
    )
    for r in rows:
        r["shown"] = shown_text(r["kind"], r["text"] or "")
    return rows


def conflicts(store: Store) -> list[dict[str, Any]]:
    """Conflicting figures, one row per witness: changed copies first, witnesses in date order.

    ``context`` is the copied words around the figure, the figure marked with brackets, for a
    changed copy ("leaked about [20,000] litres of"), else the figure's sentence.
    """
    if not store.has_table("conflicts"):
        return []
    return store.con.sql(
        f"""SELECT conflict_id, coalesce(kind, 'reports differ') AS kind, counted_key, unit, value,
                   qualifier, published, site, url,
                   CASE WHEN coalesce(context_before, '') <> '' OR coalesce(context_after, '') <> ''
                        THEN context_before || '[' || text || ']' || context_after
                        ELSE sentence END AS context
            FROM conflicts ORDER BY {KIND_ORDER}, conflict_id, published NULLS LAST, claim_id"""
    ).to_arrow_table().to_pylist()


def conflict_list(store: Store) -> list[dict[str, Any]]:
    """One row per conflict (changed copies first): its kind, what is counted, the values with
    how many witnesses give each, and the witnesses' sites in date order.

    ``copytrail conflicts`` prints this, so the count it shows is of conflicts, not witnesses.
    """
    rows = conflicts(store)
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        c = out.setdefault(r["conflict_id"], {
            "conflict_id": r["conflict_id"], "kind": r["kind"], "counted": r["counted_key"] or r["unit"] or "",
            "values": {}, "sites": [], "context": [],
        })
        value = _shown(r["value"], r["qualifier"])
        if r["context"] not in c["context"] and len(c["context"]) < 2:
            c["context"].append(r["context"])  # the first two ways the witnesses word it
        c["values"][value] = c["values"].get(value, 0) + 1
        if r["site"] not in c["sites"]:
            c["sites"].append(r["site"])
    for c in out.values():
        c["values"] = " / ".join(f"{v} ×{n}" if n > 1 else v for v, n in c["values"].items())
        c["sites"] = ", ".join(s or "?" for s in c["sites"])
        c["context"] = " | ".join(c["context"])
    return list(out.values())


def _shown(value: float | None, qualifier: str | None) -> str:
    """A value as a reader writes it ("about 2,000", "1.5").

    >>> _shown(2000.0, "approximately"), _shown(1.5, "exact"), _shown(None, None)
    ('about 2,000', '1.5', '?')
    """
    if value is None:
        return "?"
    text = f"{value:,.0f}" if value == int(value) else f"{value:,g}"
    qualifier = {"approximately": "about"}.get(qualifier or "", qualifier)
    return f"{qualifier} {text}" if qualifier and qualifier != "exact" else text
