"""Recognising values that are not known yet (preview, or inputs from resources being created).

The dynamic provider server hands ``pulumi.output.Unknown`` instances to check and diff (it
deserializes with ``keep_unknowns=True``); the raw wire sentinel ``rpc.UNKNOWN`` (a UUID string)
is recognised too, in case a value reaches us undeserialized.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi.output import Unknown

UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
"""``pulumi.runtime.rpc.UNKNOWN``, repeated here so this module stays import-light."""


def is_unknown(value: Any) -> bool:
    return isinstance(value, Unknown) or (isinstance(value, str) and value == UNKNOWN_SENTINEL)


def contains_unknown(value: Any) -> bool:
    if is_unknown(value):
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknown(v) for v in value)
    return False
