"""The CLI end to end on a small generated corpus: summaries, exit codes, export, show."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from corpusgen import write_site

from copytrail.cli import main


def _invoke(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return res.exit_code, res.output


def test_ingest_stats_export_show(tmp_path: Path) -> None:
    write_site(tmp_path / "corpus", "valley.example", 4)
    store = str(tmp_path / "s.duckdb")
    code, out = _invoke("ingest", str(tmp_path / "corpus"), "--store", store, "--no-progress", "--workers", "1")
    assert code == 0, out
    assert "pages new" in out and "4" in out
    code, out = _invoke("stats", "--store", store, "--json")
    assert code == 0
    assert json.loads(out)["articles"] == 4
    code, out = _invoke("export", "--what", "articles", "--store", store)
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 4 and all(r["site"] == "valley.example" for r in rows)
    code, out = _invoke("show", rows[0]["id"][:8], "--store", store)
    assert code == 0 and rows[0]["url"] in out
    code, out = _invoke("show", "https://valley.example/nothing", "--store", store)
    assert code == 1
    code, out = _invoke("export", "--what", "nonsense", "--store", store)
    assert code == 2


def test_exit_codes(tmp_path: Path) -> None:
    store = str(tmp_path / "s.duckdb")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.html").write_bytes(b"")
    code, _ = _invoke("ingest", str(tmp_path / "bad"), "--store", store, "--no-progress")
    assert code == 1  # nothing could be ingested
    write_site(tmp_path / "bad", "ok.example", 1)
    code, _ = _invoke("ingest", str(tmp_path / "bad"), "--store", store, "--no-progress")
    assert code == 0  # one bad file among good ones is reported, not fatal
    code, _ = _invoke("ingest", str(tmp_path / "bad"), "--store", store, "--no-progress", "--strict")
    assert code == 1


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["stats", "--store", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 1
    assert "copytrail ingest" in res.output


def test_export_of_a_stage_not_run_yet_says_which_command(tmp_path: Path) -> None:
    write_site(tmp_path / "corpus", "valley.example", 1)
    store = str(tmp_path / "s.duckdb")
    _invoke("ingest", str(tmp_path / "corpus"), "--store", store, "--no-progress")
    res = CliRunner().invoke(main, ["export", "--what", "passages", "--store", store])
    assert res.exit_code == 2
    assert "copytrail reuse" in res.output
