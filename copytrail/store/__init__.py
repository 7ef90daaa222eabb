"""The corpus store: one embedded DuckDB file.

>>> store = Store(":memory:")
>>> store.count("pages")
0
>>> with store.transaction():
...     _ = store.con.execute("INSERT INTO meta VALUES ('k', 'v')")
>>> store.close()
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from copytrail.settings import Settings
from copytrail.store.schema import CORE_DDL, MIGRATIONS, SCHEMA_VERSION

__all__ = ["Store", "StoreError", "SCHEMA_VERSION"]


def _megabytes(size: str) -> int:
    """Megabytes of a DuckDB size setting ("1.8 GiB", "512MB"); 0 when unreadable.

    >>> _megabytes("1.8 GiB"), _megabytes("512MB"), _megabytes("")
    (1843, 512, 0)
    """
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT])i?B\s*", size, re.IGNORECASE)
    if not m:
        return 0
    scale = {"K": 1 / 1024, "M": 1, "G": 1024, "T": 1024 * 1024}[m.group(2).upper()]
    return int(float(m.group(1)) * scale)


class StoreError(RuntimeError):
    """The store cannot be opened or used as asked; the message says what to do."""


class Store:
    """A DuckDB corpus store (a file, or ``:memory:`` for tests).

    Every write goes through :meth:`transaction`, so a crash or ``kill -9`` leaves the store as it
    was after the last committed batch (DuckDB's write-ahead log replays committed work only).
    """

    def __init__(
        self,
        path: str | Path = ":memory:",
        read_only: bool = False,
        memory_limit: str | None = None,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(
                f"no store at {self.path}: run `copytrail ingest` or `copytrail run` first"
            )
        if not read_only and self.path != ":memory:":  # `--store out/new.duckdb` makes out/
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:  # locked by another process, unreadable file ...
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not a copytrail store (DuckDB said: {exc})") from exc
        if memory_limit:
            if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", memory_limit, re.IGNORECASE):
                raise StoreError(f"memory limit {memory_limit!r} is not a size like 2GB or 512MB")
            # Bounded memory: the store's cache must not grow with the corpus.
            self.con.execute(f"SET memory_limit = '{memory_limit}'")
        if not read_only:
            self._ensure_schema()
        else:
            self._check_version()

    # -- schema -----------------------------------------------------------------------------
    def _version(self) -> int | None:
        try:
            row = self.one("SELECT value FROM meta WHERE key = 'schema_version'")
        except duckdb.CatalogException:
            return None
        return int(row[0]) if row else None

    def _check_version(self) -> None:
        version = self._version()
        if version is None:
            raise StoreError(f"{self.path} is not a copytrail store (no schema version)")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer copytrail (store schema {version}, this "
                f"copytrail knows {SCHEMA_VERSION}): upgrade with `pip install -U copytrail`"
            )
        if version < SCHEMA_VERSION and self.read_only:
            raise StoreError(
                f"{self.path} has store schema {version}; open it once for writing "
                f"(e.g. `copytrail stats --store {self.path}` without --read-only) to upgrade it"
            )

    def _ensure_schema(self) -> None:
        version = self._version()
        if version is not None:
            self._check_version()
        with self.transaction():
            while version is not None and version < SCHEMA_VERSION:
                for stmt in MIGRATIONS[version]:
                    self.con.execute(stmt)
                version += 1
            for stmt in CORE_DDL:
                self.con.execute(stmt)
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )

    def ensure_tables(self, ddl: tuple[str, ...] | list[str]) -> None:
        """Create a stage's own tables if they are missing (stages call this at their start)."""
        if self.read_only:
            return
        with self.transaction():
            for stmt in ddl:
                self.con.execute(stmt)

    # -- transactions -----------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run a block in one transaction: all of it is stored, or none of it."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    @contextlib.contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Checkpoint less often while a bulk load (an ingest) writes many small transactions.

        Each checkpoint rewrites the row groups the last batches appended to, and the blocks they
        held stay in the file as free space: with DuckDB's default (a checkpoint per 16 MB of
        write-ahead log, a few ingest batches of raw HTML) a third of an ingested store was free
        blocks (benchmarks/RESULTS.md). Here the log may grow to a quarter of the store's memory
        limit (at least 64 MB) before a checkpoint; committed batches are in the log either way,
        so ``kill -9`` loses nothing more.
        """
        row = self.one(
            "SELECT current_setting('wal_autocheckpoint'), current_setting('memory_limit')"
        )
        old, limit = (str(row[0]), str(row[1])) if row else ("16MB", "")
        wal_mb = max(64, _megabytes(limit) // 4)
        self.con.execute(f"SET wal_autocheckpoint = '{wal_mb}MB'")
        try:
            yield
        finally:
            with contextlib.suppress(duckdb.Error):
                self.con.execute(f"SET wal_autocheckpoint = '{old}'")

    # -- helpers ----------------------------------------------------------------------------
    def one(self, sql: str, params: list[Any] | None = None) -> tuple[Any, ...] | None:
        """First row of a query. Fetches the whole result: DuckDB refuses new work on a
        connection while a result is only partly read."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0] if rows else None

    def has_table(self, name: str) -> bool:
        row = self.one(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        )
        return bool(row and row[0])

    def count(self, table: str, where: str = "", params: list[Any] | None = None) -> int:
        if not self.has_table(table):
            return 0
        sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
        row = self.one(sql, params)
        return int(row[0]) if row else 0

    def insert_arrow(self, table: str, data: pa.Table, on_conflict: str | None = "IGNORE") -> None:
        """Insert an Arrow table by column name; rows whose key exists are ignored (idempotent).

        ``on_conflict=None`` is a plain INSERT, for tables without a key (DuckDB refuses
        ``OR IGNORE`` there).
        """
        if data.num_rows == 0:
            return
        name = f"_arrow_{table}"
        self.con.register(name, data)
        try:
            cols = ", ".join(f'"{c}"' for c in data.column_names)  # "end" is a keyword
            verb = f"INSERT OR {on_conflict}" if on_conflict else "INSERT"
            self.con.execute(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM {name}")
        finally:
            try:
                self.con.unregister(name)
            except duckdb.Error:  # an aborted transaction refuses it: keep the insert's own error
                pass

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.con.close()

    @classmethod
    def open(cls, settings: Settings, read_only: bool = False) -> Store:
        """The store the settings name, with their memory limit."""
        return cls(settings.store, read_only=read_only, memory_limit=settings.store_memory)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
