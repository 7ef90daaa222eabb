"""Shared fixtures: temporary stores and small generated corpora (no ../shared needed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from copytrail.settings import Settings
from copytrail.store import Store

# Speed is measured in benchmarks/, never by timed tests: no per-example deadline, so a loaded
# CI machine cannot fail a property test.
hypothesis_settings.register_profile("copytrail", deadline=None)
hypothesis_settings.load_profile("copytrail")

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_CORPUS = REPO / "examples" / "corpus"


@pytest.fixture
def settings() -> Settings:
    return Settings(workers=1, progress=False)


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"


