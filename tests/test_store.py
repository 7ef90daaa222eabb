"""Store: schema version, transactions, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copytrail.store import SCHEMA_VERSION, Store, StoreError


def test_schema_version_recorded(store_path: Path) -> None:
    with Store(store_path) as s:
        assert s.con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (
            str(SCHEMA_VERSION),
        )


def test_newer_store_is_refused_with_advice(store_path: Path) -> None:
    with Store(store_path) as s:
        s.con.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)]
        )
    with pytest.raises(StoreError, match="newer copytrail"):
        Store(store_path)
    with pytest.raises(StoreError, match="newer copytrail"):
        Store(store_path, read_only=True)


def test_missing_store_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="copytrail ingest"):
        Store(tmp_path / "nope.duckdb", read_only=True)


def test_not_a_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        Store(bad)


def test_transaction_rolls_back(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.con.execute("INSERT INTO meta VALUES ('a', 'b')")
        raise RuntimeError("boom")
    assert store.con.execute("SELECT count(*) FROM meta WHERE key='a'").fetchone() == (0,)


def test_schema_1_store_opens_and_is_compacted(tmp_path: Path) -> None:
    """A store written before schema 2 (text stored twice, zlib raw pages) opens, reads as
    before, and loses its second copy of the text when its site's boilerplate is relearned."""
    import zlib

    from corpusgen import write_site

    from copytrail.pipeline import ingest, learn_site_boilerplate
    from copytrail.settings import Settings
    from copytrail.store.articles import as_extracted
    from copytrail.store.queries import raw_page

    settings = Settings(workers=1, progress=False)
    path = tmp_path / "old.duckdb"
    write_site(tmp_path / "corpus", "valley.example", 5)
    with Store(path) as s:
        ingest([str(tmp_path / "corpus")], settings, s)
        cleaned = s.con.execute("SELECT article_id, text FROM articles ORDER BY 1").fetchall()
        rows = s.con.execute(
            "SELECT article_id, text, paragraphs, removed FROM articles"
        ).fetchall()
        assert any(r[3] for r in rows)  # the shared council sentence was removed
        # Rewrite it as schema 1 wrote it: the text as extracted in raw_text/raw_paragraphs,
        # no `removed` column, pages zlib-compressed.
        for aid, text, paras, removed in rows:
            full, full_paras = as_extracted(text, paras, removed)
            s.con.execute(
                "UPDATE articles SET raw_text = ?, raw_paragraphs = ? WHERE article_id = ?",
                [full, json.dumps([[p.start, p.end, p.kind] for p in full_paras]), aid],
            )
        s.con.execute("ALTER TABLE articles DROP COLUMN removed")
        body = b"<html><p>old page</p></html>"
        pid = s.con.execute("SELECT page_id FROM pages LIMIT 1").fetchall()[0][0]
        s.con.execute("UPDATE pages SET raw = ? WHERE page_id = ?", [zlib.compress(body, 1), pid])
        s.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Store(path) as s:
        assert s.one("SELECT value FROM meta WHERE key = 'schema_version'") == (
            str(SCHEMA_VERSION),
        )
        assert raw_page(s, pid) == body
        old = s.con.execute(
            "SELECT count(*) FROM articles WHERE raw_text IS NOT NULL AND removed IS NULL"
        ).fetchone()
        assert old == (5,)
        s.con.execute("INSERT INTO sites_dirty VALUES ('valley.example')")
        learn_site_boilerplate(s, settings)
        assert (
            s.con.execute("SELECT article_id, text FROM articles ORDER BY 1").fetchall() == cleaned
        )
        assert s.con.execute(
            "SELECT count(*) FROM articles WHERE raw_text IS NULL AND removed IS NOT NULL"
        ).fetchone() == (5,)
