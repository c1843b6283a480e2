"""Loopback servers that stop answering: for the Neo4j deadlines.

`MuteBolt` speaks just enough Bolt 5.0 to log a driver in (handshake, HELLO) and answers the
first `answer_runs` queries with one row `[1]`; after that it reads every message and answers
none, as a stuck server does. `BlackHoleProxy` forwards a TCP connection to a real server until
the client has sent `after_bytes`, then carries nothing more either way (a network that drops
everything, the connection still open).
"""
from __future__ import annotations

import socket
import threading
from typing import Callable


def _str(s: str) -> bytes:
    b = s.encode()
    assert len(b) < 16
    return bytes([0x80 + len(b)]) + b


def _message(signature: int, *fields: bytes) -> bytes:
    body = bytes([0xB0 + len(fields), signature]) + b"".join(fields)
    return len(body).to_bytes(2, "big") + body + b"\x00\x00"


def _map(**kv: bytes) -> bytes:
    return bytes([0xA0 + len(kv)]) + b"".join(_str(k) + v for k, v in kv.items())


SUCCESS_EMPTY = _message(0x70, _map())
HELLO_OK = _message(0x70, _map(server=_str("Neo4j/5.26.0"), connection_id=_str("bolt-mute")))
RUN_OK = _message(0x70, _map(fields=b"\x91" + _str("ok"), t_first=b"\x00"))
RECORD_1 = _message(0x71, b"\x91\x01")
PULL_DONE = _message(0x70, _map(has_more=b"\xc2", t_last=b"\x00"))
HELLO, GOODBYE, RUN, PULL = 0x01, 0x02, 0x10, 0x3F


class _Loop:
    """Accept connections on 127.0.0.1 and handle each in a daemon thread; close() ends it all."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(conn)
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()

    def handle(self, conn: socket.socket) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self._stop.set()
        for s in [self.listener, *self.connections]:
            try:
                # shutdown first: a thread blocked in recv() keeps a closed socket's connection open,
                # and a proxied server would keep the stalled transaction (and its locks) alive
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                s.close()
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _recv_exact(conn: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def _messages(conn: socket.socket):
    """Each Bolt message's signature byte, as the client sends them."""
    while True:
        body = b""
        while True:
            size = int.from_bytes(_recv_exact(conn, 2), "big")
            if size == 0:
                break
            body += _recv_exact(conn, size)
        if body:
            yield body[1]


class MuteBolt(_Loop):
    def __init__(self, answer_runs: int = 0) -> None:
        self.answer_runs = answer_runs
        self.runs_seen = 0
        super().__init__()

    def handle(self, conn: socket.socket) -> None:
        try:
            _recv_exact(conn, 20)  # magic + four version proposals
            conn.sendall(b"\x00\x00\x00\x05")  # Bolt 5.0: auth travels in HELLO
            for sig in _messages(conn):
                if sig == GOODBYE:
                    return
                if sig == HELLO:
                    conn.sendall(HELLO_OK)
                    continue
                if sig == RUN:
                    self.runs_seen += 1
                if self.runs_seen > self.answer_runs:
                    continue  # stuck: read on, answer nothing
                if sig == RUN:
                    conn.sendall(RUN_OK)
                elif sig == PULL:
                    conn.sendall(RECORD_1 + PULL_DONE)
                else:  # BEGIN, COMMIT, ROLLBACK, RESET, ...
                    conn.sendall(SUCCESS_EMPTY)
        except OSError:
            return
        except ConnectionError:
            return


class BlackHoleProxy(_Loop):
    def __init__(self, target_port: int, after_bytes: int,
                 on_black_hole: Callable[[], None] | None = None) -> None:
        self.target_port = target_port
        self.after_bytes = after_bytes
        self.sent = 0
        self.holed = threading.Event()
        self.on_black_hole = on_black_hole
        super().__init__()

    def handle(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
        except OSError:
            client.close()
            return
        self.connections.append(upstream)
        threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()
        self._pipe(client, upstream, True)

    def _pipe(self, src: socket.socket, dst: socket.socket, counted: bool) -> None:
        try:
            while not self.holed.is_set():
                data = src.recv(65536)
                if not data:
                    return
                if counted:
                    self.sent += len(data)
                    if self.sent > self.after_bytes:
                        self.holed.set()
                        if self.on_black_hole:
                            self.on_black_hole()
                        return  # stop reading: the client's data piles up unread, nothing goes back
                if self.holed.is_set():
                    return
                dst.sendall(data)
        except OSError:
            return
