"""Kinds for fields carried as JSON text inside a string parameter (emr-flow-api.md 4.1).

Each accepts a structured input (a dict, a typed object, a list) or raw JSON text, compares by
meaning (``{"a": "1"}`` equals ``'{ "a" : "1" }'``), and reads the service's text back into the
structured form only when that loses nothing (else the text is kept as the service has it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pulumi_emrflow.specs.kinds import Kind, Props, is_integral, show
from pulumi_emrflow.specs.shapes import Shape
from pulumi_emrflow.specs.unknowns import contains_unknown as _has_unknown
from pulumi_emrflow.specs.unknowns import is_unknown as _is_unknown

MAX_DEPTH = 64
"""Deepest nesting accepted in a JSON field: far beyond any real configuration, and well inside
what the parser and the comparisons below can walk without exhausting the stack."""


def loads(text: str) -> Any:
    """Parse JSON text; ValueError (with the reason) for invalid or too deeply nested text."""
    try:
        parsed = json.loads(text)
    except RecursionError:
        raise ValueError(f"is nested more than {MAX_DEPTH} levels deep") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"is not valid JSON ({exc.msg} at position {exc.pos})") from None
    if depth(parsed) > MAX_DEPTH:
        raise ValueError(f"is nested more than {MAX_DEPTH} levels deep")
    return parsed


def depth(value: Any) -> int:
    """How deeply lists and dicts nest in ``value`` (iteratively: any depth is safe to measure)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, Mapping):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if level <= MAX_DEPTH:  # no need to walk further than the limit
            stack.extend((child, level + 1) for child in children)
    return deepest


_SHAPES = ((bool, "a boolean"), (int, "an integer"), (float, "a number"), (str, "a string"))


def shape(value: Any) -> str:
    """What a value is, without any of its content (for fields that may hold secrets)."""
    if value is None:
        return "nothing (None)"
    if isinstance(value, Mapping):
        return "a dict"
    if isinstance(value, list | tuple):
        return "a list"
    return next((text for kind, text in _SHAPES if isinstance(value, kind)), "an object")


def _compact(value: Any) -> str:
    return json.dumps(
        _integral(value),
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
        default=_unknown_text,
    )


def _integral(value: Any) -> Any:
    """``value`` with integral floats as ints: numbers in a dict cross the engine's wire as
    floats (a protobuf Struct), so the program's 10 arrives as 10.0 and must equal the 10 the
    service keeps."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _integral(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integral(v) for v in value]
    return value


def _unknown_text(value: Any) -> str:
    """Unknown values (e.g. the project id of a custom-variables object) compare as unequal."""
    if _is_unknown(value):
        return "<unknown>"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class JsonKind(Kind):
    """A field carried as JSON text; the input is a structured value or raw JSON text."""

    doc_type = "dict | str (JSON text)"
    max_bytes: int | None = None

    def input_type(self) -> str:
        return "Mapping[str, Any] | str"

    def output_type(self) -> str:
        return "dict[str, Any] | str"

    def validate(self, value: Any, ctx: Props) -> str | None:
        if isinstance(value, str):
            try:
                parsed = loads(value)
            except ValueError as exc:
                return str(exc)
            if not isinstance(parsed, dict):
                return f"JSON text must hold an object, got {type(parsed).__name__}"
            reason = self.validate_parsed(parsed)
        elif depth(value) > MAX_DEPTH:
            return f"is nested more than {MAX_DEPTH} levels deep"
        else:
            reason = self.validate_structured(value)
        if reason is None and self.max_bytes is not None and not _has_unknown(value):
            size = len(str(self.to_api(value, ctx)).encode())
            if size > self.max_bytes:
                return f"is {size} bytes as JSON; at most {self.max_bytes} bytes allowed"
        return reason

    def validate_parsed(self, parsed: dict[str, Any]) -> str | None:
        return None

    def validate_structured(self, value: Any) -> str | None:
        if not isinstance(value, Mapping):
            return f"expected a dict or JSON text, got {show(value)}"
        return None

    def to_api(self, value: Any, ctx: Props) -> Any:
        if isinstance(value, str):
            return value
        return json.dumps(self.encode(value, ctx), ensure_ascii=False, separators=(",", ":"))

    def encode(self, value: Any, ctx: Props) -> Any:
        """Structured input form -> the JSON object the API expects."""
        return dict(value)

    def decode(self, obj: Any) -> Any:
        """The API's JSON object -> structured input form (or None when it has no such form)."""
        return obj

    def canonical(self, value: Any, ctx: Props) -> Any:
        if value is None:
            return None
        obj = self._api_object(value, ctx)
        return _compact(self.canonical_object(obj))

    def canonical_object(self, obj: Any) -> Any:
        return obj

    def _api_object(self, value: Any, ctx: Props) -> Any:
        if isinstance(value, str):
            try:
                return loads(value)
            except ValueError:
                return value
        return self.encode(value, ctx)

    def from_api(self, raw: Any) -> Any:
        if raw is None or raw == "":
            return None
        if not isinstance(raw, str):
            if depth(raw) > MAX_DEPTH:
                return raw
            return self.decode_or_text(raw, _compact(raw))
        try:
            obj = loads(raw)
        except ValueError:
            return raw  # kept as the service has it
        return self.decode_or_text(obj, raw)

    def decode_or_text(self, obj: Any, text: str) -> Any:
        """The structured form when it loses nothing, else the JSON text as the service has it."""
        decoded = self.decode(obj)
        if decoded is None:
            return text
        ctx = self.context_of(obj)
        if _compact(self.canonical_object(self.encode(decoded, ctx))) != _compact(
            self.canonical_object(obj)
        ):
            return text
        return decoded

    def context_of(self, obj: Any) -> Props:
        """The properties a decoded value re-encodes with (none, but for custom variables)."""
        return {}

    def is_empty(self, value: Any) -> bool:
        return value is None or value == "" or value == {} or value == "{}"


class JsonObject(JsonKind):
    """Free-form JSON object (monitor_conf, alert_conf)."""

    def __init__(self, max_bytes: int | None = None) -> None:
        self.max_bytes = max_bytes

    def decode(self, obj: Any) -> Any:
        return obj if isinstance(obj, dict) else None


class StringMap(JsonKind):
    """A flat ``str -> str`` object (param_conf, env_conf)."""

    doc_type = "dict[str, str] | str (JSON text)"

    def __init__(self, max_bytes: int | None = None) -> None:
        self.max_bytes = max_bytes

    def input_type(self) -> str:
        return "Mapping[str, pulumi.Input[str]] | str"

    def output_type(self) -> str:
        return "dict[str, str] | str"

    def validate_structured(self, value: Any) -> str | None:
        if not isinstance(value, Mapping):
            return f"expected a dict of strings or JSON text, got {show(value)}"
        for key, item in value.items():
            if not isinstance(key, str) or not (isinstance(item, str) or _is_unknown(item)):
                return f"entry {show(key)}: values must be strings, got {show(item)}"
        return None

    def decode(self, obj: Any) -> Any:
        if isinstance(obj, dict) and all(isinstance(v, str) for v in obj.values()):
            return obj
        return None


_RUN_CONF_KEYS = {
    "priority": "priority",
    "user_name": "userName",
    "memory": "memory",
    "cores": "cores",
}


class RunConf(JsonKind):
    """``{priority, user_name, memory, cores}`` <-> ``{"priority","userName","memory","cores"}``."""

    doc_type = "RunConfArgs | str (JSON text)"

    def __init__(self, shape: Shape) -> None:
        self.shape = shape

    def input_type(self) -> str:
        name = self.shape.name if self.shape else ""
        return f"{name} | {name}Dict | str"

    def validate_structured(self, value: Any) -> str | None:
        if not isinstance(value, Mapping):
            return f"expected a RunConfArgs/dict or JSON text, got {show(value)}"
        extra = sorted(set(value) - set(_RUN_CONF_KEYS))
        if extra:
            return f"unknown key(s) {', '.join(extra)}; allowed: {', '.join(_RUN_CONF_KEYS)}"
        for key in ("priority", "memory", "cores"):
            item = value.get(key)
            if item is None or _is_unknown(item):
                continue
            if not is_integral(item):
                return f"{key} must be an integer, got {show(item)}"
            if key != "priority" and int(item) <= 0:
                return f"{key} must be a positive integer, got {show(item)}"
        user = value.get("user_name")
        if user is not None and not _is_unknown(user) and not isinstance(user, str):
            return f"user_name must be a string, got {show(user)}"
        return None

    def encode(self, value: Any, ctx: Props) -> Any:
        out: dict[str, Any] = {}
        for key, api_key in _RUN_CONF_KEYS.items():
            item = value.get(key)
            if item is not None:
                out[api_key] = int(item) if key != "user_name" else item
        return out

    def decode(self, obj: Any) -> Any:
        if not isinstance(obj, dict):
            return None
        back = {api: key for key, api in _RUN_CONF_KEYS.items()}
        if set(obj) - set(back):
            return None
        return {back[k]: v for k, v in obj.items()}


class CustomVariables(JsonKind):
    """A list of ``{name, value, password}`` <-> the PROJECT-scoped variables object."""

    doc_type = "list[CustomVariableArgs] | str (JSON text)"

    def __init__(self, scope_field: str, shape: Shape) -> None:
        self.scope_field = scope_field
        self.shape = shape

    def input_type(self) -> str:
        name = self.shape.name if self.shape else ""
        return f"Sequence[pulumi.Input[{name} | {name}Dict]] | str"

    def output_type(self) -> str:
        return "list[dict[str, Any]] | str"

    def context_of(self, obj: Any) -> Props:
        """The variables object names its project (``entityId``): re-encode with the same one."""
        if isinstance(obj, dict) and "entityId" in obj:
            return {self.scope_field: obj["entityId"]}
        return {}

    def validate(self, value: Any, ctx: Props) -> str | None:
        if isinstance(value, list | tuple):
            return self.validate_structured(value)
        return super().validate(value, ctx)

    def validate_structured(self, value: Any) -> str | None:
        # No part of the value is quoted (any of it may be a password) but variable names.
        if not isinstance(value, list | tuple):
            return f"expected a list of {{name, value, password}} or JSON text, got {shape(value)}"
        seen: set[str] = set()
        for i, item in enumerate(value):
            if _is_unknown(item):
                continue
            if not isinstance(item, Mapping):
                return f"item {i}: expected a mapping with name, value, password"
            extra = sorted(map(str, set(item) - {"name", "value", "password"}))
            if extra:
                allowed = "name, value, password"
                return (
                    f"item {i}: unknown key(s) {show(', '.join(extra))[1:-1]}; allowed: {allowed}"
                )
            name = item.get("name")
            if _is_unknown(name):
                continue
            if not isinstance(name, str) or not name:
                return f"item {i}: name must be a non-empty string, got {shape(name)}"
            if name in seen:
                return f"item {i}: variable {show(name)} is declared twice"
            seen.add(name)
            val, password = item.get("value"), item.get("password")
            if val is not None and not _is_unknown(val) and not isinstance(val, str):
                return f"item {i} ({name}): value must be a string, got {shape(val)}"
            if password is not None and not isinstance(password, bool):
                return f"item {i} ({name}): password must be true or false, got {shape(password)}"
        return None

    def validate_parsed(self, parsed: dict[str, Any]) -> str | None:
        if not isinstance(parsed.get("variables", []), list):
            return "JSON text: 'variables' must be a list"
        return None

    def encode(self, value: Any, ctx: Props) -> Any:
        variables = []
        for item in value:
            entry: dict[str, Any] = {"name": item["name"], "value": item.get("value") or ""}
            if item.get("password"):
                entry["properties"] = {"password": True}
            variables.append(entry)
        return {"scope": "PROJECT", "entityId": ctx.get(self.scope_field), "variables": variables}

    def canonical_object(self, obj: Any) -> Any:
        if not isinstance(obj, dict) or not isinstance(obj.get("variables"), list):
            return obj
        variables = []
        for v in obj["variables"]:
            if not isinstance(v, dict):
                return obj
            props = dict(v.get("properties") or {})
            if not props.get("password"):
                props.pop("password", None)
            variables.append({**v, "value": v.get("value") or "", "properties": props})
        return {**obj, "variables": variables}

    def decode(self, obj: Any) -> Any:
        if not isinstance(obj, dict) or obj.get("scope", "PROJECT") != "PROJECT":
            return None
        out = []
        for v in obj.get("variables") or []:
            if not isinstance(v, dict) or not isinstance(v.get("name"), str):
                return None
            item: dict[str, Any] = {"name": v["name"], "value": v.get("value", "")}
            if (v.get("properties") or {}).get("password"):
                item["password"] = True
            out.append(item)
        return out

    def holds_secret(self, value: Any) -> bool:
        """True when the value (either form) holds a password variable."""
        obj = value
        if isinstance(value, str):
            try:
                obj = loads(value)
            except ValueError:
                return True  # unknown shape: treat as sensitive
        if isinstance(obj, dict):
            obj = obj.get("variables") or []
        if not isinstance(obj, list):
            return False
        return any(
            isinstance(v, Mapping)
            and (v.get("password") or (v.get("properties") or {}).get("password"))
            for v in obj
        )

    def is_empty(self, value: Any) -> bool:
        return value is None or value == "" or value == []
