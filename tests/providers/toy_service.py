"""A test-only stand-in for the service behind the toy resource: an HTTP server on a free port
that answers CreateToy / DescribeToy / ModifyToy / DeleteToy as the Flow API answers (JSON,
FLOW_API_FAILED for a missing object) and records every call with its parameters."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


class ToyService:
    def __init__(self) -> None:
        self.toys: dict[str, dict[str, Any]] = {}
        self.calls: list[tuple[str, dict[str, str]]] = []
        self.endpoint = ""

    def answer(self, action: str, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.calls.append((action, params))
        if action == "CreateToy":
            id_ = f"T-{len(self.toys) + 1}"
            self.toys[id_] = {"Id": id_, "Name": params["Name"], "Size": params.get("Size")}
            return 200, {"Id": id_}
        toy = self.toys.get(params.get("Id", ""))
        if toy is None:
            message = f"Toy does not exist [{params.get('Id')}]"
            return 400, {"Code": "FLOW_API_FAILED", "Message": message}
        if action == "DescribeToy":
            return 200, {**toy, "Size": int(toy["Size"]) if toy.get("Size") else None}
        if action == "ModifyToy":
            toy.update({k: v for k, v in params.items() if k in ("Name", "Size", "Status")})
            return 200, {"Data": True}
        if action == "DeleteToy":
            del self.toys[toy["Id"]]
            return 200, {"Data": True}
        return 400, {"Code": "InvalidAction.NotFound", "Message": action}


@contextmanager
def running() -> Iterator[ToyService]:
    service = ToyService()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode()
            params = dict(parse_qsl(urlsplit(self.path).query)) | dict(parse_qsl(body))
            status, answer = service.answer(params.pop("Action", ""), params)
            data = json.dumps({**answer, "RequestId": "toy"}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service.endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield service
    finally:
        server.shutdown()
        server.server_close()
