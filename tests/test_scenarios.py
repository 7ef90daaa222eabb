"""The ground-truth scenario suite, small version: the reuse conclusions against pinned floors.

One generated corpus (:mod:`scenariogen`, seed 11, 8 planted families per language: one of each
situation, two for the composite) runs through the real pipeline once; :mod:`scenarioscore`
compares every conclusion with the truth. The floors are the values measured on main when they
were pinned (2026-12-07), rounded down a little; raise them when the code gets better, never
lower them to make a change pass. The large run is ``benchmarks/scenarios.py``.

Pinned on d66a117 (2026-12-07); parent, earliest and impure raised on 28e74e0 (2026-12-08).
Below the issue's targets (parent >= 0.97, earliest >= 0.99, bounds >= 0.95 on both sides,
0 impure families, copy-conflict recall 1.0 with 0 false positives), marked ``# below target``
in :data:`FLOORS` / :data:`CEILINGS`:

* bounds, Persian and Arabic 0.94: a composite's part reported beyond the copy (Persian: 99
  characters before it on the original's side; Arabic: 23 characters after it);
* impure families, 2 (en 1, ar 1): a disclaimer closing two unrelated articles of two sites
  (at this size no site carries it anywhere else; two sites sharing one closing paragraph are
  not told apart from a copied paragraph).

On the large runs (``benchmarks/scenarios.py --seed 7`` and ``--seed 11``, ``--families 50``)
parent, earliest, bounds, purity and copy conflicts meet the targets, in every language but
one figure: earliest, Persian, seed 7, 0.98 (an excerpt of the original's last paragraph, which
its reprints left out: two passages with no text in common, reported as two families).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml.html import fromstring
from scenariogen import SITUATIONS, page_html, page_text, piece_positions, write_scenarios
from scenarioscore import run_pipeline, score

SEED, FAMILIES, LANGS = 11, 8, ("en", "fa", "ar", "ru")

# metric -> language -> lowest accepted share (measured on d66a117, parent and earliest on
# 28e74e0; rounded down to 0.02)
FLOORS: dict[str, dict[str, float]] = {
    "parent": {"all": 1.0, "en": 1.0, "fa": 1.0, "ar": 1.0, "ru": 1.0},
    "earliest": {"all": 1.0, "en": 1.0, "fa": 1.0, "ar": 1.0, "ru": 1.0},
    "bounds_src": {
        "all": 0.96,
        "en": 1.0,
        "fa": 0.94,
        "ar": 0.94,
        "ru": 1.0,
    },  # below target (0.95): fa, ar
    "bounds_copy": {
        "all": 0.96,
        "en": 1.0,
        "fa": 0.94,
        "ar": 0.94,
        "ru": 1.0,
    },  # below target (0.95): fa, ar
    "complete": {"all": 1.0, "en": 1.0, "fa": 1.0, "ar": 1.0, "ru": 1.0},
    "conflict_recall": {"all": 1.0, "en": 1.0, "fa": 1.0, "ar": 1.0, "ru": 1.0},
    "conflict_precision": {"all": 1.0, "en": 1.0, "fa": 1.0, "ar": 1.0, "ru": 1.0},
}
# metric -> language -> highest accepted count (measured)
CEILINGS: dict[str, dict[str, int]] = {
    "impure": {
        "all": 2,
        "en": 1,
        "fa": 0,
        "ar": 1,
        "ru": 0,
    },  # above target (0): all, en, ar (2 measured on 28e74e0: a disclaimer closing two
    # unrelated articles of two sites, in English and in Arabic)
    "conflict_fp": {"all": 0, "en": 0, "fa": 0, "ar": 0, "ru": 0},
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("scenarios")
    return out, write_scenarios(out, SEED, FAMILIES, LANGS)


@pytest.fixture(scope="module")
def scores(corpus: tuple[Path, dict[str, Any]]) -> Iterator[dict[str, Any]]:
    out, truth = corpus
    store, _ = run_pipeline(out / "corpus", out / "store.duckdb")
    try:
        yield score(store, truth)
    finally:
        store.close()


# -- the generator's truth is consistent with the pages it wrote -----------------------------


def test_every_planted_passage_occurs_in_both_witnesses(
    corpus: tuple[Path, dict[str, Any]],
) -> None:
    out, truth = corpus
    for c in truth["copies"]:
        assert piece_positions(page_text(out, c["reprint"], truth), c["copy"]), c["reprint"]
        assert piece_positions(page_text(out, c["parent"], truth), c["source"]), c["parent"]


def test_every_situation_and_language_is_planted(corpus: tuple[Path, dict[str, Any]]) -> None:
    _, truth = corpus
    for lang in LANGS:
        planted = {f["situation"] for f in truth["families"] if f["lang"] == lang}
        assert planted == set(SITUATIONS), lang
    assert {c["lang"] for c in truth["conflicts"]} == set(LANGS)
    roles = {a["role"] for a in truth["articles"].values()}
    assert {"unrelated", "excerpt", "composite", "commentary"} <= roles


def test_syndicated_reprints_declare_the_original_as_canonical(
    corpus: tuple[Path, dict[str, Any]],
) -> None:
    out, truth = corpus
    parent = {c["reprint"]: c["parent"] for c in truth["copies"]}
    syndicated = [u for u, a in truth["articles"].items() if a["canonical"]]
    assert syndicated
    for url in syndicated:
        assert truth["articles"][url]["canonical"] == parent[url] != url
        raw = page_html(out, url, truth)
        assert f'rel="canonical" href="{parent[url]}"' in raw
        assert f"https://{truth['articles'][url]['site']}/0" in raw  # its own navigation


def test_parents_are_earlier_and_earliest_is_first(corpus: tuple[Path, dict[str, Any]]) -> None:
    _, truth = corpus
    when = {u: a["published"] for u, a in truth["articles"].items()}

    def instant(u: str) -> str:
        from datetime import UTC, datetime

        return datetime.fromisoformat(when[u]).astimezone(UTC).isoformat()

    for c in truth["copies"]:
        assert when[c["parent"]] is not None
        if when[c["reprint"]] is not None:
            assert instant(c["parent"]) < instant(c["reprint"])
    for f in truth["families"]:
        dated = [u for u in f["witnesses"] if when[u]]
        assert f["earliest"] == min(dated, key=instant)
        assert any(when[u] is None for u in f["witnesses"]) == (f["situation"] == "undated")


def test_changed_figures_are_in_the_pages(corpus: tuple[Path, dict[str, Any]]) -> None:
    out, truth = corpus
    for c in truth["conflicts"]:
        assert c["a_value"] != c["b_value"]
        assert c["a_text"] in page_text(out, c["a"], truth)
        assert c["b_text"] in page_text(out, c["b"], truth)
        assert c["a_text"] not in page_text(out, c["b"], truth)


def test_undated_pages_carry_no_date_and_sites_differ_in_template(
    corpus: tuple[Path, dict[str, Any]],
) -> None:
    out, truth = corpus
    undated = [u for u, a in truth["articles"].items() if a["published"] is None]
    assert undated
    for url in undated:
        assert truth["articles"][url]["crawled"]  # read from a WARC: its crawl date is known
        raw = page_html(out, url, truth)
        assert (
            "datePublished" not in raw and "published_time" not in raw and 'class="date"' not in raw
        )
    shapes = set()
    for url in truth["articles"]:
        tree = fromstring(page_html(out, url, truth))
        shapes.add(tuple(el.tag for el in tree.find("body")))
    assert len(shapes) >= 4


def test_same_seed_same_corpus(tmp_path: Path, corpus: tuple[Path, dict[str, Any]]) -> None:
    _, truth = corpus
    again = write_scenarios(tmp_path, SEED, FAMILIES, LANGS)
    assert json.dumps(again, sort_keys=True) == json.dumps(truth, sort_keys=True)


# -- the pipeline's conclusions against the floors ---------------------------------------------


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_share_at_least_floor(scores: dict[str, Any], metric: str) -> None:
    low = {
        lang: scores[lang][metric]
        for lang in FLOORS[metric]
        if scores[lang][metric] < FLOORS[metric][lang]
    }
    assert not low, (
        f"{metric} under its floor: {low} (floors {FLOORS[metric]}); misses: {scores['misses'][:5]}"
    )


@pytest.mark.parametrize("metric", sorted(CEILINGS))
def test_count_at_most_ceiling(scores: dict[str, Any], metric: str) -> None:
    high = {
        lang: scores[lang][metric]
        for lang in CEILINGS[metric]
        if scores[lang][metric] > CEILINGS[metric][lang]
    }
    assert not high, f"{metric} over its ceiling: {high} (ceilings {CEILINGS[metric]})"
