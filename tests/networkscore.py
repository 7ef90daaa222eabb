"""Scores of a store against a network scenario's truth (:mod:`networkgen`).

* :func:`score_ids` — identifier extraction: per page, the (kind, value) pairs in ``page_ids``
  against the truth's, as recall and precision overall and per kind, with the misses.
* :func:`score_links` — site links and networks, read from ``site_links(site_a, site_b, label,
  score, evidence)`` (``site_a < site_b``; label syndication / shared-owner / coordination /
  none) and ``networks(network_id, site, label)``: pairwise precision/recall of networks (two
  sites are a predicted pair when one network holds both), shared-owner recall (the truth's
  disclosed-group pairs labelled ``shared-owner``), coordination-pair recall, wire pairs
  labelled ``coordination`` (must be 0), trap pairs linked (labelled ``coordination`` or
  ``shared-owner``, or put in one network; must be 0), with the offending pairs listed.

>>> r = ratio(3, 4)
>>> r
0.75
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

from copytrail.store import Store

LINKING_LABELS = ("coordination", "shared-owner")


def ratio(num: int, den: int) -> float:
    """``num / den``, 1.0 when there is nothing to find."""
    return round(num / den, 4) if den else 1.0


def page_paths(store: Store, truth: dict[str, Any]) -> dict[str, str]:
    """Store page id -> truth page path (the file's path under ``corpus/``)."""
    out = {}
    for pid, source in store.con.execute("SELECT page_id, source FROM pages").fetchall():
        norm = (source or "").replace("\\", "/")
        rel = norm.split("/corpus/", 1)[-1]
        if rel in truth["pages"]:
            out[pid] = rel
    return out


def score_ids(store: Store, truth: dict[str, Any]) -> dict[str, Any]:
    """Recall/precision of ``page_ids`` against the truth, overall and per kind."""
    paths = page_paths(store, truth)
    found: dict[str, set[tuple[str, str]]] = {path: set() for path in paths.values()}
    for pid, kind, value in store.con.execute(
        "SELECT page_id, kind, value FROM page_ids"
    ).fetchall():
        if pid in paths:
            found[paths[pid]].add((kind, value))
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses: list[dict[str, str]] = []
    for path, page in truth["pages"].items():
        want = {(k, v) for k, v in page["ids"]}
        got = found.get(path, set())
        if path not in found:
            misses.append({"page": path, "problem": "page not in store"})
        for k, _v in want & got:
            tp[k] += 1
        for k, v in want - got:
            fn[k] += 1
            misses.append({"page": path, "problem": "missed", "kind": k, "value": v})
        for k, v in got - want:
            fp[k] += 1
            misses.append({"page": path, "problem": "spurious", "kind": k, "value": v})
    kinds = sorted(set(tp) | set(fp) | set(fn))
    per_kind = {
        k: {"tp": tp[k], "fp": fp[k], "fn": fn[k], "recall": ratio(tp[k], tp[k] + fn[k]),
            "precision": ratio(tp[k], tp[k] + fp[k])}
        for k in kinds
    }  # fmt: skip
    t, f_p, f_n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    return {"recall": ratio(t, t + f_n), "precision": ratio(t, t + f_p), "tp": t, "fp": f_p, "fn": f_n,
            "pages": len(truth["pages"]), "pages_found": len(found), "kinds": per_kind, "misses": misses}  # fmt: skip


def _pairs(rows: list[tuple[Any, ...]]) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for a, b, label in rows:
        out[(min(a, b), max(a, b))] = label
    return out


def score_links(store: Store, truth: dict[str, Any]) -> dict[str, Any]:
    """Network and link scores of ``site_links``/``networks`` against the truth."""
    labels = _pairs(store.con.execute("SELECT site_a, site_b, label FROM site_links").fetchall())
    members: dict[str, set[str]] = {}
    for net, site in store.con.execute("SELECT network_id, site FROM networks").fetchall():
        members.setdefault(str(net), set()).add(site)
    predicted = {
        tuple(sorted(p)) for sites in members.values() for p in combinations(sorted(sites), 2)
    }
    actual = {tuple(sorted(p)) for n in truth["networks"] for p in combinations(n["sites"], 2)}
    owner = [tuple(sorted(p)) for p in truth["shared_owner_pairs"]]
    coord = [tuple(sorted(p)) for p in truth["coordination_pairs"]]
    wire_bad = [
        p
        for p in map(lambda x: tuple(sorted(x)), truth["wire_pairs"])
        if labels.get(p) == "coordination"
    ]
    trap_bad = [
        {"pair": list(t["pair"]), "trap": t["trap"], "label": labels.get(tuple(sorted(t["pair"]))),
         "same_network": tuple(sorted(t["pair"])) in predicted}
        for t in truth["trap_pairs"]
        if labels.get(tuple(sorted(t["pair"]))) in LINKING_LABELS or tuple(sorted(t["pair"])) in predicted
    ]  # fmt: skip
    hit = len(predicted & actual)
    return {
        "network_precision": ratio(hit, len(predicted)),
        "network_recall": ratio(hit, len(actual)),
        "shared_owner_recall": ratio(
            sum(labels.get(p) == "shared-owner" for p in owner), len(owner)
        ),
        "coordination_recall": ratio(
            sum(labels.get(p) == "coordination" for p in coord), len(coord)
        ),
        "wire_pairs": len(truth["wire_pairs"]),
        "wire_as_coordination": len(wire_bad),
        "trap_pairs": len(truth["trap_pairs"]),
        "trap_pairs_linked": len(trap_bad),
        "missed_network_pairs": sorted(actual - predicted),
        "spurious_network_pairs": sorted(predicted - actual),
        "wire_mislabelled": wire_bad,
        "traps_linked": trap_bad,
    }
