"""Run a golden program under ``pulumi.runtime.set_mocks`` and list what it registered.

This module uses only the Pulumi SDK, so the recorder can run it against an old release's package
(``PYTHONPATH=<release>/provider``) and the tests against today's: the same program, each
version's resource classes. Ids come from ``ids`` (resource name -> id) or are placeholders
``<<id:NAME>>`` that the recorder replaces with the ids the provider returned.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Mapping
from typing import Any

import pulumi
from pulumi.runtime import rpc
from pulumi.runtime.settings import set_root_resource

PROVIDER_KEY = "__provider"


def placeholder(name: str) -> str:
    return f"<<id:{name}>>"


def replace_strings(value: Any, replacements: Mapping[str, str]) -> Any:
    """``value`` with each key of ``replacements`` replaced by its value in every string in it
    (ids of a recording mapped onto ids of today, placeholders onto ids)."""
    if isinstance(value, str):
        for old, new in replacements.items():
            value = value.replace(old, new)
        return value
    if isinstance(value, dict):
        return {k: replace_strings(v, replacements) for k, v in value.items()}
    if isinstance(value, list):
        return [replace_strings(v, replacements) for v in value]
    return value


def _plain(value: Any) -> Any:
    if rpc.is_rpc_secret(value):
        return _plain(rpc.unwrap_rpc_secret(value))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Recorder(pulumi.runtime.Mocks):
    def __init__(self, ids: Mapping[str, str]) -> None:
        self.ids = ids
        self.registered: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        secret = sorted(k for k, v in args.inputs.items() if rpc.is_rpc_secret(v))
        inputs = _plain(dict(args.inputs))
        id_ = args.resource_id or self.ids.get(args.name) or placeholder(args.name)
        with self._lock:
            self.registered.append(
                {
                    "name": args.name,
                    "type": args.typ,
                    "get": bool(args.resource_id),
                    "program_inputs": inputs,
                    "secret_inputs": [k for k in secret if k != PROVIDER_KEY],
                }
            )
        return id_, dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
        return {}, None


def capture(
    program: Callable[[], None], ids: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """What ``program`` registers, in registration order (dependencies first)."""
    mocks = _Recorder(ids or {})
    set_root_resource(None)  # type: ignore[arg-type]
    pulumi.runtime.set_mocks(mocks, project="golden", stack="golden", preview=False)

    @pulumi.runtime.test  # type: ignore[misc]
    def body() -> None:
        program()

    body()
    return mocks.registered


def main() -> None:
    """``python golden_capture.py MODULE CASE CHANGED``: print the registrations as JSON."""
    import importlib

    module, case, changed = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    program = importlib.import_module(module).CASES[case]
    print(json.dumps(capture(lambda: program(changed))))


if __name__ == "__main__":
    main()
