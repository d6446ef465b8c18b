"""Rendering of answers as the gateway writes them: flat PascalCase JSON, or XML.

A body is a dict of field to value, where a value is a scalar, a nested dict (a struct, or a list
wrapper such as ``{"Job": [...]}``), or a list (rendered in XML as one element per item, all
named after the enclosing key, so ``{"JobList": {"Job": [a, b]}}`` becomes
``<JobList><Job>a</Job><Job>b</Job></JobList>``). ``None`` values are left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

JSON_CONTENT_TYPE = "application/json;charset=utf-8"
XML_CONTENT_TYPE = "text/xml;charset=utf-8"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

# Characters XML 1.0 cannot carry even escaped; a stored value may hold them (a job's Params can
# be any text), so they are replaced rather than producing a document no parser accepts.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def pruned(body: Mapping[str, Any]) -> dict[str, Any]:
    """The body without ``None`` values, recursively."""
    out: dict[str, Any] = {}
    for key, value in body.items():
        if value is None:
            continue
        if isinstance(value, Mapping):
            value = pruned(value)
        elif isinstance(value, list):
            value = [pruned(v) if isinstance(v, Mapping) else v for v in value]
        out[key] = value
    return out


def to_json(body: Mapping[str, Any]) -> bytes:
    return json.dumps(pruned(body), ensure_ascii=False, separators=(",", ":")).encode()


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(_XML_ILLEGAL.sub("\ufffd", str(value)))


def _element(name: str, value: object, out: list[str]) -> None:
    if isinstance(value, list):
        for item in value:
            _element(name, item, out)
        return
    out.append(f"<{name}>")
    if isinstance(value, Mapping):
        for key, child in value.items():
            _element(key, child, out)
    else:
        out.append(_scalar(value))
    out.append(f"</{name}>")


def to_xml(root: str, body: Mapping[str, Any]) -> bytes:
    """``body`` as the children of ``<root>``, after the XML declaration."""
    out = [XML_DECLARATION]
    _element(root, pruned(body), out)
    return "".join(out).encode()
