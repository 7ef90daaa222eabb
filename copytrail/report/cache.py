"""The explorer's response cache: finished responses kept by URL, bounded by bytes.

The explorer opens the store read-only, so the answer to a URL cannot change while it serves,
except when the store file itself is replaced or rewritten (another store copied over it, a
``run`` after the lock was released). The cache therefore keys every response by its view and
parameters, keeps at most ``max_bytes`` of bodies (least recently used dropped first), and is
emptied as soon as the store's fingerprint (inode, size and modification time of the file and
its write-ahead log) changes. Each body is computed once even when many clients ask for it at
the same moment: the others wait for the first one's answer instead of repeating its queries.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "s.duckdb")
>>> _ = open(path, "wb").write(b"one")
>>> cache = ResponseCache(path, max_bytes=1000, check_every=0)
>>> calls = []
>>> def view():
...     calls.append(1)
...     return Response(200, "application/json", b'{"n": 1}')
>>> cache.get_or_compute(("overview", ()), view).body, cache.get_or_compute(("overview", ()), view).body
(b'{"n": 1}', b'{"n": 1}')
>>> len(calls)
1
>>> _ = open(path, "ab").write(b" and two")  # the store changed: the next request recomputes
>>> _ = cache.get_or_compute(("overview", ()), view); len(calls)
2
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

GZIP_MIN_BYTES = 1024  # smaller bodies gain little and cost a header


@dataclass
class Response:
    """One finished response; its ETag and gzip form are made on first need."""

    status: int
    content_type: str
    body: bytes
    _etag: str | None = field(default=None, repr=False)
    _gzipped: bytes | None = field(default=None, repr=False)

    @property
    def etag(self) -> str:
        """A strong validator of the body, quoted as HTTP wants it.

        >>> Response(200, "text/plain", b"x").etag
        '"2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"'
        """
        if self._etag is None:
            self._etag = '"' + hashlib.sha256(self.body).hexdigest() + '"'
        return self._etag

    def gzipped(self) -> bytes | None:
        """The body gzip-compressed, or None when it is too small to be worth it."""
        if len(self.body) < GZIP_MIN_BYTES:
            return None
        if self._gzipped is None:
            # Level 6: near the best ratio for JSON at a fraction of level 9's time; mtime 0
            # so the same body always compresses to the same bytes.
            self._gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzipped


def fingerprint(path: str) -> tuple[tuple[int, int, int], ...]:
    """What identifies the store's content on disk: (inode, size, mtime) of the file and its
    write-ahead log (a DuckDB writer appends there before checkpointing into the file).

    >>> fingerprint("/nonexistent/store.duckdb")
    ((0, 0, 0), (0, 0, 0))
    """
    marks = []
    for name in (path, path + ".wal"):
        try:
            st = os.stat(name)
        except OSError:
            marks.append((0, 0, 0))
        else:
            marks.append((st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(marks)


class ResponseCache:
    """Responses by key, at most ``max_bytes`` of bodies, emptied when the store changes.

    ``check_every`` seconds at most pass between two looks at the store's fingerprint (a
    ``stat`` of two files); ``on_change`` is called (once) when a change is seen, before the
    request that saw it is answered.
    """

    def __init__(
        self,
        path: str,
        max_bytes: int = 64 * 1024 * 1024,
        check_every: float = 1.0,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.check_every = check_every
        self.on_change = on_change
        self.enabled = True
        self.hits = self.misses = self.invalidations = 0
        self._entries: OrderedDict[Hashable, Response] = OrderedDict()
        self._bytes = 0
        self._pending: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        self._generation = 0
        self._mark = fingerprint(path) if path != ":memory:" else ()
        self._checked = time.monotonic()

    @property
    def size(self) -> int:
        """Bytes of bodies held."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def check(self) -> bool:
        """Empty the cache if the store changed since the last look; True when it did."""
        now = time.monotonic()
        if self.path == ":memory:" or now - self._checked < self.check_every:
            return False
        self._checked = now
        mark = fingerprint(self.path)
        with self._lock:
            if mark == self._mark:
                return False
            self._mark = mark
            self._entries.clear()
            self._bytes = 0
            self._generation += 1  # answers being computed now may be from the old store
            self.invalidations += 1
        if self.on_change is not None:
            self.on_change()
        return True

    def get(self, key: Hashable) -> Response | None:
        """The cached response of ``key``, or None."""
        self.check()
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
            return found

    def put(self, key: Hashable, response: Response, generation: int | None = None) -> None:
        """Keep ``response`` unless it is larger than the whole cache or, when ``generation``
        is given, the store changed since it was computed."""
        size = len(response.body)
        self.check()  # a change seen now makes an answer computed before it stale
        with self._lock:
            if size > self.max_bytes or (generation is not None and generation != self._generation):
                return
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = response
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    def get_or_compute(
        self,
        key: Hashable,
        compute: Callable[[], Response],
        keep: Callable[[Response], bool] = lambda r: r.status == 200,
    ) -> Response:
        """The cached response of ``key``, else ``compute()`` (run once for concurrent asks
        of the same key), kept when ``keep`` says so."""
        if not self.enabled:
            return compute()
        while True:
            found = self.get(key)
            if found is not None:
                return found
            with self._lock:
                waiting = self._pending.get(key)
                if waiting is None:
                    mine = self._pending[key] = threading.Event()
                    generation = self._generation
                    self.misses += 1
                    break
            waiting.wait()  # the first asker finished: look again (it may not have kept it)
            if key not in self._entries:
                return compute()
        try:
            response = compute()
            if keep(response):
                self.put(key, response, generation)
            return response
        finally:
            with self._lock:
                del self._pending[key]
            mine.set()

    def clear(self) -> None:
        """Drop every response."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self._generation += 1
