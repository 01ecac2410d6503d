"""A TCP forwarder the tests can cut: the app reaches PostgreSQL through it, so 'the database
is unreachable' is a real network failure, not a mock."""

from __future__ import annotations

import socket
import threading


class TcpProxy:
    def __init__(self, target_port: int, listen_port: int):
        self.target = ("127.0.0.1", target_port)
        self.port = listen_port
        self._server: socket.socket | None = None
        self._links: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> "TcpProxy":
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(64)
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()
        return self

    def stop(self) -> None:
        """Refuse new connections and cut the open ones."""
        with self._lock:
            if self._server is not None:
                # shutdown() wakes the thread blocked in accept(); close() alone would not.
                try:
                    self._server.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                self._server.close()
                self._server = None
            for link in self._links:
                try:
                    link.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                link.close()
            self._links.clear()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._links += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
