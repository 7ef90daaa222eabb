"""One bad page is one error row: exceptions, time and memory limits, dead workers, kill -9, Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpusgen import write_site

from copytrail.isolation import close_shared_pool
from copytrail.pipeline import ingest
from copytrail.settings import Settings
from copytrail.store import Store

MARKER = "PLEASE-CRASH-THIS-WORKER"


def _errors(store: Store) -> dict[str, tuple[str, str]]:
    rows = store.con.execute("SELECT location, reason, detail FROM errors").fetchall()
    return {loc: (reason, detail) for loc, reason, detail in rows}


def _bad_page(site: Path, name: str, body: str) -> str:
    url = f"https://{site.name}/bad/{name}"
    (site / f"{name}.html").write_text(
        f'<html><head><link rel="canonical" href="{url}"></head><body>{body}</body></html>'
    )
    return url


@pytest.fixture(autouse=True)
def _fresh_pool():
    # Each test starts its own workers (the crash marker and limits are read at start).
    close_shared_pool()
    yield
    close_shared_pool()


def test_a_worker_that_dies_costs_only_its_own_page(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPYTRAIL_TEST_CRASH_MARKER", MARKER)
    site = write_site(tmp_path / "corpus", "valley.example", 8)
    culprit = _bad_page(site, "crash", f"<p>{MARKER}</p>")
    # Three pages per batch: the crash happens in a batch with good pages on both sides of it.
    summary = ingest([str(site)], Settings(workers=2, progress=False, batch_size=3), store)
    assert summary.articles_new == 8 and store.count("articles") == 8
    reason, detail = _errors(store)[culprit]
    assert reason == "worker-crashed" and "SIGKILL" in detail
    assert summary.errors == {"worker-crashed": 1}
    # The replacement worker goes on: a second ingest of new pages still works.
    more = write_site(tmp_path / "more", "hill.example", 2)
    assert ingest([str(more)], Settings(workers=2, progress=False), store).articles_new == 2


def test_a_page_over_the_time_limit_is_an_error_row(tmp_path: Path, store: Store) -> None:
    site = write_site(tmp_path / "corpus", "valley.example", 3)
    attrs = " ".join(f'data-a{i}="v"' for i in range(100_000))
    culprit = _bad_page(site, "slow", f"<div {attrs}><p>A paragraph.</p></div>")
    started = time.monotonic()
    summary = ingest([str(site)], Settings(workers=1, progress=False, extract_timeout=3.0), store)
    assert time.monotonic() - started < 30  # unlimited, this page takes minutes
    reason, detail = _errors(store)[culprit]
    assert reason == "time-limit" and "extract_timeout=3" in detail
    assert summary.articles_new == 3


def test_a_page_over_the_memory_limit_is_an_error_row(tmp_path: Path, store: Store) -> None:
    site = write_site(tmp_path / "corpus", "valley.example", 3)
    culprit = _bad_page(site, "huge", "<p>word " * 1_000_000)
    summary = ingest([str(site)], Settings(workers=1, progress=False, worker_memory_mb=40), store)
    reason, detail = _errors(store)[culprit]
    assert reason == "memory-limit" and "worker_memory_mb=40" in detail
    assert summary.articles_new == 3


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            found.add(c)
            todo.append(c)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start_ingest(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[bytes], set[int]]:
    corpus = tmp_path / "corpus"
    for i in range(2):
        write_site(corpus, f"site{i}.example", 150, start=i * 1000)
    cmd = [
        sys.executable,
        "-m",
        "copytrail.cli",
        "ingest",
        str(corpus),
        "--store",
        str(tmp_path / "s.duckdb"),
        "--workers",
        "2",
        "--no-progress",
        *extra,
    ]
    env = dict(os.environ, COPYTRAIL_BATCH_SIZE="20")
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.time() + 60
    kids: set[int] = set()
    while time.time() < deadline and proc.poll() is None:
        kids = _descendants(proc.pid)
        if len(kids) >= 2:  # both extraction workers are up
            break
        time.sleep(0.1)
    assert proc.poll() is None and len(kids) >= 2, "ingest ended before its workers were seen"
    return proc, kids


def test_kill_9_of_the_main_process_leaves_no_worker(tmp_path: Path) -> None:
    proc, kids = _start_ingest(tmp_path)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(k) for k in kids):
        time.sleep(0.1)
    assert not [k for k in kids if _alive(k)], "worker processes outlived their parent"


def test_ctrl_c_is_one_line_without_tracebacks(tmp_path: Path) -> None:
    proc, kids = _start_ingest(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)  # the terminal sends it to the whole process group
    _, err = proc.communicate(timeout=60)
    text = err.decode()
    assert proc.returncode == 130, text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text
    assert [line for line in text.splitlines() if line.strip()] == [
        "interrupted: what was stored is kept; run the same command again to resume"
    ]
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(k) for k in kids):
        time.sleep(0.1)
    assert not [k for k in kids if _alive(k)]


POOL_SCRIPT = """
import sys, time
from copytrail.workers import WorkerPool
pool = WorkerPool(2, sys.argv[1])
futures = [pool.submit(time.sleep, 30) for _ in range(4)]
print("ready", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_kill_9_leaves_no_stage_worker_forkserver_or_tracker(method: str) -> None:
    # The pools of the reuse and claims stages: workers, the forkserver, the resource tracker.
    proc = subprocess.Popen(
        [sys.executable, "-c", POOL_SCRIPT, method], stdout=subprocess.PIPE, start_new_session=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
    deadline = time.time() + 30
    kids: set[int] = set()
    while time.time() < deadline and len(kids) < 3:  # 2 workers + tracker (+ forkserver)
        kids = _descendants(proc.pid)
        time.sleep(0.1)
    assert len(kids) >= 3, kids
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(k) for k in kids):
        time.sleep(0.1)
    assert not [k for k in kids if _alive(k)], "processes outlived their parent"


def test_a_value_the_store_refuses_is_one_error_row(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import copytrail.pipeline as pipeline
    from copytrail.model import RawPage

    site = write_site(tmp_path / "corpus", "valley.example", 4)
    read = pipeline.iter_inputs

    def with_a_bad_record(sources, settings, skipped=None):  # type: ignore[no-untyped-def]
        yield from read(sources, settings, skipped)
        # A reader that lets a lone surrogate through: DuckDB cannot store it as UTF-8.
        yield RawPage(
            url="https://valley.example/odd",
            source="odd.jsonl",
            kind="jsonl",
            body=b"<html><body><p>A record with an odd title and enough words to keep.</p></body></html>",
            hints={"title": "Broken \ud800 title"},
        )

    monkeypatch.setattr(pipeline, "iter_inputs", with_a_bad_record)
    summary = ingest([str(site)], Settings(workers=1, progress=False, batch_size=10), store)
    assert summary.articles_new == 4 and store.count("articles") == 4
    reason, detail = _errors(store)["https://valley.example/odd"]
    assert (
        reason == "store-failed" and "surrogate" in detail
    )  # the refusal itself, not a follow-up error
