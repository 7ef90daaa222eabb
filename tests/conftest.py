"""Shared fixtures: temporary stores and small generated corpora (no ../shared needed)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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




CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright, one per test session (the sync API allows one)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()
