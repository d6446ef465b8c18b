"""Value kinds: how one field's value is validated, sent, compared and read back.

A kind is a small strategy object. Every method is pure and receives ``ctx``, the whole property
bag of the resource, for the few kinds whose wire form depends on another field (custom
variables carry the project id). The four views of a value:

- the *input form*: what a program passes (and what state stores), e.g. ``run_conf`` as
  ``{"priority": 1, "user_name": "hadoop"}`` or as raw JSON text;
- the *API form*: what ``EmrClient.call`` takes (a string, an int, a list of mappings);
- the *canonical form*: what two values are compared by, so ``{"a": "1"}`` equals ``'{"a":"1"}'``;
- the *read form*: the input form rebuilt from a Describe answer (``from_api``).

A value that is unknown as a whole never reaches a kind (the spec skips it); kinds skip unknown
items inside structures (a resource path, a variable value) when validating.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_emrflow.specs.shapes import Shape
from pulumi_emrflow.specs.unknowns import is_unknown as _is_unknown

Props = Mapping[str, Any]

JAVA_LONG_MAX = 2**63 - 1
"""The largest value of the API's ``Long`` parameters."""


def show(value: Any, limit: int = 60) -> str:
    """A short printable rendering of a bad value for an error message."""
    return clip(repr(value), limit)


def clip(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, so no message grows with an input."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


class Kind:
    """Base kind: a plain string."""

    doc_type = "str"
    clear_value: Any = ""
    """What Modify is sent when an optional field is removed, so the removal really clears it."""
    text_valued = True
    """Its values are strings (JSON kinds: or text), so ``""`` is a value: an empty one."""
    shape: Shape | None = None
    """The structure of the items or object it takes, when it has one (written as Args)."""

    def input_type(self) -> str:
        """The Python annotation a program's value has (inside ``pulumi.Input[...]``)."""
        return "str"

    def output_type(self) -> str:
        """The Python type of the output value."""
        return self.input_type()

    def validate(self, value: Any, ctx: Props) -> str | None:
        if not isinstance(value, str):
            return f"expected a string, got {show(value)}"
        return None

    def coerce(self, value: Any) -> Any:
        """Normalise a valid input for state (e.g. 3.0 -> 3); the input form is kept."""
        return value

    def to_api(self, value: Any, ctx: Props) -> Any:
        return value

    def canonical(self, value: Any, ctx: Props) -> Any:
        return value

    def from_api(self, raw: Any) -> Any:
        return raw

    def is_empty(self, value: Any) -> bool:
        """True for what the service reports for a field that was never set."""
        return value is None or value == ""

    def holds_secret(self, value: Any) -> bool:
        """For a field marked secret: whether this (known) value must be kept secret."""
        return True


class Text(Kind):
    """A string, at most ``max_length`` characters when given."""

    def __init__(self, max_length: int | None = None) -> None:
        self.max_length = max_length

    def validate(self, value: Any, ctx: Props) -> str | None:
        reason = super().validate(value, ctx)
        if reason is None and self.max_length is not None and len(value) > self.max_length:
            return f"is {len(value)} characters long; at most {self.max_length} allowed"
        return reason


class Name(Text):
    """An object's name: some visible text, no control characters (what a console can show)."""

    def validate(self, value: Any, ctx: Props) -> str | None:
        reason = super().validate(value, ctx)
        if reason is not None:
            return reason
        if not value.strip():
            return "must have visible characters, not only spaces"
        if any(unicodedata.category(ch) == "Cc" for ch in value):
            return "must not contain control characters (tab, newline, NUL, ...)"
        return None


class ObjectId(Kind):
    """The id of another object (``FP-...``, ``C-...``): a string with ``prefix``, no spaces.

    ``root`` is what the service reports for "no object" (a top-level folder's ``ParentId`` is
    ``root_parent``): it reads back as unset, and a program may not pass it.
    """

    def __init__(self, prefix: str, what: str, root: str | None = None) -> None:
        self.prefix = prefix
        self.what = what
        self.root = root
        self.doc_type = "str"

    def validate(self, value: Any, ctx: Props) -> str | None:
        if not isinstance(value, str):
            return f"expected the id of {self.what} ({self.prefix}...), got {show(value)}"
        if self.root is not None and value == self.root:
            return f"{value!r} is how the service reports the top level; leave it unset instead"
        if not value.startswith(self.prefix) or value != value.strip() or " " in value:
            return f"{show(value)} is not the id of {self.what}; expected {self.prefix}..."
        return None

    def from_api(self, raw: Any) -> Any:
        if raw is None or raw == "" or (self.root is not None and raw == self.root):
            return None
        return raw


class StringList(Kind):
    """A list of distinct non-empty strings, sent as ``Name.1``, ``Name.2``, ... in the order
    given; Describe answers with ``{"<item_key>": [...]}``. Order is significant (it is kept)."""

    doc_type = "list[str]"
    text_valued = False
    clear_value = None  # an empty list sends no parameter at all: removing every entry replaces

    def __init__(self, item_key: str) -> None:
        self.item_key = item_key

    def input_type(self) -> str:
        return "Sequence[pulumi.Input[str]]"

    def output_type(self) -> str:
        return "list[str]"

    def validate(self, value: Any, ctx: Props) -> str | None:
        if not isinstance(value, list | tuple):
            return f"expected a list of strings, got {show(value)}"
        seen: set[str] = set()
        for i, item in enumerate(value):
            if _is_unknown(item):
                continue
            if not isinstance(item, str) or not item.strip():
                return f"item {i}: expected a non-empty string, got {show(item)}"
            if item in seen:
                return f"item {i}: {show(item)} is listed twice"
            seen.add(item)
        return None

    def coerce(self, value: Any) -> Any:
        return list(value)

    def to_api(self, value: Any, ctx: Props) -> Any:
        return list(value)

    def canonical(self, value: Any, ctx: Props) -> Any:
        return tuple(value or ())

    def from_api(self, raw: Any) -> Any:
        if isinstance(raw, Mapping):
            raw = raw.get(self.item_key, [])
        if isinstance(raw, str):
            raw = [raw]
        items = [str(item) for item in raw or []]
        return items or None

    def is_empty(self, value: Any) -> bool:
        return not value


class Choice(Kind):
    def __init__(self, *values: str) -> None:
        self.values = values
        self.doc_type = "str"

    def input_type(self) -> str:
        return "Literal[" + ", ".join(f'"{v}"' for v in self.values) + "]"

    def output_type(self) -> str:
        return "str"

    def validate(self, value: Any, ctx: Props) -> str | None:
        if value not in self.values:
            return f"{show(value)} is not allowed; expected one of {'|'.join(self.values)}"
        return None


class Integer(Kind):
    doc_type = "int"
    text_valued = False
    clear_value = 0

    def input_type(self) -> str:
        return "int"

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low = low
        self.high = high

    def validate(self, value: Any, ctx: Props) -> str | None:
        ok = (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()
        )
        if not ok:
            return f"expected an integer, got {show(value)}"
        number = int(value)
        if (self.low is not None and number < self.low) or (
            self.high is not None and number > self.high
        ):
            return f"{number} is out of range; expected {self.range_text}"
        return None

    @property
    def range_text(self) -> str:
        if self.low is not None and self.high == JAVA_LONG_MAX:
            return f"an integer >= {self.low} (at most 2^63-1, the API's Long)"
        if self.low is not None and self.high is not None:
            return f"an integer from {self.low} to {self.high}"
        if self.low is not None:
            return f"an integer >= {self.low}"
        return "an integer"

    def coerce(self, value: Any) -> Any:
        return int(value)

    def canonical(self, value: Any, ctx: Props) -> Any:
        return None if value is None else int(value)

    def from_api(self, raw: Any) -> Any:
        if raw is None or raw == "":
            return None
        return int(raw)

    def is_empty(self, value: Any) -> bool:
        return value is None or value == "" or value == 0


class Boolean(Kind):
    doc_type = "bool"
    text_valued = False
    clear_value = False

    def input_type(self) -> str:
        return "bool"

    def validate(self, value: Any, ctx: Props) -> str | None:
        if not isinstance(value, bool):
            return f"expected true or false, got {show(value)}"
        return None

    def from_api(self, raw: Any) -> Any:
        # DescribeFlowJob reports Adhoc as the string "true"/"false".
        if isinstance(raw, str):
            return raw.strip().lower() == "true"
        return None if raw is None else bool(raw)

    def is_empty(self, value: Any) -> bool:
        return value is None or value is False or value == "false"


class ResourceList(Kind):
    """A list of ``{path, alias}``; paths must start with one of ``schemes``."""

    doc_type = "list[{path, alias}]"
    text_valued = False
    clear_value = None  # an empty list cannot be expressed on the wire: removal replaces

    def __init__(self, schemes: Sequence[str], shape: Shape) -> None:
        self.schemes = tuple(schemes)
        self.shape = shape

    def input_type(self) -> str:
        name = self.shape.name if self.shape else ""
        return f"Sequence[pulumi.Input[{name} | {name}Dict]]"

    def output_type(self) -> str:
        return "list[dict[str, Any]]"

    def validate(self, value: Any, ctx: Props) -> str | None:
        if not isinstance(value, list | tuple):
            return f"expected a list of {{path, alias}}, got {show(value)}"
        for i, item in enumerate(value):
            reason = self._item_problem(item)
            if reason:
                return f"item {i}: {reason}"
        return None

    def _item_problem(self, item: Any) -> str | None:
        if _is_unknown(item):
            return None
        if not isinstance(item, Mapping):
            return f"expected a mapping with path and alias, got {show(item)}"
        allowed = self.shape.names if self.shape else ()
        extra = sorted(set(item) - set(allowed))
        if extra:
            return f"unknown key(s) {', '.join(extra)}; allowed: {', '.join(allowed)}"
        path, alias = item.get("path"), item.get("alias")
        if _is_unknown(path):
            pass
        elif not isinstance(path, str) or not path.startswith(self.schemes):
            return f"path {show(path)} must start with {' or '.join(self.schemes)}"
        if alias is not None and not _is_unknown(alias) and not isinstance(alias, str):
            return f"alias must be a string, got {show(alias)}"
        return None

    def to_api(self, value: Any, ctx: Props) -> Any:
        return [
            {"Path": item["path"], **({"Alias": item["alias"]} if item.get("alias") else {})}
            for item in value
        ]

    def canonical(self, value: Any, ctx: Props) -> Any:
        if not value:
            return []
        return [(item.get("path"), item.get("alias") or None) for item in value]

    def from_api(self, raw: Any) -> Any:
        if isinstance(raw, Mapping):
            raw = raw.get("Resource", [])
        items = [
            {"path": r.get("Path"), "alias": r.get("Alias") or None}
            for r in raw or []
            if isinstance(r, Mapping)
        ]
        return items or None

    def is_empty(self, value: Any) -> bool:
        return not value


def is_integral(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
