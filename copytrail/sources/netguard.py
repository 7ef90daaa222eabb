"""Refuse to fetch from loopback, private, link-local, multicast and reserved addresses.

``copytrail fetch`` downloads URLs found in sitemaps and feeds written by strangers. Without
this guard a hostile sitemap could point the crawler at ``http://169.254.169.254/`` (cloud
metadata), at a router, or at services on the researcher's own machine, and the responses would
be saved into a WARC. So every host is resolved first, *every* resolved address is checked, the
connection is made to the checked address (not to a second, possibly different, resolution),
and each redirect hop goes through the same check.

>>> blocked_reason(ipaddress.ip_address("10.1.2.3"))
'private'
>>> blocked_reason(ipaddress.ip_address("::ffff:127.0.0.1"))
'loopback'
>>> blocked_reason(ipaddress.ip_address("93.184.216.34")) is None
True
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import threading
import time
from typing import Any

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# NAT64 (64:ff9b::/96) embeds an IPv4 address just like IPv4-mapped addresses do.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class Refused(Exception):
    """A host that must not be contacted; the message says which address and why."""


def blocked_reason(ip: IPAddress) -> str | None:
    """Why an address must not be fetched from, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or (ip.sixtofour if ip.sixtofour else None)
        if embedded is None and ip.teredo:
            embedded = ip.teredo[1]
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return blocked_reason(embedded)
    for name in ("loopback", "link_local", "multicast", "private", "reserved", "unspecified"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if not ip.is_global:
        return "not-global"  # e.g. carrier-grade NAT 100.64.0.0/10
    return None


def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """Addresses to connect to for ``host``; raises :class:`Refused` if any one is blocked.

    All addresses are checked, not just the first: a name that resolves to one public and one
    private address could be answered either way at connect time.
    """
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
        infos: list[Any] = [(None, None, None, None, (str(literal), port))]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise OSError(f"cannot resolve {host!r}: {exc}") from None
    ips: list[str] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        reason = blocked_reason(ip)
        if reason and not allow_private:
            raise Refused(f"{host} resolves to {ip} ({reason}); set allow_private to fetch it")
        if str(ip) not in ips:
            ips.append(str(ip))
    if not ips:
        raise OSError(f"no address for {host!r}")
    return ips


def connection(
    scheme: str,
    host: str,
    port: int,
    ips: list[str],
    timeout: float,
    deadline: Deadline | None = None,
) -> http.client.HTTPConnection:
    """An HTTP(S) connection to ``host`` that connects only to the vetted addresses ``ips``
    (in order, the next one when one does not answer).

    The Host header, TLS SNI and certificate check still use ``host``; only the TCP connect is
    pinned, which closes the window between the check and a second DNS answer. With a
    :class:`Deadline`, no connect attempt waits past it and the new socket is watched by it.
    """
    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=timeout)
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)

    def create(address: tuple[str, int], timeout: Any = None, source: Any = None) -> socket.socket:
        error: OSError | None = None
        for ip in ips:
            wait = timeout
            if deadline is not None:
                wait = min(timeout, deadline.left())
                if wait <= 0:
                    raise TimeoutError("connect: no time left before the fetch deadline")
            try:
                sock = socket.create_connection((ip, address[1]), wait, source)
                if deadline is not None:
                    deadline.watch(sock)
                return sock
            except OSError as exc:
                error = exc
        raise error or OSError(f"no address for {host}")

    conn._create_connection = create  # type: ignore[attr-defined]
    return conn


class Deadline:
    """A total deadline for one HTTP exchange: connect, TLS, headers and body.

    A socket timeout bounds each wait for bytes, not the exchange: a server that trickles a
    byte of its headers every second never trips it. When the deadline passes, the socket is
    shut down, which ends whatever read is blocked in it (http.client's header parsing
    included), and :attr:`expired` tells the caller why.

    >>> import socket
    >>> a, b = socket.socketpair()
    >>> with Deadline(time.monotonic() + 0.2) as d:
    ...     d.watch(a)
    ...     a.recv(1)  # nothing is sent: only the deadline ends this read
    b''
    >>> d.expired
    True
    """

    def __init__(self, at: float) -> None:
        self.at = at
        self.expired = False
        self._fd = -1
        self._done = False
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def left(self) -> float:
        """Seconds until the deadline (negative once passed)."""
        return self.at - time.monotonic()

    def watch(self, sock: socket.socket | None) -> None:
        """Shut ``sock``'s connection down at the deadline (now, if it has passed)."""
        with self._lock:
            self._fd = sock.fileno() if sock is not None else -1
        if self._timer is None:
            self._timer = threading.Timer(max(0.0, self.left()), self._expire)
            self._timer.daemon = True
            self._timer.start()

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            if self._fd < 0:
                return
            try:
                # Through a duplicate of the descriptor: shutdown acts on the connection, so
                # this also wakes a read blocked in a TLS socket wrapped around it.
                dup = socket.socket(fileno=os.dup(self._fd))
            except OSError:
                return
            try:
                dup.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            finally:
                dup.close()

    def cancel(self) -> None:
        """Stop watching; call it before the watched socket is closed (its number is reused)."""
        with self._lock:
            self._done = True
        if self._timer is not None:
            self._timer.cancel()

    def __enter__(self) -> Deadline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()
