"""The notebook API (copytrail.run / ingest / open) and the stage declarations it reads."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow as pa
import pytest
from corpusgen import write_site

import copytrail
from copytrail import stages
from copytrail.export import export_names
from copytrail.settings import Settings
from copytrail.store import StoreError


def _corpus(root: Path) -> Path:
    crawl = root / "crawl"
    write_site(crawl, "valley.example", 4)
    write_site(crawl, "hill.example", 2)  # reprints stories 0 and 1 of valley.example
    return crawl


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("api")
    crawl = _corpus(root)
    store = root / "c.duckdb"
    summaries = copytrail.run([crawl], store=store, workers=1, progress=False)
    assert summaries["ingest"].articles_new == 6
    return crawl, store


def test_open_gives_arrow_tables_with_the_reprints(built: tuple[Path, Path]) -> None:
    _, store = built
    corpus = copytrail.open(store)
    passages = corpus.passages()
    assert isinstance(passages, pa.Table)
    by_family: dict[str, set[str]] = {}
    for row in passages.to_pylist():
        by_family.setdefault(row["family"], set()).add(row["url"])
    # Each reprinted story's text is in a family with its copy on the other site.
    for i in (0, 1):
        pair = {f"https://valley.example/news/story-{i}", f"https://hill.example/news/story-{i}"}
        assert any(pair <= urls for urls in by_family.values()), (i, by_family)
    assert corpus.families().num_rows == len(by_family)
    assert corpus.articles().num_rows == 6 and corpus.stats()["articles"] == 6
    assert set(corpus.site_edges().column("src_site").to_pylist()) <= {
        "valley.example",
        "hill.example",
    }
    assert corpus.sql("SELECT count(*) AS n FROM articles").column("n").to_pylist() == [6]


def test_figures_are_the_figure_claims(built: tuple[Path, Path]) -> None:
    corpus = copytrail.open(built[1])
    figures = corpus.figures()
    assert set(figures.column("kind").to_pylist()) <= {"figure"}
    assert figures.num_rows == sum(1 for r in corpus.claims().to_pylist() if r["kind"] == "figure")
    assert corpus.quotes().num_rows == sum(  # belief frames are a kind hidden from quotes
        1
        for r in corpus.claims().to_pylist()
        if r["kind"] in ("quote", "attribution") and r["attribution_kind"] != "belief"
    )


def test_open_does_not_lock_the_store_against_a_later_run(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    crawl, store = built
    corpus = copytrail.open(store)
    before = corpus.articles().num_rows
    write_site(tmp_path / "more", "ridge.example", 1, start=2)  # a third copy of story 2
    summaries = copytrail.run([tmp_path / "more"], store=store, workers=1, progress=False)
    assert summaries["ingest"].articles_new == 1
    assert corpus.articles().num_rows == before + 1
    urls = {r["url"] for r in corpus.passages().to_pylist()}
    assert "https://ridge.example/news/story-2" in urls


def test_open_of_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"copytrail\.run"):
        copytrail.open(tmp_path / "none.duckdb")


def test_unknown_export_names_the_choices(built: tuple[Path, Path]) -> None:
    with pytest.raises(ValueError, match="choose from .*passages"):
        copytrail.open(built[1]).table("passage")


def test_every_export_is_declared_by_exactly_one_stage() -> None:
    names = [n for s in stages.STAGES for n in s.exports]
    assert len(names) == len(set(names)) == len(export_names())
    assert {
        "articles",
        "passages",
        "families",
        "site-edges",
        "claims",
        "quotes",
        "conflicts",
    } <= set(names)
    assert stages.export_stage("passages").name == "reuse"
    assert stages.writer("site-edges", "gexf") is not None


def test_exports_do_not_depend_on_what_was_imported_before() -> None:
    # The README bug: `export_table(store, "passages")` failed unless some other module that
    # registered the reuse exports had been imported first.
    code = textwrap.dedent(
        """
        from copytrail.export import export_names
        from copytrail.store import Store
        from copytrail.export import export_table
        try:
            export_table(Store(":memory:"), "passages")
        except ValueError as exc:
            assert "copytrail reuse" in str(exc), exc
        print(" ".join(export_names()))
        """
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert "passages" in res.stdout.split() and "conflicts" in res.stdout.split()


def test_every_cli_command_belongs_to_a_stage() -> None:
    from copytrail.cli import main

    declared = {c for s in stages.STAGES for c in s.commands}
    # run, serve and report span every stage.
    assert set(main.commands) - declared == {"run", "serve", "report"}


def test_stage_fingerprint_follows_the_settings_its_work_depends_on() -> None:
    reuse = stages.stage("reuse")
    assert reuse.settings_fingerprint(Settings()) == reuse.settings_fingerprint(Settings(workers=3))
    assert reuse.settings_fingerprint(Settings()) != reuse.settings_fingerprint(Settings(ngram=4))


def test_worker_pools_do_not_rerun_an_unguarded_script(tmp_path: Path) -> None:
    """No ``if __name__ == "__main__"``: workers of either start method must not re-run it.

    (The README's stage-by-stage block, run as a script by tests/test_readme.py, is the same
    check end to end with ``Settings(workers=2)``.)
    """
    script = tmp_path / "unguarded.py"
    script.write_text(
        textwrap.dedent(
            """
            from copytrail.workers import WorkerPool
            print("SCRIPT BODY RAN")
            for method in ("spawn", "forkserver"):
                with WorkerPool(2, method) as pool:
                    print(method, sum(pool.map(abs, [-1, -2, -3, -4])))
            """
        ),
        encoding="utf-8",
    )
    res = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.split("\n") == ["SCRIPT BODY RAN", "spawn 10", "forkserver 10", ""], (
        res.stdout
    )


def test_run_on_a_store_another_process_holds_says_which(tmp_path: Path) -> None:
    store = tmp_path / "held.duckdb"
    code = f"import duckdb, time; c = duckdb.connect({str(store)!r}); print('ok', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match=rf"(?s)PID {holder.pid} .*kill {holder.pid}"):
            copytrail.run([], store=store, progress=False)
    finally:
        holder.kill()
        holder.wait()


def test_compiled_kernels_are_cached_in_the_user_cache_and_known_before_compiling(
    tmp_path: Path,
) -> None:
    (tmp_path / "kernels_mod.py").write_text(
        textwrap.dedent(
            """
            from copytrail.reuse.jit import njit

            @njit(cache=True)
            def double(x):
                return 2 * x
            """
        ),
        encoding="utf-8",
    )
    code = textwrap.dedent(
        """
        import sys
        from copytrail.reuse import jit
        import kernels_mod
        print(jit.cache_dir())
        print([k for k in jit.kernels_to_compile() if k == "double"])
        kernels_mod.double(21)
        print([k for k in jit.kernels_to_compile() if k == "double"])
        """
    )
    env = {k: v for k, v in os.environ.items() if k not in ("NUMBA_CACHE_DIR", "XDG_CACHE_HOME")}
    env |= {"HOME": str(tmp_path / "home"), "PYTHONPATH": str(tmp_path)}
    res = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert res.returncode == 0, res.stderr[-2000:]
    where, before, after = res.stdout.splitlines()
    assert where == str(tmp_path / "home" / ".cache" / "copytrail" / "numba")
    assert (before, after) == ("['double']", "[]")  # compiled once, then found in the cache
    assert any((tmp_path / "home" / ".cache" / "copytrail" / "numba").rglob("*.nbi"))


def test_run_says_when_it_compiles(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from copytrail import app
    from copytrail.reuse import jit

    monkeypatch.setattr(app, "_announced", False)
    monkeypatch.setattr(jit, "kernels_to_compile", lambda: ["align_pair"])
    app._announce_compilation()
    app._announce_compilation()  # once per process
    assert capsys.readouterr().err.count("compiling alignment kernels (first run only") == 1


def test_a_small_corpus_runs_without_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import copytrail.claims.stage
    import copytrail.reuse.stage

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker pool was started for a small corpus")

    monkeypatch.setattr(copytrail.reuse.stage, "WorkerPool", no_pool)
    monkeypatch.setattr(copytrail.claims.stage, "WorkerPool", no_pool)
    crawl = _corpus(tmp_path)
    summaries = copytrail.run([crawl], store=tmp_path / "s.duckdb", workers=0, progress=False)
    assert summaries["reuse"].families >= 2
    # An explicit setting is obeyed, even for a small corpus.
    with pytest.raises(AssertionError, match="worker pool"):
        copytrail.run([crawl], store=tmp_path / "t.duckdb", workers=2, progress=False)
