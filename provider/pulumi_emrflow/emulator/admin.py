"""The unsigned control plane under ``/__emulator/`` (like moto's ``/moto-api/``).

- ``GET /__emulator/faults``: the fault settings as JSON.
- ``POST /__emulator/faults``: a JSON object of settings to change; answers the new settings.
- ``GET /__emulator/counters``: ``{"requests": {action: n}, "throttled", "errors", "dropped"}``.
- ``POST /__emulator/reset``: forget all resources (seeded clusters stay), faults, counters and
  nonces.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .faults import Faults
from .protocol import Reply

PREFIX = "/__emulator/"


def _json(status: int, document: Any) -> Reply:
    body = json.dumps(document).encode()
    return Reply(status, {"Content-Type": "application/json;charset=utf-8"}, body)


class Admin:
    """Answers admin requests; ``reset`` is the Emulator's full reset."""

    def __init__(self, faults: Faults, reset: Callable[[], None]) -> None:
        self.faults = faults
        self.reset = reset

    def handle(self, method: str, path: str, body: bytes) -> Reply:
        route = (method.upper(), path.split("?", 1)[0].rstrip("/"))
        if route == ("GET", "/__emulator/faults"):
            return _json(200, self.faults.config.to_dict())
        if route == ("POST", "/__emulator/faults"):
            return self._set_faults(body)
        if route == ("GET", "/__emulator/counters"):
            return _json(200, self.faults.counters())
        if route == ("POST", "/__emulator/reset"):
            self.reset()
            return _json(200, {"reset": True})
        return _json(404, {"error": f"no admin route {route[0]} {route[1]}"})

    def _set_faults(self, body: bytes) -> Reply:
        try:
            changes = json.loads(body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, ValueError, RecursionError):
            return _json(400, {"error": "the body must be a JSON object"})
        if not isinstance(changes, dict):
            return _json(400, {"error": "the body must be a JSON object"})
        try:
            return _json(200, self.faults.update(**changes).to_dict())
        except (TypeError, ValueError) as error:
            return _json(400, {"error": str(error)})
