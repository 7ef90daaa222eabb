"""Extraction in worker processes that cannot take an ingest down with them.

Every page is extracted in a worker process, one page per worker at a time, so whatever a page
does to its worker is that page's own error row and nothing else is lost:

==================  =====================================================================
what happens        error row (``reason``)
==================  =====================================================================
an exception        ``extract-failed``: exception class and message, page URL as location
slower than limit   ``time-limit``: the worker interrupts itself after ``extract_timeout``
                    seconds; one that does not answer a few seconds later is killed
over memory limit   ``memory-limit``: workers run under an address-space limit
                    (``RLIMIT_AS``) of ``worker_memory_mb`` above what they need at start
worker dies         ``worker-crashed``: a signal (segfault, SIGKILL, the kernel's OOM
                    killer) or an exit; the worker is replaced and the batch goes on
==================  =====================================================================

Because a worker holds one page at a time, the culprit of a crash is known exactly: no batch
has to be retried to find it, and no other page is lost with it.

Workers die with their parent: each asks the kernel for ``SIGKILL`` when the thread that
started it ends (``prctl(PR_SET_PDEATHSIG)``; a thread that watches the parent's pid where
that call does not exist), so ``kill -9`` of the main process leaves no worker behind. They
ignore ``SIGINT``: Ctrl-C is the main process's to report, in one line, without a traceback per
worker. The pool is shared by the ingests of one process and lets its workers go after
:data:`IDLE_SECONDS` without work.

>>> from copytrail.model import RawPage
>>> from copytrail.settings import Settings
>>> pool = ExtractorPool(Settings(workers=1))
>>> page = RawPage(url="file:///n/a.txt", source="a.txt", body=b"A short note.", kind="text",
...                content_type="text/plain", site="n")
>>> [a.text for a in pool.submit([page])()[0]]
['A short note.']
>>> pool.close()
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from copytrail.model import Article, IngestError, RawPage
from copytrail.settings import Settings

Result = list[Article] | IngestError

TIME_LIMIT = "time-limit"
MEMORY_LIMIT = "memory-limit"
CRASHED = "worker-crashed"
IDLE_SECONDS = 30.0
# A worker that has not answered this long after its own time limit is killed: the limit
# interrupts Python code, not a long call into C that holds the interpreter.
KILL_GRACE = 5.0


def _hard_limit(limit: float) -> float:
    """Seconds after which a busy worker is killed: its limit plus a grace of 1 to 5 s."""
    return limit + max(1.0, min(KILL_GRACE, limit))


# Test hook: a page whose body contains this marker kills its worker with SIGKILL, as a
# segfault or the OOM killer would. Read from the environment by the main process only.
CRASH_MARKER_ENV = "COPYTRAIL_TEST_CRASH_MARKER"
_PR_SET_PDEATHSIG = 1


class _TimeLimit(BaseException):
    """Raised inside a worker when a page's time is up (a BaseException: extractors that
    catch ``Exception`` must not swallow it)."""


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie, killed but not yet reaped, does not)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
        return True


def die_with(main_pid: int) -> None:
    """End this process when process ``main_pid`` ends, however it ends (``kill -9`` too).

    When ``main_pid`` is the parent, the kernel sends SIGKILL as the starting thread ends
    (``prctl(PR_SET_PDEATHSIG)``). Otherwise (a worker forked by multiprocessing's forkserver,
    or no prctl) a thread checks twice a second that ``main_pid`` still runs.
    """
    if os.getppid() == main_pid:
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
            asked = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            asked = False
        if os.getppid() != main_pid:  # the parent died before the request took effect
            os._exit(1)
        if asked:
            return

    def watch() -> None:
        while _running(main_pid):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="watch-main", daemon=True).start()


def _limit_memory(megabytes: int) -> None:
    """Address-space limit: what the worker uses now plus ``megabytes``."""
    if megabytes <= 0:
        return
    try:
        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return
    limit = used + megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _near_memory_limit() -> bool:
    """Whether this worker's peak address space came within 10% of its limit."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return False
    try:
        with open("/proc/self/status") as f:
            peak = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmPeak:"))
    except (OSError, ValueError, StopIteration):
        return False
    return peak >= 0.9 * soft


def _on_alarm(signum: int, frame: Any) -> None:
    raise _TimeLimit


def extract_isolated(page: RawPage, settings: Settings, crash_marker: bytes = b"") -> Result:
    """Extract one page; every failure, time and memory limit included, is an error value.

    The time limit is armed only in a worker (where SIGALRM is ours to handle).

    >>> from copytrail.model import RawPage
    >>> from copytrail.settings import Settings
    >>> extract_isolated(RawPage(url="https://x.example/", source="s", body=b"", kind="html"), Settings()).reason
    'empty'
    """
    from copytrail.extract import extract_page

    if crash_marker and crash_marker in page.body:
        os.kill(os.getpid(), signal.SIGKILL)
    limit = settings.extract_timeout if signal.getsignal(signal.SIGALRM) is _on_alarm else 0.0
    try:
        if limit > 0:
            signal.setitimer(signal.ITIMER_REAL, limit)
        result = extract_page(page, settings)
    except _TimeLimit:
        return _error(page, TIME_LIMIT, f"extraction took longer than extract_timeout={limit:g} s")
    except MemoryError:
        return _error(
            page,
            MEMORY_LIMIT,
            f"extraction needed more than worker_memory_mb={settings.worker_memory_mb} MB",
        )
    except Exception as exc:  # noqa: BLE001 - any extractor failure is the page's error row
        if _near_memory_limit():  # C parsers report a failed allocation in their own words
            return _error(
                page,
                MEMORY_LIMIT,
                f"extraction needed more than worker_memory_mb={settings.worker_memory_mb} MB "
                f"({type(exc).__name__}: {exc})",
            )
        return _error(page, "extract-failed", f"{type(exc).__name__}: {exc}")
    finally:
        if limit > 0:
            signal.setitimer(signal.ITIMER_REAL, 0)
    # extract_page reports its own exceptions, MemoryError and parser allocation failures too.
    if (
        isinstance(result, IngestError)
        and result.reason == "extract-failed"
        and _near_memory_limit()
    ):
        return _error(
            page,
            MEMORY_LIMIT,
            f"extraction needed more than worker_memory_mb={settings.worker_memory_mb} MB "
            f"({result.detail})",
        )
    return result


def _error(page: RawPage, reason: str, detail: str) -> IngestError:
    return IngestError(source=page.source, reason=reason, detail=detail[:500], location=page.url)


def _warm_up(settings: Settings) -> None:
    """Extract a small page so lazily imported modules load before the memory limit."""
    page = RawPage(
        url="https://warm.example/a",
        source="-",
        kind="html",
        body=b"<html><body><article><h1>T</h1><p>"
        + b"Some words here. " * 40
        + b"</p></article></body></html>",
    )
    extract_isolated(page, settings)


# What a worker runs: it learns the parent's import path first, so that the settings and pages
# it receives next unpickle against the same copytrail.
_BOOT = (
    "import sys\n"
    "from multiprocessing.connection import Connection\n"
    "conn = Connection(int(sys.argv[1]))\n"
    "sys.path[:] = conn.recv()\n"
    "from copytrail.isolation import _worker_main\n"
    "_worker_main(conn, *conn.recv())\n"
)


def _worker_main(
    conn: Connection, settings: Settings, parent_pid: int, crash_marker: bytes
) -> None:
    """A worker's life: extract the pages it is sent, one at a time, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with(parent_pid)
    signal.signal(signal.SIGALRM, _on_alarm)
    _warm_up(settings)
    _limit_memory(settings.worker_memory_mb)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        page, task_settings = msg
        result = extract_isolated(page, task_settings, crash_marker)
        try:
            conn.send(result)
        except (BrokenPipeError, EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - an unpicklable result is the page's error
            conn.send(
                _error(
                    page, "extract-failed", f"result not transferable: {type(exc).__name__}: {exc}"
                )
            )


@dataclass
class _Job:
    """One submitted batch: its pages and the results as they arrive."""

    pages: Sequence[RawPage]
    settings: Settings
    results: list[Result | None]
    left: int
    done: threading.Event = field(default_factory=threading.Event)

    def put(self, i: int, result: Result) -> None:
        self.results[i] = result
        self.left -= 1
        if self.left == 0:
            self.done.set()


@dataclass
class _Slot:
    """One worker process and the page it holds."""

    proc: subprocess.Popen[bytes]
    conn: Connection
    task: tuple[_Job, int] | None = None
    started: float = 0.0


class ExtractorPool:
    """Ordered extraction of pages in isolated workers; see the module docstring."""

    def __init__(self, settings: Settings, workers: int | None = None) -> None:
        self.size = workers or settings.n_workers
        self.worker_settings = settings
        self.crash_marker = os.environ.get(CRASH_MARKER_ENV, "").encode("utf-8")
        self._slots: list[_Slot] = []
        self._queue: deque[tuple[_Job, int]] = deque()
        self._lock = threading.Lock()
        self._wake_r, self._wake_w = os.pipe()
        self._closing = False
        self._prestart = False
        self._failure: BaseException | None = None
        self.crashes = 0
        # Workers are started by this thread and die with it (PDEATHSIG is per thread).
        self._thread = threading.Thread(target=self._run, name="extractor-pool", daemon=True)
        self._thread.start()

    def key(self) -> tuple[Any, ...]:
        """What a running worker depends on; a pool with another key must be restarted."""
        return (self.worker_settings.worker_memory_mb, self.crash_marker)

    def grow(self, workers: int) -> None:
        """Use up to ``workers`` workers from now on (they start when there is work)."""
        with self._lock:
            self.size = max(self.size, workers)

    def prestart(self) -> None:
        """Start one worker now, before there is work: its start-up (an interpreter and
        copytrail's imports, about a second) then overlaps with reading the sources."""
        with self._lock:
            self._prestart = True
        self._wake()

    # -- the caller's side ---------------------------------------------------------------

    def submit(
        self, pages: Sequence[RawPage], settings: Settings | None = None
    ) -> Callable[[], list[Result]]:
        """Start extracting; the returned function waits for the results, in page order."""
        job = _Job(pages, settings or self.worker_settings, [None] * len(pages), len(pages))
        if not pages:
            job.done.set()
        with self._lock:
            if self._closing:
                raise RuntimeError("extractor pool is closed")
            self._queue.extend((job, i) for i in range(len(pages)))
        self._wake()

        def results() -> list[Result]:
            while not job.done.wait(0.5):
                if self._failure is not None or not self._thread.is_alive():
                    raise RuntimeError(f"extractor pool failed: {self._failure!r}")
            return [r for r in job.results if r is not None]

        return results

    def close(self) -> None:
        """Stop the workers (idle ones are told to stop, busy ones are killed)."""
        with self._lock:
            self._closing = True
            self._queue.clear()
        self._wake()
        self._thread.join(KILL_GRACE + 5)
        for s in self._slots:
            _kill(s)
        for fd in (self._wake_r, self._wake_w):
            try:
                os.close(fd)
            except OSError:
                pass

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"x")
        except OSError:
            pass

    # -- the dispatcher thread -----------------------------------------------------------

    def _run(self) -> None:
        try:
            self._loop()
        except BaseException as exc:  # noqa: BLE001 - waiters must learn it, not hang
            self._failure = exc
        finally:
            for s in self._slots:
                _stop(s)

    def _loop(self) -> None:
        idle_since = time.monotonic()
        while True:
            with self._lock:
                early, self._prestart = self._prestart and not self._slots, False
            if early:
                self._slots.append(self._start())
            self._assign()
            busy = [s for s in self._slots if s.task is not None]
            with self._lock:
                if self._closing and not busy:
                    return
            if not busy:
                if not self._slots:
                    idle_since = time.monotonic()
                ready = wait([self._wake_r], timeout=IDLE_SECONDS)
                if not ready and time.monotonic() - idle_since >= IDLE_SECONDS:
                    for s in self._slots:
                        _stop(s)
                    self._slots = []
                self._drain_wake()
                continue
            idle_since = time.monotonic()
            ready = wait(
                [self._wake_r] + [s.conn for s in busy],  # a dead worker's pipe reads EOF
                timeout=self._next_deadline(busy),
            )
            self._drain_wake()
            for s in busy:
                self._check(s, ready)

    def _next_deadline(self, busy: list[_Slot]) -> float | None:
        limits = [
            (s.started + _hard_limit(s.task[0].settings.extract_timeout))
            for s in busy
            if s.task is not None and s.task[0].settings.extract_timeout > 0
        ]
        return max(0.0, min(limits) - time.monotonic()) if limits else None

    def _drain_wake(self) -> None:
        if wait([self._wake_r], timeout=0):
            os.read(self._wake_r, 4096)

    def _assign(self) -> None:
        while True:
            with self._lock:
                if not self._queue or self._closing:
                    return
                slot = next((s for s in self._slots if s.task is None), None)
                if slot is None and len(self._slots) >= self.size:
                    return
                task = self._queue.popleft()
            if slot is None:
                slot = self._start()
                self._slots.append(slot)
            job, i = task
            slot.task, slot.started = task, time.monotonic()
            try:
                slot.conn.send((job.pages[i], job.settings))
            except (BrokenPipeError, OSError):
                self._crashed(slot)

    def _start(self) -> _Slot:
        # A fresh interpreter that imports only copytrail (no fork: no DuckDB threads or locks
        # are inherited; not multiprocessing's spawn: a script without a __main__ guard is not
        # run again in the worker).
        ours, theirs = socket.socketpair()
        proc = subprocess.Popen(
            [sys.executable, "-c", _BOOT, str(theirs.fileno())],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            # Its own process group: a terminal's Ctrl-C reaches the main process only, which
            # reports it once; a worker interrupted while starting would print a traceback.
            process_group=0,
        )
        theirs.close()
        conn = Connection(ours.detach())
        conn.send(list(sys.path))
        conn.send((self.worker_settings, os.getpid(), self.crash_marker))
        return _Slot(proc, conn)

    def _check(self, s: _Slot, ready: list[Any]) -> None:
        assert s.task is not None
        job, i = s.task
        if s.conn in ready or s.conn.poll():
            try:
                result = s.conn.recv()
            except (EOFError, OSError):
                self._crashed(s)
                return
            s.task = None
            job.put(i, result)
            if isinstance(result, IngestError) and result.reason in (TIME_LIMIT, MEMORY_LIMIT):
                self._replace(s)  # a worker interrupted mid-page is not trusted with another
            return
        if s.proc.poll() is not None:
            self._crashed(s)
            return
        limit = job.settings.extract_timeout
        if limit > 0 and time.monotonic() - s.started > _hard_limit(limit):
            s.task = None
            job.put(
                i,
                _error(
                    job.pages[i],
                    TIME_LIMIT,
                    f"extraction took longer than extract_timeout={limit:g} s; worker killed",
                ),
            )
            self._replace(s)

    def _crashed(self, s: _Slot) -> None:
        assert s.task is not None
        job, i = s.task
        s.task = None
        code = _wait(s.proc, 1.0)
        how = (
            f"signal {signal.Signals(-code).name}"
            if code is not None and code < 0
            else f"exit code {code}"
        )
        self.crashes += 1
        job.put(
            i, _error(job.pages[i], CRASHED, f"the extraction worker died ({how}) on this page")
        )
        self._replace(s)

    def _replace(self, s: _Slot) -> None:
        _kill(s)
        self._slots.remove(s)  # a new worker starts when there is work for it


def _wait(proc: subprocess.Popen[bytes], seconds: float) -> int | None:
    try:
        return proc.wait(seconds)
    except subprocess.TimeoutExpired:
        return None


def _stop(s: _Slot) -> None:
    try:
        s.conn.send(None)
    except (OSError, ValueError):
        pass
    _wait(s.proc, 2.0)
    _kill(s)


def _kill(s: _Slot) -> None:
    if s.proc.poll() is None:
        s.proc.kill()
        _wait(s.proc, 2.0)
    s.conn.close()


_shared: ExtractorPool | None = None
_shared_lock = threading.Lock()


def shared_pool(settings: Settings) -> ExtractorPool:
    """The process's pool (one worker to start with, see :meth:`ExtractorPool.grow`),
    restarted when the memory limit changed."""
    global _shared
    with _shared_lock:
        wanted = (settings.worker_memory_mb, os.environ.get(CRASH_MARKER_ENV, "").encode("utf-8"))
        if _shared is not None and (_shared.key() != wanted or not _shared._thread.is_alive()):
            _shared.close()
            _shared = None
        if _shared is None:
            _shared = ExtractorPool(settings, workers=1)
        return _shared


def close_shared_pool() -> None:
    """Stop the shared pool's workers (also done at exit)."""
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared.close()
            _shared = None


atexit.register(close_shared_pool)
