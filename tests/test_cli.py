"""The CLI end to end on a small generated corpus: summaries, exit codes, export, show."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpusgen import write_site

from copytrail.cli import main


def _invoke(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return res.exit_code, res.output


def test_ingest_stats_export_show(tmp_path: Path) -> None:
    write_site(tmp_path / "corpus", "valley.example", 4)
    store = str(tmp_path / "s.duckdb")
    code, out = _invoke(
        "ingest", str(tmp_path / "corpus"), "--store", store, "--no-progress", "--workers", "1"
    )
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
    code, _ = _invoke(
        "ingest", str(tmp_path / "bad"), "--store", store, "--no-progress", "--strict"
    )
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


# -- the first hour of a new user (issue 11): filters, ids, URLs, locks, empty input ---------

QUOTE_PAGE = """<!doctype html><html><head><title>Bridge to reopen</title>
<link rel="canonical" href="https://{site}/news/bridge">
<meta property="article:published_time" content="2024-04-0{day}T10:00:00Z"></head><body>
<article><h1>Bridge to reopen</h1>
<p>\u201cWe will reopen the old bridge before the summer,\u201d said Mayor Ana Ruiz on Monday,
adding that about {people} people cross the river there every single working day of the week.</p>
<p>The repairs were paid for by the regional fund and by a levy agreed by the council last
autumn after a long public consultation with residents of both banks of the river.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small store made with `copytrail run`: reprints across two sites and a quote."""
    root = tmp_path_factory.mktemp("cli")
    write_site(root / "corpus", "rivervale-herald.example", 3)
    write_site(root / "corpus", "citizens-voice.example", 2)
    # The copy changes the figure: a conflict ("copied, figure changed").
    for day, site, people in (
        (1, "rivervale-herald.example", "1,200"),
        (3, "citizens-voice.example", "2,400"),
    ):
        page = QUOTE_PAGE.format(site=site, day=day, people=people)
        (root / "corpus" / site / "bridge.html").write_text(page, encoding="utf-8")
    store = str(root / "s.duckdb")
    code, out = _invoke(
        "run", str(root / "corpus"), "--store", store, "--no-progress", "--workers", "1"
    )
    assert code == 0, out
    return store


def _family_prefix(store: str) -> str:
    code, out = _invoke("families", "--store", store)
    found = re.search(r"^([0-9a-f]{12}) ", out, flags=re.MULTILINE)
    assert code == 0 and found, out
    return found.group(1)


def test_report_accepts_a_family_id_as_families_prints_it(demo: str, tmp_path: Path) -> None:
    prefix = _family_prefix(demo)
    out_file = tmp_path / "r.html"
    code, out = _invoke("report", "--store", demo, "--out", str(out_file), "--family", prefix)
    assert code == 0, out
    full = json.loads(_invoke("export", "--what", "families", "--store", demo)[1].splitlines()[0])[
        "family"
    ]
    assert full.startswith(prefix) and full in out_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--family", "0123456789ab", "matches no family"),
        ("--since", "04/01/2026", "YYYY-MM-DD"),
        ("--since", "2026-13-01", "YYYY-MM-DD"),
        ("--site", "nosuch.example", "rivervale-herald.example"),
    ],
)
def test_report_filter_matching_nothing_is_exit_2_naming_value_and_form(
    demo: str, tmp_path: Path, option: str, value: str, says: str
) -> None:
    res = CliRunner().invoke(
        main, ["report", "--store", demo, "--out", str(tmp_path / "r.html"), option, value]
    )
    assert res.exit_code == 2, res.output
    assert value in res.output and says in res.output
    assert not (tmp_path / "r.html").exists()


def test_report_site_is_forgiven_its_url_form(demo: str, tmp_path: Path) -> None:
    code, out = _invoke(
        "report",
        "--store",
        demo,
        "--out",
        str(tmp_path / "r.html"),
        "--site",
        "https://www.Citizens-Voice.example/",
    )
    assert code == 0, out


@pytest.mark.parametrize(
    "form",
    [
        "https://citizens-voice.example/news/bridge",
        "http://citizens-voice.example/news/bridge/",
        "https://www.citizens-voice.example/news/bridge?utm_source=x&utm_medium=y",
        "citizens-voice.example/news/bridge#comments",
    ],
)
def test_show_finds_an_article_by_any_normal_form_of_its_url(demo: str, form: str) -> None:
    code, out = _invoke("show", form, "--store", demo)
    assert code == 0, out
    assert '"url": "https://citizens-voice.example/news/bridge"' in out


def test_every_id_a_command_prints_can_be_shown(demo: str) -> None:
    prefix = _family_prefix(demo)
    code, out = _invoke("show-family", prefix, "--store", demo)
    assert code == 0, out
    printed = set(re.findall(r"\b[0-9a-f]{12,}\b", out)) | {prefix}
    for line in _invoke("export", "--what", "passages", "--store", demo)[1].splitlines():
        row = json.loads(line)
        printed |= {
            row[k]
            for k in ("family", "article", "passage", "copied_from", "copied_from_passage")
            if row[k]
        }
    for line in _invoke("export", "--what", "claims", "--store", demo)[1].splitlines():
        printed.add(json.loads(line)["id"])
    assert len(printed) >= 8
    for ident in sorted(printed):
        code, shown = _invoke("show", ident, "--store", demo)
        assert code == 0 and '"kind_of_record"' in shown, (ident, shown)
    code, shown = _invoke("show", next(i for i in printed if len(i) == 16)[:12], "--store", demo)
    assert code == 0


def test_run_on_a_locked_store_names_the_process_and_what_to_do(tmp_path: Path) -> None:
    store = tmp_path / "locked.duckdb"
    write_site(tmp_path / "corpus", "valley.example", 1)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(store)!r}); print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        res = CliRunner().invoke(
            main, ["run", str(tmp_path / "corpus"), "--store", str(store), "--no-progress"]
        )
    finally:
        holder.kill()
        holder.wait()
    assert res.exit_code == 1
    assert f"PID {holder.pid}" in res.output and "in use by another process" in res.output
    assert f"kill {holder.pid}" in res.output and "-readonly" not in res.output


@pytest.mark.parametrize(
    ("make", "says"),
    [
        ("missing", "no such file or folder"),
        ("empty", "an empty folder"),
        ("pdfs", "a folder of 2 files (2 .pdf)"),
    ],
)
def test_run_on_nothing_readable_says_what_was_found(tmp_path: Path, make: str, says: str) -> None:
    source = tmp_path / "src"
    if make != "missing":
        source.mkdir()
    if make == "pdfs":
        (source / "a.pdf").write_bytes(b"%PDF-1.4")
        (source / "b.pdf").write_bytes(b"%PDF-1.4")
    res = CliRunner().invoke(
        main, ["run", str(source), "--store", str(tmp_path / "s.duckdb"), "--no-progress"]
    )
    assert res.exit_code == 1
    assert says in res.output.replace("\n", " ")
    assert "Nothing was ingested" in res.output and "pairs aligned" not in res.output


def test_a_bad_setting_is_exit_2_naming_it_and_its_range(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPYTRAIL_NGRAM", "0")
    res = CliRunner().invoke(main, ["reuse", "--store", demo, "--no-progress"])
    assert res.exit_code == 2
    assert "COPYTRAIL_NGRAM" in res.output and "at least 1" in res.output
    monkeypatch.delenv("COPYTRAIL_NGRAM")
    assert _family_prefix(demo)  # the families are still there


def test_tables_at_80_columns_keep_site_names_whole_and_quotes_show_urls(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out = _invoke("families", "--store", demo)
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 80
    assert "rivervale-herald.example" in out or "citizens-voice.example" in out, out
    code, out = _invoke("quotes", "--store", demo)
    assert code == 0 and re.search(r"\burl\b", out), out
    assert "Ruiz" in out
    monkeypatch.setenv("COLUMNS", "220")  # one line per row: the URL is whole, never cut to "…"
    code, out = _invoke("quotes", "--store", demo)
    assert "https://rivervale-herald.example/news/bridge " in out, out


def test_conflicts_list_conflicts_with_the_witnesses_urls(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    code, out = _invoke("conflicts", "--store", demo)
    assert code == 0, out
    assert re.search(r"^conflicts \(1\)", out, flags=re.MULTILINE), out
    assert "https://rivervale-herald.example/news/bridge " in out
    assert "https://citizens-voice.example/news/bridge " in out


def test_families_and_show_family_refuse_what_matches_nothing(demo: str) -> None:
    res = CliRunner().invoke(main, ["families", "--store", demo, "--site", "nosuch.example"])
    assert (
        res.exit_code == 2
        and "nosuch.example" in res.output
        and "citizens-voice.example" in res.output
    )
    code, out = _invoke("families", "--store", demo, "--site", "www.citizens-voice.example")
    assert code == 0 and "citizens-voice.example" in out
    res = CliRunner().invoke(main, ["show-family", "0123456789ab", "--store", demo])
    assert res.exit_code == 2 and "0123456789ab" in res.output and "12 characters" in res.output


def test_site_and_channel_names_stay_whole_while_the_text_wraps() -> None:
    from copytrail.console import rows_table

    rows = [
        {"family": "254a80ab440d", "first": "2026-04-18", "earliest": site, "text": "word " * 40}
        for site in ("rivervale-herald.example", "Rivervale Watch")
    ]
    table = rows_table("families", rows, total=80)
    earliest = next(c for c in table.columns if c.header == "earliest")
    assert earliest.no_wrap and earliest.width == len("rivervale-herald.example")
    text = next(c for c in table.columns if c.header == "text")
    assert not text.no_wrap and (text.width or 0) >= 12
