"""Reading resource properties as policies receive them.

The engine hands a policy the resource's checked inputs wrapped in pulumi_policy's
unknown-checking proxy: reading a value that is not known yet (preview, or an input computed from
a resource still to be created) raises ``UnknownValueError``. ``snapshot`` copies such a mapping
into plain dicts and lists, replacing each unknown value by ``UNKNOWN``, so that one unknown value
silences only the checks that need it instead of the whole policy.

The JSON fields of a FlowJob accept a structured value or the service's JSON text; the readers
below turn both forms into one shape, so each rule is written once and judges both alike.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Final

from pulumi_policy.proxy import (
    UNKNOWN_ARCHIVE_VALUE,
    UNKNOWN_ARRAY_VALUE,
    UNKNOWN_ASSET_VALUE,
    UNKNOWN_BOOLEAN_VALUE,
    UNKNOWN_NUMBER_VALUE,
    UNKNOWN_OBJECT_VALUE,
    UNKNOWN_STRING_VALUE,
    UnknownValueError,
)

from pulumi_emrflow.specs import get_spec

# The type tokens policies match on are the specs' (``ResourceSpec.type_token``); these names
# are the type tokens, not the specs (``pulumi_emrflow.specs.flow_job.FLOW_JOB`` is the spec).
TYPE_PREFIX: Final = "pulumi-python:dynamic/emrflow:"
FLOW_JOB: Final = get_spec("flow_job").type_token
FLOW_PROJECT: Final = get_spec("flow_project").type_token
FLOW_CATEGORY: Final = get_spec("flow_category").type_token
FLOW_PROJECT_CLUSTER_SETTING: Final = get_spec("flow_project_cluster_setting").type_token

_SENTINELS = frozenset(
    {
        UNKNOWN_ARCHIVE_VALUE,
        UNKNOWN_ARRAY_VALUE,
        UNKNOWN_ASSET_VALUE,
        UNKNOWN_BOOLEAN_VALUE,
        UNKNOWN_NUMBER_VALUE,
        UNKNOWN_OBJECT_VALUE,
        UNKNOWN_STRING_VALUE,
    }
)


class _Unknown:
    """A value not known yet; rules that need it stay silent."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()


def is_unknown(value: Any) -> bool:
    return value is UNKNOWN or (isinstance(value, str) and value in _SENTINELS)


def contains_unknown(value: Any) -> bool:
    if is_unknown(value):
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_unknown(v) for v in value)
    return False


def snapshot(value: Any) -> Any:
    """A plain copy of ``value`` (dicts, lists, scalars) with unknown values as ``UNKNOWN``."""
    if isinstance(value, str):
        return UNKNOWN if value in _SENTINELS else value
    if isinstance(value, Mapping):
        out: dict[Any, Any] = {}
        for key in list(value):
            try:
                item = value[key]
            except UnknownValueError:
                out[key] = UNKNOWN
            else:
                out[key] = snapshot(item)
        return out
    if isinstance(value, Sequence):
        items: list[Any] = []
        for i in range(len(value)):
            try:
                item = value[i]
            except UnknownValueError:
                items.append(UNKNOWN)
            else:
                items.append(snapshot(item))
        return items
    return value


# ---- the JSON fields, structured or as the service's JSON text -------------------------------


def json_object(value: Any) -> dict[str, Any] | _Unknown | None:
    """A dict from a dict or JSON text; None when absent or unreadable (the provider's check
    reports unreadable text)."""
    if is_unknown(value):
        return UNKNOWN
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return dict(value) if isinstance(value, Mapping) else None


def string_map(value: Any) -> dict[str, Any] | _Unknown | None:
    """param_conf / env_conf: ``{name: value}`` from a dict or JSON text."""
    return json_object(value)


_RUN_CONF_KEYS: Final = {"userName": "user_name"}


def run_conf(value: Any) -> dict[str, Any] | _Unknown | None:
    """run_conf as ``{priority, user_name, memory, cores}`` from either form (JSON text uses
    ``userName``)."""
    obj = json_object(value)
    if not isinstance(obj, dict):
        return obj
    return {_RUN_CONF_KEYS.get(k, k): v for k, v in obj.items()}


def custom_variables(value: Any) -> list[Any] | _Unknown | None:
    """custom_variables as a list of ``{name, value, password}`` from the structured list or the
    service's JSON text (``{"variables": [{"name", "value", "properties": {"password": true}}]}``).
    An item that is itself unknown stays ``UNKNOWN`` in the list."""
    if is_unknown(value):
        return UNKNOWN
    if isinstance(value, str):
        obj = json_object(value)
        if not isinstance(obj, dict) or not isinstance(obj.get("variables"), list):
            return None
        out: list[Any] = []
        for item in obj["variables"]:
            if isinstance(item, Mapping):
                props = item.get("properties")
                password = isinstance(props, Mapping) and props.get("password") is True
                out.append(
                    {"name": item.get("name"), "value": item.get("value"), "password": password}
                )
        return out
    if isinstance(value, list):
        return [dict(item) if isinstance(item, Mapping) else UNKNOWN for item in value]
    return None


def alert_items(value: Any) -> list[Any] | _Unknown | None:
    """The ``items`` list of alert_conf (dict or JSON text); None when there is none."""
    obj = json_object(value)
    if not isinstance(obj, dict):
        return obj
    items = obj.get("items")
    if is_unknown(items):
        return UNKNOWN
    return items if isinstance(items, list) else None


def show_number(value: Any) -> str:
    """Config numbers arrive as floats from the engine; show 8.0 as 8."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
