"""The reuse stage when its settings change between runs, and the candidate n-gram length."""

from __future__ import annotations

from copytrail.reuse.export import reuse_table
from copytrail.reuse.stage import run_reuse
from copytrail.settings import Settings
from copytrail.store import Store

from .test_stage import corpus, dump
from .texts import add_articles, filler, passage


def test_changed_settings_redo_the_work_and_equal_a_fresh_run(store: Store, settings: Settings) -> None:
    add_articles(store, corpus())
    run_reuse(store, settings)
    longer = settings.replace(min_passage_words=32)
    summary = run_reuse(store, longer)
    # the index, pairs and alignments were made with other settings: all redone
    assert summary.indexed == len(corpus()) and summary.pairs_aligned > 0
    fresh = Store(":memory:")
    add_articles(fresh, corpus())
    run_reuse(fresh, longer)
    assert dump(store) == dump(fresh)
    # the 30-word passages are now below the minimum; the 35-word one stays
    assert all(r["end"] - r["start"] > 0 for r in reuse_table(store, "passages").to_pylist())
    again = run_reuse(store, longer)
    assert (again.indexed, again.pairs_aligned) == (0, 0)
    fresh.close()


def test_worker_count_is_not_a_work_setting(store: Store, settings: Settings) -> None:
    add_articles(store, corpus())
    run_reuse(store, settings)
    again = run_reuse(store, settings.replace(workers=2))
    assert (again.indexed, again.pairs_aligned) == (0, 0)


def edited(words: str, every: int) -> str:
    """Every ``every``-th word replaced: no 4-gram survives when every <= 4."""
    return " ".join(f"x{k}q" if k % every == 0 else w for k, w in enumerate(words.split()))


def test_shorter_candidate_ngrams_find_heavily_edited_copies(settings: Settings) -> None:
    src = passage(131, 60)
    rows = [
        {"id": "orig", "site": "alpha.org", "published": "2024-01-01", "text": f"{filler(700)} {src}. {filler(701)}"},
        {"id": "copy", "site": "beta.net", "published": "2024-01-03", "text": f"{filler(702)} {edited(src, 4)}. {filler(703)}"},
    ]
    found = {}
    for cand in (0, 3):
        s = Store(":memory:")
        add_articles(s, rows)
        cfg = settings.replace(ngram=4, candidate_ngram=cand, min_shared_ngrams=3, sentence_anchor=False, sentence_similarity=0.3, min_passage_words=20)
        run_reuse(s, cfg)
        found[cand] = s.con.execute("SELECT count(*) FROM reuse_pairs").fetchall()[0][0]
        s.close()
    # with 4-gram candidates the pair is never compared; 3-grams survive the edits
    assert found == {0: 0, 3: 1}


def test_candidates_only_stops_before_alignment_and_a_full_run_resumes(store: Store, settings: Settings) -> None:
    add_articles(store, corpus())
    first = run_reuse(store, settings, candidates_only=True)
    assert first.pairs_queued > 0 and first.pairs_aligned == 0
    assert store.con.execute("SELECT count(*) FROM alignments WHERE NOT self_reuse").fetchall()[0][0] == 0
    rest = run_reuse(store, settings)
    assert rest.indexed == 0 and rest.pairs_aligned == first.pairs_queued
    fresh = Store(":memory:")
    add_articles(fresh, corpus())
    run_reuse(fresh, settings)
    assert dump(store) == dump(fresh)
    fresh.close()
