"""A loopback TCP proxy that can cut connections mid-stream (dropped-connection tests)."""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType


class _Link:
    """One client connection and its upstream twin, pumped by two threads."""

    def __init__(self, client: socket.socket, upstream: socket.socket,
                 budget: int | None) -> None:
        self.client, self.upstream = client, upstream
        self.budget = budget  # bytes from the server still allowed through; None = unlimited
        self.lock = threading.Lock()
        self.closed = threading.Event()

    def set_budget(self, budget: int | None) -> None:
        with self.lock:
            self.budget = budget

    def allowance(self, size: int) -> tuple[int, bool]:
        """How many of `size` server bytes may pass, and whether to cut after them."""
        with self.lock:
            if self.budget is None:
                return size, False
            passed = min(size, self.budget)
            self.budget -= passed
            return passed, self.budget == 0

    def close(self) -> None:
        """Close both sides now (a FIN to the client, whatever is in flight is lost)."""
        self.closed.set()
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


class TcpProxy:
    """127.0.0.1:<free port> forwarding to `target_host:target_port`, one thread per direction."""

    host = "127.0.0.1"

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self._listener: socket.socket | None = None
        self._links: set[_Link] = set()
        self._budget: int | None = None
        self._lock = threading.Lock()
        self._accepting: threading.Thread | None = None

    def start(self) -> TcpProxy:
        """Listen and accept in a background thread; returns once the port is bound."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, 0))
        listener.listen(64)
        self._listener, self.port = listener, listener.getsockname()[1]
        self._accepting = threading.Thread(target=self._accept_loop, daemon=True,
                                           name=f"tcpproxy-{self.port}")
        self._accepting.start()
        return self

    def stop(self) -> None:
        """Stop listening and close every connection."""
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        if self._accepting is not None:
            self._accepting.join(timeout=5)
            self._accepting = None
        self.cut_all()

    def __enter__(self) -> TcpProxy:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def cut_after(self, nbytes_from_server: int | None) -> None:
        """Close connections after this many more bytes from the server: live connections
        count from now, new ones from their start; holds until `cut_after(None)`."""
        with self._lock:
            self._budget = nbytes_from_server
            links = list(self._links)
        for link in links:
            link.set_budget(nbytes_from_server)
            if nbytes_from_server == 0:
                link.close()

    def cut_all(self) -> None:
        """Close every live connection now."""
        with self._lock:
            links = list(self._links)
        for link in links:
            link.close()

    @property
    def connections(self) -> int:
        """How many proxied connections are open."""
        with self._lock:
            return len(self._links)

    def _accept_loop(self) -> None:
        while (listener := self._listener) is not None:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=10)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                link = _Link(client, upstream, self._budget)
                self._links.add(link)
            if link.budget == 0:
                self._forget(link)
                continue
            for pump in (self._pump_up, self._pump_down):
                threading.Thread(target=pump, args=(link,), daemon=True).start()

    def _pump_up(self, link: _Link) -> None:
        """Client → server, unchanged."""
        with contextlib.suppress(OSError):
            while chunk := link.client.recv(65536):
                link.upstream.sendall(chunk)
        self._forget(link)

    def _pump_down(self, link: _Link) -> None:
        """Server → client, counting bytes against the link's budget."""
        with contextlib.suppress(OSError):
            while chunk := link.upstream.recv(65536):
                passed, cut = link.allowance(len(chunk))
                link.client.sendall(chunk[:passed])
                if cut:
                    break
        self._forget(link)

    def _forget(self, link: _Link) -> None:
        link.close()
        with self._lock:
            self._links.discard(link)
