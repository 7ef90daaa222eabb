"""Store: schema version, transactions, clear errors."""

from __future__ import annotations

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
        s.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
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
