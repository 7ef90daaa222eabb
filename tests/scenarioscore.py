"""Score copytrail's reuse conclusions on a scenario corpus (:mod:`scenariogen`) against its truth.

``run_pipeline(corpus, store_path)`` runs the real stages (ingest, reuse, claims) on a fresh DuckDB
store; ``score(store, truth)`` reads what the store concluded and compares, per language:

* ``parent``: share of planted copies whose reprint passage (the one over the planted copy)
  names the true parent article in ``copied_from``;
* ``earliest``: share of planted families whose reported family (the one holding most of its
  witnesses) has the true earliest article;
* ``bounds_src`` / ``bounds_copy``: share of planted copies whose alignment with the parent
  starts and ends within :data:`TOLERANCE` characters of the planted text, on the parent's side
  and on the reprint's side (alignments of the pair over the planted text are merged);
* ``complete``: mean share of a planted family's witnesses found in its reported family;
* ``impure``: reported (non-banal) families whose articles are not all witnesses of one planted
  family (unrelated articles, banal disclaimers and the two originals of a composite must not
  be joined); ``impure_disclaimer`` counts those of them holding a planted banal disclaimer;
* ``conflict_recall``: share of planted figure changes inside copies found as a conflict
  between the changed copy and a witness with the original value; ``conflict_fp``: conflict
  groups within one planted family that match no planted change; ``conflict_precision``: the
  share of those groups that match one. Conflicts between articles of different families are
  counted apart (``other_conflicts``), as they are not conflicts in copies.

The scorer reads columns by name and tolerates additions: a composite's per-part parents
(``parent_parts``) are used when present, and the kinds of matched conflicts are reported
(``conflict_kinds``, e.g. "copied, figure changed"). ``misses`` lists every planted copy with
a wrong parent or inexact bounds, with the store's ``parent_reason``.

>>> _near((10, 50), (14, 43)), _near((10, 50), (30, 50))
(True, False)
"""

from __future__ import annotations

import json
import resource
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scenariogen import piece_positions

TOLERANCE = 8
COUNTS = ("impure", "impure_disclaimer", "conflict_fp", "other_conflicts")
METRICS = ("parent", "earliest", "bounds_src", "bounds_copy", "complete", "impure", "impure_disclaimer",
           "conflict_recall", "conflict_precision", "conflict_fp", "other_conflicts")  # fmt: skip


def cpu_seconds() -> float:
    """CPU seconds of this process and its finished children (worker processes)."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_pipeline(corpus: Path, store_path: Path, workers: int = 1) -> tuple[Any, dict[str, float]]:
    """Ingest ``corpus`` into a new store at ``store_path``, run reuse and claims; (store, CPU s per stage)."""
    from copytrail import Settings
    from copytrail.claims.stage import run_claims
    from copytrail.pipeline import ingest
    from copytrail.reuse.stage import run_reuse
    from copytrail.store import Store

    settings = Settings(workers=workers, progress=False)
    store = Store(str(store_path))
    spent: dict[str, float] = {}
    for name, step in (("ingest", lambda: ingest([str(corpus)], settings, store)),
                       ("reuse", lambda: run_reuse(store, settings)),
                       ("claims", lambda: run_claims(store, settings))):  # fmt: skip
        t0 = cpu_seconds()
        step()
        spent[name] = cpu_seconds() - t0
    return store, spent


def _rows(store: Any, sql: str) -> list[dict[str, Any]]:
    try:
        cur = store.con.execute(sql)
    except Exception:  # a table a stage did not create (e.g. claims not run): nothing to read
        return []
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _near(got: tuple[int, int], want: tuple[int, int]) -> bool:
    return abs(got[0] - want[0]) <= TOLERANCE and abs(got[1] - want[1]) <= TOLERANCE


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


class _View:
    """The store's conclusions, indexed by the truth's URLs."""

    def __init__(self, store: Any, truth: dict[str, Any]) -> None:
        # Pages are matched by the file they were read from (a syndicated reprint's declared
        # canonical URL is the original's, so URLs alone could pair it with the wrong page),
        # then by URL.
        by_path = {a["path"]: u for u, a in truth["articles"].items()}
        arts = _rows(
            store, "SELECT article_id, url, canonical_url, source, text FROM corpus_articles"
        )
        self.aid: dict[str, str] = {}
        self.text: dict[str, str] = {}
        for a in sorted(arts, key=lambda r: r["source"] is None):
            path = (a["source"] or "").replace("\\", "/").split("/corpus/")[-1]
            for u in (by_path.get(path), a["url"], a["canonical_url"]):
                if (
                    u
                    and u in truth["articles"]
                    and u not in self.aid
                    and a["article_id"] not in self.text
                ):
                    self.aid[u] = a["article_id"]
                    self.text[a["article_id"]] = a["text"] or ""
        self.url = {v: k for k, v in self.aid.items()}
        self.passages: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for p in _rows(store, "SELECT * FROM passages"):
            if not p.get("banal"):
                self.passages[p["article_id"]].append(p)
        self.families = {f["family_id"]: f for f in _rows(store, "SELECT * FROM families")}
        self.pairs: dict[tuple[str, str], list[tuple[int, int, int, int]]] = defaultdict(list)
        for a in _rows(
            store, "SELECT article_a, a_start, a_end, article_b, b_start, b_end FROM alignments"
        ):
            self.pairs[(a["article_a"], a["article_b"])].append(
                (a["a_start"], a["a_end"], a["b_start"], a["b_end"])
            )
            self.pairs[(a["article_b"], a["article_a"])].append(
                (a["b_start"], a["b_end"], a["a_start"], a["a_end"])
            )
        self.conflicts: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in _rows(store, "SELECT * FROM conflicts"):
            self.conflicts[c["conflict_id"]].append(c)

    def region(self, url: str, pieces: list[str]) -> tuple[int, int] | None:
        aid = self.aid.get(url)
        return piece_positions(self.text[aid], pieces) if aid else None

    def passage_over(self, url: str, span: tuple[int, int]) -> dict[str, Any] | None:
        rows = [
            (p, _overlap((p["start"], p["end"]), span))
            for p in self.passages.get(self.aid.get(url, ""), [])
        ]
        rows = [(p, o) for p, o in rows if o > 0]
        return max(rows, key=lambda r: r[1])[0] if rows else None

    def aligned(self, parent: str, reprint: str, src: tuple[int, int], copy: tuple[int, int]) -> tuple[
            tuple[int, int], tuple[int, int]] | None:  # fmt: skip
        """The parent-side and reprint-side spans of the pair's alignments over the planted text."""
        hits = [a for a in self.pairs.get((self.aid[parent], self.aid[reprint]), [])
                if _overlap((a[0], a[1]), src) > 0 and _overlap((a[2], a[3]), copy) > 0]  # fmt: skip
        if not hits:
            return None
        return (min(a[0] for a in hits), max(a[1] for a in hits)), (
            min(a[2] for a in hits),
            max(a[3] for a in hits),
        )


def _parent_over(row: dict[str, Any], span: tuple[int, int]) -> str | None:
    """The parent article a passage names for ``span``: the part over it for a composite
    (``parent_parts``, when the store has that column), else ``copied_from_article``."""
    parts = json.loads(row["parent_parts"]) if row.get("parent_parts") else []
    best = max(parts, key=lambda q: _overlap((q["start"], q["end"]), span), default=None)
    if best is not None and _overlap((best["start"], best["end"]), span) > 0:
        return str(best["article"])
    return row.get("copied_from_article")


def _share(flags: Iterable[bool]) -> float | None:
    got = list(flags)
    return round(sum(got) / len(got), 3) if got else None


def score(store: Any, truth: dict[str, Any]) -> dict[str, Any]:
    """Scores per language and ``all`` (see module docstring), plus the misses, for reading."""
    v = _View(store, truth)
    res: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for key in ("all", *truth["langs"]):
        for m in COUNTS:
            res[key][m] = []
    misses: list[dict[str, Any]] = []
    situation = {f["id"]: f["situation"] for f in truth["families"]}
    for c in truth["copies"]:
        lang = c["lang"]
        src, cp = v.region(c["parent"], c["source"]), v.region(c["reprint"], c["copy"])
        row = v.passage_over(c["reprint"], cp) if cp else None
        got_parent = v.url.get(_parent_over(row, cp) or "") if row and cp else None
        ok = got_parent == c["parent"]
        bounds = v.aligned(c["parent"], c["reprint"], src, cp) if src and cp else None
        b_src = bool(bounds and src and _near(bounds[0], src))
        b_copy = bool(bounds and cp and _near(bounds[1], cp))
        for key in (lang, "all", f"situation:{situation[c['family']]}"):
            res[key]["parent"].append(ok)
            res[key]["bounds_src"].append(b_src)
            res[key]["bounds_copy"].append(b_copy)
        if not (ok and b_src and b_copy):
            misses.append({"family": c["family"], "reprint": c["reprint"], "parent": c["parent"], "got_parent": got_parent,
                           "reason": row.get("parent_reason") if row else "no passage over the planted copy",
                           "src": src, "copy": cp, "aligned": bounds})  # fmt: skip
    fam_of = _families(v, truth, res)
    _purity(v, truth, res)
    _conflicts(v, truth, fam_of, res)
    out: dict[str, Any] = {}
    for key, metrics in sorted(res.items()):
        out[key] = {m: (sum(vals) if m in COUNTS else dict(Counter(vals)) if m == "conflict_kinds" else _share(vals))
                    for m, vals in metrics.items()}  # fmt: skip
    out["misses"] = misses
    return out


def _witness_regions(v: _View, truth: dict[str, Any], fid: str) -> dict[str, list[tuple[int, int]]]:
    regions: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for c in truth["copies"]:
        if c["family"] == fid:
            for url, pieces in ((c["parent"], c["source"]), (c["reprint"], c["copy"])):
                r = v.region(url, pieces)
                if r:
                    regions[url].append(r)
    # a witness that neither copies nor is copied here (an excerpt posted before its original)
    # is looked up where the truth says it holds the family's text, else over its whole text
    for f in truth["families"]:
        if f["id"] == fid:
            for url in f["witnesses"]:
                if url not in regions and url in v.aid:
                    r = v.region(url, f.get("pieces", {}).get(url, []))
                    regions[url].append(r or (0, len(v.text[v.aid[url]])))
    return regions


def _families(v: _View, truth: dict[str, Any], res: Any) -> dict[str, set[str]]:
    """Earliest and completeness per planted family; returns url -> planted family ids."""
    fam_of: dict[str, set[str]] = defaultdict(set)
    for f in truth["families"]:
        for u in f["witnesses"]:
            fam_of[u].add(f["id"])
        votes: Counter[str] = Counter()
        for url, spans in _witness_regions(v, truth, f["id"]).items():
            found = {p["family_id"] for s in spans if (p := v.passage_over(url, s))}
            votes.update(found)
        best = votes.most_common(1)[0] if votes else None
        earliest = v.families.get(best[0], {}).get("earliest_article") if best else None
        for key in (f["lang"], "all", f"situation:{f['situation']}"):
            res[key]["earliest"].append(
                earliest is not None and v.url.get(earliest) == f["earliest"]
            )
            res[key]["complete"].append(best[1] / len(f["witnesses"]) if best else 0.0)
    return fam_of


def _purity(v: _View, truth: dict[str, Any], res: Any) -> None:
    """Impure families; those holding a planted banal disclaimer are also counted apart."""
    members: dict[str, set[str]] = defaultdict(set)
    texts: dict[str, list[str]] = defaultdict(list)
    for rows in v.passages.values():
        for p in rows:
            if p["article_id"] in v.url:
                members[p["family_id"]].add(v.url[p["article_id"]])
                texts[p["family_id"]].append(p.get("text") or "")
    planted = [set(f["witnesses"]) for f in truth["families"]]
    disclaimers = [d for ds in truth["disclaimers"].values() for d in ds]
    for fid, urls in members.items():
        if len(urls) < 2:
            continue  # self-reuse inside one article
        lang = truth["articles"][next(iter(urls))]["lang"]
        bad = not any(urls <= w for w in planted)
        banal = bad and any(d[:60] in t for d in disclaimers for t in texts[fid])
        for key in (lang, "all"):
            res[key]["impure"].append(bad)
            res[key]["impure_disclaimer"].append(banal)


def _conflicts(v: _View, truth: dict[str, Any], fam_of: dict[str, set[str]], res: Any) -> None:
    groups, kinds = [], []
    for rows in v.conflicts.values():
        kinds.append(sorted({str(r["kind"]) for r in rows if r.get("kind")}))
        got = {
            (v.url.get(r["article_id"]), float(r["value"]) if r.get("value") is not None else None)
            for r in rows
        }
        groups.append({(u, val) for u, val in got if u})
    matched: set[int] = set()
    for c in truth["conflicts"]:
        fam = c["family"]
        hit = None
        for k, g in enumerate(groups):
            urls_a = {u for u, val in g if val == c["a_value"] and fam in fam_of[u]}
            if (c["b"], float(c["b_value"])) in g and urls_a:
                hit = k
        if hit is not None:
            matched.add(hit)
            res[c["lang"]]["conflict_kinds"].extend(kinds[hit])
        for key in (c["lang"], "all"):
            res[key]["conflict_recall"].append(hit is not None)
    for k, g in enumerate(groups):
        urls = [u for u, _ in g]
        langs = {truth["articles"][u]["lang"] for u in urls}
        counts = Counter(f for u in urls for f in fam_of[u])
        shared = any(n >= 2 for n in counts.values())
        lang = next(iter(langs)) if len(langs) == 1 else "mixed"
        for key in (lang, "all"):
            if shared:
                res[key]["conflict_precision"].append(k in matched)
                res[key]["conflict_fp"].append(k not in matched)
            else:
                res[key]["other_conflicts"].append(True)


def table(scores: dict[str, Any], keys: Iterable[str] | None = None) -> str:
    """Scores as a plain text table, one row per language (or situation)."""
    keys = list(keys or [k for k in scores if k != "misses"])
    lines = [
        "set".ljust(20)
        + "".join(
            m.replace("impure_disclaimer", "impure_discl")
            .replace("conflict_precision", "conflict_prec")
            .rjust(16)
            for m in METRICS
        )
    ]
    for k in keys:
        row = scores.get(k, {})
        cells = ["-" if row.get(m) is None else str(row.get(m)) for m in METRICS]
        lines.append(k.ljust(20) + "".join(c.rjust(16) for c in cells))
    return "\n".join(lines)


def timed(fn: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    return fn(), time.perf_counter() - t0
