"""Fetch against a server that trickles its response one byte every 2 s (fetch_timeout=5).

Before issue #10 the deadline was checked only between body reads, so headers sent a byte at a
time held the fetch as long as the server liked (85 bytes: 126 s); now the deadline covers
connect, headers and body.

    nice python benchmarks/fetch_trickle.py
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from copytrail.settings import Settings  # noqa: E402
from copytrail.sources.fetch import fetch  # noqa: E402

RESPONSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 20\r\n\r\n<p>trickled page</p>"
)


def _one(conn: socket.socket) -> None:
    try:
        request = conn.recv(65536)
        if b"/robots.txt" in request.split(b"\r\n", 1)[0]:
            conn.sendall(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            return
        for i in range(len(RESPONSE)):
            conn.sendall(RESPONSE[i : i + 1])
            time.sleep(2.0)
    except OSError:
        pass
    finally:
        conn.close()


def _serve(listener: socket.socket) -> None:
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=_one, args=(conn,), daemon=True).start()


def main() -> int:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    threading.Thread(target=_serve, args=(listener,), daemon=True).start()
    port = listener.getsockname()[1]
    settings = Settings(
        allow_private=True,
        fetch_delay=0.0,
        fetch_timeout=5.0,
        fetch_retries=0,
        warc_dir=tempfile.mkdtemp(),
    )
    started = time.monotonic()
    result = fetch([f"http://127.0.0.1:{port}/x"], settings)
    print(
        f"fetch_timeout=5: {time.monotonic() - started:.1f} s, fetched {result.fetched}, "
        f"errors {[e.detail for e in result.errors]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
