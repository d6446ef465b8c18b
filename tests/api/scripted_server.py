"""Test doubles for the client: a scripted HTTP server and a clock that moves only when slept."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from pulumi_emrflow.api.retry import RetryPolicy

SECRET = "TEST-secret/with+odd=chars"
TOKEN = "STS-token/with+odd=chars=="


@dataclass
class Reply:
    status: int = 200
    body: Any = field(default_factory=lambda: {"RequestId": "REQ-OK", "Data": True})
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


DROP = "drop"
"""Read the request, then close the connection without answering."""


@dataclass
class Seen:
    method: str
    query: dict[str, str]
    body: dict[str, str]
    headers: dict[str, str]
    peer: int = 0


class ScriptedServer:
    """Answers each request with the next scripted step (a Reply or DROP), then 200s."""

    def __init__(self) -> None:
        self.script: deque[Reply | str] = deque()
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                seen = Seen(
                    self.command,
                    dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True)),
                    dict(parse_qsl(raw, keep_blank_values=True)),
                    {k.lower(): v for k, v in self.headers.items()},
                    self.client_address[1],
                )
                with server._lock:
                    server.seen.append(seen)
                    step = server.script.popleft() if server.script else Reply()
                if step == DROP or not isinstance(step, Reply):
                    self.close_connection = True
                    return
                if step.delay:
                    time.sleep(step.delay)
                payload = (
                    step.body if isinstance(step.body, bytes) else json.dumps(step.body).encode()
                )
                try:
                    self.send_response(step.status)
                    for name, value in step.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    # A client that timed out has closed the connection: nothing to answer.
                    self.close_connection = True

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class FakeClock:
    """A monotonic clock that only moves when ``sleep`` is called; records the sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def fake_policy(clock: FakeClock, **overrides: Any) -> RetryPolicy:
    settings: dict[str, Any] = {
        "max_attempts": 4,
        "deadline": 60.0,
        "sleep": clock.sleep,
        "random": lambda: 0.5,
        "clock": clock,
    }
    settings.update(overrides)
    return RetryPolicy(**settings)
