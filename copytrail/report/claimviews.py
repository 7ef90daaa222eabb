"""The explorer's claims views: figures by counted noun, conflicts side by side, quotes by speaker.

Part of :mod:`copytrail.report.views` (importable from there as ``views.claims`` and
``views.conflicts``); kept apart so each module stays readable.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from copytrail.report.views import MISSING_CLAIMS, Corpus, Subset, _preview


def conflicts(c: Corpus, subset: Subset | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Figure conflicts, each with its disagreeing witnesses side by side; figures changed inside
    copies (kind "copied, figure changed", with the copied words around each figure) first.

    Stores made before conflict kinds existed show every conflict as "reports differ".
    """
    if not c.has("conflicts"):
        return []
    where, params = (subset or Subset()).article_where("k", c)
    cols = c.columns.get("conflicts", set())
    kind = "coalesce(k.kind, 'reports differ')" if "kind" in cols else "'reports differ'"
    extra = ", ".join(
        f"k.{col}" if col in cols else f"NULL AS {col}"
        for col in ("text", "context_before", "context_after")
    )
    rows = c.rows(
        f"""WITH keep AS (SELECT conflict_id, min(CASE {kind} WHEN 'copied, figure changed' THEN 0 ELSE 1 END) AS rank
                          FROM conflicts k WHERE {where} GROUP BY conflict_id
                          ORDER BY rank, conflict_id LIMIT ?)
            SELECT k.conflict_id, {kind} AS kind, keep.rank, k.counted_key, k.unit, k.claim_id,
                   k.article_id, k.value, k.low, k.high, k.qualifier, k.published, k.site, k.url,
                   k.sentence, {extra}
            FROM conflicts k JOIN keep USING (conflict_id)
            ORDER BY keep.rank, k.conflict_id, k.published NULLS LAST, k.claim_id""",
        [*params, limit],
    )
    grouped: dict[str, dict[str, Any]] = {}
    for r in rows:
        g = grouped.setdefault(
            r["conflict_id"],
            {
                "conflict_id": r["conflict_id"],
                "kind": r["kind"],
                "counted_key": r["counted_key"],
                "unit": r["unit"],
                "witnesses": [],
            },
        )
        g["witnesses"].append(
            {
                k: r[k]
                for k in (
                    "claim_id",
                    "article_id",
                    "value",
                    "low",
                    "high",
                    "qualifier",
                    "published",
                    "site",
                    "url",
                    "sentence",
                    "text",
                    "context_before",
                    "context_after",
                )
            }
        )
    return list(grouped.values())


def claims(c: Corpus, subset: Subset | None = None, limit: int = 30) -> dict[str, Any]:
    """Figures by counted noun (with conflicts) and quotes by speaker."""
    if not c.claims:
        return {"missing": MISSING_CLAIMS}
    where, params = (subset or Subset()).article_where("k", c)
    figures = c.rows(
        f"""SELECT counted_key, any_value(unit) AS unit, count(*) AS mentions,
                   count(DISTINCT value) AS values, min(value) AS min, max(value) AS max,
                   count(DISTINCT site) AS sites
            FROM claims k WHERE kind = 'figure' AND coalesce(counted_key, '') <> '' AND {where}
            GROUP BY counted_key ORDER BY mentions DESC, counted_key LIMIT ?""",
        [*params, limit],
    )
    speakers = c.rows(
        f"""SELECT coalesce(speaker_key, speaker) AS speaker_key, any_value(speaker) AS name,
                   count(*) AS quotes, count(DISTINCT site) AS sites
            FROM claims k WHERE kind = 'quote' AND coalesce(speaker_key, speaker) IS NOT NULL
              AND {where}
            GROUP BY 1 ORDER BY quotes DESC, 1 LIMIT ?""",
        [*params, limit],
    )
    keys = [s["speaker_key"] for s in speakers]
    # The first five quotes of each top speaker: pick ids with min_by (no sort of all quotes),
    # then read only those rows. The claim id breaks ties between equal dates.
    picked = (
        [
            cid
            for (ids,) in c.con.execute(
                f"""SELECT min_by(claim_id, coalesce(published, '9999') || claim_id, 5)
            FROM claims k WHERE kind = 'quote' AND {where}
              AND coalesce(speaker_key, speaker) IN (SELECT unnest(?))
            GROUP BY coalesce(speaker_key, speaker)""",
                [*params, keys],
            ).fetchall()
            for cid in ids
        ]
        if keys
        else []
    )
    quotes = (
        c.rows(
            """SELECT coalesce(speaker_key, speaker) AS speaker_key, claim_id, article_id, text, site,
                  published, attribution_kind AS kind
           FROM claims WHERE claim_id IN (SELECT unnest(?))
           ORDER BY speaker_key, coalesce(published, '9999'), claim_id""",
            [picked],
        )
        if picked
        else []
    )
    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in quotes:
        q["text"] = _preview(q["text"], 400)
        by_speaker[q.pop("speaker_key")].append(q)
    for s in speakers:
        s["examples"] = by_speaker.get(s["speaker_key"], [])
    return {"figures": figures, "conflicts": conflicts(c, subset, limit), "speakers": speakers}
