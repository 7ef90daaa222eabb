"""Site links with evidence: which pairs of sites are one operation, and why (issue #14).

For every pair of sites with something in common, :func:`compute_links` gathers three kinds of
evidence and gives the pair one label, never a bare score:

1. **shared identifiers** (``site_ids``), each weighted by its kind (an AdSense account is its
   owner's; a tag container is often an agency's, a theme is bought: ``data/links.json``) and by
   its rarity across the corpus (an id on 2 sites says far more than one on 40). An id that a
   site carries only on pages copied from another site that has it is the victim's, copied with
   its HTML by a scraper: it is evidence of copying, not of ownership, and is set aside;
2. **co-publication**: the reuse families whose copies appear on both sites within the corpus's
   own co-publication window (:mod:`copytrail.sites.timing`), uncredited, where the copies in
   the burst copy each other (two scrapers taking a third site's old page at the same minute
   each copy that site). Each burst of copies is worth ``1/(sites in the burst - 1)`` to each
   pair in it, so a closed set of three sites publishing together counts, and a story spreading
   to a dozen outlets barely does;
3. **credited copies**: a copy whose text credits its source ("(Wire) —", "first appeared on",
   "republished with permission", a Creative Commons notice, press-release boilerplate:
   ``data/links.json``), or whose page declares a cross-domain canonical to it
   (``articles.extra.credited_url``).

Labels, in this order: ``shared-owner`` (the same publisher named by both: disclosed),
``coordination`` (rare shared infrastructure, or repeated uncredited co-publication),
``syndication`` (one reprints the other with credit), ``none`` (something shared, but not enough).

>>> rarity(2, 100), rarity(50, 100), rarity(100, 100)
(1.0, 0.1772, 0.0)
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import combinations
from typing import Any

from copytrail.sites.timing import bursts, coordination_window
from copytrail.store import Store
from copytrail.store.articles import as_extracted
from copytrail.urls import site_of

LABELS = ("shared-owner", "coordination", "syndication", "none")
# Ad accounts are one account however they appear: ads.txt DIRECT lines name the AdSense one.
_ADSTXT_GOOGLE = re.compile(r"google\.com/(pub-\d+)$")


@cache
def link_data() -> dict[str, Any]:
    """The weights, credit phrases and thresholds of ``data/links.json``."""
    text = resources.files("copytrail.sites").joinpath("data/links.json").read_text("utf-8")
    return dict(json.loads(text))


@cache
def _credit_res() -> list[tuple[str, tuple[str, ...], re.Pattern[str]]]:
    data = link_data()
    pats = {k: v for k, v in data["credit_patterns"].items() if not k.startswith("_")}
    gates = data.get("credit_gates", {})
    return [(k, tuple(gates.get(k, ())), re.compile(v, re.I | re.M)) for k, v in pats.items()]


def credit_in(text: str) -> str | None:
    """The kind of credit a copy's text gives its source (searched at its top and bottom).

    >>> credit_in("(Meridian Wire) — The council met on Monday.")
    'wire-dateline'
    >>> credit_in("The council met.\\n\\nThis story first appeared on The Ashby Post.")
    'first-appeared'
    >>> credit_in("The council met on Monday (briefly) - and left.") is None
    True
    """
    for where in (text[:300], text[-500:]):
        low = where.lower()
        for kind, gates, pattern in _credit_res():
            # A pattern is tried only where one of its words is: most texts credit nothing.
            if (not gates or any(g in low for g in gates)) and pattern.search(where):
                return kind
    return None


def rarity(sites_with_id: int, sites: int) -> float:
    """How much sharing an id says, from how many of the corpus's sites carry it: 1 for 2 sites,
    falling with the log of its share of the corpus, 0 when every site has it."""
    if sites <= 2 or sites_with_id <= 2:
        return 1.0
    return round(max(0.0, min(1.0, math.log(sites / sites_with_id) / math.log(sites / 2))), 4)


def account_key(kind: str, value: str) -> tuple[str, str]:
    """One key per account: an ads.txt DIRECT line for Google is the AdSense account itself.

    >>> account_key("adstxt-direct", "google.com/pub-123"), account_key("gtm", "GTM-AB12")
    (('adsense', 'pub-123'), ('gtm', 'GTM-AB12'))
    """
    m = _ADSTXT_GOOGLE.match(value) if kind == "adstxt-direct" else None
    return ("adsense", m.group(1)) if m else (kind, value)


@dataclass
class PairEvidence:
    """Everything two sites share, in a form a reader can check."""

    ids: list[dict[str, Any]] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    copied_ids: list[dict[str, Any]] = field(default_factory=list)
    copub: list[dict[str, Any]] = field(default_factory=list)
    copies: dict[str, dict[str, Any]] = field(default_factory=dict)

    def id_score(self) -> float:
        # One account counts once, at its best reading (AdSense tag and its ads.txt line).
        best: dict[tuple[str, str], float] = {}
        for i in self.ids:
            key = account_key(i["kind"], i["value"])
            best[key] = max(best.get(key, 0.0), i["weight"])
        return round(sum(best.values()), 4)

    def copub_score(self) -> float:
        return round(sum(b["worth"] for b in self.copub), 4)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def own_ids(store: Store) -> tuple[dict[tuple[str, str], set[str]], list[tuple[str, ...]]]:
    """(kind, value) -> the sites that carry it themselves; and the (site, kind, value, source
    site) of ids a site carries only on pages copied from another site that has them."""
    # Before the reuse stage has run there are no passages, hence no copied pages.
    copies = (
        """SELECT DISTINCT a.page_id, pa.site AS src
            FROM passages p JOIN articles a USING (article_id)
            JOIN articles pa ON pa.article_id = p.copied_from_article
            WHERE pa.site IS NOT NULL AND pa.site <> a.site"""
        if store.has_table("passages")
        else "SELECT NULL::VARCHAR AS page_id, NULL::VARCHAR AS src WHERE false"
    )
    rows = store.con.execute(
        f"""WITH copies AS ({copies}),
        marked AS (
            SELECT i.site, i.kind, i.value, i.page_id, min(c.src) AS src
            FROM page_ids i LEFT JOIN copies c ON c.page_id = i.page_id
                AND EXISTS (SELECT 1 FROM site_ids s
                            WHERE s.site = c.src AND s.kind = i.kind AND s.value = i.value)
            WHERE i.site IS NOT NULL
            GROUP BY ALL)
        SELECT site, kind, value, count(*) FILTER (WHERE src IS NULL) AS own, min(src) AS src
        FROM marked GROUP BY site, kind, value"""
    ).fetchall()
    carriers: dict[tuple[str, str], set[str]] = defaultdict(set)
    copied: list[tuple[str, ...]] = []
    for site, kind, value, own, src in rows:
        if own:
            carriers[(kind, value)].add(site)
        elif src:
            copied.append((site, kind, value, src))
    return carriers, copied


def _id_evidence(store: Store, pairs: dict[tuple[str, str], PairEvidence]) -> int:
    """Shared ids (and copied ones) into ``pairs``; returns the number of sites with ids."""
    carriers, copied = own_ids(store)
    weights = link_data()["kind_weights"]
    limit = int(link_data()["thresholds"]["max_pair_sites"])
    n_sites = len({s for sites in carriers.values() for s in sites})
    for (kind, value), sites in carriers.items():
        if len(sites) < 2 or len(sites) > limit:
            continue
        r = rarity(len(sites), n_sites)
        for a, b in combinations(sorted(sites), 2):
            ev = pairs.setdefault((a, b), PairEvidence())
            if kind == "publisher":
                ev.publishers.append(value)
            w = round(float(weights.get(kind, 1.0)) * r, 4)
            ev.ids.append({"kind": kind, "value": value, "sites": len(sites), "weight": w})
    for site, kind, value, src in copied:
        ev = pairs.setdefault(_pair(site, src), PairEvidence())
        ev.copied_ids.append({"kind": kind, "value": value, "on": site, "copied_from": src})
    return n_sites


@dataclass
class Copy:
    """One dated (or undated) copy of a family on a site, as the reuse stage found it."""

    family: str
    site: str
    minutes: float | None
    parent_site: str | None
    parent_minutes: float | None
    credit: str | None


def load_copies(store: Store) -> list[Copy]:
    """Every non-banal, non-self-reuse passage with its time, parent site and credit."""
    rows = store.con.execute(
        """SELECT p.family_id, p.site,
            epoch(TRY_CAST(p.published AS TIMESTAMPTZ)) / 60,
            pa.site, epoch(TRY_CAST(coalesce(pp.published, pa.published) AS TIMESTAMPTZ)) / 60,
            p.article_id
        FROM passages p
        LEFT JOIN families f USING (family_id)
        LEFT JOIN passages pp ON pp.passage_id = p.copied_from_passage
        LEFT JOIN articles pa ON pa.article_id = p.copied_from_article
        WHERE p.site IS NOT NULL AND NOT coalesce(p.banal, false)
          AND NOT coalesce(f.banal, false) AND NOT coalesce(p.self_reuse, false)"""
    ).fetchall()
    credits = _credits(store)
    return [
        Copy(fam, site, t, psite, pt, credits.get(article))
        for fam, site, t, psite, pt, article in rows
    ]


def _credits(store: Store) -> dict[str, str | None]:
    """article id -> the credit it gives (a cross-domain canonical, else a credit phrase at its
    top or bottom), for the articles that carry passages."""
    # The text ends in their own query: read alongside the passage joins they cost ten times more.
    rows = store.con.execute(
        """SELECT article_id, site, json_extract_string(extra, '$.credited_url'),
            left(coalesce(raw_text, text, ''), 300), right(coalesce(raw_text, text, ''), 500),
            CASE WHEN removed IS NOT NULL THEN text END, CASE WHEN removed IS NOT NULL THEN paragraphs END, removed
        FROM articles WHERE article_id IN (SELECT article_id FROM passages)"""
    ).fetchall()
    out: dict[str, str | None] = {}
    for article, site, credited_url, top, bottom, text, paras, removed in rows:
        if removed:  # a credit line that site boilerplate removal took out still counts
            full = as_extracted(text, paras, removed)[0]
            top, bottom = full[:300], full[-500:]
        credited_site = site_of(credited_url) if credited_url else None
        if credited_site and credited_site != site:
            out[article] = f"canonical:{credited_site}"
        else:
            out[article] = credit_in(f"{top}\n{bottom}")
    return out


def _reprint_lags(copies: Iterable[Copy]) -> list[float]:
    return [
        c.minutes - c.parent_minutes
        for c in copies
        if c.parent_site and c.parent_site != c.site and c.minutes is not None
        and c.parent_minutes is not None and c.minutes >= c.parent_minutes
    ]  # fmt: skip


def _copy_evidence(copies: list[Copy], pairs: dict[tuple[str, str], PairEvidence]) -> None:
    """Who reprints whom: per direction, credited and uncredited copies and their lags."""
    for c in copies:
        if not c.parent_site or c.parent_site == c.site:
            continue
        ev = pairs.setdefault(_pair(c.site, c.parent_site), PairEvidence())
        d = ev.copies.setdefault(
            f"{c.site} from {c.parent_site}",
            {"credited": 0, "uncredited": 0, "credits": [], "lags_minutes": [], "families": []},
        )
        d["credited" if c.credit else "uncredited"] += 1
        if c.credit and c.credit not in d["credits"]:
            d["credits"].append(c.credit)
        if c.minutes is not None and c.parent_minutes is not None:
            d["lags_minutes"].append(round(c.minutes - c.parent_minutes, 1))
        if c.family not in d["families"]:
            d["families"].append(c.family)


def _copub_evidence(
    copies: list[Copy], window: float, pairs: dict[tuple[str, str], PairEvidence]
) -> None:
    """Uncredited bursts of co-publication within ``window`` minutes, per pair."""
    limit = int(link_data()["thresholds"]["max_family_sites"])
    by_family: dict[str, list[Copy]] = defaultdict(list)
    for c in copies:
        if c.minutes is not None:
            by_family[c.family].append(c)
    for fam, cs in by_family.items():
        credited = {c.site for c in cs if c.credit}
        first: dict[str, float] = {}
        parents: dict[str, set[str]] = defaultdict(set)
        for c in sorted(cs, key=lambda c: c.minutes or 0.0):
            first.setdefault(c.site, c.minutes or 0.0)
            if c.parent_site and c.parent_site != c.site:
                parents[c.site].add(c.parent_site)
        for burst in bursts(list(first.items()), window):
            if len(burst) < 2 or len(burst) > limit:
                continue
            # Only sites that copy each other inside the burst publish *together*: two sites
            # copying an older page of a third at the same minute each copy their source.
            inside = {s for s in burst if parents[s] & burst}
            inside |= {p for s in inside for p in parents[s] & burst}
            worth = 1 / (len(burst) - 1)
            for a, b in combinations(sorted(inside - credited), 2):
                ev = pairs.setdefault((a, b), PairEvidence())
                lag = round(abs(first[a] - first[b]), 1)
                ev.copub.append(
                    {"family": fam, "sites": len(burst), "lag_minutes": lag, "worth": worth}
                )


def label_of(ev: PairEvidence) -> str:
    """The pair's label from its evidence (the rules of the module docstring).

    >>> label_of(PairEvidence(publishers=["northgate media group"]))
    'shared-owner'
    >>> label_of(PairEvidence(ids=[{"kind": "gtm", "value": "GTM-A1", "sites": 9, "weight": 0.25}]))
    'none'
    """
    t = link_data()["thresholds"]
    if ev.publishers:
        return "shared-owner"
    if ev.id_score() >= t["id_link"]:
        return "coordination"
    if len(ev.copub) >= t["copub_bursts"] and ev.copub_score() >= t["copub_link"]:
        return "coordination"
    if any(d["credited"] for d in ev.copies.values()):
        return "syndication"
    return "none"


def score_of(ev: PairEvidence, label: str) -> float:
    """Strength of the evidence, 0..1 (disclosed ownership is 1): a reader's sort key."""
    if label == "shared-owner":
        return 1.0
    if label == "syndication":
        n = sum(d["credited"] for d in ev.copies.values())
        return round(1 - math.exp(-n / 2), 4)
    return round(1 - math.exp(-(ev.id_score() + ev.copub_score())), 4)


def evidence_json(ev: PairEvidence, window: float) -> dict[str, Any]:
    """The evidence as stored in ``site_links.evidence``."""
    out: dict[str, Any] = {}
    if ev.publishers:
        out["publishers"] = sorted(ev.publishers)
    if ev.ids:
        out["ids"] = sorted(ev.ids, key=lambda i: (-i["weight"], i["kind"], i["value"]))
        out["id_score"] = ev.id_score()
    if ev.copied_ids:
        out["copied_ids"] = ev.copied_ids
    if ev.copub:
        out["co_publication"] = {
            "bursts": len(ev.copub),
            "score": ev.copub_score(),
            "window_minutes": round(window, 1),
            "families": [
                {**b, "worth": round(b["worth"], 4)}
                for b in sorted(ev.copub, key=lambda b: (b["family"], b["lag_minutes"]))
            ],
        }
    if ev.copies:
        out["copies"] = ev.copies
    return out


@dataclass
class LinkResult:
    """The links of a store and the co-publication window they were judged with."""

    rows: list[tuple[str, str, str, float, str]]
    window_minutes: float
    sites: int


def compute_links(store: Store) -> LinkResult:
    """Every site pair with shared evidence: (site_a, site_b, label, score, evidence JSON)."""
    pairs: dict[tuple[str, str], PairEvidence] = {}
    n_sites = _id_evidence(store, pairs)
    copies = load_copies(store) if store.has_table("passages") else []
    window = coordination_window(_reprint_lags(copies))
    _copy_evidence(copies, pairs)
    _copub_evidence(copies, window, pairs)
    rows = []
    for (a, b), ev in sorted(pairs.items()):
        label = label_of(ev)
        rows.append((a, b, label, score_of(ev, label), json.dumps(evidence_json(ev, window))))
    return LinkResult(rows, window, n_sites)
