"""The program as Python source, laid out as ``ruff format`` lays it out (line length 100), so
that the file passes ``ruff format --check`` as written and two exports compare line by line.

The layout rules followed: a value that fits on its line is written on it; a list, dict or call
that does not is exploded one item per line with a trailing comma (which ruff keeps); a string
that does not fit goes in parentheses, split into parts that do. Strings take double quotes
unless that needs more escapes. Widths count East Asian wide characters as two columns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from pulumi_emrflow.export.declarations import Args, Declaration, Program, Ref, Secret

LINE_LENGTH = 100
INDENT = "    "
_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def width(text: str) -> int:
    """Columns ``text`` takes in an editor (and for ruff's line length)."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return total


def _escaped(ch: str, quote: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if ch == quote:
        return "\\" + ch
    if ch.isprintable():
        return ch
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _quote(text: str) -> str:
    return "'" if text.count('"') > text.count("'") else '"'


def string(text: str) -> str:
    quote = _quote(text)
    return quote + "".join(_escaped(ch, quote) for ch in text) + quote


def _string_parts(text: str, room: int) -> list[str]:
    """``text`` as literals of at most ``room`` columns each, broken after newlines and, in a
    long line, after the last space that fits."""
    quote = _quote(text)
    parts: list[str] = []
    current: list[str] = []
    used = 2
    for ch in text:
        piece = _escaped(ch, quote)
        if current and used + width(piece) > room:
            spaces = [i for i, p in enumerate(current) if p == " "]
            cut = spaces[-1] + 1 if spaces and spaces[-1] + 1 < len(current) else len(current)
            parts.append("".join(current[:cut]))
            current = current[cut:]
            used = 2 + sum(width(p) for p in current)
        current.append(piece)
        used += width(piece)
        if ch == "\n":
            parts.append("".join(current))
            current, used = [], 2
    if current or not parts:
        parts.append("".join(current))
    return [quote + p + quote for p in parts]


def flat(value: Any) -> str:
    """``value`` as an expression on one line."""
    if isinstance(value, Ref):
        return value.variable if value.whole else f"{value.variable}.id"
    if isinstance(value, Secret):
        return f"config.require_secret({string(value.key)})"
    if isinstance(value, Args):
        return f"emrflow.{value.type_name}({', '.join(_keywords(value.values))})"
    if isinstance(value, str):
        return string(value)
    if isinstance(value, bool | int | float) or value is None:
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{string(str(k))}: {flat(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flat(v) for v in value) + "]"
    raise TypeError(f"cannot write a {type(value).__name__} as Python source")


def _keywords(values: dict[str, Any]) -> list[str]:
    return [f"{k}={flat(v)}" for k, v in values.items()]


def _items(value: Any) -> tuple[str, list[tuple[str, Any]], str] | None:
    """How an exploded value opens, its items as (prefix, value), how it closes."""
    if isinstance(value, Args):
        return f"emrflow.{value.type_name}(", [(f"{k}=", v) for k, v in value.values.items()], ")"
    if isinstance(value, dict) and value:
        return "{", [(f"{string(str(k))}: ", v) for k, v in value.items()], "}"
    if isinstance(value, list | tuple) and value:
        return "[", [("", v) for v in value], "]"
    return None


def lines(value: Any, depth: int, prefix: str = "", suffix: str = "") -> list[str]:
    """``prefix + value + suffix`` at indentation ``depth``, on as many lines as it needs."""
    indent = INDENT * depth
    one = indent + prefix + flat(value) + suffix
    if width(one) <= LINE_LENGTH:
        return [one]
    inner = INDENT * (depth + 1)
    if isinstance(value, str):
        whole = string(value)
        room = LINE_LENGTH - width(inner)
        parts = [whole] if width(whole) <= room else _string_parts(value, room)
        return [indent + prefix + "(", *(inner + p for p in parts), indent + ")" + suffix]
    shape = _items(value)
    if shape is None:
        return [one]
    opening, items, closing = shape
    out = [indent + prefix + opening]
    for item_prefix, item in items:
        out += lines(item, depth + 1, item_prefix, ",")
    out.append(indent + closing + suffix)
    return out


def declaration(d: Declaration) -> list[str]:
    """``variable = emrflow.Type(`` one argument per line ``)``, its id in a comment above."""
    out = [f"# {d.id}", f"{d.variable} = emrflow.{d.spec.type_name}("]
    out += lines(d.variable, 1, "", ",")
    for name, value in d.args.items():
        out += lines(value, 1, f"{name}=", ",")
    out.append(")")
    return out


def program(p: Program, docstring: Sequence[str]) -> str:
    """The whole ``__main__.py``."""
    body: list[str] = []
    for d in p.declarations:
        body += ["", *declaration(d)]
    projects = [d for d in p.declarations if d.spec.name == "flow_project"]
    if projects:
        body.append("")
        body += [f'pulumi.export("{d.variable}_id", {d.variable}.id)' for d in projects]
    if len(docstring) == 1:
        head = ['"""' + docstring[0] + '"""', ""]
    else:
        head = ['"""' + docstring[0], *docstring[1:], '"""', ""]
    if projects or p.secrets:
        head.append("import pulumi")
    head.append("import pulumi_emrflow as emrflow")  # the same import section as pulumi
    if p.secrets:
        head += ["", "config = pulumi.Config()"]
    text = "\n".join(head + body) + "\n"
    if any(ord(ch) > 127 for ch in text):
        # Names and texts are the service's as typed in its console (full-width punctuation
        # included): ruff's ambiguous-character rule would flag what is meant. Which characters
        # it flags is ruff's table, so the file says both (RUF100: the exemption may go unused).
        text = "# ruff: noqa: RUF001, RUF100\n" + text
    return text
