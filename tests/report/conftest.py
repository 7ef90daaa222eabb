"""Fixtures of the explorer tests: demo and hostile stores, a served explorer, a browser."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from copytrail.report.server import ExplorerServer, make_server
from copytrail.settings import Settings

from .corpus import Built, build_demo, build_xss

# The session's one browser (``browser``) is in tests/conftest.py: Playwright's sync API
# allows one running instance per process, whichever test folder needs it.
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "report"


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.duckdb")


@pytest.fixture(scope="session")
def xss(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_xss(tmp_path_factory.mktemp("xss") / "xss.duckdb")


def start(path: str) -> ExplorerServer:
    server = make_server(Settings(store=path), port=0)
    assert server.explorer.index_ready.wait(30), "word index not built"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def demo_server(demo: Built) -> Iterator[str]:
    server = start(demo.path)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.js_errors = errors
    yield pg
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def shot(page: Any, name: str) -> None:
    """Save a screenshot as a test artifact (test-artifacts/ is gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
