"""Typed reading of request parameters, with the gateway's MissingParameter/InvalidParameter.

Everything on the wire is a string; this module turns strings into the Python types the backend
takes, and unflattens ``Name.N`` and ``Name.N.Field`` lists (1-based, emr-flow-api.md 1.4).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .exceptions import invalid_parameter, missing_parameter
from .models import Resource

_BOOLEANS = {"true": True, "false": False}
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")  # bounded so an int always fits SQLite's 64 bits


class Params:
    """The merged request parameters of one call."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self.values = dict(values)

    def __contains__(self, name: str) -> bool:
        return name in self.values

    def required(self, name: str, *, allow_empty: bool = False) -> str:
        """A mandatory value; absent (or empty, unless allowed) is MissingParameter."""
        value = self.values.get(name)
        if value is None or (value == "" and not allow_empty):
            raise missing_parameter(name)
        return value

    def optional(self, name: str) -> str | None:
        return self.values.get(name)

    def optional_nonempty(self, name: str) -> str | None:
        """The value, with an empty string read as "not given" (for filters and references)."""
        return self.values.get(name) or None

    def optional_int(self, name: str) -> int | None:
        """An integer; an empty string is ``None`` (used by Modify to clear a field)."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if not _INTEGER.fullmatch(value):
            raise invalid_parameter(name, value, "expected an integer")
        return int(value)

    def int_or(self, name: str, default: int) -> int:
        value = self.optional_int(name)
        return default if value is None else value

    def optional_bool(self, name: str) -> bool | None:
        """A boolean in any case: Python SDKs send ``True``/``False``, Go ``true``/``false``."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        try:
            return _BOOLEANS[value.lower()]
        except KeyError:
            raise invalid_parameter(name, value, "expected true or false") from None

    def has_list(self, prefix: str) -> bool:
        """Whether any ``prefix.N...`` key (or a bare ``prefix`` meaning "empty list") was sent."""
        return prefix in self.values or any(k.startswith(prefix + ".") for k in self.values)

    def string_list(self, prefix: str) -> list[str]:
        """``prefix.1``, ``prefix.2``, ... in index order."""
        pattern = re.compile(re.escape(prefix) + r"\.([0-9]{1,6})")
        items = [
            (int(m.group(1)), v) for k, v in self.values.items() if (m := pattern.fullmatch(k))
        ]
        return [value for _, value in sorted(items)]

    def resource_list(self, prefix: str = "ResourceList") -> list[Resource]:
        """``prefix.N.Path`` / ``prefix.N.Alias`` entries in index order; Path is mandatory."""
        pattern = re.compile(re.escape(prefix) + r"\.([0-9]{1,6})\.(Path|Alias)")
        entries: dict[int, dict[str, str]] = {}
        for key, value in self.values.items():
            if match := pattern.fullmatch(key):
                entries.setdefault(int(match.group(1)), {})[match.group(2)] = value
        resources = []
        for number, entry in sorted(entries.items()):
            if not entry.get("Path"):
                raise missing_parameter(f"{prefix}.{number}.Path")
            resources.append(Resource(entry["Path"], entry.get("Alias") or None))
        return resources
