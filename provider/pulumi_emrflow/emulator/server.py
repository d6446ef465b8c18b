"""The HTTP transport: a standard-library threaded server in front of ``Protocol`` and ``Admin``.

HTTP/1.1 with keep-alive (every answer has a Content-Length), Nagle disabled (with delayed ACKs
it adds about 40 ms to each keep-alive request), one daemon thread per connection. One log line
per request on the ``pulumi_emrflow.emulator`` logger: method, action (only a known action name),
status, error code, duration. Parameter values are never logged: custom variables may hold
passwords.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from .admin import PREFIX, Admin
from .credentials_uri import CREDENTIALS_PATH, CredentialsUri
from .ecs_metadata import METADATA_HOST, EcsMetadata
from .exceptions import body_too_large, invalid_request
from .protocol import MAX_BODY_BYTES, Protocol, Reply

log = logging.getLogger("pulumi_emrflow.emulator")

IDLE_TIMEOUT_SECONDS = 300


class EmulatorHTTPServer(ThreadingHTTPServer):
    """Tracks open connections so ``close_connections`` can end keep-alive threads at stop.

    Requests in absolute form (``GET http://host/path``, as sent to an HTTP proxy) are served
    too, so that tests can make the emulator the proxy of a process: then requests for the ECS
    metadata address reach ``ecs_metadata``, and everything else is served as usual.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        protocol: Protocol,
        admin: Admin,
        *,
        ecs_metadata: EcsMetadata | None = None,
        credentials_uri: CredentialsUri | None = None,
    ) -> None:
        self.protocol = protocol
        self.admin = admin
        self.ecs_metadata = ecs_metadata
        self.credentials_uri = credentials_uri
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        with self._connections_lock:
            self._connections.add(connection)
        return connection, address

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            _abort(connection)


def _abort(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):  # the peer may have closed it already
        connection.shutdown(socket.SHUT_RDWR)
    connection.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    # A buffered writer: the status line, headers and body of an answer leave in one send (one
    # segment, one wake-up of the client) when _send flushes, instead of a send per part.
    wbufsize = 64 * 1024
    timeout = IDLE_TIMEOUT_SECONDS
    server_version = "emrflow-emulator"
    sys_version = ""
    server: EmulatorHTTPServer

    def handle_expect_100(self) -> bool:
        # The interim answer must leave now, before the body is read: flush the buffered writer.
        accepted = super().handle_expect_100()
        self.wfile.flush()
        return accepted

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def _serve(self) -> None:
        started = time.perf_counter()
        body = self._read_body()
        if body is None:
            return
        target, host = self.path, self.headers.get("Host", "")
        if target.startswith(("http://", "https://")):
            parts = urlsplit(target)
            target, host = parts.path + (f"?{parts.query}" if parts.query else ""), parts.netloc
        path, _, query = target.partition("?")
        ecs, uri = self.server.ecs_metadata, self.server.credentials_uri
        if ecs is not None and host.partition(":")[0] == METADATA_HOST:
            reply = ecs.handle(self.command, path)
        elif uri is not None and path == CREDENTIALS_PATH:
            reply = uri.handle(self.command)
        elif path.startswith(PREFIX):
            reply = self.server.admin.handle(self.command, path, body)
        else:
            reply = self.server.protocol.handle(self.command, path, query, self._headers(), body)
        self._log(reply, started)
        if reply.drop:
            self.close_connection = True
            _abort(self.connection)
            return
        self._send(reply)

    def _read_body(self) -> bytes | None:
        """The request body, or None after answering 413/400 for a body that cannot be read."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY_BYTES:
            self._refuse(413 if length > 0 else 400)
            return None
        return self.rfile.read(length)

    def _read_chunked(self) -> bytes | None:
        chunks: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024).split(b";", 1)[0].strip()
            try:
                size = int(line, 16)
            except ValueError:
                size = -1
            total += max(size, 0)
            if size < 0 or total > MAX_BODY_BYTES:
                self._refuse(400 if size < 0 else 413)
                return None
            if size == 0:
                while self.rfile.readline(1024).strip():
                    pass  # trailers
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _refuse(self, status: int) -> None:
        # The body was not read, so the connection cannot be reused.
        error = body_too_large() if status == 413 else invalid_request("unreadable body length")
        self.close_connection = True
        self._send(self.server.protocol.error_reply(error, self._headers()))

    def _headers(self) -> dict[str, str]:
        return {name.lower(): value for name, value in self.headers.items()}

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(reply.body)
        self.wfile.flush()

    def _log(self, reply: Reply, started: float) -> None:
        if not log.isEnabledFor(logging.INFO):
            return
        elapsed_ms = (time.perf_counter() - started) * 1000
        status = "dropped" if reply.drop else str(reply.status)
        log.info(
            "%s %s %s %s %.1fms",
            self.command,
            reply.action or ("admin" if self.path.startswith(PREFIX) else "-"),
            status,
            reply.error_code or "-",
            elapsed_ms,
        )

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the standard per-request lines: ``_log`` writes the only one."""
