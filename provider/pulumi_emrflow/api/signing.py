"""Alibaba Cloud RPC request signing, SignatureVersion 1.0 (HMAC-SHA1).

The client signs with it and the emulator verifies with it; the official SDKs are the independent
check on both (tests/api/test_signing.py). Reference: emr-flow-api.md section 2.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Mapping

SIGNATURE_METHOD = "HMAC-SHA1"
SIGNATURE_VERSION = "1.0"

# Most names and many values (ids, enums, numbers) need no encoding at all; skipping it for
# them halves the cost of signing and of verifying in the emulator.
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")
# Every other UTF-8 byte becomes %XY; mapping the bytes through this table runs in C, where
# quote() loops in Python over every byte (the canonicalized query is encoded a second time whole).
_BYTE_ESCAPES = tuple(
    chr(byte) if byte < 128 and _UNRESERVED.fullmatch(chr(byte)) else f"%{byte:02X}"
    for byte in range(256)
)
_escape_byte = _BYTE_ESCAPES.__getitem__


def percent_encode(value: str) -> str:
    """Encode as the RPC signature requires: RFC 3986 unreserved characters kept, UTF-8 bytes as
    upper-case %XY otherwise (space is %20, never +)."""
    if _UNRESERVED.fullmatch(value):
        return value
    return "".join(map(_escape_byte, value.encode()))


def canonicalized_query(params: Mapping[str, str]) -> str:
    """Sorted, encoded ``name=value`` pairs joined with ``&``; ``Signature`` itself is left out."""
    return "&".join(
        f"{percent_encode(name)}={percent_encode(params[name])}"
        for name in sorted(params)
        if name != "Signature"
    )


def string_to_sign(method: str, params: Mapping[str, str]) -> str:
    """``METHOD&%2F&`` followed by the canonicalized query, encoded a second time."""
    return string_to_sign_for(method, canonicalized_query(params))


def string_to_sign_for(method: str, canonicalized: str) -> str:
    """The string to sign for an already canonicalized query (for callers that encode each pair
    once for both the signature and the wire)."""
    return f"{method.upper()}&%2F&{percent_encode(canonicalized)}"


def sign_string(text: str, access_key_secret: str) -> str:
    """Base64 HMAC-SHA1 of ``text`` keyed by the secret plus ``&`` (the SDKs always append it)."""
    key = (access_key_secret + "&").encode()
    digest = hmac.new(key, text.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def signature(method: str, params: Mapping[str, str], access_key_secret: str) -> str:
    """The ``Signature`` value for a request sent with ``method`` carrying ``params``."""
    return sign_string(string_to_sign(method, params), access_key_secret)


def signatures_match(expected: str, received: str) -> bool:
    """Constant-time comparison, so a verifier leaks nothing through timing."""
    return hmac.compare_digest(expected.encode(), received.encode())
