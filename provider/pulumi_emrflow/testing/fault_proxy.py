"""An HTTP proxy in front of the EMR endpoint that spoils answers, before or AFTER the commit.

The emulator's own faults happen before a request is processed (throttling, 5xx) or drop the
connection after a commit. What hurts a client most is an answer that lies about an action that
did happen: a 500, 502, 503 or 504 after the object was created, or a connection that closes
with the commit done. ``FaultProxy`` does that for any action of any endpoint (the emulator, or
a real one), and keeps a journal of what reached the service::

    with Emulator() as emu, FaultProxy(emu.endpoint) as proxy:
        proxy.spoil("CreateFlowJob", answer=503)        # the job is created, the client sees 503
        ...  # point the client or provider at proxy.endpoint
        assert proxy.forwarded("CreateFlowJob") == 1

``answer`` is a status (a gateway-like error: JSON for 500/503/504, an HTML page for 502) or
``"drop"`` (the connection closes without an answer); ``after_commit=False`` spoils the answer
without forwarding (the service never sees the request). ``outage(seconds)`` drops every
connection for a while, as a network blip or a restarting gateway would.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Literal, Self

__all__ = ["Answer", "FaultProxy", "Forwarded"]

Answer = int | Literal["drop"]

_ERROR_CODES = {
    500: "InternalError",
    503: "ServiceUnavailable",
    504: "GatewayTimeout",
}
_BAD_GATEWAY_PAGE = b"<html><head><title>502 Bad Gateway</title></head><body>502</body></html>"


@dataclass(frozen=True)
class Forwarded:
    """One request that reached the service: its action, parameters and the real status."""

    action: str
    params: dict[str, str]
    status: int
    answer: dict[str, Any] | None
    spoiled: bool


@dataclass
class _Spoil:
    action: str
    answer: Answer
    after_commit: bool
    count: int
    outage_after: float


class FaultProxy:
    """A threaded proxy on 127.0.0.1; use it as a context manager, or ``start``/``stop``."""

    def __init__(self, target: str) -> None:
        self.target = urllib.parse.urlsplit(target).netloc or target
        self.journal: list[Forwarded] = []
        self.spoiled: Counter[str] = Counter()
        self._spoils: list[_Spoil] = []
        self._down_until = 0.0
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # ---- control ----------------------------------------------------------------------------
    def spoil(
        self,
        action: str,
        *,
        answer: Answer,
        after_commit: bool = True,
        count: int = 1,
        outage_after: float = 0.0,
    ) -> None:
        """Spoil the answers to the next ``count`` requests of ``action`` (``"*"``: any);
        ``outage_after`` starts an outage of that many seconds once an answer is spoiled."""
        if answer != "drop" and not (isinstance(answer, int) and 400 <= answer <= 599):
            raise ValueError(f"answer must be an HTTP error status or 'drop', not {answer!r}")
        with self._lock:
            self._spoils.append(_Spoil(action, answer, after_commit, count, outage_after))

    def outage(self, seconds: float) -> None:
        """Drop every connection (without forwarding) for the next ``seconds``."""
        with self._lock:
            self._down_until = time.monotonic() + seconds

    def retarget(self, target: str) -> None:
        """Forward to ``target`` from now on (a service restarted elsewhere, same address for
        the client)."""
        with self._lock:
            self.target = urllib.parse.urlsplit(target).netloc or target

    def clear(self) -> None:
        """Forget pending spoils, the outage, the journal and the counters."""
        with self._lock:
            self._spoils.clear()
            self._down_until = 0.0
            self.journal.clear()
            self.spoiled.clear()

    def take_journal(self) -> list[Forwarded]:
        """What reached the service since the last take (the journal is emptied)."""
        with self._lock:
            journal, self.journal = self.journal, []
        return journal

    def forwarded(self, action: str) -> int:
        """How many requests of ``action`` reached the service."""
        with self._lock:
            return sum(1 for entry in self.journal if entry.action == action)

    # ---- process ----------------------------------------------------------------------------
    @property
    def endpoint(self) -> str:
        if self._server is None:
            raise RuntimeError("the proxy is not running; use it in a `with` block")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> Self:
        self._server = _Server(self)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ---- used by the handler ----------------------------------------------------------------
    def _take_spoil(self, action: str) -> _Spoil | None:
        with self._lock:
            for spoil in self._spoils:
                if spoil.action in (action, "*"):
                    spoil.count -= 1
                    if spoil.count <= 0:
                        self._spoils.remove(spoil)
                    self.spoiled[action] += 1
                    return spoil
        return None

    def _is_down(self) -> bool:
        with self._lock:
            return time.monotonic() < self._down_until

    def _record(self, entry: Forwarded) -> None:
        with self._lock:
            self.journal.append(entry)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, proxy: FaultProxy) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.proxy = proxy


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: requests carry parameter values (possibly passwords)."""

    def _handle(self) -> None:
        proxy = self.server.proxy
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if proxy._is_down():
            self.close_connection = True
            return
        params = _params(self.path, body, self.headers.get("Content-Type") or "")
        action = params.get("Action") or self.headers.get("x-acs-action") or ""
        spoil = proxy._take_spoil(action) if action else None
        if spoil is None or spoil.after_commit:
            status, headers, data = self._forward(body)
            proxy._record(Forwarded(action, params, status, _json_or_none(data), spoil is not None))
            if spoil is None:
                self._reply(status, headers, data)
                return
        assert spoil is not None
        if spoil.outage_after:
            proxy.outage(spoil.outage_after)
        if spoil.answer == "drop":
            self.close_connection = True
            return
        self._reply(*_error_answer(spoil.answer, action))

    do_GET = do_POST = _handle

    def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
        with self.server.proxy._lock:
            target = self.server.proxy.target
        conn = http.client.HTTPConnection(target, timeout=60)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            answer = conn.getresponse()
            return answer.status, answer.getheaders(), answer.read()
        finally:
            conn.close()

    def _reply(self, status: int, headers: list[tuple[str, str]], data: bytes) -> None:
        self.send_response(status)
        for key, value in headers:
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _params(path: str, body: bytes, content_type: str) -> dict[str, str]:
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query, True))
    if body and "form-urlencoded" in content_type:
        params.update(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), True))
    return params


def _json_or_none(data: bytes) -> dict[str, Any] | None:
    try:
        document = json.loads(data)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _error_answer(status: int, action: str) -> tuple[int, list[tuple[str, str]], bytes]:
    if status == 502:
        return status, [("Content-Type", "text/html")], _BAD_GATEWAY_PAGE
    code = _ERROR_CODES.get(status, "InternalError")
    document = {
        "RequestId": "FAULT-PROXY-0000",
        "HostId": "emr.aliyuncs.com",
        "Code": code,
        "Message": f"The request processing has failed due to some unknown error ({action}).",
    }
    return (
        status,
        [("Content-Type", "application/json;charset=utf-8")],
        json.dumps(document).encode(),
    )
