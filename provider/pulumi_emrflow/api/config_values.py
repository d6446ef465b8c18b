"""Reading pulumi-alicloud's config values: text, first of several variables, object-valued
keys (Pulumi hands them over as JSON text), required fields and session lengths. Each value says
where it came from, for messages, and empty strings count as unset."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pulumi_emrflow.api.errors import CredentialsError

DEFAULT_SESSION_SECONDS = 3600
SESSION_SECONDS_RANGE = (900, 43200)


def text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def first(env: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        found = text(env.get(name))
        if found is not None:
            return found
    return None


def pick(
    config: Mapping[str, Any], key: str, env: Mapping[str, str], names: tuple[str, ...]
) -> tuple[str, str] | None:
    """The value and where it was found (``stack config KEY`` or the variable's name)."""
    found = text(config.get(key))
    if found is not None:
        return found, f"stack config {key}"
    for name in names:
        found = text(env.get(name))
        if found is not None:
            return found, name
    return None


def config_object(config: Mapping[str, Any], key: str) -> Mapping[str, Any] | None:
    """An object-valued config key: Pulumi hands it over as JSON text."""
    value = config.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = None
    if not isinstance(value, Mapping):
        raise CredentialsError(f'config {key} must be an object such as {{"roleArn": "..."}}')
    return value


def field(
    block: Mapping[str, Any],
    name: str,
    env: Mapping[str, str],
    names: tuple[str, ...],
    prefix: str,
) -> str:
    value = text(block.get(name)) or first(env, names)
    if value is None:
        where = f"{prefix}{name}" if prefix else "it"
        raise CredentialsError(
            f"{where} is not set (nor {', '.join(names)}); set it to use "
            f"{prefix.rstrip('.') or 'the role from the environment'}"
        )
    return value


def session_seconds(value: Any, key: str) -> int:
    """A session length in seconds; 0 or unset means the default, as in pulumi-alicloud."""
    if value is None or value == "" or value == 0 or value == "0":
        return DEFAULT_SESSION_SECONDS
    low, high = SESSION_SECONDS_RANGE
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        seconds = -1
    if not low <= seconds <= high:
        raise CredentialsError(f"{key} must be a number of seconds from {low} to {high}")
    return seconds
